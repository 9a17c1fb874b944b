import { describe, expect, it } from 'vitest';
import { measureParquetWrite } from '../../bench/parquetWrite';

describe('parquet-write benchmark', () => {
  it('converts the rows it was asked for and reports both files’ sizes', async () => {
    const m = await measureParquetWrite({ agents: 1000, ticks: 366 });
    expect(m).toMatchObject({ work: 1000, unit: 'rows', extra: { rowsPerBatch: 366 } });
    const { arrowMb, parquetMb, sizeRatio } = m.extra as Record<string, number>;
    expect(arrowMb).toBeGreaterThan((1000 * (2 * 4 + 20 * 8)) / 1e6);
    expect(sizeRatio).toBeCloseTo(parquetMb / arrowMb, 12);
    expect(sizeRatio).toBeLessThan(1);
  });
});

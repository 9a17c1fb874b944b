import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readArrowFile, readColumns } from '../../src/io/arrowReader';
import { ArrowFileWriter, type ColumnSpec } from '../../src/io/arrowWriter';
import { BatchCoalescer, MIN_BATCH_ROWS } from '../../src/io/batchCoalescer';

const root = mkdtempSync(join(tmpdir(), 'tokensim-coalesce-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A summary-like table: run_id and 40 nullable float64 KPIs (480 bytes a row with validity, as in the wide summaries). */
const KPIS: ColumnSpec[] = [{ name: 'run_id', kind: 'int32' }, ...Array.from({ length: 40 }, (_, k): ColumnSpec => ({ name: `kpi_${k}`, kind: 'float64', nullable: true }))];
const row = (id: number) => Object.fromEntries(KPIS.map((c, k) => [c.name, k === 0 ? Int32Array.of(id) : [id % 7 === 0 && c.name === 'kpi_3' ? null : id + k / 100]]));

/** Writes `runs` one-row batches to a new file, through a coalescer or straight; returns its path. */
async function writeRows(runs: number, coalesce: boolean): Promise<string> {
  const path = join(root, `t${n++}.arrow`);
  const w = await ArrowFileWriter.open(path, KPIS);
  const c = new BatchCoalescer(w, KPIS);
  for (let id = 0; id < runs; id++) await (coalesce ? c.add(row(id), 1) : w.writeBatch(row(id), 1));
  await c.flush();
  await w.close();
  return path;
}

describe('gathering small batches', () => {
  it(`writes batches of ${MIN_BATCH_ROWS} rows (the last one shorter), holding every value and null`, async () => {
    const path = await writeRows(2500, true);
    const { numBatches, numRows, table } = readArrowFile(path);
    expect([numBatches, numRows]).toEqual([3, 2500]);
    expect(table.batches.map((b) => b.numRows)).toEqual([1024, 1024, 452]);
    const cols = readColumns(path);
    expect(cols.run_id).toEqual([...Array(2500).keys()]);
    expect(cols.kpi_3[7]).toBeNull();
    expect(cols.kpi_3[8]).toBeCloseTo(8.04, 12);
    expect(cols.kpi_39[2499]).toBeCloseTo(2499.4, 12);
  });

  it('keeps a table of one row per run small: a few bytes of overhead a row, where one batch a row costs kilobytes', async () => {
    const perRow = (p: string) => statSync(p).size / 2000;
    const gathered = perRow(await writeRows(2000, true));
    const single = perRow(await writeRows(2000, false));
    expect(gathered).toBeLessThan(400);
    expect(single).toBeGreaterThan(2000);
  });

  it('lets a batch big enough on its own straight through, and gathers what follows', async () => {
    const path = join(root, 'big.arrow');
    const cols: ColumnSpec[] = [{ name: 'x', kind: 'float64' }, { name: 's', kind: 'utf8', nullable: true }];
    const w = await ArrowFileWriter.open(path, cols);
    const c = new BatchCoalescer(w, cols);
    await c.add({ x: new Float64Array(1500).fill(1), s: Array(1500).fill('a') }, 1500);
    await c.add({ x: Float64Array.of(2), s: [null] }, 1);
    await c.add({ x: [3], s: ['c'] }, 1);
    await c.flush();
    await w.close();
    expect(readArrowFile(path).table.batches.map((b) => b.numRows)).toEqual([1500, 2]);
    expect(readColumns(path).s.slice(1499)).toEqual(['a', null, 'c']);
  });

  it('refuses a null in a column that may not hold one, naming it', async () => {
    const w = await ArrowFileWriter.open(join(root, 'bad.arrow'), KPIS);
    const c = new BatchCoalescer(w, KPIS);
    await expect(c.add({ ...row(1), run_id: [null] }, 1)).rejects.toThrow(/column 'run_id' is not nullable but row 0 is null/);
    await w.close();
  });
});

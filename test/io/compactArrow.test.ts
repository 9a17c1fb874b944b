import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readArrowFile } from '../../src/io/arrowReader';
import { ArrowFileWriter, type ColumnData, type ColumnSpec } from '../../src/io/arrowWriter';
import { BatchCoalescer } from '../../src/io/batchCoalescer';
import { compactArrowFile } from '../../src/io/compactArrow';

const root = mkdtempSync(join(tmpdir(), 'tokensim-compact-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const COLUMNS: ColumnSpec[] = [
  { name: 'run_id', kind: 'int32' },
  { name: 'status', kind: 'utf8' },
  { name: 'error', kind: 'utf8', nullable: true },
  { name: 'kpi', kind: 'float64', nullable: true },
];
/** Run `id`'s rows: one, or 1,100 for every 500th run (a batch big enough to pass straight through). */
function rows(id: number): { data: Record<string, ColumnData>; length: number } {
  const n = id % 500 === 0 ? 1100 : 1;
  return {
    data: { run_id: new Int32Array(n).fill(id), status: Array(n).fill(id % 3 ? 'ok' : 'failed'), error: Array(n).fill(id % 3 ? null : 'boom'), kpi: Array.from({ length: n }, (_, i) => (id % 7 ? id + i / 8 : null)) },
    length: n,
  };
}

/** Writes runs 0..2599 to `path`, each as its own batch or through a coalescer. */
async function write(path: string, gather: boolean): Promise<void> {
  const w = await ArrowFileWriter.open(path, COLUMNS);
  const c = new BatchCoalescer(w, COLUMNS);
  for (let id = 0; id < 2600; id++) {
    const r = rows(id);
    await (gather ? c.add(r.data, r.length) : w.writeBatch(r.data, r.length));
  }
  await c.flush();
  await w.close();
}

describe('compactArrowFile', () => {
  it('rewrites a file of small batches byte for byte as a coalescer writes the same batches', async () => {
    const [single, gathered, compacted] = ['single', 'gathered', 'compacted'].map((n) => join(root, `${n}.arrow`));
    await write(single, false);
    await write(gathered, true);
    await compactArrowFile(single, compacted, COLUMNS);
    expect(readArrowFile(single).numBatches).toBe(2600);
    expect(readArrowFile(compacted).numBatches).toBeLessThan(12);
    expect(Buffer.compare(readFileSync(compacted), readFileSync(gathered))).toBe(0);
  });
});

import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JOURNAL, journalRun, partialName, readJournal, startJournal } from '../../src/experiment/journal';
import type { Rows, TableLayout } from '../../src/experiment/layout';
import { Assembler } from '../../src/experiment/output';
import { listParts, readPart } from '../../src/experiment/parts';
import { recoverJournal } from '../../src/experiment/recover';

const root = mkdtempSync(join(tmpdir(), 'tokensim-recover-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TABLES: TableLayout[] = [
  { name: 'runs', extra: false, columns: [{ name: 'run_id', kind: 'int32' }, { name: 'status', kind: 'utf8' }, { name: 'error', kind: 'utf8', nullable: true }] },
  { name: 'events', extra: true, columns: [{ name: 'run_id', kind: 'int32' }, { name: 'x', kind: 'float64' }] },
];
const HASH = 'a'.repeat(64);
const TAG = '4242-abcdef01';

/** Run `id`'s rows: one runs row, and two events rows for odd ids only (an extra table skips runs without rows). */
function rowsOf(id: number): Rows[] {
  const n = id % 2 ? 2 : 0;
  return [
    { data: { run_id: Int32Array.of(id), status: [id === 3 ? 'failed' : 'ok'], error: [id === 3 ? 'boom' : null] }, length: 1 },
    { data: { run_id: new Int32Array(n).fill(id), x: Float64Array.from({ length: n }, (_, i) => id + i / 4) }, length: n },
  ];
}

/** Writes runs 0..count-1 the way a one-thread run does, journaling `journaled` of them; closes the files when `close`. */
async function writeDirect(dir: string, count: number, journaled: number, close: boolean): Promise<void> {
  const a = await Assembler.open(dir, TABLES, HASH, TAG);
  startJournal(dir, TABLES, HASH, TAG);
  for (let id = 0; id < count; id++) {
    await a.appendRows(rowsOf(id));
    if (id < journaled) journalRun(dir, id, a.sizes(), a.digests());
  }
  if (close) await a.close();
}

/** Returns a column as a plain array, for comparing. */
const list = (c: ArrayLike<unknown>): unknown[] => Array.from(c);

/** Expects `dir`'s parts to be exactly runs 0..count-1 with the rows written. */
function expectParts(dir: string, count: number): void {
  expect(listParts(dir)).toEqual([...Array(count).keys()]);
  for (let id = 0; id < count; id++) {
    const [runs, events] = rowsOf(id);
    const [got, ev] = readPart(dir, id, HASH, TABLES);
    expect(got.length).toBe(1);
    expect(list(got.data.run_id)).toEqual([id]);
    expect(list(got.data.status)).toEqual(runs.data.status);
    expect(list(got.data.error)).toEqual(runs.data.error);
    expect(ev.length).toBe(events.length);
    expect(list(ev.data.x)).toEqual(list(events.data.x));
  }
}

describe('recoverJournal', () => {
  it('recovers every journaled run from files never closed (a kill), then removes the journal and the .partial files', async () => {
    const dir = mkdtempSync(join(root, 'killed-'));
    await writeDirect(dir, 5, 5, false);
    expect(await recoverJournal(dir, TABLES, HASH, null)).toBe(5);
    expectParts(dir, 5);
    expect(existsSync(join(dir, JOURNAL))).toBe(false);
    expect(existsSync(join(dir, partialName('runs', TAG)))).toBe(false);
  });

  it('recovers from closed files (an interrupt that closed them) the same way', async () => {
    const dir = mkdtempSync(join(root, 'closed-'));
    await writeDirect(dir, 4, 4, true);
    expect(await recoverJournal(dir, TABLES, HASH, null)).toBe(4);
    expectParts(dir, 4);
  });

  it('keeps only journaled runs: bytes written after the last journal line, and a line cut short, are ignored', async () => {
    const dir = mkdtempSync(join(root, 'torn-'));
    await writeDirect(dir, 5, 3, false);
    appendFileSync(join(dir, JOURNAL), '3 99');
    expect(readJournal(dir, TABLES)!.entries.map((e) => e.runId)).toEqual([0, 1, 2]);
    expect(await recoverJournal(dir, TABLES, HASH, null)).toBe(3);
    expectParts(dir, 3);
  });

  it('a bit flipped in a table file after it was written drops the run it falls in and every later one, in one line', async () => {
    const dir = mkdtempSync(join(root, 'flipped-'));
    await writeDirect(dir, 5, 5, false);
    const file = join(dir, partialName('runs', TAG));
    const sizes = readJournal(dir, TABLES)!.entries.map((e) => e.sizes[0]);
    // A byte inside run 2's batch: past run 1's extent, before run 2's end.
    const bytes = readFileSync(file);
    bytes[sizes[1] + 4] ^= 0x01;
    writeFileSync(file, bytes);
    const lines: string[] = [];
    expect(await recoverJournal(dir, TABLES, HASH, (l) => lines.push(l))).toBe(2);
    expect(lines).toEqual([`${join(dir, JOURNAL)}: the table files no longer hold the bytes journaled for run 2; keeping the 2 run(s) before it and running the other 3 again`]);
    expectParts(dir, 2);
  });

  it('a table file cut short keeps the runs still whole in it', async () => {
    const dir = mkdtempSync(join(root, 'cut-'));
    await writeDirect(dir, 4, 4, false);
    const file = join(dir, partialName('events', TAG));
    const sizes = readJournal(dir, TABLES)!.entries.map((e) => e.sizes[1]);
    writeFileSync(file, readFileSync(file).subarray(0, sizes[3] - 1));
    expect(await recoverJournal(dir, TABLES, HASH, null)).toBe(3);
    expectParts(dir, 3);
  });

  it('a journal of another plan, or of other tables, is named and its runs are run again', async () => {
    const other = mkdtempSync(join(root, 'plan-'));
    await writeDirect(other, 2, 2, true);
    const lines: string[] = [];
    expect(await recoverJournal(other, TABLES, 'b'.repeat(64), (l) => lines.push(l))).toBe(0);
    const tables = mkdtempSync(join(root, 'tables-'));
    await writeDirect(tables, 1, 1, true);
    expect(await recoverJournal(tables, [TABLES[0]], HASH, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual([
      `${join(other, JOURNAL)} was written for another plan; running its runs again`,
      `${join(tables, JOURNAL)} is not a journal tokensim wrote for these tables; running its runs again`,
    ]);
    expect(listParts(other)).toEqual([]);
    expect(existsSync(join(other, JOURNAL))).toBe(false);
  });
});

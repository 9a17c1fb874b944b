import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JOURNAL, journalRun, readJournal, startJournal } from '../../src/experiment/journal';
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
  const a = await Assembler.open(dir, TABLES);
  startJournal(dir, TABLES);
  for (let id = 0; id < count; id++) {
    await a.appendRows(rowsOf(id));
    if (id < journaled) journalRun(dir, TABLES, id);
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
    const got = readPart(dir, id, 'runs', TABLES[0].columns);
    expect(got.length).toBe(1);
    expect(list(got.data.run_id)).toEqual([id]);
    expect(list(got.data.status)).toEqual(runs.data.status);
    expect(list(got.data.error)).toEqual(runs.data.error);
    const ev = readPart(dir, id, 'events', TABLES[1].columns);
    expect(ev.length).toBe(events.length);
    expect(list(ev.data.x)).toEqual(list(events.data.x));
  }
}

describe('recoverJournal', () => {
  it('recovers every journaled run from files never closed (a kill), then removes the journal and the .partial files', async () => {
    const dir = mkdtempSync(join(root, 'killed-'));
    await writeDirect(dir, 5, 5, false);
    expect(await recoverJournal(dir, TABLES)).toBe(5);
    expectParts(dir, 5);
    expect(existsSync(join(dir, JOURNAL))).toBe(false);
    expect(existsSync(join(dir, 'runs.arrow.partial'))).toBe(false);
  });

  it('recovers from closed files (an interrupt that closed them) the same way', async () => {
    const dir = mkdtempSync(join(root, 'closed-'));
    await writeDirect(dir, 4, 4, true);
    expect(await recoverJournal(dir, TABLES)).toBe(4);
    expectParts(dir, 4);
  });

  it('keeps only journaled runs: bytes written after the last journal line, and a line cut short, are ignored', async () => {
    const dir = mkdtempSync(join(root, 'torn-'));
    await writeDirect(dir, 5, 3, false);
    appendFileSync(join(dir, JOURNAL), '3 99');
    expect(readJournal(dir, TABLES).map((e) => e.runId)).toEqual([0, 1, 2]);
    expect(await recoverJournal(dir, TABLES)).toBe(3);
    expectParts(dir, 3);
  });

  it('refuses a journal written for other tables', async () => {
    const dir = mkdtempSync(join(root, 'other-'));
    await writeDirect(dir, 1, 1, true);
    await expect(recoverJournal(dir, [TABLES[0]])).rejects.toThrow(/written for other tables/);
  });
});

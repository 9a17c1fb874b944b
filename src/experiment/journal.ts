import { appendFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TableLayout } from './layout';

/**
 * The journal of an output directory whose runs are written straight into
 * the tables (one thread, no shard): `written.log`, a header line naming the
 * tables, then one line per run written, `<run_id> <bytes> <bytes>...`, the
 * size each `<table>.arrow.partial` file had reached once that run's batches
 * were in it. A line is appended only after its bytes are written, so
 * whatever ends the process, the runs the journal lists are whole in the
 * files up to those sizes; `--resume` recovers them from there (recover.ts).
 * A line cut short by a kill is ignored.
 */
export const JOURNAL = 'written.log';

/** One journaled run: its id and the byte size of each table file after it, in table order. */
export interface JournalEntry {
  runId: number;
  sizes: number[];
}

const header = (tables: TableLayout[]) => `# run_id then bytes of ${tables.map((t) => `${t.name}.arrow`).join(' ')}\n`;

/** Returns the path of the `.partial` file the direct writer streams table `t` into. */
export function partialPath(dir: string, t: TableLayout): string {
  return join(dir, `${t.name}.arrow.partial`);
}

/** Starts the journal of `dir` (replacing any); returns nothing. */
export function startJournal(dir: string, tables: TableLayout[]): void {
  writeFileSync(join(dir, JOURNAL), header(tables));
}

/** Appends run `runId` to the journal with the current size of each table's `.partial` file; returns nothing. */
export function journalRun(dir: string, tables: TableLayout[], runId: number): void {
  const sizes = tables.map((t) => statSync(partialPath(dir, t)).size);
  appendFileSync(join(dir, JOURNAL), `${runId} ${sizes.join(' ')}\n`);
}

/** Returns true when `dir` has a journal. */
export function hasJournal(dir: string): boolean {
  return existsSync(join(dir, JOURNAL));
}

/**
 * Returns the complete entries of `dir`'s journal, in the order written.
 * Throws when the journal names other tables than `tables` (the plan hash
 * check comes first, so this means a damaged directory).
 */
export function readJournal(dir: string, tables: TableLayout[]): JournalEntry[] {
  const text = readFileSync(join(dir, JOURNAL), 'utf8');
  const lines = text.split('\n');
  if (`${lines[0]}\n` !== header(tables)) throw new Error(`${join(dir, JOURNAL)}: written for other tables (${lines[0]})`);
  const entries: JournalEntry[] = [];
  // The last element follows the last newline: empty, or a line cut short.
  for (const line of lines.slice(1, -1)) {
    const fields = line.split(' ').map(Number);
    if (fields.length !== tables.length + 1 || !fields.every((n) => Number.isSafeInteger(n) && n >= 0)) break;
    entries.push({ runId: fields[0], sizes: fields.slice(1) });
  }
  return entries;
}

/** Removes `dir`'s journal; returns nothing. */
export function removeJournal(dir: string): void {
  rmSync(join(dir, JOURNAL), { force: true });
}

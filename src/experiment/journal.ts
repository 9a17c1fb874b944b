import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TableLayout } from './layout';

/**
 * The journal of an output directory whose runs are written straight into
 * the tables (one thread, no shard): `written.log`. Its header names the
 * plan (hash), the writer's `.partial` files and the tables; then one line
 * per run written, `<run_id> <bytes>... <digest>`: the size each table's
 * `.partial` file had reached once that run's batch was in it, and a digest
 * of every file's bytes up to those sizes. A line is appended only after
 * its bytes are written, so whatever ends the process, the runs the
 * journal lists are whole in the files up to those sizes, and the digest
 * tells whether those bytes are still the ones written; `--resume`
 * recovers them from there (recover.ts). A line cut short by a kill is
 * ignored.
 */
export const JOURNAL = 'written.log';

/** Hex digits of the SHA-256 kept per journal line: 128 bits, as many lines as there are runs. */
const DIGEST_HEX = 32;

/** One journaled run: its id, the byte size of each table file after it (in table order), and the digest of those bytes. */
export interface JournalEntry {
  runId: number;
  sizes: number[];
  digest: string;
}

/** What a journal's header says: the plan it was written for and the tag of its writer's `.partial` files. */
export interface Journal {
  planHash: string;
  tag: string;
  entries: JournalEntry[];
}

const columnsLine = (tables: TableLayout[]) => `run_id, then bytes of ${tables.map((t) => `${t.name}.arrow`).join(' ')}, then digest`;

/** Returns the name of the file table `table` is written to before it is complete: unique to the writer `tag`. */
export function partialName(table: string, tag: string): string {
  return `${table}.arrow.${tag}.partial`;
}

/** Returns the digest a journal line records, from the SHA-256 (hex) of each table file's bytes so far. */
export function journalDigest(fileDigests: string[]): string {
  return createHash('sha256').update(fileDigests.join(' ')).digest('hex').slice(0, DIGEST_HEX);
}

/** Starts the journal of `dir` (replacing any) for plan `planHash`, written by `tag`; returns nothing. */
export function startJournal(dir: string, tables: TableLayout[], planHash: string, tag: string): void {
  writeFileSync(join(dir, JOURNAL), `# plan ${planHash} writer ${tag}\n# ${columnsLine(tables)}\n`);
}

/** Appends run `runId` to the journal with each table file's size and the digest of their bytes; returns nothing. */
export function journalRun(dir: string, runId: number, sizes: number[], fileDigests: string[]): void {
  appendFileSync(join(dir, JOURNAL), `${runId} ${sizes.join(' ')} ${journalDigest(fileDigests)}\n`);
}

/** Returns true when `dir` has a journal. */
export function hasJournal(dir: string): boolean {
  return existsSync(join(dir, JOURNAL));
}

/**
 * Returns `dir`'s journal: its plan, writer tag and complete entries, in
 * the order written; null when its header is not one tokensim writes for
 * `tables` (a damaged journal, or one of other tables).
 */
export function readJournal(dir: string, tables: TableLayout[]): Journal | null {
  const lines = readFileSync(join(dir, JOURNAL), 'utf8').split('\n');
  const head = /^# plan ([0-9a-f]{64}) writer ([\w.-]+)$/.exec(lines[0] ?? '');
  if (!head || lines[1] !== `# ${columnsLine(tables)}`) return null;
  const entries: JournalEntry[] = [];
  // The last element follows the last newline: empty, or a line cut short.
  for (const line of lines.slice(2, -1)) {
    const fields = line.split(' ');
    const numbers = fields.slice(0, -1).map(Number);
    const digest = fields[fields.length - 1];
    if (numbers.length !== tables.length + 1 || !numbers.every((n) => Number.isSafeInteger(n) && n >= 0) || !new RegExp(`^[0-9a-f]{${DIGEST_HEX}}$`).test(digest)) break;
    entries.push({ runId: numbers[0], sizes: numbers.slice(1), digest });
  }
  return { planHash: head[1], tag: head[2], entries };
}

/** Removes `dir`'s journal; returns nothing. */
export function removeJournal(dir: string): void {
  rmSync(join(dir, JOURNAL), { force: true });
}

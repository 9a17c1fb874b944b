import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RecordBatch, RecordBatchReader, Table, tableToIPC } from 'apache-arrow';
import { JOURNAL, journalDigest, partialName, readJournal, removeJournal, type JournalEntry } from './journal';
import type { TableLayout } from './layout';
import { PARTS, schemaOf, writePartFiles } from './parts';

/** Bytes before the first record batch of an Arrow IPC file written by apache-arrow: magic `ARROW1` and padding (its schema is only in the footer). */
const FILE_HEAD = 8;

/**
 * Returns the record batches of table `t` in `file`, read from byte 8 up
 * to `end`: the journaled extent, which holds whole batches whether or not
 * the file was closed (the footer comes after). The schema message the
 * stream needs first is made from the table's columns.
 */
async function* batches(file: string, t: TableLayout, end: number): AsyncGenerator<RecordBatch> {
  if (end <= FILE_HEAD) return;
  const empty = tableToIPC(new Table(schemaOf(t.columns)), 'stream');
  // An empty table's stream is its schema message and an 8-byte end-of-stream marker.
  const schemaMessage = empty.subarray(0, empty.length - 8);
  async function* bytes(): AsyncGenerator<Uint8Array> {
    yield schemaMessage;
    for await (const chunk of createReadStream(file, { start: FILE_HEAD, end: end - 1 })) yield chunk as Buffer;
  }
  const reader = await (await RecordBatchReader.from(bytes())).open();
  for await (const batch of reader) yield batch;
}

/**
 * Returns the SHA-256 (hex) of `file`'s first `sizes[i]` bytes for each of
 * the ascending `sizes`, in one pass; a size past the end of the file gets
 * null (those bytes are gone).
 */
async function prefixDigests(file: string, sizes: number[]): Promise<(string | null)[]> {
  const out: (string | null)[] = sizes.map(() => null);
  const hash = createHash('sha256');
  let at = 0;
  let i = 0;
  // Sizes at the current position are digested now; one below it (not ascending: a damaged journal) stays null.
  const settle = () => {
    for (; i < sizes.length && sizes[i] <= at; i++) if (sizes[i] === at) out[i] = hash.copy().digest('hex');
  };
  settle();
  const end = Math.max(...sizes);
  if (i === sizes.length || end <= 0) return out;
  for await (const chunk of createReadStream(file, { start: 0, end: end - 1 }) as AsyncIterable<Buffer>) {
    let from = 0;
    while (i < sizes.length && sizes[i] - at <= chunk.length - from) {
      const take = sizes[i] - at;
      hash.update(chunk.subarray(from, from + take));
      from += take;
      at += take;
      settle();
    }
    hash.update(chunk.subarray(from));
    at += chunk.length - from;
  }
  return out;
}

/**
 * Returns how many of `entries` (from the first) still hold the bytes that
 * were written: each entry's digest is checked against the table files
 * `files` up to its sizes. A file changed, cut short or swapped after the
 * write fails the first entry whose bytes it touches and every later one.
 */
async function soundEntries(files: string[], entries: JournalEntry[]): Promise<number> {
  const perFile = await Promise.all(files.map((f, k) => (existsSync(f) ? prefixDigests(f, entries.map((e) => e.sizes[k])) : entries.map(() => null))));
  for (let i = 0; i < entries.length; i++) {
    const digests = perFile.map((d) => d[i]);
    if (digests.some((d) => d === null) || journalDigest(digests as string[]) !== entries[i].digest) return i;
  }
  return entries.length;
}

/**
 * Turns the runs journaled in `dir` (written straight into its tables by
 * one thread) into per-run parts of plan `planHash`, the form `--resume`
 * completes and assembles from; returns the number of runs recovered.
 * Reads each table file (the writer's `.partial` when it was never closed,
 * else the closed `.arrow`) up to the last sound journal entry, one batch
 * per run per table (an extra table has none for a run without rows).
 * Entries whose bytes no longer match their digest, and a journal of
 * another plan or unreadable, are named through `log` and their runs left
 * to run again. Then removes the journal and the writer's `.partial`
 * files. Safe to repeat after a kill part way: parts are written whole or
 * not at all.
 */
export async function recoverJournal(dir: string, tables: TableLayout[], planHash: string, log: ((line: string) => void) | null): Promise<number> {
  const path = join(dir, JOURNAL);
  const journal = readJournal(dir, tables);
  if (journal === null || journal.planHash !== planHash) {
    log?.(`${path} ${journal === null ? 'is not a journal tokensim wrote for these tables' : 'was written for another plan'}; running its runs again`);
    removeJournal(dir);
    return 0;
  }
  const files = tables.map((t) => {
    const partial = join(dir, partialName(t.name, journal.tag));
    return existsSync(partial) ? partial : join(dir, `${t.name}.arrow`);
  });
  const sound = await soundEntries(files, journal.entries);
  const entries = journal.entries.slice(0, sound);
  if (sound < journal.entries.length) {
    const bad = journal.entries[sound];
    log?.(`${path}: the table files no longer hold the bytes journaled for run ${bad.runId}; keeping the ${sound} run(s) before it and running the other ${journal.entries.length - sound} again`);
  }
  if (entries.length > 0) {
    mkdirSync(join(dir, PARTS), { recursive: true });
    const last = entries[entries.length - 1].sizes;
    const readers = tables.map((t, k) => batches(files[k], t, last[k])[Symbol.asyncIterator]());
    const pending: (RecordBatch | null | undefined)[] = tables.map(() => undefined);
    const runIdOf = (b: RecordBatch) => Number(b.getChild('run_id')!.get(0));
    for (const { runId } of entries) {
      const out: Record<string, Uint8Array> = {};
      for (let k = 0; k < tables.length; k++) {
        if (pending[k] === undefined) pending[k] = (await readers[k].next()).value ?? null;
        const batch = pending[k];
        const mine = batch && runIdOf(batch) === runId;
        if (!mine && !tables[k].extra) throw new Error(`${dir}: ${tables[k].name}.arrow has no batch for journaled run ${runId}`);
        out[tables[k].name] = tableToIPC(mine ? new Table([batch]) : new Table(schemaOf(tables[k].columns)), 'file');
        if (mine) pending[k] = undefined;
      }
      writePartFiles(dir, runId, planHash, out);
    }
  }
  for (const t of tables) rmSync(join(dir, partialName(t.name, journal.tag)), { force: true });
  removeJournal(dir);
  return entries.length;
}

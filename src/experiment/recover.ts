import { createReadStream, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RecordBatch, RecordBatchReader, Table, tableToIPC } from 'apache-arrow';
import { partialPath, readJournal, removeJournal } from './journal';
import type { TableLayout } from './layout';
import { schemaOf, writePartFiles } from './parts';

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
 * Turns the runs journaled in `dir` (written straight into its tables by
 * one thread) into per-run parts, the form `--resume` completes and
 * assembles from; returns the number of runs recovered. Reads each table
 * file (`.partial` when it was never closed, else the closed `.arrow`) up to
 * the journal's last complete entry, one batch per run per table (an extra
 * table has none for a run without rows). Then removes the journal. Safe to
 * repeat after a kill part way: parts are written whole or not at all.
 */
export async function recoverJournal(dir: string, tables: TableLayout[]): Promise<number> {
  const entries = readJournal(dir, tables);
  if (entries.length > 0) {
    const last = entries[entries.length - 1].sizes;
    const readers = tables.map((t, k) => {
      const partial = partialPath(dir, t);
      return batches(existsSync(partial) ? partial : join(dir, `${t.name}.arrow`), t, last[k])[Symbol.asyncIterator]();
    });
    const pending: (RecordBatch | null | undefined)[] = tables.map(() => undefined);
    const runIdOf = (b: RecordBatch) => Number(b.getChild('run_id')!.get(0));
    for (const { runId } of entries) {
      const files: Record<string, Uint8Array> = {};
      for (let k = 0; k < tables.length; k++) {
        if (pending[k] === undefined) pending[k] = (await readers[k].next()).value ?? null;
        const batch = pending[k];
        const mine = batch && runIdOf(batch) === runId;
        if (!mine && !tables[k].extra) throw new Error(`${dir}: ${tables[k].name}.arrow has no batch for journaled run ${runId}`);
        files[tables[k].name] = tableToIPC(mine ? new Table([batch]) : new Table(schemaOf(tables[k].columns)), 'file');
        if (mine) pending[k] = undefined;
      }
      writePartFiles(dir, runId, files);
    }
  }
  for (const t of tables) rmSync(partialPath(dir, t), { force: true });
  removeJournal(dir);
  return entries.length;
}

import { readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CLOSED, removeDeadClaims } from './claims';
import { createExclusive } from './exclusiveFile';
import { listParts, partDir, PARTS, removeDeadTemps, removePart } from './parts';

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Removes the parts of a finished output directory `dir` once its tables
 * are complete: first the closed marker (so a process still helping claims
 * nothing more), then each part's own files and directory, then `parts/`
 * itself. Only files tokensim writes there are removed; returns the names
 * of anything else, which stays where it is (with the directories holding it).
 */
export function removeParts(dir: string, tableNames: string[]): string[] {
  const root = join(dir, PARTS);
  createExclusive(join(root, CLOSED), '');
  const foreign: string[] = [];
  for (const id of listParts(dir)) foreign.push(...removePart(partDir(dir, id), tableNames).map((n) => `${partDir(dir, id)}/${n}`));
  removeDeadTemps(dir, tableNames);
  // A helper that claimed a run just before the marker appeared lets go of it at once.
  for (let waited = 0; removeDeadClaims(dir).length > 0 && waited < 1000; waited += 10) sleepMs(10);
  rmSync(join(root, CLOSED), { force: true });
  const left = readdirSync(root);
  if (left.length === 0) rmdirSync(root);
  else if (foreign.length === 0) foreign.push(...left.map((n) => join(root, n)));
  return foreign;
}

/**
 * Removes the unfinished table files an earlier writer of `dir` left: its
 * `.partial` files, as named in the manifest it wrote; returns nothing.
 */
export function removeStalePartials(dir: string, manifest: Record<string, any>): void {
  const recorded: unknown = manifest.writer?.partials;
  if (!Array.isArray(recorded)) return;
  for (const n of recorded) if (typeof n === 'string' && n.endsWith('.partial') && !n.includes('/')) rmSync(join(dir, n), { force: true });
}

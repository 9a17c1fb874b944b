import { readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { listParts, partDir, PARTS, removeDeadTemps, removePart } from './parts';

/**
 * Removes the parts of a finished output directory `dir` once its tables
 * are complete: each part's own files and directory, then `parts/` itself.
 * Only files tokensim writes there are removed; returns the names of
 * anything else, which stays where it is (with the directories holding it).
 */
export function removeParts(dir: string, tableNames: string[]): string[] {
  const root = join(dir, PARTS);
  const foreign: string[] = [];
  for (const id of listParts(dir)) foreign.push(...removePart(partDir(dir, id), tableNames).map((n) => `${partDir(dir, id)}/${n}`));
  removeDeadTemps(dir, tableNames);
  let left: string[];
  try {
    left = readdirSync(root);
  } catch {
    return foreign;
  }
  if (left.length === 0) rmdirSync(root);
  else if (foreign.length === 0) foreign.push(...left.map((n) => join(root, n)));
  return foreign;
}

/**
 * Removes the unfinished table files an earlier writer of `dir` left: its
 * `.partial` files (and what it was gathering from them), as named in the
 * manifest it wrote; returns nothing.
 */
export function removeStalePartials(dir: string, manifest: Record<string, any>): void {
  const recorded: unknown = manifest.writer?.partials;
  if (!Array.isArray(recorded)) return;
  for (const n of recorded) {
    if (typeof n !== 'string' || !n.endsWith('.partial') || n.includes('/')) continue;
    rmSync(join(dir, n), { force: true });
    rmSync(join(dir, `${n}.gathered`), { force: true });
  }
}

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors';
import { removeStalePartials } from './cleanup';
import { hasJournal } from './journal';
import { newManifest, readManifest, type Shard } from './output';
import { clearPart, damagedParts, listParts, partDir, PARTS, removeDeadTemps } from './parts';
import type { Prepared } from './prepare';
import { recoverJournal } from './recover';
import { checkResumable } from './resume';

/**
 * Makes output directory `dir`, whose lock this process holds, ready for
 * its runs, and returns its manifest (not yet written). For a resume: checks
 * the directory holds an unfinished run of this plan, removes what earlier
 * writers left half-done (their `.partial` tables, temporary parts), turns
 * the runs a one-thread writer journaled into parts (checking each against
 * its digest), and names through `log` and removes every damaged part, so
 * that its run is done again. For a new run: checks no other process has
 * finished one there since the first look. Creates `dir/parts` unless the
 * runs are written straight into the tables (`direct`).
 */
export async function openDirectory(
  dir: string,
  prepared: Prepared,
  check: boolean,
  shard: Shard | null,
  resume: boolean,
  direct: boolean,
  log: ((line: string) => void) | null,
): Promise<Record<string, unknown>> {
  const { plan, layout, hash } = prepared;
  const tableNames = layout.tables.map((t) => t.name);
  let manifest: Record<string, unknown>;
  if (resume) {
    manifest = checkResumable(dir, plan, layout, check, shard, hash);
    mkdirSync(join(dir, PARTS), { recursive: true });
    if (hasJournal(dir)) await recoverJournal(dir, layout.tables, hash, log);
    removeStalePartials(dir, manifest);
    removeDeadTemps(dir, tableNames);
    for (const bad of damagedParts(dir, listParts(dir).filter((id) => id < plan.runs.length), hash, layout.tables)) {
      log?.(`${bad.message}; running run ${bad.runId} again`);
      clearPart(partDir(dir, bad.runId), tableNames);
    }
  } else {
    // Between the first look and taking the lock, another process may have finished a run here.
    if (readManifest(dir)) throw new InputError(`${dir} already holds an experiment's output; finish it with --resume ${dir}, or choose another --out`);
    manifest = newManifest(plan, layout, check, shard);
    if (!direct) mkdirSync(join(dir, PARTS), { recursive: true });
  }
  return manifest;
}

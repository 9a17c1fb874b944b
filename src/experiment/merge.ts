import { resolve } from 'node:path';
import { InputError } from '../core/errors';
import type { TableLayout } from './layout';
import { acquireLock, describeHolder, DirLock, readLock } from './lock';
import { prepareOutDir } from './outDir';
import { Assembler, readManifest, writeManifest, type RunStatus } from './output';
import { DamagedPart } from './partIntegrity';
import { damagedParts, listParts } from './parts';
import { liveness } from './processId';
import { stoppedBy } from './stopped';

/** What `mergeShards` reports. */
export interface MergeOutcome {
  dir: string;
  status: RunStatus;
  runs: number;
  failed: number;
}

/** Returns run ids as a short list: `3, 7, 10-14 (and 20 more)`. */
export function formatIds(ids: number[], max = 8): string {
  const parts: string[] = [];
  for (let i = 0; i < ids.length && parts.length < max; ) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === ids[j] + 1) j++;
    parts.push(i === j ? String(ids[i]) : `${ids[i]}-${ids[j]}`);
    i = j + 1;
  }
  const shown = parts.join(', ');
  const listed = parts.reduce((n, p) => n + (p.includes('-') ? Number(p.split('-')[1]) - Number(p.split('-')[0]) + 1 : 1), 0);
  return listed < ids.length ? `${shown} (and ${ids.length - listed} more)` : shown;
}

/**
 * Joins the output directories of the shards of one experiment into `out`,
 * whose tables are then byte-identical to a single-machine run. Throws an
 * `InputError`, before writing anything, when a directory has no manifest
 * (or a corrupt one), holds another plan (plan hash), is still being
 * written, holds a damaged part (named, with how to run it again), or when
 * any run is missing from every directory or present in more than one —
 * naming the runs (and the shard they belong to) — and when `out` cannot be
 * written or holds files tokensim did not write.
 */
export async function mergeShards(dirs: string[], out: string): Promise<MergeOutcome> {
  if (dirs.length === 0) throw new InputError('merge: expected one or more shard directories, e.g. tokensim merge out/shard-* --out out/all');
  const manifests = dirs.map((d) => {
    const m = readManifest(d);
    if (!m) throw new InputError(`merge: ${d} has no manifest.json; expected a directory written by tokensim run --shard K/N`);
    return m;
  });
  const first = manifests[0];
  manifests.forEach((m, k) => {
    if (m.planHash !== first.planHash) throw new InputError(`merge: ${dirs[k]} holds a different plan from ${dirs[0]} (plan hash ${String(m.planHash).slice(0, 12)} vs ${String(first.planHash).slice(0, 12)}); shards must come from the same experiment and options`);
    const writer = readLock(dirs[k]);
    if (writer && liveness(writer) !== 'dead') throw new InputError(`merge: ${dirs[k]} is still being written by ${describeHolder(writer)}; merge once it has finished`);
  });
  const planHash = String(first.planHash);
  const tables = first.tables as TableLayout[];
  const runCount = first.runCount as number;
  const owner = new Int32Array(runCount).fill(-1);
  const doubled: string[] = [];
  dirs.forEach((d, k) => {
    const ids = listParts(d);
    for (const id of ids) {
      if (id >= runCount) throw new InputError(`merge: ${d} has a part for run ${id}, but the plan has ${runCount} runs`);
      if (owner[id] >= 0) doubled.push(`run ${id} is in both ${dirs[owner[id]]} and ${d}`);
      else owner[id] = k;
    }
    const bad = damagedParts(d, ids, planHash, tables);
    if (bad.length) {
      const shard = manifests[k].shard ? ` --shard ${manifests[k].shard.index}/${manifests[k].shard.count}` : '';
      const more = bad.length > 1 ? ` (and ${bad.length - 1} more damaged part(s) there)` : '';
      throw new InputError(`merge: refusing, ${bad[0].message}${more}; run it again with tokensim run <experiment> --resume ${d}${shard} (and the same options)`);
    }
  });
  const missing: number[] = [];
  owner.forEach((o, id) => o < 0 && missing.push(id));
  const problems: string[] = [];
  if (missing.length) {
    const n = first.shard?.count as number | undefined;
    const shards = n ? [...new Set(missing.map((id) => (id % n) + 1))].sort((a, b) => a - b).map((k) => `${k}/${n}`) : [];
    problems.push(`${missing.length} run(s) missing: ${formatIds(missing)}${shards.length ? ` (from shard ${shards.join(', ')})` : ''}`);
  }
  if (doubled.length) problems.push(`${doubled.length} run(s) doubled: ${doubled.slice(0, 3).join('; ')}${doubled.length > 3 ? '; ...' : ''}`);
  if (problems.length) throw new InputError(`merge: refusing, every run must be present exactly once; ${problems.join('; ')}`);

  const dir = resolve(out);
  prepareOutDir(dir, 'merge: --out');
  if (readManifest(dir)) throw new InputError(`merge: --out ${out} already holds an experiment's output; choose another directory`);
  const lock = acquireLock(dir, { planHash: null, shard: null });
  if (!(lock instanceof DirLock)) throw new InputError(`merge: --out ${out} is being written by ${describeHolder(lock)}; choose another directory`);
  try {
    return await assemble(dir, dirs, owner, first, lock);
  } finally {
    lock.release();
  }
}

/** Writes the merged tables and manifest into `dir`, taking each run from the directory `owner` names; see `mergeShards`. */
async function assemble(dir: string, dirs: string[], owner: Int32Array, first: Record<string, any>, lock: DirLock): Promise<MergeOutcome> {
  const runCount = owner.length;
  const assembler = await Assembler.open(dir, first.tables, String(first.planHash), `${process.pid}-${lock.record.nonce.slice(0, 8)}`);
  let failed = 0;
  try {
    for (let id = 0; id < runCount; id++) if ((await assembler.append(id, dirs[owner[id]])).status === 'failed') failed++;
    await assembler.close();
  } catch (e) {
    await assembler.abort();
    if (e instanceof DamagedPart) throw new InputError(`merge: refusing, ${e.message}; nothing was written`);
    throw stoppedBy(e, dir);
  }
  const status: RunStatus = failed > 0 ? 'failed' : 'complete';
  writeManifest(dir, { ...first, shard: null, mergedFrom: dirs.map((d) => resolve(d)), status, runsWritten: runCount, runsFailed: failed });
  return { dir, status, runs: runCount, failed };
}

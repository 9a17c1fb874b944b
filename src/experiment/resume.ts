import { InputError } from '../core/errors';
import type { OutputLayout } from './layout';
import { planDescription, readManifest, type Shard } from './output';
import type { Plan } from './plan';

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * Returns the manifest of `dir` when this plan may resume it: the directory
 * holds an unfinished run (or a shard) of the same plan — same plan hash,
 * same shard. Otherwise throws an `InputError` that names what differs
 * (e.g. `ticks: 30 there, 60 now`), so a resume with other options is
 * refused before any run starts.
 */
export function checkResumable(dir: string, plan: Plan, layout: OutputLayout, check: boolean, shard: Shard | null, hash: string): Record<string, unknown> {
  const manifest = readManifest(dir);
  if (!manifest) throw new InputError(`--resume ${dir}: no manifest.json there; expected the output directory of an interrupted run`);
  if (manifest.planHash !== hash) {
    const now = planDescription(plan, layout, check);
    const there: Record<string, unknown> = { ...manifest, columns: Object.fromEntries((manifest.tables ?? []).map((t: { name: string; columns: { name: string; kind: string }[] }) => [t.name, t.columns.map((c) => `${c.name}:${c.kind}`)])) };
    const diff = Object.keys(now).filter((k) => JSON.stringify(now[k]) !== JSON.stringify(there[k]));
    const what = diff.length ? diff.map((k) => `${k}: ${show(there[k])} there, ${show(now[k])} now`).join('; ') : 'the plan hash differs';
    throw new InputError(`--resume ${dir}: the directory was run with a different plan (${what}); resume with the same experiment and options`);
  }
  if (JSON.stringify(manifest.shard ?? null) !== JSON.stringify(shard)) {
    const fmt = (s: Shard | null) => (s ? `--shard ${s.index}/${s.count}` : 'no --shard');
    throw new InputError(`--resume ${dir}: the directory was run with ${fmt(manifest.shard ?? null)}, this run has ${fmt(shard)}`);
  }
  if (!shard && (manifest.status === 'complete' || manifest.status === 'failed')) {
    throw new InputError(`--resume ${dir}: nothing to resume, every run is written (status ${manifest.status})`);
  }
  return manifest;
}

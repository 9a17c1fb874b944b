import type { AnyBlock } from '../core/block';
import { PHASES } from '../core/world';
import type { BlockModel } from './defineModel';

/** What a model is made of, as `tokensim model` prints it. */
export interface ModelDescription {
  readonly name: string;
  readonly description: string;
  readonly blocks: readonly { key: string; kind: string; description: string; needs: string[]; uses: string[] }[];
  /** Phase → the blocks whose hooks run in it, in order (`agents`: the agent classes, shuffled each tick under `activation: 'shuffle'`). */
  readonly phases: Readonly<Record<string, string[]>>;
  readonly accounts: readonly { name: string; owner: string; circulating: boolean; description: string }[];
  readonly populations: readonly { name: string; columns: { name: string; type: string; from: string }[] }[];
  readonly metrics: readonly { name: string; unit: string; kind: string; block: string; description: string }[];
  readonly kpis: readonly { name: string; unit: string; block: string; description: string }[];
  readonly tables: readonly { name: string; block: string; description: string }[];
}

/**
 * Returns the description of `model` with parameters `params`: its blocks
 * in list order with their needs, the phase table, the ledger's accounts,
 * the populations and where each column comes from, and the metrics, KPIs
 * and tables with their units. The phase table and accounts come from
 * building one run (seed 1), so they are those of these parameters.
 */
export function describeModel<B extends AnyBlock>(model: BlockModel<B>, params = model.defaults): ModelDescription {
  const sim = model.build(params, { seed: 1, check: false });
  const w = sim.world;
  const phases: Record<string, string[]> = {};
  for (const ph of PHASES) phases[ph] = ph === 'agents' ? w.agents.map((a) => a.name) : w.hooks[ph].map((h) => h.key);
  const columnOwners = new Map<string, string>();
  for (const b of model.blocks) for (const c of Object.keys(b.spec.columns ?? {})) columnOwners.set(c, b.key);
  return {
    name: model.name,
    description: model.description,
    blocks: model.blocks.map((b) => ({
      key: b.key,
      kind: b.spec.kind,
      description: b.spec.description,
      needs: Object.values(b.spec.needs ?? {}).map((p) => (p as AnyBlock).key),
      uses: Object.values(b.spec.uses ?? {}).map((p) => (p as AnyBlock).key),
    })),
    phases,
    accounts: w.ledger.accounts.map((a) => ({ name: a.name, owner: a.owner, circulating: a.circulating, description: a.description })),
    populations: w.populations.map((p) => ({
      name: p.name,
      columns: Object.entries(p.schema()).map(([name, type]) => ({ name, type, from: ['tokens', 'usd', 'active'].includes(name) ? 'kernel' : columnOwners.get(name) ?? p.name })),
    })),
    metrics: model.metrics.map((m) => ({ name: m.name, unit: m.unit, kind: m.kind, block: m.block, description: m.description })),
    kpis: model.kpis.map((k) => ({ name: k.name, unit: k.unit, block: k.block, description: k.description })),
    tables: model.tables.map((t) => ({ name: t.name, block: t.block, description: t.description })),
  };
}

/** Returns `d` as text: one section per part, aligned columns. */
export function formatModelDescription(d: ModelDescription): string {
  const out: string[] = [`model ${d.name}: ${d.blocks.length} blocks${d.description ? ` — ${d.description}` : ''}`, ''];
  const table = (rows: string[][]) => {
    const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
    for (const r of rows) out.push(r.map((c, k) => (k === r.length - 1 ? c : c.padEnd(widths[k]))).join('  ').trimEnd());
    out.push('');
  };
  table([['block', 'kind', 'needs', 'what it is'], ...d.blocks.map((b) => [b.key, b.kind, [...b.needs, ...b.uses.map((u) => `(${u})`)].join(', ') || '-', b.description])]);
  table([['phase', 'blocks, in order'], ...Object.entries(d.phases).map(([ph, keys]) => [ph, keys.join(' → ') || '-'])]);
  table([['account', 'owner', 'circulating', 'holds'], ...d.accounts.map((a) => [a.name, a.owner, a.circulating ? 'yes' : 'no', a.description])]);
  for (const p of d.populations) table([[`population ${p.name}`, 'type', 'from'], ...p.columns.map((c) => [c.name, c.type, c.from])]);
  table([['metric (timeseries.arrow)', 'unit', 'kind', 'block', 'meaning'], ...d.metrics.map((m) => [m.name, m.unit, m.kind, m.block, m.description])]);
  table([['KPI (summary.arrow)', 'unit', 'block', 'meaning'], ...d.kpis.map((k) => [k.name, k.unit, k.block, k.description])]);
  table([['table', 'block', 'holds'], ...d.tables.map((t) => [`${t.name}.arrow`, t.block, t.description])]);
  return out.join('\n').trimEnd();
}

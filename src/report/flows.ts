import type { Table } from 'apache-arrow';

/** A flow between two places for one reason, over a whole run: the mean over a variant's runs. */
export interface Flow {
  /** An account or class; `mint` for new tokens, `outside` for USD entering the model. */
  from: string;
  /** An account or class; `burn` for destroyed tokens, `outside` for USD leaving the model. */
  to: string;
  reason: string;
  /** Tokens moved over the run, mean over runs (whole tokens). */
  tokens: number;
  /** USD moved over the run, mean over runs. */
  usd: number;
}

/**
 * Returns, per variant, every (from, to, reason) of a flows table
 * (`run_id`, `tick`, `from`, `to`, `reason`, `tokens`, `usd`) summed over
 * ticks and averaged over the variant's finished runs; `runsOf(variant)` is
 * their number, so a run that moved nothing counts as zero. Runs `variantOf`
 * does not know (failed runs) are left out. Flows come in order of first
 * appearance.
 */
export function meanFlows(table: Table, variantOf: (runId: number) => string | undefined, runsOf: (variant: string) => number): Map<string, Flow[]> {
  const col = (name: string) => table.getChild(name)!;
  const [runIds, from, to, reason, tokens, usd] = ['run_id', 'from', 'to', 'reason', 'tokens', 'usd'].map(col);
  const out = new Map<string, Map<string, Flow>>();
  for (let i = 0; i < table.numRows; i++) {
    const variant = variantOf(Number(runIds.get(i)));
    if (variant === undefined) continue;
    let flows = out.get(variant);
    if (!flows) out.set(variant, (flows = new Map()));
    const f = { from: String(from.get(i)), to: String(to.get(i)), reason: String(reason.get(i)) };
    const key = `${f.from}\u0000${f.to}\u0000${f.reason}`;
    let flow = flows.get(key);
    if (!flow) flows.set(key, (flow = { ...f, tokens: 0, usd: 0 }));
    flow.tokens += Number(tokens.get(i) ?? 0);
    flow.usd += Number(usd.get(i) ?? 0);
  }
  return new Map(
    [...out].map(([variant, flows]) => {
      const n = runsOf(variant);
      return [variant, [...flows.values()].map((f) => ({ ...f, tokens: f.tokens / n, usd: f.usd / n }))];
    }),
  );
}

import { defineBlock } from '../core/block';
import type { Population } from '../core/population';
import type { AnyWorld } from '../core/world';
import { gini } from './inequality';

/** The columns that count as an agent's holdings: liquid tokens, stake, unbonding, locks, posted collateral. */
const HOLDING_COLUMNS = ['tokens', 'staked', 'unbonding', 'lockAmount', 'collateral'] as const;

/**
 * Returns each agent's token holdings (liquid + staked + unbonding + locked
 * + posted collateral, whichever columns its class has), all populations
 * concatenated, in tokens; rounding residues below 0 count as 0.
 */
export function agentHoldings(world: AnyWorld): Float64Array {
  let n = 0;
  for (const p of world.populations) n += p.size;
  const out = new Float64Array(n);
  let k = 0;
  for (const p of world.populations) {
    const cols = holdingColumns(p);
    for (let i = 0; i < p.size; i++) {
      let h = 0;
      for (const c of cols) h += c[i];
      out[k++] = h > 0 ? h : 0;
    }
  }
  return out;
}

function holdingColumns(p: Population): Float64Array[] {
  return HOLDING_COLUMNS.filter((c) => p.hasF64(c)).map((c) => p.f64Columns[c]);
}

/** The distribution of holdings across all agents. */
export const holdings = defineBlock({
  key: 'holdings',
  kind: 'metrics',
  description: 'concentration of token holdings across all agents',
  kpis: { gini_holdings: { unit: 'index', description: "Gini coefficient of all agents' token holdings (liquid, staked, unbonding, locked, collateral) at the end" } },
  build(ctx) {
    return { api: undefined, summary: () => ({ gini_holdings: gini(agentHoldings(ctx.world)) }) };
  },
});

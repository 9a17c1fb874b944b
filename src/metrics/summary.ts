import type { Population } from '../core/population';
import type { World } from '../core/world';
import { gini, nakamoto } from './inequality';
import { annualisedVolatility, maxDrawdown, mean } from './stats';

/**
 * Returns the generic KPIs of a run from its recorded series, where present:
 * final and mean price (USD/token), annualised volatility of log returns,
 * max drawdown (share of peak), mean and final staking ratio, realised annual
 * inflation net of burns ((S_end / S_0)^(1/years) − 1), tokens minted and
 * burned (cumulative, genesis excluded), final and mean node count, final
 * treasury value (USD) and total volume (USD).
 */
export function seriesKpis(series: Record<string, Float64Array>, ticks: Int32Array, ticksPerYear: number): Record<string, number> {
  const n = ticks.length;
  const out: Record<string, number> = {};
  if (n === 0) return out;
  const last = (name: string) => (series[name] ? series[name][n - 1] : NaN);
  const step = n > 1 ? ticks[1] - ticks[0] : 1;
  const years = (ticks[n - 1] - ticks[0]) / ticksPerYear;
  if (series.price) {
    out.final_price = last('price');
    out.mean_price = mean(series.price);
    out.volatility = annualisedVolatility(series.price, ticksPerYear / step);
    out.max_drawdown = maxDrawdown(series.price);
  }
  if (series.staking_ratio) {
    out.mean_staking_ratio = mean(series.staking_ratio);
    out.final_staking_ratio = last('staking_ratio');
  }
  if (series.supply) {
    const s0 = series.supply[0];
    out.final_supply = last('supply');
    out.inflation = years > 0 && s0 > 0 ? Math.pow(last('supply') / s0, 1 / years) - 1 : NaN;
  }
  if (series.minted) out.total_minted = last('minted');
  if (series.burned) out.total_burned = last('burned');
  if (series.node_count) {
    out.final_node_count = last('node_count');
    out.mean_node_count = mean(series.node_count);
  }
  if (series.treasury_usd) out.treasury_usd = last('treasury_usd');
  if (series.volume) {
    let v = 0;
    for (let i = 0; i < n; i++) v += series.volume[i];
    out.total_volume = v;
  }
  return out;
}

/**
 * Returns each agent's token holdings (liquid + staked + unbonding), all
 * populations concatenated, in tokens.
 */
export function agentHoldings(world: World<any>): Float64Array {
  return concatColumns(world.populations, (p, i) => {
    const c = p.cols as unknown as Record<string, Float64Array | undefined>;
    // Rounding can leave −1e−13 where a balance was emptied; holdings are ≥ 0.
    return Math.max(0, p.cols.tokens[i] + (c.staked?.[i] ?? 0) + (c.unbonding?.[i] ?? 0));
  });
}

/** Returns each agent's stake, all populations concatenated, in tokens. */
export function agentStakes(world: World<any>): Float64Array {
  return concatColumns(world.populations, (p, i) => Math.max(0, (p.cols as unknown as Record<string, Float64Array | undefined>).staked?.[i] ?? 0));
}

function concatColumns(pops: Population[], value: (p: Population, i: number) => number): Float64Array {
  let n = 0;
  for (const p of pops) n += p.size;
  const out = new Float64Array(n);
  let k = 0;
  for (const p of pops) for (let i = 0; i < p.size; i++) out[k++] = value(p, i);
  return out;
}

/**
 * Returns the token-economy KPIs: `seriesKpis` plus the Gini coefficient of
 * token holdings over all agents, the Nakamoto coefficient of stake (fewest
 * agents holding more than half of all stake), and governance counts.
 */
export function tokenEconomySummary(
  economy: { world: World<any>; governance: { proposals: { outcome: string }[] } },
  series: Record<string, Float64Array>,
  ticks: Int32Array,
): Record<string, number> {
  const out = seriesKpis(series, ticks, economy.world.ticksPerYear);
  out.gini_holdings = gini(agentHoldings(economy.world));
  out.nakamoto_stake = nakamoto(agentStakes(economy.world), 0.5);
  out.proposals = economy.governance.proposals.length;
  out.proposals_passed = economy.governance.proposals.filter((p) => p.outcome === 'passed').length;
  return out;
}

/**
 * Proof of liquidity, Berachain-like: how incentives ("bribes") and
 * validators' allocation rules route the BGT emission over reward vaults,
 * and what that does to where LP capital sits, how much of it there is,
 * and the BERA price.
 *
 * The market alone (traders, AMM, exchange, arbitrage; experiments/market-only.ts)
 * with the proof-of-liquidity block: four vaults with the same fees
 * (USD 300k a year each, USD 5M of LP capital each at genesis), three of
 * them whitelisted; three validators (40% and 35% of stake bribe-max, 25%
 * uniform); 20,000 BGT a day; depositors redeem 5% of their BGT a day and
 * sell half the BERA; boosters' incentives (95% of them) buy BERA, as
 * the incentive auction does. The same seeds under each variant.
 *
 *   npx tokensim run experiments/proof-of-liquidity.ts
 *   npx ts-node experiments/proof-of-liquidity.ts --seeds 2 --ticks 120
 */
import { join } from 'node:path';
import { defineExperiment, proofOfLiquidity, proofOfLiquidityDefaults, runIfMain, type RewardVault } from '../src';
import { readColumns } from '../src/io/arrowReader';
import { readResults } from '../src/io/resultsDir';
import { marketOnly } from './market-only';

/** The default vaults with incentives per BGT of `bribes`, in their order (bera-honey, lend, perps, unlisted). */
const withBribes = (...bribes: number[]): RewardVault[] => proofOfLiquidityDefaults.vaults.map((v, k) => ({ ...v, bribeUsdPerBgt: bribes[k] }));

const experiment = defineExperiment({
  name: 'proof-of-liquidity',
  description: 'No incentives vs even incentives vs one protocol outbidding the others (with the cap at 0.5, 1 and 0.34; without the incentive auction): BGT routing, LP capital per vault and in total, BERA price, incentives paid.',
  model: marketOnly.with(proofOfLiquidity),
  params: { traders: { count: 200 }, proofOfLiquidity: { incentiveAuctionShare: 1 } },
  variants: {
    noBribes: {},
    // Every whitelisted vault pays USD 0.10 per BGT (BGT worth about USD 1).
    evenBribes: { proofOfLiquidity: { vaults: withBribes(0.1, 0.1, 0.1, 0.1) } },
    // perps pays USD 0.15, the others 0.10: bribe-max validators fill it to the cap (0.5).
    outbid: { proofOfLiquidity: { vaults: withBribes(0.1, 0.1, 0.15, 0.1) } },
    // No cap: bribe-max validators send all their BGT to perps.
    outbidNoCap: { proofOfLiquidity: { vaults: withBribes(0.1, 0.1, 0.15, 0.1), maxWeightPerVault: 1 } },
    // A cap of 0.34: close to an even split over the three whitelisted vaults.
    outbidTightCap: { proofOfLiquidity: { vaults: withBribes(0.1, 0.1, 0.15, 0.1), maxWeightPerVault: 0.34 } },
    // As outbid, with the incentives kept as USD (the BGT era's incentive tokens): no BERA bought.
    outbidNoAuction: { proofOfLiquidity: { vaults: withBribes(0.1, 0.1, 0.15, 0.1), incentiveAuctionShare: 0 } },
  },
  seeds: 10,
  ticks: 365,
});

/**
 * Returns a Markdown table of vault `name` by variant from the results in
 * `dir` (its pol_vaults.arrow), means over seeds: its share of the BGT
 * emitted, its LP capital at the end and its share of all vaults', the
 * incentives it paid, and its extra LP capital against `baseline` of the
 * same seed per USD of incentive it paid.
 */
export function vaultReport(dir: string, name: string, baseline: string): string {
  const runs = readResults(dir).runs;
  const c = readColumns(join(dir, 'pol_vaults.arrow'));
  const byRun = new Map<number, { bgt: number; liq: number; paid: number; allBgt: number; allLiq: number }>();
  c.run_id.forEach((id, i) => {
    const r = byRun.get(id as number) ?? { bgt: 0, liq: 0, paid: 0, allBgt: 0, allLiq: 0 };
    r.allBgt += c.bgt_received[i] as number;
    r.allLiq += c.liquidity_usd[i] as number;
    if (c.vault[i] === name) {
      r.bgt = c.bgt_received[i] as number;
      r.liq = c.liquidity_usd[i] as number;
      r.paid = c.bribes_usd[i] as number;
    }
    byRun.set(id as number, r);
  });
  const base = new Map(runs.filter((r) => r.variant === baseline).map((r) => [r.replicate, byRun.get(r.runId)!.liq]));
  const variants = [...new Set(runs.map((r) => r.variant))];
  const m = (x: number) => `${(x / 1e6).toFixed(2)}M`;
  const lines = [`| variant | ${name}: share of BGT | LP capital, USD | share of LP capital | incentives paid, USD | extra LP capital per USD of incentive |`, '| --- | ---: | ---: | ---: | ---: | ---: |'];
  for (const v of variants) {
    const rs = runs.filter((r) => r.variant === v && r.ok).map((r) => ({ r, x: byRun.get(r.runId)! }));
    const mean = (f: (x: (typeof rs)[number]) => number) => rs.reduce((s, e) => s + f(e), 0) / rs.length;
    const paid = mean((e) => e.x.paid);
    const extra = paid > 0 ? (mean((e) => e.x.liq - base.get(e.r.replicate)!) / paid).toFixed(1) : '—';
    lines.push(`| ${v} | ${(100 * mean((e) => e.x.bgt / e.x.allBgt)).toFixed(1)}% | ${m(mean((e) => e.x.liq))} | ${(100 * mean((e) => e.x.liq / e.x.allLiq)).toFixed(1)}% | ${m(paid)} | ${extra} |`);
  }
  return lines.join('\n');
}

export default experiment;
runIfMain(module, experiment);

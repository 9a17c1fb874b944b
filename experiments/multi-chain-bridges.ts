/**
 * Multi-chain bridges: the token on three chains, main → side → far, each
 * hop its own bridge (lock-and-mint, 10 bps, one tick of delay), one
 * arbitrage desk over both. How do the second hop's fee and delay set the
 * price dispersion on the far chain, which no bridge joins to main
 * directly; and what does an exploit of one bridge do to the chain behind
 * it? Variants: the second hop at 50 and 200 bp, with no delay and a
 * week's; the second hop shut; the first hop exploited (1% a tick that
 * half its locked backing is stolen), with the second hop open and shut;
 * and the second hop exploited.
 *
 *   npx tokensim run experiments/multi-chain-bridges.ts
 *   npx tokensim compare results/multi-chain-bridges/<timestamp> --baseline baseline --metric gap_far_main_mean
 */
import { defineExperiment, runIfMain, threeChainEconomy } from '../src';
import { readColumns } from '../src/io/arrowReader';
import { readResults } from '../src/io/resultsDir';
import { confidenceInterval, pairedDifference } from '../src/metrics/stats';
import { join } from 'node:path';

const exploit = { exploitRiskPerTick: 0.01, exploitShare: 0.5 };

const experiment = defineExperiment({
  name: 'multi-chain-bridges',
  description: 'Three chains over two bridges: the second hop’s fee and delay against price dispersion on the far chain; an exploit of either hop.',
  model: threeChainEconomy,
  variants: {
    baseline: {},
    hop2fee50: { farBridge: { feeBps: 50 } },
    hop2fee200: { farBridge: { feeBps: 200 } },
    hop2instant: { farBridge: { delayTicks: 0 } },
    hop2week: { farBridge: { delayTicks: 7 } },
    hop2shut: { farBridge: { capacityPerTick: 0 } },
    hop1exploit: { bridge: exploit },
    hop1exploitHop2shut: { bridge: exploit, farBridge: { capacityPerTick: 0 } },
    hop2exploit: { farBridge: exploit },
  },
  seeds: 6,
  ticks: 365,
  record: { every: 1 },
});

/**
 * Returns a Markdown table of who bore the exploits' losses, from
 * `bridge_losses.arrow` and `far_bridge_losses.arrow` of the results in
 * `dir`: per exploit variant, the USD taken (mean over seeds, 95% t
 * interval), and over the runs an exploit struck the shares borne on side
 * and on far. A loss of
 * `farBridge.escrow` (side tokens locked to back far's token) is far's:
 * what far's wrapped token is redeemable for shrinks with it. Then the
 * paired difference (by seed) of far's share between `hop1exploit` and
 * `hop1exploitHop2shut`.
 */
export function lossReport(dir: string): string {
  const runs = readResults(dir).runs;
  const byRun = new Map<number, { total: number; far: number }>();
  for (const table of ['bridge_losses', 'far_bridge_losses']) {
    const c = readColumns(join(dir, `${table}.arrow`));
    c.run_id.forEach((id, i) => {
      const r = byRun.get(id as number) ?? { total: 0, far: 0 };
      const usd = c.loss_usd[i] as number;
      r.total += usd;
      if (c.holder[i] === 'farBridge.escrow' || c.chain[i] === 'far') r.far += usd;
      byRun.set(id as number, r);
    });
  }
  const ci = (xs: number[], f: (x: number) => string) => {
    const c = confidenceInterval(xs);
    return `${f(c.mean)} [${f(c.lo)}, ${f(c.hi)}]`;
  };
  const usd = (x: number) => `${(x / 1e6).toFixed(2)}M`;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const struck = (v: string) =>
    runs
      .filter((r) => r.variant === v && r.ok && (byRun.get(r.runId)?.total ?? 0) > 0)
      .sort((a, b) => a.replicate - b.replicate)
      .map((r) => byRun.get(r.runId)!);
  const share = (v: string, on: 'far' | 'side') => struck(v).map((x) => (on === 'far' ? x.far / x.total : 1 - x.far / x.total));
  const lines = ['| variant | runs struck | taken by exploits, USD | borne on side | borne on far |', '| --- | ---: | ---: | ---: | ---: |'];
  for (const v of ['hop1exploit', 'hop1exploitHop2shut', 'hop2exploit']) {
    const taken = runs.filter((r) => r.variant === v && r.ok).map((r) => byRun.get(r.runId)?.total ?? 0);
    lines.push(`| ${v} | ${struck(v).length} of ${taken.length} | ${ci(taken, usd)} | ${ci(share(v, 'side'), pct)} | ${ci(share(v, 'far'), pct)} |`);
  }
  // Paired by seed: common random numbers give both variants the same exploit ticks (the stream is the bridge's own).
  const d = pairedDifference(share('hop1exploit', 'far'), share('hop1exploitHop2shut', 'far'));
  lines.push('', `far's share of a hop-1 exploit, hop 2 open − shut (paired by seed, n = ${d.n}): ${pct(d.mean)} [${pct(d.lo)}, ${pct(d.hi)}], p = ${d.pValue.toFixed(4)}`);
  lines.push('', 'Mean over seeds [95% t interval]; USD over every run, shares over the runs struck. A loss of farBridge.escrow (the side tokens backing far\'s token) counts as far\'s.');
  return lines.join('\n');
}

export default experiment;
runIfMain(module, experiment);

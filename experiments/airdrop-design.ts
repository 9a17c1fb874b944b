/**
 * Airdrop design: how much of a 1M-token drop reaches farmers and their
 * sybil wallets, how many real users a sybil filter loses, and where the
 * price is 30, 90 and 180 days after the drop — under a points season, a
 * snapshot (an equal share per eligible wallet), a claim-or-lock choice
 * (half now, or all of it after 180 days, or vested linearly over them), and a sybil filter from off to
 * strict (false-positive / false-negative rates 0/1, 2%/60%, 5%/30%,
 * 15%/10%).
 *
 *   npx tokensim run experiments/airdrop-design.ts
 *   npx ts-node experiments/airdrop-design.ts --seeds 2
 */
import { airdropEconomy, defineExperiment, runIfMain } from '../src';

const filter = (falsePositiveRate: number, falseNegativeRate: number) => ({ sybilFilter: { falsePositiveRate, falseNegativeRate } });

const experiment = defineExperiment({
  name: 'airdrop-design',
  description: 'Points season vs snapshot vs claim-or-lock, and sybil-filter strictness, against farmer share, real users lost and the price after the drop.',
  model: airdropEconomy,
  variants: {
    points: {},
    snapshot: { airdrop: { conversion: 'snapshot' } },
    claimOrLock: { airdrop: { claim: { mode: 'choose' } } },
    claimOrVest: { airdrop: { claim: { mode: 'choose', release: 'linear' } } },
    noFilter: filter(0, 1),
    lenientFilter: filter(0.02, 0.6),
    strictFilter: filter(0.15, 0.1),
  },
  seeds: 3,
  ticks: 90 + 181,
  record: { every: 1 },
});

export default experiment;
runIfMain(module, experiment);

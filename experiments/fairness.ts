/**
 * Who gains from proof-of-stake rewards? The Ethereum, Tezos, Algorand and
 * Cardano presets under three initial distributions of the holders' tokens
 * with the same mean — equal, lognormal (σ = 1 for Ethereum's and Tezos's
 * stakers, 1.5 for Algorand's, 1.2 for delegators) and Pareto (α = 1.5) —
 * without traders, so the holders are the chain's own:
 * the small holders' (the poorest half at the start) return against the
 * richest 10 %'s, their staking participation and share of the stake, and
 * how concentrated holdings end.
 *
 *   npx tokensim run experiments/fairness.ts
 *   npx ts-node experiments/fairness.ts --seeds 2 --ticks 90
 */
import { algorandChain, cardanoChain, defineExperiment, ethereumChain, posChains, runIfMain, tezosChain, type Distribution } from '../src';

/** Equal, lognormal and Pareto (α = 1.5) holdings of mean `m` tokens; `sigma` the lognormal's. */
function distributions(m: number, sigma: number): Record<string, Distribution> {
  return {
    equal: { dist: 'constant', value: m },
    lognormal: { dist: 'lognormal', mu: Math.log(m) - (sigma * sigma) / 2, sigma },
    pareto: { dist: 'pareto', xm: m / 3, alpha: 1.5 },
  };
}

const ethereum = distributions(60_000, 1);
const tezos = distributions(500_000, 1);
const algorand = distributions(4e6, 1.5);
const cardano = distributions(12e6, 1.2);
// No traders and no arrivals of them: the holders are the chain's own.
const noTraders = { traders: { count: 0, arrivals: { perYear: 0 } } };

const experiment = defineExperiment({
  name: 'fairness',
  description: "Ethereum, Tezos, Algorand and Cardano presets under equal, lognormal and Pareto initial holdings: small holders' return against the top's.",
  model: posChains,
  variants: Object.fromEntries(
    Object.keys(ethereum).flatMap((d) => [
      [`ethereum/${d}`, { ...ethereumChain, ...noTraders, stakers: { ...ethereumChain.stakers, initialTokens: ethereum[d] } }],
      [`tezos/${d}`, { ...tezosChain, ...noTraders, stakers: { ...tezosChain.stakers, initialTokens: tezos[d] } }],
      [`algorand/${d}`, { ...algorandChain, ...noTraders, stakers: { ...algorandChain.stakers, initialTokens: algorand[d] } }],
      [`cardano/${d}`, { ...cardanoChain, ...noTraders, delegators: { ...cardanoChain.delegators, initialTokens: cardano[d] } }],
    ]),
  ),
  seeds: 2,
  ticks: 365,
  record: { every: 7, sampleEvery: 91 },
});

export default experiment;
runIfMain(module, experiment);

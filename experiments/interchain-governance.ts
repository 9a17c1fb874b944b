/**
 * Interchain governance: what do relay delay, lost messages and low
 * participation on a spoke chain do to outcomes and to capture?
 *
 * The governed token economy of experiments/governance-capture.ts (500
 * voters, mostly holders, low turnout, a participation cost; five
 * node-operator whales holding about 40% of the voters' tokens; scheduled
 * proposals on the emission rate, which the whales want raised and most
 * holders cut) votes on three chains: the hub `main`, where the tally is,
 * and two spokes, `side` and `app`, each with a quarter of the members.
 * A vote on a spoke reaches the hub after the relay's delay, unless it is
 * lost; one arriving after the 7-tick window is late and not counted.
 * Variants: every member on the hub; relays of 1 tick; of 5 ticks; of 5
 * ticks with the hub waiting 5 more; of 1 tick losing 20% of messages;
 * 1-tick relays with 30% of the intended votes cast on `side` (gas,
 * wallets); and the 5-tick relays with the quorum at 50% instead of 5%.
 *
 *   npx tokensim run experiments/interchain-governance.ts
 *   npx ts-node experiments/interchain-governance.ts --seeds 2 --ticks 120
 */
import { chain, defineExperiment, governedTokenEconomy, interchainGovernance, mainChain, runIfMain, sideChain } from '../src';

/** The spokes' relays: `side` and `app`, a quarter of the members each. */
const spokes = (delayTicks: number, lossProbability = 0, sideParticipation = 1) => [
  { chain: 'side', memberShare: 0.25, participation: sideParticipation, delayTicks, lossProbability },
  { chain: 'app', memberShare: 0.25, participation: 1, delayTicks, lossProbability },
];

const experiment = defineExperiment({
  name: 'interchain-governance',
  description: 'Votes on three chains relayed to a hub: single chain vs short, long, lossy relays and low participation on a spoke.',
  model: governedTokenEconomy.with(mainChain, sideChain, chain('app'), interchainGovernance),
  params: {
    voters: {
      roles: { holder: 0.6, staker: 0.25, nodeOperator: 0.15, grantee: 0 },
      turnout: { dist: 'uniform', min: 0.02, max: 0.1 },
      participationCostUsd: 5,
      outcomeShare: 0.01,
      whales: { count: 5, tokens: { dist: 'constant', value: 120_000 }, role: 'nodeOperator', turnout: 0.9 },
    },
    governance: {
      proposalEveryTicks: 14,
      votingTicks: 7,
      quorum: 0.05,
      timelockTicks: 2,
      proposalThreshold: 0,
      depositTokens: 1000,
      targets: [{ path: 'emission.ratePerYear', holder: -1, staker: -1, nodeOperator: 1, grantee: 0 }],
    },
    // The spoke chains carry votes only: no local holders, no trading.
    sideChain: { holderTokens: 0, holderUsd: 0, flowUsd: 0 },
    appChain: { holderTokens: 0, holderUsd: 0, flowUsd: 0 },
    interchainGovernance: { hub: { chain: 'main', memberShare: 0.5, participation: 1 }, spokes: spokes(1), graceTicks: 0 },
  },
  variants: {
    singleChain: { interchainGovernance: { hub: { memberShare: 1 }, spokes: spokes(1).map((s) => ({ ...s, memberShare: 0 })) } },
    shortRelay: {},
    longRelay: { interchainGovernance: { spokes: spokes(5) } },
    longRelayGrace: { interchainGovernance: { spokes: spokes(5), graceTicks: 5 } },
    lossyRelay: { interchainGovernance: { spokes: spokes(1, 0.2) } },
    lowParticipation: { interchainGovernance: { spokes: spokes(1, 0, 0.3) } },
    // The long relay when the quorum (50%) is close to turnout: late votes now decide whether a vote counts at all.
    longRelayHighQuorum: { governance: { quorum: 0.5 }, interchainGovernance: { spokes: spokes(5) } },
  },
  seeds: 5,
  ticks: 180,
});

export default experiment;
runIfMain(module, experiment);

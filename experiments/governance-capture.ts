/**
 * Governance capture: which voting rule resists capture by whales and by a
 * vote buyer?
 *
 * The electorate is 500 ordinary voters (mostly holders, low turnout, a
 * participation cost) plus, by scenario, five node-operator whales holding
 * about 40% of the voters' tokens and a vote buyer (a grantee with $200k that
 * proposes grants to itself and pays for votes). Scheduled proposals change
 * the emission rate, which node operators want raised and holders and
 * stakers want cut. A passed proposal is *captured* when a token-weighted
 * majority of all holders — stakers, traders and non-voters included —
 * opposed it. Six rules are compared: token-weighted, stake-weighted,
 * quadratic, vote-escrow, conviction, and token-weighted with delegation;
 * and quadratic again with the whales' tokens split over 200 addresses.
 *
 *   npx tokensim run experiments/governance-capture.ts --seeds 5
 *   npx ts-node experiments/governance-capture.ts --seeds 2 --ticks 120
 */
import { defineExperiment, governedTokenEconomy, runIfMain, type DeepPartial, type GovernedTokenEconomyParams } from '../src';

const rules: Record<string, DeepPartial<GovernedTokenEconomyParams>> = {
  token: { governance: { rule: 'token' } },
  stake: { governance: { rule: 'stake' } },
  quadratic: { governance: { rule: 'quadratic' } },
  voteEscrow: { governance: { rule: 'voteEscrow' } },
  conviction: { governance: { rule: 'conviction' } },
  // The same whale tokens split over 200 addresses of 3,000 tokens: the Sybil attack quadratic voting invites.
  quadraticSybil: { governance: { rule: 'quadratic' }, voters: { whales: { count: 200, tokens: { dist: 'constant', value: 3000 } } } },
  delegated: {
    governance: { rule: 'token' },
    voters: { delegation: { delegates: 10, share: 0.6, alignment: 0.7, turnout: 0.6, redelegateProbability: 0.01 } },
  },
};

const scenarios: Record<string, DeepPartial<GovernedTokenEconomyParams>> = {
  whales: { voters: { whales: { count: 5 } } },
  whalesAndBuyer: { voters: { whales: { count: 5 } }, voteBuyer: { count: 1 } },
};

/** Every rule under every scenario: `<rule>/<scenario>`, each a merge of the two partial parameter sets. */
const variants: Record<string, DeepPartial<GovernedTokenEconomyParams>> = {};
for (const [rule, r] of Object.entries(rules)) {
  for (const [scenario, s] of Object.entries(scenarios)) {
    variants[`${rule}/${scenario}`] = {
      governance: { ...r.governance },
      voters: { ...s.voters, ...r.voters, whales: { ...s.voters?.whales, ...r.voters?.whales } },
      ...(s.voteBuyer ? { voteBuyer: s.voteBuyer } : {}),
    };
  }
}

const experiment = defineExperiment({
  name: 'governance-capture',
  description: 'Capture of governance by whales and vote buying under six voting rules.',
  model: governedTokenEconomy,
  params: {
    voters: {
      roles: { holder: 0.6, staker: 0.25, nodeOperator: 0.15, grantee: 0 },
      turnout: { dist: 'uniform', min: 0.02, max: 0.1 },
      participationCostUsd: 5,
      outcomeShare: 0.01,
      whales: { count: 0, tokens: { dist: 'constant', value: 120_000 }, role: 'nodeOperator', turnout: 0.9 },
    },
    governance: {
      proposalEveryTicks: 14,
      votingTicks: 7,
      quorum: 0.05,
      timelockTicks: 2,
      proposalThreshold: 0,
      depositTokens: 1000,
      grantShare: 0.02,
      targets: [{ path: 'emission.ratePerYear', holder: -1, staker: -1, nodeOperator: 1, grantee: 0 }],
    },
    voteBuyer: {
      count: 0,
      initialTokens: { dist: 'constant', value: 5000 },
      initialUsd: { dist: 'constant', value: 200_000 },
      role: 'grantee',
      bribeUsdPerVote: 0.005,
      raiseShare: 0.3,
      maxUsdPerProposal: 20_000,
      proposeProbability: 0.05,
      lockTicks: 0,
    },
  },
  variants,
  seeds: 5,
  ticks: 365,
});

export default experiment;
runIfMain(module, experiment);

/**
 * DAO treasury: what do grants and buybacks, each decided by a token vote,
 * do to the price, the treasury and who holds the tokens?
 *
 * Every 10 days a spending proposal opens: a grant of 1% of the treasury's
 * tokens to a grantee (quality drawn uniformly; holders, stakers and node
 * operators back good grants and oppose bad ones, grantees back all), or a
 * buyback of 5% of the treasury's USD on the AMM. Grantees also propose
 * grants to themselves, and sell 5% of their liquid tokens a day to fund
 * their work. Variants: no spending, grants only, buybacks only, both, and
 * both with the bought tokens burned.
 *
 *   npx tokensim run experiments/dao-treasury.ts --seeds 5
 *   npx ts-node experiments/dao-treasury.ts --seeds 2 --ticks 120
 */
import { defineExperiment, governedTokenEconomy, runIfMain } from '../src';

const experiment = defineExperiment({
  name: 'dao-treasury',
  description: 'Grants and buybacks from the treasury, decided by token-weighted vote.',
  model: governedTokenEconomy,
  params: {
    voters: {
      roles: { holder: 0.5, staker: 0.25, nodeOperator: 0.1, grantee: 0.15 },
      turnout: { dist: 'uniform', min: 0.05, max: 0.3 },
      proposeProbability: 0.0005,
      granteeSellShare: 0.05,
    },
    governance: {
      rule: 'token',
      proposalEveryTicks: 10,
      votingTicks: 5,
      quorum: 0.05,
      timelockTicks: 2,
      grantShare: 0.01,
      buybackShare: 0.05,
      depositTokens: 500,
      proposalThreshold: 0,
      scheduledKinds: { param: 0, grant: 0, buyback: 0, signal: 0 },
    },
  },
  variants: {
    noSpending: { voters: { proposeProbability: 0 } },
    grants: { governance: { scheduledKinds: { grant: 1 } } },
    buybacks: { governance: { scheduledKinds: { buyback: 1 } }, voters: { proposeProbability: 0 } },
    grantsAndBuybacks: { governance: { scheduledKinds: { grant: 1, buyback: 1 } } },
    grantsAndBurnedBuybacks: { governance: { scheduledKinds: { grant: 1, buyback: 1 }, buybackBurn: true } },
  },
  seeds: 5,
  ticks: 365,
});

export default experiment;
runIfMain(module, experiment);

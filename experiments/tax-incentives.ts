/**
 * Tax incentives for a DePIN network's stakers and node operators: does a
 * tax on staking rewards, on trading gains (with or without a holding-period
 * exemption) or on node income change how much is staked, how many nodes
 * run and how concentrated stake is — and does a credit for renewable
 * hardware bring more operators onto their own renewables?
 *
 * The same economy (the DePIN network: 300 stakers paid 2M tokens a year,
 * 1,200 potential GPU operators, 15% of them on their own renewables) runs
 * with every agent in one jurisdiction whose rules each variant sets, with
 * the same seeds. Agents decide on after-tax returns; the tax leaves the
 * model in USD (an agent short of USD sells tokens for it).
 *
 *   npx tokensim run experiments/tax-incentives.ts
 *   npx ts-node experiments/tax-incentives.ts --seeds 2 --ticks 120
 */
import { defineExperiment, depinNetwork, runIfMain, taxRules, untaxedJurisdiction, type Jurisdiction } from '../src';

/** Every agent in one jurisdiction with these rules (the rest of its rates 0). */
function home(rules: Partial<Jurisdiction>) {
  return { taxRules: { jurisdictions: [{ ...untaxedJurisdiction, name: 'home', ...rules }] } };
}

const experiment = defineExperiment({
  name: 'tax-incentives',
  description: 'No tax vs 30% on staking rewards, on trading gains (with and without a one-year exemption) and on node income, with and without a renewable-hardware credit: staking, nodes, decentralisation, tax paid.',
  model: depinNetwork.with({ before: 'nodeOperators' }, taxRules),
  // 300k tokens a year to stakers, not 2M: a yield near their hurdles (2–30% a year), where a tax can change a decision.
  params: { consensus: { rewardPerYear: 300_000 } },
  variants: {
    none: {},
    // Staking rewards as income at receipt (US Rev. Rul. 2023-14), at a 30% marginal rate.
    stakingIncome30: home({ stakingRewardRate: 0.3 }),
    // 30% on every gain, however long held.
    gains30: home({ tradingGainsRate: 0.3 }),
    // The same, exempt after a year (Germany § 23 EStG; Portugal after 365 days).
    gains30ExemptAfterYear: home({ tradingGainsRate: 0.3, holdingPeriodTicks: 365, longTermDiscount: 1 }),
    // 30% on operators' net income (after cash costs and depreciation).
    nodeIncome30: home({ nodeIncomeRate: 0.3 }),
    // The same with 30% of renewable-powered hardware paid back as a credit.
    nodeIncome30Credit: home({ nodeIncomeRate: 0.3, renewableCreditShare: 0.3 }),
  },
  seeds: 5,
  ticks: 540,
  record: { every: 1 },
});

export default experiment;
runIfMain(module, experiment);

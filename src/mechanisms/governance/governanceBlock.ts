import { defineBlock } from '../../core/block';
import { getPath } from '../../core/paths';
import { marketPort } from '../../market/amm';
import { treasury } from '../treasury';
import { governanceEventColumns, governanceEventRows } from './events';
import { Governance } from './governance';
import { governanceParamsSchema, ROLES, type GovernanceParams, type Role } from './params';
import { votingPowerConcentration } from './concentration';

/** The governance position of each class that does not vote, by block key, for the capture measure (others: `holder`). */
export const BYSTANDER_ROLES: Readonly<Record<string, Role>> = { stakers: 'staker', nodeOperators: 'nodeOperator' };

/**
 * Default governance: token-weighted votes on a proposal every 30 ticks
 * (7-tick vote, 10% quorum, simple majority, 2-tick timelock) changing one
 * of the `targets` by ±20%. No targets: which parameters are governed is
 * the model's (or the experiment's) choice.
 */
export const governanceDefaults: GovernanceParams = {
  enabled: true,
  rule: 'token',
  proposalEveryTicks: 30,
  votingTicks: 7,
  quorum: 0.1,
  threshold: 0.5,
  timelockTicks: 2,
  stepShare: 0.2,
  targets: [],
  scheduledKinds: { param: 1, grant: 0, buyback: 0, signal: 0 },
  grantShare: 0.01,
  buybackShare: 0.05,
  buybackBurn: false,
  spendPreferences: {
    grant: { holder: 1, staker: 1, nodeOperator: 1, grantee: 1 },
    buyback: { holder: 1, staker: 1, nodeOperator: 1, grantee: -1 },
  },
  proposalThreshold: 0.001,
  depositTokens: 1000,
  maxLockTicks: 4 * 365,
  conviction: { alpha: 0.9, beta: 0.2, rho: 0.0025, maxTicks: 90 },
};

/**
 * The governance block (see `Governance`): proposals, voting rules,
 * delegation, timelock, execution through immer parameter changes, and
 * capture measures. Its hooks run in `pre` (execute what passed, open
 * scheduled proposals) and `post` (tally); put it first in a model's list
 * so a change voted at tick t applies from tick t + 1 on. Voters join it
 * as classes that need it (`voters`, `voteBuyer`); every other class counts
 * as bystanders by position when capture is measured.
 */
export const governance = defineBlock({
  key: 'governance',
  kind: 'mechanism',
  description: 'DAO governance: proposals, token/stake/quadratic/vote-escrow/conviction voting, delegation, timelock, capture',
  sources: [
    'conviction voting: 1Hive/conviction-voting-app (github.com/1Hive/conviction-voting-app, contracts/ConvictionVoting.sol)',
    'timelock and quorum: Compound GovernorBravoDelegate.sol (github.com/compound-finance/compound-protocol)',
  ],
  params: { schema: governanceParamsSchema, defaults: governanceDefaults },
  needs: { treasury },
  uses: { market: marketPort },
  holders: { '': { circulating: false, description: 'proposal deposits held until the proposal closes' } },
  metrics: {
    gov_active: { unit: 'proposals', description: 'proposals open for votes' },
    gov_created: { unit: 'proposals', kind: 'flow', description: 'proposals created since the previous row' },
    gov_passed: { unit: 'proposals', kind: 'flow', description: 'proposals passed since the previous row' },
    gov_captured: { unit: 'proposals', kind: 'flow', description: 'proposals passed against a token-weighted majority of holders since the previous row' },
    gov_turnout: { unit: 'share', description: 'turnout (power cast / electorate power) of the last proposal closed, 0 before any' },
    voting_power_gini: { unit: 'index', sampled: true, description: 'Gini of effective voting power (delegated power counted with the delegate)' },
    voting_power_nakamoto: { unit: 'members', sampled: true, description: 'fewest members holding more than half the effective voting power' },
    bribes_usd: { unit: 'USD', kind: 'flow', description: 'USD paid for votes since the previous row' },
    gov_grants_tokens: { unit: 'tokens', kind: 'flow', description: 'treasury tokens granted since the previous row' },
    gov_buyback_usd: { unit: 'USD', kind: 'flow', description: 'treasury USD spent on voted buybacks since the previous row' },
  },
  kpis: {
    proposals: { unit: 'proposals', description: 'valid proposals created (as gov_proposals)' },
    proposals_passed: { unit: 'proposals', description: 'proposals passed (as gov_passed)' },
    gov_proposals: { unit: 'proposals', description: 'valid proposals created' },
    gov_invalid: { unit: 'proposals', description: 'proposals refused when made (power, deposit, out-of-range value)' },
    gov_passed: { unit: 'proposals', description: 'proposals passed' },
    gov_pass_rate: { unit: 'share', description: 'passed / closed (0 when none closed)' },
    gov_turnout_mean: { unit: 'share', description: 'mean turnout over closed proposals (0 when none closed)' },
    gov_time_to_pass_mean: { unit: 'ticks', description: 'mean ticks from creation to passing (0 when none passed)' },
    gov_executed: { unit: 'proposals', description: 'proposals executed' },
    gov_failed: { unit: 'proposals', description: 'passed proposals that could no longer be executed' },
    gov_captured: { unit: 'proposals', description: 'passed proposals opposed by a token-weighted majority of holders' },
    gov_capture_rate: { unit: 'share', description: 'captured / passed (0 when none passed)' },
    gini_voting_power: { unit: 'index', description: 'Gini of effective voting power at the end' },
    nakamoto_voting_power: { unit: 'members', description: 'Nakamoto coefficient of effective voting power at the end' },
    bribes_usd_total: { unit: 'USD', description: 'USD paid for votes over the run' },
    gov_grants_tokens_total: { unit: 'tokens', description: 'tokens granted over the run' },
    gov_buyback_usd_total: { unit: 'USD', description: 'USD spent on voted buybacks over the run' },
  },
  tables: {
    events: { description: 'governance events: one row per proposal created, closed, executed, failed, or deposit settled', columns: governanceEventColumns },
  },
  check(p, all) {
    return p.targets.flatMap((t, k) =>
      typeof getPath(all, t.path) === 'number' ? [] : [{ path: `targets.${k}.path`, message: `${t.path} is not a numeric parameter of this model` }],
    );
  },
  build(ctx) {
    const gov = new Governance(ctx.params, ctx.rng, ctx.ledger, ctx.account(''), ctx.deps.treasury, ctx.deps.market);
    let cachedTick = -1;
    let conc = { gini: 0, nakamoto: 0 };
    const concentration = () => {
      if (cachedTick !== ctx.world.tick) {
        cachedTick = ctx.world.tick;
        conc = votingPowerConcentration(gov);
      }
      return conc;
    };
    const s = gov.stats;
    const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
    return {
      api: gov,
      hooks: { pre: (w) => gov.pre(w), post: (w) => gov.post(w) },
      genesis: (w) => {
        for (const pop of w.populations) {
          if (gov.electorate.pops.some((p) => p === pop)) continue;
          gov.electorate.addBystanders(pop, ROLES.indexOf(BYSTANDER_ROLES[pop.name] ?? 'holder'));
        }
      },
      metrics: {
        gov_active: () => gov.active.length,
        gov_created: () => s.createdThisTick,
        gov_passed: () => s.passedThisTick,
        gov_captured: () => s.capturedThisTick,
        gov_turnout: () => s.lastTurnout,
        voting_power_gini: () => concentration().gini,
        voting_power_nakamoto: () => concentration().nakamoto,
        bribes_usd: () => s.bribesThisTick,
        gov_grants_tokens: () => s.grantsThisTick,
        gov_buyback_usd: () => s.buybackThisTick,
      },
      summary: () => {
        const end = votingPowerConcentration(gov);
        return {
          proposals: s.created,
          proposals_passed: s.passed,
          gov_proposals: s.created,
          gov_invalid: s.invalid,
          gov_passed: s.passed,
          gov_pass_rate: ratio(s.passed, s.closedCount),
          gov_turnout_mean: ratio(s.turnoutSum, s.closedCount),
          gov_time_to_pass_mean: ratio(s.ticksToPassSum, s.passed),
          gov_executed: s.executed,
          gov_failed: s.failed,
          gov_captured: s.captured,
          gov_capture_rate: ratio(s.captured, s.passed),
          gini_voting_power: end.gini,
          nakamoto_voting_power: end.nakamoto,
          bribes_usd_total: s.bribesUsd,
          gov_grants_tokens_total: s.grantsTokens,
          gov_buyback_usd_total: s.buybackUsd,
        };
      },
      tables: { events: () => governanceEventRows(gov) },
    };
  },
});

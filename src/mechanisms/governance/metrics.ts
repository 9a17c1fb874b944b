import type { World } from '../../core/world';
import type { Metric } from '../../experiment/model';
import type { Governance } from './governance';
import { powerConcentration } from './stats';

/**
 * Returns the governance timeseries metrics of `gov`:
 *
 * | column | kind | meaning |
 * | --- | --- | --- |
 * | `gov_active` | level | proposals open for votes |
 * | `gov_created`, `gov_passed`, `gov_captured` | flow | proposals created, passed, passed against a token-weighted majority of holders |
 * | `gov_turnout` | level | turnout (power cast / electorate power) of the last proposal closed, 0 before any |
 * | `voting_power_gini`, `voting_power_nakamoto` | level, sampled every `record.sampleEvery` ticks | concentration of effective voting power (delegated power counted with the delegate) |
 * | `bribes_usd`, `gov_grants_tokens`, `gov_buyback_usd` | flow | USD paid for votes, tokens granted, treasury USD spent on buybacks |
 */
export function governanceMetrics(gov: Governance, world: World): Metric[] {
  let cachedTick = -1;
  let conc = { gini: 0, nakamoto: 0 };
  const concentration = () => {
    if (cachedTick !== world.tick) {
      cachedTick = world.tick;
      conc = votingPowerConcentration(gov);
    }
    return conc;
  };
  const s = gov.stats;
  return [
    { name: 'gov_active', kind: 'level', read: () => gov.active.length },
    { name: 'gov_created', kind: 'flow', read: () => s.createdThisTick },
    { name: 'gov_passed', kind: 'flow', read: () => s.passedThisTick },
    { name: 'gov_captured', kind: 'flow', read: () => s.capturedThisTick },
    { name: 'gov_turnout', kind: 'level', read: () => s.lastTurnout },
    { name: 'voting_power_gini', kind: 'level', sampled: true, read: () => concentration().gini },
    { name: 'voting_power_nakamoto', kind: 'level', sampled: true, read: () => concentration().nakamoto },
    { name: 'bribes_usd', kind: 'flow', read: () => s.bribesThisTick },
    { name: 'gov_grants_tokens', kind: 'flow', read: () => s.grantsThisTick },
    { name: 'gov_buyback_usd', kind: 'flow', read: () => s.buybackThisTick },
  ];
}

/** Returns the Gini and Nakamoto coefficients of the electorate's effective voting power now, under the rule in force. */
export function votingPowerConcentration(gov: Governance): { gini: number; nakamoto: number } {
  const g = gov.params();
  const e = gov.electorate;
  e.seal();
  const power = gov.stats.powerBuffer(e.size);
  e.powers(g.rule, g.maxLockTicks, power);
  const d = gov.stats.delegateBuffer(e.size);
  const any = e.delegates(d);
  return powerConcentration(power, any ? d : null, e.size);
}

/**
 * Returns the governance KPIs of a finished run: `gov_proposals` (created),
 * `gov_invalid`, `gov_passed`, `gov_pass_rate` (passed / closed),
 * `gov_turnout_mean` (mean over closed proposals), `gov_time_to_pass_mean`
 * (ticks from creation to passing; NaN when none passed), `gov_executed`,
 * `gov_failed`, `gov_captured`, `gov_capture_rate` (captured / passed; NaN
 * when none passed), `gini_voting_power`, `nakamoto_voting_power`,
 * `bribes_usd_total`, `gov_grants_tokens_total`, `gov_buyback_usd_total`.
 */
export function governanceSummary(gov: Governance): Record<string, number> {
  const s = gov.stats;
  const conc = votingPowerConcentration(gov);
  return {
    gov_proposals: s.created,
    gov_invalid: s.invalid,
    gov_passed: s.passed,
    gov_pass_rate: s.closedCount > 0 ? s.passed / s.closedCount : NaN,
    gov_turnout_mean: s.closedCount > 0 ? s.turnoutSum / s.closedCount : NaN,
    gov_time_to_pass_mean: s.passed > 0 ? s.ticksToPassSum / s.passed : NaN,
    gov_executed: s.executed,
    gov_failed: s.failed,
    gov_captured: s.captured,
    gov_capture_rate: s.passed > 0 ? s.captured / s.passed : NaN,
    gini_voting_power: conc.gini,
    nakamoto_voting_power: conc.nakamoto,
    bribes_usd_total: s.bribesUsd,
    gov_grants_tokens_total: s.grantsTokens,
    gov_buyback_usd_total: s.buybackUsd,
  };
}

import type { Governance } from './governance';
import { powerConcentration } from './stats';

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


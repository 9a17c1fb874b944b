import { holdingsOf } from './electorate';
import type { Governance } from './governance';
import type { Proposal } from './proposal';

/**
 * `opposedShare(gov, p)` → the share of holders' tokens opposed to `p`,
 * among holders with a view, in [0, 1]:
 *
 *   Σ_{pref<0} h / (Σ_{pref<0} h + Σ_{pref>0} h),
 *
 * over every member (its position's preference; a grant's recipient backs
 * it) and every bystander population (its one position), voting or not;
 * h is tokens held (liquid + staked + unbonding). 0 when nobody has a view.
 * A passed proposal with a share above ½ is a capture. O(holders).
 */
export function opposedShare(gov: Governance, p: Proposal): number {
  let pro = 0;
  let con = 0;
  const e = gov.electorate;
  for (let m = 0; m < e.size; m++) {
    const pref = gov.preferenceOf(p, m);
    if (pref === 0) continue;
    const h = e.holdings(m);
    if (pref > 0) pro += h;
    else con += h;
  }
  for (const { pop, role } of e.bystanders) {
    const pref = p.prefs[role];
    if (pref === 0) continue;
    let h = 0;
    for (let i = 0; i < pop.size; i++) h += holdingsOf(pop, i);
    if (pref > 0) pro += h;
    else con += h;
  }
  return pro + con > 0 ? con / (pro + con) : 0;
}

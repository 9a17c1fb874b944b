import { getPath } from '../../core/paths';
import type { Rng } from '../../core/rng';
import type { World } from '../../core/world';
import type { Electorate } from './electorate';
import type { Governance } from './governance';
import { ROLES, type ProposalKind } from './params';
import type { ProposalSpec } from './proposal';

const GRANTEE = ROLES.indexOf('grantee');

/**
 * `scheduledSpec(gov, world, rng)` → the next scheduled proposal, or null.
 * Its kind is drawn with weights `scheduledKinds`: a parameter target
 * (uniform) changed to old · (1 ± stepShare), sign ½ each (from 0: to
 * stepShare, or unchanged); a grant of `grantShare` of the treasury's tokens
 * to a uniformly drawn grantee, quality uniform in [0, 1); a buyback of
 * `buybackShare` of the treasury's USD; or a signal.
 */
export function scheduledSpec(gov: Governance, world: World, rng: Rng): ProposalSpec | null {
  const g = gov.params();
  const w = g.scheduledKinds;
  const total = w.param + w.grant + w.buyback + w.signal;
  if (!(total > 0)) return null;
  let u = rng.next() * total;
  const kind: ProposalKind = (u -= w.param) < 0 ? 'param' : (u -= w.grant) < 0 ? 'grant' : (u -= w.buyback) < 0 ? 'buyback' : 'signal';
  if (kind === 'param') {
    if (g.targets.length === 0) return null;
    const target = g.targets[rng.int(g.targets.length)];
    const before = getPath(world.params, target.path);
    if (typeof before !== 'number') return { kind: 'param', path: target.path, value: NaN };
    const direction = rng.chance(0.5) ? 1 : -1;
    const value = before === 0 ? (direction > 0 ? g.stepShare : 0) : before * (1 + direction * g.stepShare);
    return value === before ? null : { kind: 'param', path: target.path, value };
  }
  if (kind === 'grant') {
    const recipient = randomMemberWithRole(gov.electorate, GRANTEE, rng);
    if (recipient < 0) return null;
    return { kind: 'grant', recipient, amountTokens: g.grantShare * gov.funds.tokens, quality: rng.next() };
  }
  if (kind === 'buyback') return { kind: 'buyback', amountUsd: g.buybackShare * gov.funds.usd };
  return { kind: 'signal' };
}

/** Returns a uniformly drawn member holding position `role`, or −1 when there is none (O(members), once per proposal). */
function randomMemberWithRole(e: Electorate, role: number, rng: Rng): number {
  let count = 0;
  for (let m = 0; m < e.size; m++) if (e.roleOf(m) === role) count++;
  if (count === 0) return -1;
  let pick = rng.int(count);
  for (let m = 0; m < e.size; m++) if (e.roleOf(m) === role && pick-- === 0) return m;
  return -1;
}

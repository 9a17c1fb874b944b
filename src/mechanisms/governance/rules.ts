import type { VotingRule } from './params';

/**
 * `votingPower(rule, holdings, staked, lockTicks, maxLockTicks)` → the voting
 * power of one member, in the rule's unit:
 *
 * - `token`: h, its tokens held (liquid + staked + unbonding);
 * - `stake`: s, its staked tokens only;
 * - `quadratic`: √h — a member's credits are its tokens, and v votes cost v²
 *   credits, so spending all h credits buys √h votes;
 * - `voteEscrow`: h · min(L, L_max) / L_max, with L the lock length the member
 *   keeps (ticks) and L_max the lock that gives full weight (Curve's veCRV
 *   with a lock that is renewed, so it does not decay);
 * - `conviction`: h, the tokens it can stake on a proposal's conviction.
 *
 * Negative inputs count as 0.
 */
export function votingPower(rule: VotingRule, holdings: number, staked: number, lockTicks: number, maxLockTicks: number): number {
  const h = holdings > 0 ? holdings : 0;
  switch (rule) {
    case 'token':
    case 'conviction':
      return h;
    case 'stake':
      return staked > 0 ? staked : 0;
    case 'quadratic':
      return Math.sqrt(h);
    case 'voteEscrow': {
      const l = lockTicks <= 0 ? 0 : lockTicks >= maxLockTicks ? maxLockTicks : lockTicks;
      return (h * l) / maxLockTicks;
    }
  }
}

/** The result of a tally, in units of voting power. */
export interface Tally {
  /** Power for and against, direct and delegated votes together. */
  votesFor: number;
  votesAgainst: number;
  /** Power that reached the tally through delegates. */
  delegated: number;
  /** Members who voted themselves. */
  voters: number;
}

/**
 * `tallyBallot(power, choice, delegateOf, n, out)` → the tally of one
 * proposal over members 0..n−1. `choice[m]` is +1 (for), −1 (against) or 0
 * (did not vote); `delegateOf[m]` is the member m delegates to, or −1.
 *
 *   for = Σ_{choice=+1} power + Σ_{choice=0, choice[delegateOf]=+1} power,
 *
 * and likewise against: a member that votes itself overrides its delegation;
 * the power of one that does not follows its delegate's vote. Delegation is
 * one level deep (a delegate's own delegation is not followed), as in
 * Compound-style governors. Writes into `out` and returns it.
 */
export function tallyBallot(power: Float64Array, choice: Int8Array, delegateOf: Int32Array | null, n: number, out: Tally): Tally {
  let f = 0;
  let a = 0;
  let d = 0;
  let voters = 0;
  for (let m = 0; m < n; m++) {
    let c = choice[m];
    if (c !== 0) voters++;
    else if (delegateOf !== null && delegateOf[m] >= 0 && delegateOf[m] < n) {
      c = choice[delegateOf[m]];
      if (c !== 0) d += power[m];
    }
    if (c > 0) f += power[m];
    else if (c < 0) a += power[m];
  }
  out.votesFor = f;
  out.votesAgainst = a;
  out.delegated = d;
  out.voters = voters;
  return out;
}

/**
 * `voteOutcome(tally, totalPower, quorum, threshold)` → whether a vote passes,
 * and why not: it reaches quorum when (for + against) / totalPower ≥ quorum
 * and is approved when for / (for + against) > threshold.
 */
export function voteOutcome(t: Tally, totalPower: number, quorum: number, threshold: number): 'passed' | 'quorum_missed' | 'threshold_missed' {
  const cast = t.votesFor + t.votesAgainst;
  const turnout = totalPower > 0 ? cast / totalPower : 0;
  if (!(turnout >= quorum) || cast <= 0) return 'quorum_missed';
  return t.votesFor / cast > threshold ? 'passed' : 'threshold_missed';
}

/**
 * `convictionStep(y, x, alpha)` → conviction after one tick,
 * y(t+1) = α · y(t) + x(t), in token-ticks, where x is the tokens staked in
 * support now. Held at x it converges to x / (1 − α); half-way after
 * ln ½ / ln α ticks.
 */
export function convictionStep(y: number, x: number, alpha: number): number {
  return alpha * y + x;
}

/**
 * `convictionThreshold(supply, requestedShare, alpha, beta, rho)` → the
 * conviction a proposal needs to pass (1Hive / Commons Stack), in token-ticks:
 *
 *   τ = ρ · S / ((1 − α) · (β − r)²),
 *
 * with S the effective supply (tokens that can vote), r the share of the
 * funds requested and β the largest share one proposal may take (Infinity
 * when r ≥ β). At steady state y = x / (1 − α), so a proposal passes once a
 * share x / S ≥ ρ / (β − r)² of supply has supported it long enough. Signal
 * and parameter proposals request nothing (r = 0).
 */
export function convictionThreshold(supply: number, requestedShare: number, alpha: number, beta: number, rho: number): number {
  const r = requestedShare > 0 ? requestedShare : 0;
  if (r >= beta) return Infinity;
  const gap = beta - r;
  return (rho * supply) / ((1 - alpha) * gap * gap);
}

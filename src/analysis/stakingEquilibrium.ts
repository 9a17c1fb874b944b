/**
 * Returns the competitive staking equilibrium of yield-taking stakers, in
 * tokens staked: the stake S* at which exactly the agents whose required
 * yield (hurdle, per year) is below the staking yield R/S* stake all they
 * hold,
 *
 *   S* = Σ_{i : h_i < R / S*} H_i,
 *
 * (R: staker rewards, tokens per year; H_i: agent i's tokens, liquid +
 * staked + unbonding). The left side rises and the right side falls in S,
 * so the fixed point is unique; found by bisection on [0, Σ H]. With one
 * common hurdle c and holdings large enough, S* = R/c — the n → ∞ limit of
 * the staking contest's R(n − 1)/(nc). Assumes stakers compare the plain
 * token yield with their hurdle (no price expectations) and can stake all
 * they hold.
 */
export function stakingEquilibrium(rewardsPerYear: number, hurdles: ArrayLike<number>, holdings: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < holdings.length; i++) total += holdings[i];
  if (!(rewardsPerYear > 0) || !(total > 0)) return 0;
  const supplied = (s: number) => {
    const y = rewardsPerYear / s;
    let sum = 0;
    for (let i = 0; i < holdings.length; i++) if (hurdles[i] < y) sum += holdings[i];
    return sum;
  };
  let lo = 0;
  let hi = total;
  if (supplied(hi) >= hi) return hi;
  for (let it = 0; it < 200 && hi - lo > 1e-9 * total; it++) {
    const mid = (lo + hi) / 2;
    if (supplied(mid) > mid) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Cardano's Shelley reward rules, from "Design Specification for Delegation
 * and Incentives in Cardano" (IOHK, Kant, Brünjes & Coutts, 2020; the
 * cardano-ledger release's shelley-delegation.pdf), section 5.5 (rewards),
 * and "A Formal Specification of the Cardano Ledger" (Shelley, IOHK, 2020),
 * §11.8 "Rewards Distribution Calculation" (`maxPool`, `r_operator`,
 * `r_member`). Amounts in whole tokens (ADA), stake as shares of the supply
 * in circulation (the cap less the reserve).
 */

/**
 * Returns the tokens one epoch takes from the reserve R for rewards:
 * ΔR = ρ · R · η (monetary expansion ρ per epoch, η = min(1, blocks made /
 * blocks expected), here 1), compounded over `epochs` epochs (a tick may be
 * a fraction or several of them): R · (1 − (1 − ρ)^epochs).
 */
export function reserveDraw(reserve: number, rho: number, epochs: number): number {
  if (!(reserve > 0)) return 0;
  return reserve * (epochs === 1 ? rho : -Math.expm1(epochs * Math.log1p(-rho)));
}

/**
 * Returns a pool's maximal reward for an epoch (`maxPool`, design
 * specification §5.5.3; ledger specification §11.8):
 *
 *   f(s, σ) = R / (1 + a0) · [ σ' + s' · a0 · (σ' − s' (z0 − σ') / z0) / z0 ],
 *   σ' = min(σ, z0),  s' = min(s, z0),  z0 = 1 / k,
 *
 * R the epoch's rewards for pools (after the treasury's cut), σ the pool's
 * stake and s its operator's pledge, both shares of the supply in
 * circulation; in tokens. Stake past saturation z0 earns nothing more, and
 * the pledge raises a pool's reward through the influence a0.
 */
export function maxPoolReward(rewards: number, sigma: number, pledge: number, k: number, a0: number): number {
  const z0 = 1 / k;
  const sp = sigma < z0 ? sigma : z0;
  const pp = pledge < z0 ? pledge : z0;
  return (rewards / (1 + a0)) * (sp + (pp * a0 * (sp - (pp * (z0 - sp)) / z0)) / z0);
}

/**
 * Returns the operator's part of a pool's reward f̂ (`r_operator`, §11.8):
 * all of it when f̂ ≤ c, else c + (f̂ − c) · (m + (1 − m) · s / σ), with c
 * the pool's cost per epoch (tokens), m its margin and s / σ the pledge's
 * share of the pool's stake.
 */
export function operatorReward(poolReward: number, cost: number, margin: number, pledgeShareOfPool: number): number {
  if (poolReward <= cost) return poolReward;
  return cost + (poolReward - cost) * (margin + (1 - margin) * pledgeShareOfPool);
}

/**
 * Returns a member's reward per token delegated to the pool (`r_member`,
 * §11.8): (f̂ − c)(1 − m) / σ_tokens, 0 when f̂ ≤ c. A member with t tokens
 * gets t times it; operator plus members add up to f̂.
 */
export function memberRewardPerToken(poolReward: number, cost: number, margin: number, poolStakeTokens: number): number {
  if (poolReward <= cost || !(poolStakeTokens > 0)) return 0;
  return ((poolReward - cost) * (1 - margin)) / poolStakeTokens;
}

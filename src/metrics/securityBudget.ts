import { defineBlock } from '../core/block';
import { marketPort } from '../market/amm';
import { cardano } from '../mechanisms/cardano';
import { staking } from '../mechanisms/staking';

/**
 * Returns the tokens an attacker must add to a stake S to hold the share
 * `share` of the stake after adding them: A / (S + A) = share, so
 * A = share · S / (1 − share) (S / 2 for a third, S for half). In tokens.
 */
export function tokensToControl(stake: number, share: number): number {
  if (!(share > 0 && share < 1)) throw new RangeError(`share must be in (0, 1), got ${share}`);
  return (share * stake) / (1 - share);
}

/** What an attack costs on a market that quotes exact-out buys (`ConstantProductPool.quoteBuyExactOut`). */
export interface AttackQuote {
  /** Returns the USD needed to buy exactly `tokens` tokens now, fee included; Infinity when the market cannot deliver them. */
  quoteBuyExactOut(tokens: number): number;
  readonly price: number;
}

/**
 * Returns the cost of attack for a stake share, in USD: the USD needed to
 * buy `tokensToControl(stake, share)` tokens against the market's curve
 * (for a constant-product pool with reserves x tokens, y USD and fee f:
 * y·A / ((x − A)(1 − f)), Infinity when A ≥ x).
 */
export function attackCostUsd(market: AttackQuote, stake: number, share: number): number {
  const a = tokensToControl(stake, share);
  return a > 0 ? market.quoteBuyExactOut(a) : 0;
}

/**
 * Returns the USD to buy exactly `tokens` tokens from the whole circulating
 * float held as one constant-product curve at the market price: reserves
 * x = circulating tokens, y = price · x, fee f, cost y·A / ((x − A)(1 − f))
 * (Infinity when A ≥ x) — the price impact of buying from every liquid
 * holder at once, where the pool alone is too shallow to sell that much.
 */
export function floatCurveCostUsd(circulating: number, price: number, feeBps: number, tokens: number): number {
  if (!(tokens > 0)) return 0;
  if (tokens >= circulating) return Infinity;
  return (price * circulating * tokens) / ((circulating - tokens) * (1 - feeBps / 10_000));
}

/**
 * The security budget of proof-of-stake consensus at the end of a run: the
 * cost to acquire a third of the stake (enough to stop finality) and half
 * (enough to control the chain), bought against the market's price impact
 * on the AMM pool's curve, and each over the value secured, the market cap
 * price × supply. Stake is the staking pool's (bonded) plus Cardano's
 * (delegated and pledged). On the pool the attacker buys alone and at once,
 * without arbitrage refilling it (Infinity when the pool holds fewer tokens
 * than it needs); on the float curve (`floatCurveCostUsd`, the pool's fee)
 * it buys from all circulating tokens priced as one constant-product curve.
 */
export const securityBudget = defineBlock({
  key: 'securityBudget',
  kind: 'metrics',
  description: 'cost of attack: USD to buy 1/3 and 1/2 of the stake against the AMM curve, and its ratio to the market cap',
  sources: ['Budish, "The Economic Limits of Bitcoin and the Blockchain" (NBER w24717, 2018): the cost of attack against the value secured'],
  needs: { market: marketPort },
  uses: { staking, cardano },
  kpis: {
    consensus_stake_ratio: { unit: 'share', description: 'consensus stake (bonded plus delegated) over supply at the end' },
    attack_cost_third_usd: { unit: 'USD', description: 'USD to buy a third of the stake (stake added: S/2 tokens) on the AMM at the end' },
    attack_cost_half_usd: { unit: 'USD', description: 'USD to buy half of the stake (S tokens) on the AMM at the end' },
    attack_cost_third_to_mcap: { unit: 'ratio', description: 'attack_cost_third_usd over price × supply' },
    attack_cost_half_to_mcap: { unit: 'ratio', description: 'attack_cost_half_usd over price × supply' },
    attack_cost_third_float_usd: { unit: 'USD', description: 'USD to buy a third of the stake from the circulating float as one constant-product curve at the price' },
    attack_cost_half_float_usd: { unit: 'USD', description: 'USD to buy half of the stake from the circulating float as one constant-product curve at the price' },
    attack_cost_third_float_to_mcap: { unit: 'ratio', description: 'attack_cost_third_float_usd over price × supply' },
    attack_cost_half_float_to_mcap: { unit: 'ratio', description: 'attack_cost_half_float_usd over price × supply' },
  },
  check(_p, _all, blocks) {
    return blocks.has('staking') || blocks.has('cardano') ? [] : [{ path: '', message: 'needs a stake to attack: the model has neither a staking nor a cardano block' }];
  },
  build(ctx) {
    const market = ctx.deps.market;
    const stake = () => (ctx.deps.staking?.totalStaked ?? 0) + (ctx.deps.cardano?.totalStake ?? 0);
    return {
      api: undefined,
      summary: () => {
        const s = stake();
        const mcap = market.price * ctx.ledger.supply;
        const third = attackCostUsd(market, s, 1 / 3);
        const half = attackCostUsd(market, s, 1 / 2);
        const float = (share: number) => floatCurveCostUsd(ctx.ledger.circulating(), market.price, market.fee * 10_000, tokensToControl(s, share));
        const thirdFloat = float(1 / 3);
        const halfFloat = float(1 / 2);
        const ratio = (x: number) => (mcap > 0 ? x / mcap : 0);
        return {
          consensus_stake_ratio: ctx.ledger.supply > 0 ? s / ctx.ledger.supply : 0,
          attack_cost_third_usd: third,
          attack_cost_half_usd: half,
          attack_cost_third_to_mcap: ratio(third),
          attack_cost_half_to_mcap: ratio(half),
          attack_cost_third_float_usd: thirdFloat,
          attack_cost_half_float_usd: halfFloat,
          attack_cost_third_float_to_mcap: ratio(thirdFloat),
          attack_cost_half_float_to_mcap: ratio(halfFloat),
        };
      },
    };
  },
});

import { z } from '../core/zod';
import { defineBlock, type Block, type MetricSpec } from '../core/block';
import { InputError } from '../core/errors';
import { MAIN_CHAIN } from '../core/ledger';
import type { Account } from '../core/account';
import type { Rng } from '../core/rng';
import type { AnyWorld } from '../core/world';
import { marketPort } from '../market/amm';
import { ConstantProductPool, type PoolTrader } from '../market/constantProductPool';
import { chainKey, registerChain, type ChainApi } from './chainRegistry';

/** What every chain has: its transaction cost and block time, and the local holders who trade on it. */
const chainShape = {
  /** Gas of one transaction, in the chain's native unit (e.g. ETH), at the chain's typical gas price. */
  gasNative: z.number().min(0).max(1e9),
  /** Price of the native unit, in USD. */
  nativePriceUsd: z.number().min(0).max(1e9),
  /** Block time, in seconds. */
  blockSeconds: z.number().positive().max(86_400),
  /** Tokens the local holders start with on this chain. */
  holderTokens: z.number().min(0).max(1e15),
  /** USD the local holders start with. */
  holderUsd: z.number().min(0).max(1e15),
  /** Standard deviation of the local holders' net order per tick, in USD (0: they never trade). */
  flowUsd: z.number().min(0).max(1e12),
  /** Share of the log gap between price and the holders' valuation (when they have one) their order closes per tick, in [0, 1]. */
  informedShare: z.number().min(0).max(1),
};

/** Parameters of a chain with its own AMM pool. */
export const chainParamsSchema = z
  .object({
    ...chainShape,
    /** The chain's pool at genesis: its token reserve (tokens), USD reserve (USD) and swap fee (basis points). */
    tokenReserve: z.number().positive().max(1e15),
    usdReserve: z.number().positive().max(1e15),
    feeBps: z.number().min(0).max(10_000),
  })
  .strict();
export type ChainParams = z.infer<typeof chainParamsSchema>;

/** Parameters of the main chain, whose pool is the model's market (the `amm` block). */
export const mainChainParamsSchema = z.object(chainShape).strict();
export type MainChainParams = z.infer<typeof mainChainParamsSchema>;

/** Defaults of a second chain: a cheap, fast L2-like chain with a $500k pool (assumed, not measured). */
export const chainDefaults: ChainParams = {
  gasNative: 0.00001,
  nativePriceUsd: 3000,
  blockSeconds: 2,
  holderTokens: 200_000,
  holderUsd: 200_000,
  flowUsd: 5_000,
  informedShare: 0.1,
  tokenReserve: 500_000,
  usdReserve: 500_000,
  feeBps: 30,
};

/** Defaults of the main chain: an L1-like chain, ~$1.50 a transaction at 12 s blocks (assumed, not measured); its traders are the model's own. */
export const mainChainDefaults: MainChainParams = {
  gasNative: 0.0005,
  nativePriceUsd: 3000,
  blockSeconds: 12,
  holderTokens: 0,
  holderUsd: 0,
  flowUsd: 0,
  informedShare: 0.1,
};

/**
 * The local holders' trade of one tick: a net order in USD
 *
 *   o = ε + κ · y · ln(v / p) / 2,   ε ~ Normal(0, flowUsd),
 *
 * the informed part only when they have a valuation v (y the pool's USD
 * reserve, p its price, κ = informedShare: in a constant-product pool a buy
 * of Δy moves ln p by ≈ 2 Δy / y, so that part closes about κ of the log
 * gap to v per tick). o > 0 buys for min(o, their USD), o < 0 sells
 * min(|o| / p, their tokens). Returns the USD value traded (buy: USD in;
 * sell: USD out).
 */
export function localFlow(pool: ConstantProductPool, trader: PoolTrader, usd: number, tokens: number, flowUsd: number, rng: Rng, value: number | null = null, informedShare = 0): number {
  const noise = flowUsd > 0 ? rng.normal(0, flowUsd) : 0;
  const informed = value !== null && value > 0 ? (informedShare * pool.usdReserve * Math.log(value / pool.price)) / 2 : 0;
  const o = noise + informed;
  if (o === 0) return 0;
  if (o > 0) return trader.buy(Math.min(o, usd));
  const sell = Math.min(-o / pool.price, tokens);
  return sell > 0 ? trader.sell(sell) : 0;
}

/** Returns the per-chain metrics of chain `name`. */
function chainMetrics(name: string): Record<string, MetricSpec> {
  return {
  [`price_${name}`]: { unit: 'USD/token', description: `marginal price of the token on chain ${name}'s pool` },
  [`supply_${name}`]: { unit: 'tokens', description: `tokens on chain ${name}: Σ of its accounts (= minted − burned there)` },
  [`liquidity_usd_${name}`]: { unit: 'USD', description: `value of chain ${name}'s pool reserves (2 × USD reserve)` },
  [`volume_${name}`]: { unit: 'USD', kind: 'flow', description: `swap volume on chain ${name}'s pool since the previous row` },
  [`gas_usd_${name}`]: { unit: 'USD', description: `cost of one transaction on chain ${name}` },
  };
}

/**
 * Returns the block of chain `name` (key `<name>Chain`, parameters
 * `params.<name>Chain`): a network with its own AMM pool of the token
 * against USD, its transaction cost (gas in its native unit, and in USD at
 * the native price) and its block time, and local holders — one scalar
 * account on the chain, funded at genesis — who each tick place a net order
 * drawn from Normal(0, flowUsd) on the chain's pool (`localFlow`), so the
 * chain's price wanders apart from the others' unless a bridge and
 * arbitrageurs tie them. Every account it opens is on chain `name`; its
 * pool's genesis tokens are minted there.
 *
 * `{ market: true }` makes it the main chain (name `main`): its pool is
 * the model's market (the `amm` block's, on the main chain) and only the
 * gas, block time and local holders are its own.
 *
 * Per-chain columns of `timeseries.arrow`: price_<name>, supply_<name>,
 * liquidity_usd_<name>, volume_<name>, gas_usd_<name>.
 *
 * Sources: the pool is `ConstantProductPool` (Uniswap v2). Gas, block time
 * and pool depth are parameters; the defaults are assumptions of the order
 * of an L1 (~12 s blocks, ~$1.50 a swap) and an L2 (~2 s, ~$0.03), not
 * measurements.
 */
export function chain<const N extends string>(name: N, opts: { market: true }): Block<`${N}Chain`, MainChainParams, ChainApi>;
export function chain<const N extends string>(name: N, opts?: { market?: false }): Block<`${N}Chain`, ChainParams, ChainApi>;
export function chain<const N extends string>(name: N, opts: { market?: boolean } = {}): Block<`${N}Chain`, MainChainParams, ChainApi> | Block<`${N}Chain`, ChainParams, ChainApi> {
  if (!/^[a-z][A-Za-z0-9]*$/.test(name)) throw new InputError(`chain name ${JSON.stringify(name)}: expected a camelCase identifier (letters and digits, starting with a lower-case letter)`);
  if (opts.market && name !== MAIN_CHAIN) throw new InputError(`chain ${name}: only the main chain ("${MAIN_CHAIN}") trades on the model's market`);
  const key = chainKey(name) as `${N}Chain`;
  const holders = { circulating: true, description: `local holders on chain ${name} (tokens and USD)`, chain: name };
  const sources = ['Uniswap v2 constant-product pool (see ConstantProductPool); gas, block time and depth are assumed parameters'];
  if (opts.market) {
    return defineBlock({
      key,
      kind: 'market',
      description: `the main chain (${MAIN_CHAIN}): gas, block time and local holders; its pool is the model's market`,
      sources,
      params: { schema: mainChainParamsSchema, defaults: mainChainDefaults },
      needs: { market: marketPort },
      holders: { holders },
      metrics: chainMetrics(name),
      build: (ctx) => chainParts(name, ctx.world, ctx.params, ctx.account('holders'), ctx.deps.market, ctx.rng, null),
    });
  }
  return defineBlock({
    key,
    kind: 'market',
    description: `chain ${name}: its own AMM pool, gas, block time and local holders`,
    sources,
    params: { schema: chainParamsSchema, defaults: chainDefaults },
    holders: {
      holders,
      pool: { circulating: true, description: `chain ${name}'s AMM pool reserves (tokens and USD)`, chain: name },
      poolFees: { circulating: true, description: `the protocol's share of swap fees on chain ${name}`, chain: name },
    },
    metrics: chainMetrics(name),
    build(ctx) {
      const pool = new ConstantProductPool(ctx.ledger, ctx.account('pool'), ctx.account('poolFees'), ctx.params().feeBps);
      ctx.world.onParamChange(() => {
        pool.fee = ctx.params().feeBps / 10_000;
      });
      return chainParts(name, ctx.world, ctx.params, ctx.account('holders'), pool, ctx.rng, ctx.params);
    },
  });
}

/**
 * Returns a chain block's parts: its API (registered in the world), the
 * local holders' flow (phase `pre`), genesis and metrics. `own` gives the
 * pool's genesis reserves when the chain has its own pool (null for the
 * main chain, whose pool the `amm` block funds and resets).
 */
function chainParts(name: string, world: AnyWorld, params: () => MainChainParams, holderAcc: Account, pool: ConstantProductPool, rng: Rng, own: (() => ChainParams) | null) {
  const ledger = world.ledger;
  const trader = pool.trader(holderAcc, holderAcc, `local trade on ${name}`);
  const flowRng = rng.fork('flow');
  const api: ChainApi = {
    name,
    pool,
    holders: holderAcc,
    gasNative: () => params().gasNative,
    gasUsd: () => params().gasNative * params().nativePriceUsd,
    blockSeconds: () => params().blockSeconds,
    valuation: null,
  };
  registerChain(world, api);
  const metrics: Record<string, () => number> = {
    [`price_${name}`]: () => pool.price,
    [`supply_${name}`]: () => ledger.totalTokenHoldings(name),
    [`liquidity_usd_${name}`]: () => 2 * pool.usdReserve,
    [`volume_${name}`]: () => pool.volumeUsd,
    [`gas_usd_${name}`]: () => api.gasUsd(),
  };
  return {
    api,
    hooks: {
      exogenous: () => {
        if (own) pool.beginTick();
      },
      pre: () => {
        const q = params();
        localFlow(pool, trader, holderAcc.usd, holderAcc.tokens, q.flowUsd, flowRng, api.valuation ? api.valuation() : null, q.informedShare);
      },
    },
    genesis: () => {
      const q = params();
      if (own) {
        const o = own();
        ledger.route('mint', pool.reserves, 'genesis').move(o.tokenReserve);
        ledger.route('outside', pool.reserves, 'genesis', 'usd').move(o.usdReserve);
        pool.seed();
      }
      if (q.holderTokens > 0) ledger.route('mint', holderAcc, 'genesis').move(q.holderTokens);
      if (q.holderUsd > 0) ledger.route('outside', holderAcc, 'genesis', 'usd').move(q.holderUsd);
    },
    metrics,
  };
}

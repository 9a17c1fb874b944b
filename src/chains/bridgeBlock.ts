import { defineBlock, type Block, type TableRows } from '../core/block';
import { last, meanAfterGenesis, total } from '../metrics/series';
import { Bridge, type BridgeSide, type Direction } from './bridge';
import { bridgeDefaults, bridgeParamsSchema, type BridgeParams } from './bridgeParams';
import { chainKey, chainOf } from './chainRegistry';

/**
 * Returns `key` in snake_case, the prefix of a bridge's column names:
 * `farBridge` → `far_bridge`.
 */
export function snakeKey(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Returns the column, KPI and table names of the bridge block with `key`:
 * each prefixed by snakeKey(key), e.g. for `farBridge` the metric
 * `far_bridge_in_flight`, the gap `far_bridge_gap`, the KPIs
 * `far_bridge_gap_mean` and `total_far_bridge_volume`, the table
 * `far_bridge_exploits`. The block with key `bridge` keeps the names it
 * has always had: `bridge_in_flight`, …, `cross_chain_gap`,
 * `cross_chain_gap_mean`, `total_exploit_loss_usd`.
 */
export function bridgeNames(key: string) {
  const s = snakeKey(key);
  const legacy = key === 'bridge';
  const gap = legacy ? 'cross_chain_gap' : `${s}_gap`;
  return {
    inFlight: `${s}_in_flight`,
    locked: `${s}_locked`,
    wrappedSupply: `${s}_wrapped_supply`,
    backingRatio: `${s}_backing_ratio`,
    unbacked: `${s}_unbacked`,
    volume: `${s}_volume`,
    fees: `${s}_fees`,
    exploits: `${s}_exploits`,
    exploitLossUsd: `${s}_exploit_loss_usd`,
    poolFrom: `${s}_pool_from`,
    poolTo: `${s}_pool_to`,
    gap,
    gapMean: `${gap}_mean`,
    gapMax: `${gap}_max`,
    totalVolume: `total_${s}_volume`,
    exploitCount: `${s}_exploit_count`,
    totalExploitLossUsd: legacy ? 'total_exploit_loss_usd' : `total_${s}_exploit_loss_usd`,
    unbackedEnd: `${s}_unbacked_end`,
    backingRatioEnd: `${s}_backing_ratio_end`,
    exploitTable: `${s}_exploits`,
    lossTable: `${s}_losses`,
  };
}

/**
 * Returns a bridge block with key `key` (its parameter key, the name of
 * its random stream and the prefix of its accounts, `<key>.escrow`, …):
 * one `Bridge` between chain blocks `<key>.from` and `<key>.to` of the
 * model, under `<key>.design`. A model holds as many bridges as it has
 * blocks made by this factory, each with its own key; its exploit draws
 * come from `rng.fork(key).fork('exploit')`, so adding a bridge never
 * shifts another's. Its columns, KPIs and tables are named by
 * `bridgeNames(key)`. The model's check refuses, before any run, a bridge
 * whose chains the model does not have, or from a chain to itself (and the
 * model, two blocks with one key).
 *
 * It opens, on each side, the in-flight account (not circulating), the
 * fee account, the liquidity network's pool and the exploiter's account,
 * each on that side's chain, and on the source the lock-and-mint escrow
 * (not circulating). At genesis,
 * lock-and-mint backs every token then on the destination chain (its
 * pool's and its holders') with as many canonical tokens minted into the
 * escrow — list the bridge after the blocks that fund the destination,
 * and after a bridge whose escrow is on its destination (main → side →
 * far: the side → far bridge first, its escrow holds side tokens) — and
 * the liquidity network mints `poolTokens` into each side's pool.
 * After a lock-and-mint exploit the destination's local holders value the
 * wrapped token at its backing, r × the source price (`ChainApi.valuation`),
 * and trade towards it. Hooks: `exogenous` resets its counters and draws the exploit (its own
 * random stream), `pre` delivers what is due.
 *
 * The gap |ln(p_to / p_from)| (`cross_chain_gap` for key `bridge`), the
 * price dispersion between the two chains' pools, is a per-tick metric;
 * its mean and maximum over the run are KPIs.
 */
export function bridgeBlock<const K extends string>(key: K): Block<K, BridgeParams, Bridge> {
  const n = bridgeNames(key);
  return defineBlock({
    key,
    kind: 'mechanism',
    description: 'a bridge between two chains: lock-and-mint, burn-and-mint or liquidity network, with fee, delay, capacity and exploit risk',
    sources: [
      'Stargate Finance, StargateFeeLibraryV02._getEquilibriumFee (github.com/stargate-protocol/stargate): the liquidity-network imbalance fee',
      'lock-and-mint / burn-and-mint as in e.g. Wormhole token bridge and Circle CCTP (burn on source, mint on destination); the exploit rule is an assumption',
    ],
    params: { schema: bridgeParamsSchema, defaults: bridgeDefaults },
    holders: {
      escrow: { circulating: false, description: 'lock-and-mint: canonical tokens locked on the source chain, backing the wrapped token' },
      'inFlight.from': { circulating: false, description: 'tokens in flight to the source chain (on it)' },
      'inFlight.to': { circulating: false, description: 'tokens in flight to the destination chain (on it)' },
      'fees.from': { circulating: true, description: "the bridge's fee income on the source chain" },
      'fees.to': { circulating: true, description: "the bridge's fee income on the destination chain" },
      'pool.from': { circulating: true, description: "liquidity network: the bridge's pool on the source chain" },
      'pool.to': { circulating: true, description: "liquidity network: the bridge's pool on the destination chain" },
      'exploiter.from': { circulating: true, description: 'what exploits took on the source chain' },
      'exploiter.to': { circulating: true, description: 'what exploits took (or forged) on the destination chain' },
    },
    metrics: {
      [n.inFlight]: { unit: 'tokens', description: 'tokens sent over the bridge and not yet delivered (held in the in-flight accounts)' },
      [n.locked]: { unit: 'tokens', description: 'canonical tokens locked in the lock-and-mint escrow on the source chain' },
      [n.wrappedSupply]: { unit: 'tokens', description: 'lock-and-mint: wrapped tokens on the destination chain (its whole supply); 0 for the other designs' },
      [n.backingRatio]: { unit: 'ratio', description: 'lock-and-mint escrow / wrapped supply (1 when fully backed, and for the other designs)' },
      [n.unbacked]: { unit: 'tokens', description: 'supply without backing: wrapped minus escrow (lock-and-mint), forged mints (burn-and-mint), 0 (liquidity network)' },
      [n.volume]: { unit: 'tokens', kind: 'flow', description: 'tokens sent over the bridge, both directions, since the previous row' },
      [n.fees]: { unit: 'tokens', kind: 'flow', description: 'bridge fees charged (flat fee and, for a liquidity network, the equilibrium fee) since the previous row' },
      [n.exploits]: { unit: 'count', kind: 'flow', description: 'exploits of the bridge since the previous row' },
      [n.exploitLossUsd]: { unit: 'USD', kind: 'flow', description: "value taken by exploits since the previous row, at the chain's price when it struck" },
      [n.poolFrom]: { unit: 'tokens', description: "liquidity network: tokens in the bridge's pool on the source chain" },
      [n.poolTo]: { unit: 'tokens', description: "liquidity network: tokens in the bridge's pool on the destination chain" },
      [n.gap]: { unit: 'log ratio', description: 'price dispersion between the two chains, |ln(price on to / price on from)|' },
    },
    kpis: {
      [n.gapMean]: { unit: 'log ratio', description: `mean of ${n.gap} over the recorded rows after genesis` },
      [n.gapMax]: { unit: 'log ratio', description: `largest ${n.gap} over the recorded rows` },
      [n.totalVolume]: { unit: 'tokens', description: 'tokens sent over the bridge over the run' },
      [n.exploitCount]: { unit: 'count', description: 'exploits over the run' },
      [n.totalExploitLossUsd]: { unit: 'USD', description: 'value taken by exploits over the run' },
      [n.unbackedEnd]: { unit: 'tokens', description: 'unbacked supply at the end' },
      [n.backingRatioEnd]: { unit: 'ratio', description: 'lock-and-mint backing ratio at the end (1 for the other designs)' },
    },
    tables: {
      [n.exploitTable]: {
        description: 'one row per exploit: tick, design, tokens stolen or forged, unbacked supply and backing ratio after it, value taken',
        columns: [
          { name: 'tick', kind: 'int32' },
          { name: 'design', kind: 'utf8' },
          { name: 'stolen_tokens', kind: 'float64' },
          { name: 'unbacked_tokens', kind: 'float64' },
          { name: 'backing_ratio', kind: 'float64' },
          { name: 'loss_usd', kind: 'float64' },
        ],
      },
      [n.lossTable]: {
        description: "one row per exploit and holding account that bears its loss: the account, its chain, its tokens then, its share of the loss in tokens and USD",
        columns: [
          { name: 'tick', kind: 'int32' },
          { name: 'holder', kind: 'utf8' },
          { name: 'chain', kind: 'utf8' },
          { name: 'held_tokens', kind: 'float64' },
          { name: 'loss_tokens', kind: 'float64' },
          { name: 'loss_usd', kind: 'float64' },
        ],
      },
    },
    check(p, _all, blocks) {
      const problems: { path: string; message: string }[] = [];
      const chains = [...blocks].filter((k) => k.endsWith('Chain')).map((k) => k.slice(0, -'Chain'.length));
      for (const end of ['from', 'to'] as const) {
        if (!blocks.has(chainKey(p[end]))) problems.push({ path: end, message: `no chain ${JSON.stringify(p[end])} in this model; expected one of ${chains.join(', ') || '(none: add chain blocks)'}` });
      }
      if (p.from === p.to) problems.push({ path: 'to', message: `the bridge joins chain ${p.from} to itself; expected two different chains` });
      return problems;
    },
    build(ctx) {
      const p0 = ctx.params();
      const l = ctx.ledger;
      const side = (chain: string, tag: 'from' | 'to'): BridgeSide => ({
        chain,
        inFlight: ctx.account(`inFlight.${tag}`, chain),
        fees: ctx.account(`fees.${tag}`, chain),
        pool: ctx.account(`pool.${tag}`, chain),
        exploiter: ctx.account(`exploiter.${tag}`, chain),
      });
      const sides = [side(p0.from, 'from'), side(p0.to, 'to')] as const;
      const escrow = ctx.account('escrow', p0.from);
      const priceOn = (d: Direction) => chainOf(ctx.world, sides[d].chain).pool.price;
      // After an exploit the wrapped token's holders value it at its backing: r × the source price.
      const learn = () => {
        chainOf(ctx.world, p0.to).valuation = () => b.backingRatio() * priceOn(0);
      };
      const b: Bridge = new Bridge(l, ctx.params, sides, escrow, priceOn, ctx.rng.fork('exploit'), learn);
      const gap = () => Math.abs(Math.log(priceOn(1) / priceOn(0)));
      const exploitRows = (): TableRows => ({
        data: {
          tick: Int32Array.from(b.exploits.map((e) => e.tick)),
          design: b.exploits.map(() => b.design),
          stolen_tokens: Float64Array.from(b.exploits.map((e) => e.stolenTokens)),
          unbacked_tokens: Float64Array.from(b.exploits.map((e) => e.unbackedTokens)),
          backing_ratio: Float64Array.from(b.exploits.map((e) => e.backingRatio)),
          loss_usd: Float64Array.from(b.exploits.map((e) => e.lossUsd)),
        },
        length: b.exploits.length,
      });
      const lossRows = (): TableRows => ({
        data: {
          tick: Int32Array.from(b.losses.map((e) => e.tick)),
          holder: b.losses.map((e) => e.holder),
          chain: b.losses.map((e) => e.chain),
          held_tokens: Float64Array.from(b.losses.map((e) => e.heldTokens)),
          loss_tokens: Float64Array.from(b.losses.map((e) => e.lossTokens)),
          loss_usd: Float64Array.from(b.losses.map((e) => e.lossUsd)),
        },
        length: b.losses.length,
      });
      return {
        api: b,
        hooks: { exogenous: (w) => b.beginTick(w.tick), pre: () => b.deliver() },
        genesis: () => {
          // Resolve both chains now (every block is built): a missing one fails here, before tick 1.
          chainOf(ctx.world, p0.from);
          chainOf(ctx.world, p0.to);
          if (p0.design === 'lockAndMint') {
            const wrapped = l.totalTokenHoldings(p0.to);
            if (wrapped > 0) l.route('mint', escrow, 'genesis').move(wrapped);
          }
          if (p0.design === 'liquidityNetwork' && p0.poolTokens > 0) {
            for (const s of sides) l.route('mint', s.pool, 'genesis').move(p0.poolTokens);
          }
        },
        metrics: {
          [n.inFlight]: () => b.inFlight(),
          [n.locked]: () => escrow.tokens,
          [n.wrappedSupply]: () => (b.design === 'lockAndMint' ? b.wrappedSupply() : 0),
          [n.backingRatio]: () => b.backingRatio(),
          [n.unbacked]: () => b.unbacked(),
          [n.volume]: () => b.sentThisTick[0] + b.sentThisTick[1],
          [n.fees]: () => b.feesThisTick,
          [n.exploits]: () => b.exploitsThisTick,
          [n.exploitLossUsd]: () => b.lossUsdThisTick,
          [n.poolFrom]: () => sides[0].pool.tokens,
          [n.poolTo]: () => sides[1].pool.tokens,
          [n.gap]: gap,
        },
        summary: ({ series }) => {
          const g = series[n.gap];
          return {
            [n.gapMean]: meanAfterGenesis(series, n.gap),
            [n.gapMax]: g.reduce((m, x) => (x > m ? x : m), 0),
            [n.totalVolume]: total(series, n.volume),
            [n.exploitCount]: total(series, n.exploits),
            [n.totalExploitLossUsd]: total(series, n.exploitLossUsd),
            [n.unbackedEnd]: last(series, n.unbacked),
            [n.backingRatioEnd]: last(series, n.backingRatio),
          };
        },
        tables: { [n.exploitTable]: exploitRows, [n.lossTable]: lossRows },
      };
    },
  });
}

/** The bridge block with key `bridge` (columns `bridge_*`, `cross_chain_gap`): the one bridge of a two-chain model. */
export const bridge = bridgeBlock('bridge');

import { defineBlock, type TableRows } from '../core/block';
import { last, meanAfterGenesis, total } from '../metrics/series';
import { Bridge, type BridgeSide, type Direction } from './bridge';
import { bridgeDefaults, bridgeParamsSchema } from './bridgeParams';
import { chainKey, chainOf } from './chainRegistry';

/**
 * The bridge block (key `bridge`): one `Bridge` between chain blocks
 * `bridge.from` and `bridge.to` of the model, under `bridge.design`. The
 * model's check refuses, before any run, a bridge whose chains the model
 * does not have, or from a chain to itself.
 *
 * It opens, on each side, the in-flight account (not circulating), the
 * fee account, the liquidity network's pool and the exploiter's account,
 * each on that side's chain, and on the source the lock-and-mint escrow
 * (not circulating). At genesis,
 * lock-and-mint backs every token then on the destination chain (its
 * pool's and its holders') with as many canonical tokens minted into the
 * escrow — list the bridge after the blocks that fund the destination — and
 * the liquidity network mints `poolTokens` into each side's pool.
 * After a lock-and-mint exploit the destination's local holders value the
 * wrapped token at its backing, r × the source price (`ChainApi.valuation`),
 * and trade towards it. Hooks: `exogenous` resets its counters and draws the exploit (its own
 * random stream), `pre` delivers what is due.
 *
 * cross_chain_gap = |ln(p_to / p_from)|, the price dispersion between the
 * two chains' pools, is a per-tick metric; its mean and maximum over the
 * run are KPIs.
 */
export const bridge = defineBlock({
  key: 'bridge',
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
    bridge_in_flight: { unit: 'tokens', description: 'tokens sent over the bridge and not yet delivered (held in the in-flight accounts)' },
    bridge_locked: { unit: 'tokens', description: 'canonical tokens locked in the lock-and-mint escrow on the source chain' },
    bridge_wrapped_supply: { unit: 'tokens', description: 'lock-and-mint: wrapped tokens on the destination chain (its whole supply); 0 for the other designs' },
    bridge_backing_ratio: { unit: 'ratio', description: 'lock-and-mint escrow / wrapped supply (1 when fully backed, and for the other designs)' },
    bridge_unbacked: { unit: 'tokens', description: 'supply without backing: wrapped minus escrow (lock-and-mint), forged mints (burn-and-mint), 0 (liquidity network)' },
    bridge_volume: { unit: 'tokens', kind: 'flow', description: 'tokens sent over the bridge, both directions, since the previous row' },
    bridge_fees: { unit: 'tokens', kind: 'flow', description: 'bridge fees charged (flat fee and, for a liquidity network, the equilibrium fee) since the previous row' },
    bridge_exploits: { unit: 'count', kind: 'flow', description: 'exploits of the bridge since the previous row' },
    bridge_exploit_loss_usd: { unit: 'USD', kind: 'flow', description: "value taken by exploits since the previous row, at the chain's price when it struck" },
    bridge_pool_from: { unit: 'tokens', description: "liquidity network: tokens in the bridge's pool on the source chain" },
    bridge_pool_to: { unit: 'tokens', description: "liquidity network: tokens in the bridge's pool on the destination chain" },
    cross_chain_gap: { unit: 'log ratio', description: 'price dispersion between the two chains, |ln(price on to / price on from)|' },
  },
  kpis: {
    cross_chain_gap_mean: { unit: 'log ratio', description: 'mean of cross_chain_gap over the recorded rows after genesis' },
    cross_chain_gap_max: { unit: 'log ratio', description: 'largest cross_chain_gap over the recorded rows' },
    total_bridge_volume: { unit: 'tokens', description: 'tokens sent over the bridge over the run' },
    bridge_exploit_count: { unit: 'count', description: 'exploits over the run' },
    total_exploit_loss_usd: { unit: 'USD', description: 'value taken by exploits over the run' },
    bridge_unbacked_end: { unit: 'tokens', description: 'unbacked supply at the end' },
    bridge_backing_ratio_end: { unit: 'ratio', description: 'lock-and-mint backing ratio at the end (1 for the other designs)' },
  },
  tables: {
    bridge_exploits: {
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
    bridge_losses: {
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
        bridge_in_flight: () => b.inFlight(),
        bridge_locked: () => escrow.tokens,
        bridge_wrapped_supply: () => (b.design === 'lockAndMint' ? b.wrappedSupply() : 0),
        bridge_backing_ratio: () => b.backingRatio(),
        bridge_unbacked: () => b.unbacked(),
        bridge_volume: () => b.sentThisTick[0] + b.sentThisTick[1],
        bridge_fees: () => b.feesThisTick,
        bridge_exploits: () => b.exploitsThisTick,
        bridge_exploit_loss_usd: () => b.lossUsdThisTick,
        bridge_pool_from: () => sides[0].pool.tokens,
        bridge_pool_to: () => sides[1].pool.tokens,
        cross_chain_gap: gap,
      },
      summary: ({ series }) => {
        const g = series.cross_chain_gap;
        return {
          cross_chain_gap_mean: meanAfterGenesis(series, 'cross_chain_gap'),
          cross_chain_gap_max: g.reduce((m, x) => (x > m ? x : m), 0),
          total_bridge_volume: total(series, 'bridge_volume'),
          bridge_exploit_count: total(series, 'bridge_exploits'),
          total_exploit_loss_usd: total(series, 'bridge_exploit_loss_usd'),
          bridge_unbacked_end: last(series, 'bridge_unbacked'),
          bridge_backing_ratio_end: last(series, 'bridge_backing_ratio'),
        };
      },
      tables: { bridge_exploits: exploitRows, bridge_losses: lossRows },
    };
  },
});

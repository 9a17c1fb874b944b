import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { distributionSchema, sample, type Distribution } from '../core/distributions';
import { marketPort } from '../market/amm';
import { total } from '../metrics/series';
import { gasPort, type TxKind } from './gasPort';
import { LogShock } from './logShock';
import { poisson } from './poisson';

const WEI_PER_TOKEN = 1e18;

/** Parameters of the exogenous transaction demand. */
export const txDemandParamsSchema = z
  .object({
    /** Mean transactions wanted per block at the base level, before users priced out walk away. */
    txPerBlock: z.number().min(0).max(1e6),
    /** Shares of the kinds wanted (normalised to sum 1). */
    mix: z
      .object({ transfer: z.number().min(0), swap: z.number().min(0), stake: z.number().min(0), call: z.number().min(0) })
      .strict()
      .refine((m) => m.transfer + m.swap + m.stake + m.call > 0, { message: 'transaction mix must not be all zero' }),
    /** What a transaction is worth to its sender, in USD: the willingness to pay, drawn per transaction (the demand curve). */
    valueUsd: distributionSchema,
    /** Priority fee a sender offers under EIP-1559, in gwei per gas, drawn per transaction. */
    tipGwei: distributionSchema,
    /** Blocks a sender waits before giving up, drawn per transaction. */
    patienceBlocks: distributionSchema,
    /** Tick-to-tick demand shock: log level L_t = ρ·L_{t−1} + σ·ε, multiplier e^{L_t − σ²/(2(1−ρ²))} (mean one). */
    shock: z.object({ sigma: z.number().min(0).max(2), persistence: z.number().min(0).lt(1) }).strict(),
    /** A demand spike: the base level times `multiplier` from tick `startTick` to `endTick` inclusive; null for none. */
    spike: z.object({ startTick: z.number().int().min(0), endTick: z.number().int().min(0), multiplier: z.number().min(0).max(1e4) }).strict().nullable(),
    /** Tokens the senders hold at genesis (minted), topped back up each tick by buying on the AMM with USD from outside. */
    usersTokens: z.number().min(0).max(1e15),
    /** Whether every AMM swap of the tick enters block space as a swap transaction paid by the senders' account (the pool does not say who swapped). */
    countSwaps: z.boolean(),
    /** Fee cap of a counted swap, in USD: what a swapper would pay at most for inclusion. */
    swapValueUsd: z.number().min(0),
  })
  .strict()
  .refine((p) => p.spike === null || p.spike.endTick >= p.spike.startTick, { message: 'spike.endTick must be at or after spike.startTick', path: ['spike', 'endTick'] });
export type TxDemandParams = z.infer<typeof txDemandParamsSchema>;

const KINDS: readonly TxKind[] = ['transfer', 'swap', 'stake', 'call'];

/**
 * Exogenous demand for block space: senders outside the model's classes.
 * Each block n_b ~ Poisson(txPerBlock · shock_t · spike_t) transactions
 * are wanted, of kinds drawn from `mix`; each has a value v to its sender
 * (USD, from `valueUsd`: the willingness-to-pay distribution). A sender
 * whose value per gas, v / (gas · price), is below the lowest price that
 * can be included now (the base fee; the producers' minimum bid under a
 * first-price rule) walks away (priced out): quantity demanded at fee f
 * is rate · P(v ≥ f), the demand curve's elasticity. The others submit
 * with fee cap v / (gas · price) per gas (under a first-price rule the
 * market turns it into the bid min(cap, suggestion)) and a priority fee
 * from `tipGwei`, waiting up to `patienceBlocks`. With `countSwaps`, every AMM
 * swap of the tick (any class's; counted in phase `post` from the pool's
 * `trades`) also enters block space with fee cap `swapValueUsd`.
 *
 * The senders pay from one account, `txDemand` (circulating), minted at
 * genesis and topped back up in phase `observe` by buying the tokens spent
 * on the AMM with USD from outside: gas demand is demand for the token.
 */
export const txDemand = defineBlock({
  key: 'txDemand',
  kind: 'scenario',
  description: 'exogenous demand for block space: Poisson arrivals with a willingness-to-pay distribution, a demand shock and a spike',
  sources: [
    'demand as a willingness-to-pay distribution: Roughgarden (2020), arXiv:2012.00854, section 2 (users with private values)',
    'Huberman, Leshno and Moallemi (2021), "Monopoly without a Monopolist: An Economic Analysis of the Bitcoin Payment System", Review of Economic Studies 88(6)',
  ],
  params: {
    schema: txDemandParamsSchema,
    defaults: {
      txPerBlock: 150,
      mix: { transfer: 0.4, swap: 0.3, stake: 0.1, call: 0.2 },
      valueUsd: { dist: 'lognormal', mu: Math.log(0.5), sigma: 1.2 } as Distribution,
      tipGwei: { dist: 'uniform', min: 10, max: 100 } as Distribution,
      patienceBlocks: { dist: 'uniform', min: 5, max: 150 } as Distribution,
      shock: { sigma: 0.1, persistence: 0.9 },
      spike: null,
      usersTokens: 1_000_000,
      countSwaps: true,
      swapValueUsd: 20,
    },
  },
  needs: { gas: gasPort, market: marketPort },
  holders: { '': { circulating: true, description: "outside senders' tokens for gas" } },
  metrics: {
    tx_wanted: { unit: 'transactions', kind: 'flow', description: 'exogenous transactions wanted since the previous row, before senders priced out walked away' },
    tx_priced_out: { unit: 'transactions', kind: 'flow', description: 'exogenous transactions not sent because the lowest includable price exceeded their value' },
    tx_counted_swaps: { unit: 'transactions', kind: 'flow', description: 'AMM swaps entered into block space since the previous row' },
    demand_multiplier: { unit: 'ratio', description: 'this tick’s demand level against the base (shock × spike)' },
    gas_token_purchases_usd: { unit: 'USD', kind: 'flow', description: 'USD the senders spent on the AMM buying back the tokens they paid in gas' },
  },
  kpis: {
    priced_out_share: { unit: 'share', description: 'exogenous transactions priced out / wanted over the run (0 when none were wanted)' },
  },
  build(ctx) {
    const gas = ctx.deps.gas;
    const pool = ctx.deps.market;
    const users = ctx.account('');
    const payer = gas.accountPayer(users);
    const buyer = pool.trader('outside', users, 'gas token purchase');
    const rng = ctx.rng;
    const shock = new LogShock();
    let multiplier = 1;
    let wanted = 0;
    let pricedOut = 0;
    let counted = 0;
    let boughtUsd = 0;
    const p0 = ctx.params();
    const weights = KINDS.map((k) => p0.mix[k]);
    const sum = weights.reduce((a, b) => a + b, 0);
    const cumulative = weights.map((_, k) => weights.slice(0, k + 1).reduce((a, b) => a + b, 0) / sum);
    const drawKind = (): TxKind => {
      const u = rng.next();
      for (let k = 0; k < KINDS.length - 1; k++) if (u < cumulative[k]) return KINDS[k];
      return KINDS[KINDS.length - 1];
    };
    gas.addSource({
      arrive: () => {
        const p = ctx.params();
        const n = poisson(rng, p.txPerBlock * multiplier);
        const price = pool.price;
        const floor = gas.floorPriceWei();
        for (let k = 0; k < n; k++) {
          const kind = drawKind();
          const value = sample(p.valueUsd, rng);
          const g = gas.gasOf(kind);
          const capWei = (value / price / g) * WEI_PER_TOKEN;
          wanted++;
          if (!(capWei >= floor)) {
            pricedOut++;
            continue;
          }
          payer.arrive(-1, kind, Math.floor(capWei), Math.round(sample(p.tipGwei, rng) * 1e9), sample(p.patienceBlocks, rng));
        }
      },
    });
    return {
      api: users,
      genesis: () => {
        const t = ctx.params().usersTokens;
        if (t > 0) ctx.ledger.route('mint', users, 'genesis').move(t);
      },
      hooks: {
        exogenous: (w) => {
          const p = ctx.params();
          wanted = 0;
          pricedOut = 0;
          counted = 0;
          boughtUsd = 0;
          const spike = p.spike && w.tick >= p.spike.startTick && w.tick <= p.spike.endTick ? p.spike.multiplier : 1;
          multiplier = shock.next(rng, p.shock.sigma, p.shock.persistence) * spike;
        },
        post: () => {
          const p = ctx.params();
          if (!p.countSwaps) return;
          const n = pool.trades;
          const capUsd = p.swapValueUsd;
          const g = gas.gasOf('swap');
          const capWei = Math.floor((capUsd / pool.price / g) * WEI_PER_TOKEN);
          const tip = gas.defaultTipWei();
          for (let k = 0; k < n; k++) payer.submit(-1, 'swap', capWei, tip, gas.blocksPerTick);
          counted = n;
        },
        observe: () => {
          const deficit = ctx.params().usersTokens - users.tokens;
          if (!(deficit > 0)) return;
          const usd = pool.quoteBuyExactOut(deficit);
          if (usd > 0 && usd < Infinity) boughtUsd = usd;
          if (boughtUsd > 0) buyer.buy(boughtUsd);
        },
      },
      metrics: {
        tx_wanted: () => wanted,
        tx_priced_out: () => pricedOut,
        tx_counted_swaps: () => counted,
        demand_multiplier: () => multiplier,
        gas_token_purchases_usd: () => boughtUsd,
      },
      summary: ({ series }) => ({
        priced_out_share: total(series, 'tx_wanted') > 0 ? total(series, 'tx_priced_out') / total(series, 'tx_wanted') : 0,
      }),
    };
  },
});

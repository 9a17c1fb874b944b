import { z } from 'zod';
import { defineBlock } from '../core/block';
import type { Account } from '../core/account';
import type { Ledger } from '../core/ledger';
import type { Route } from '../core/route';

/** Parameters of the HONEY factory (HoneyFactory's rates as plain shares of 1e18). */
export const honeyParamsSchema = z
  .object({
    /** HONEY minted per unit of collateral (`mintRates`; `setMintRate` takes [0.98, 1], default 0.9995). */
    mintRate: z.number().min(0.98).max(1),
    /** Collateral returned per HONEY redeemed (`redeemRates`; [0.98, 1], default 0.9995). */
    redeemRate: z.number().min(0.98).max(1),
    /** Share of each fee sent to the PoL fee collector at once (`polFeeCollectorFeeRate`, initialised to 1); the rest stays in the factory as the fee receiver's. */
    polFeeCollectorShare: z.number().min(0).max(1),
  })
  .strict();
export type HoneyParams = z.infer<typeof honeyParamsSchema>;

/** HoneyFactory's rates at vault creation and its initial fee split. */
export const honeyDefaults: HoneyParams = { mintRate: 0.9995, redeemRate: 0.9995, polFeeCollectorShare: 1 };

/**
 * Returns the HONEY minted for `collateralUsd` of a pegged stablecoin and
 * how its fee splits (HoneyFactory `_getHoneyMintedFromShares`, shares
 * taken 1:1 to USD): honey = A · m, fee = A − honey, toPol = fee · φ,
 * toReceiver = fee − toPol (A in USD, HONEY in units; m the mint rate,
 * φ the PoL fee collector's share).
 */
export function honeyMinted(collateralUsd: number, p: HoneyParams): { honey: number; toPol: number; toReceiver: number } {
  const honey = collateralUsd * p.mintRate;
  const fee = collateralUsd - honey;
  const toPol = fee * p.polFeeCollectorShare;
  return { honey, toPol, toReceiver: fee - toPol };
}

/**
 * Returns the collateral, in USD, paid out for `honey` redeemed and how the
 * fee splits (HoneyFactory `_getSharesRedeemedFromHoney`): out = H · r,
 * fee = H − out, toPol = fee · φ, toReceiver = fee − toPol; all H HONEY
 * is burned.
 */
export function honeyRedeemed(honey: number, p: HoneyParams): { usd: number; toPol: number; toReceiver: number } {
  const usd = honey * p.redeemRate;
  const fee = honey - usd;
  const toPol = fee * p.polFeeCollectorShare;
  return { usd, toPol, toReceiver: fee - toPol };
}

/**
 * HONEY, a stablecoin minted against USD collateral (one pegged collateral
 * asset at USD 1; no basket mode, caps, depeg or liquidation). Collateral
 * is USD in the ledger's `honey` account; HONEY balances are kept here by
 * holder name (HONEY is not the model's token). Invariant, as HoneyFactory
 * `_checkInvariants` keeps it: collateral = HONEY supply + the fee
 * receiver's fees, so every HONEY is backed by one USD of collateral.
 */
export class HoneyFactory {
  /** HONEY held, by holder. */
  readonly balances = new Map<string, number>();
  /** HONEY minted and burned over the run; the fee receiver's fees held in the collateral; fees this tick, in USD. */
  minted = 0;
  burned = 0;
  receiverFeesUsd = 0;
  feesTickUsd = 0;
  private readonly routes: { deposit: Route; polFee: Route };

  constructor(
    private readonly params: () => HoneyParams,
    private readonly ledger: Ledger,
    readonly collateral: Account,
    readonly polFees: Account,
  ) {
    this.routes = {
      deposit: ledger.route('outside', collateral, 'HONEY collateral deposited', 'usd'),
      polFee: ledger.route(collateral, polFees, 'HONEY fee to PoL', 'usd'),
    };
  }

  /** Returns HONEY outstanding (minted − burned). */
  get supply(): number {
    return this.minted - this.burned;
  }

  /** Returns `holder`'s HONEY. */
  balance(holder: string): number {
    return this.balances.get(holder) ?? 0;
  }

  /** Mints `honey` HONEY to `holder` against the USD collateral it takes from outside (honey / mintRate); returns that USD. */
  mintTo(holder: string, honey: number): number {
    if (!(honey > 0)) return 0;
    const p = this.params();
    const usd = honey / p.mintRate;
    const m = honeyMinted(usd, p);
    this.routes.deposit.move(usd);
    if (m.toPol > 0) this.routes.polFee.move(m.toPol);
    this.receiverFeesUsd += m.toReceiver;
    this.feesTickUsd += usd - honey;
    this.minted += honey;
    this.balances.set(holder, this.balance(holder) + honey);
    return usd;
  }

  /** Returns a route paying redeemed collateral to account `to` (open it when a block is built, not during a run). */
  payoutRoute(to: Account): Route {
    return this.ledger.route(this.collateral, to, 'HONEY redeemed', 'usd');
  }

  /** Burns up to `honey` of `holder`'s HONEY for collateral paid along `payout` (a `payoutRoute`): H · redeemRate USD; returns the USD paid. */
  redeem(holder: string, honey: number, payout: Route): number {
    const h = Math.min(honey, this.balance(holder));
    if (!(h > 0)) return 0;
    const r = honeyRedeemed(h, this.params());
    this.balances.set(holder, this.balance(holder) - h);
    this.burned += h;
    if (r.toPol > 0) this.routes.polFee.move(r.toPol);
    this.receiverFeesUsd += r.toReceiver;
    this.feesTickUsd += h - r.usd;
    payout.move(r.usd);
    return r.usd;
  }
}

/** The HONEY block: a stablecoin minted 1:1 against USD collateral, less HoneyFactory's mint and redeem fees; the proof-of-liquidity block pays incentives in it when present. */
export const honey = defineBlock({
  key: 'honey',
  kind: 'mechanism',
  description: "HONEY stablecoin: minted against USD collateral at HoneyFactory's mint rate, redeemed at its redeem rate, fees split between the PoL fee collector and the fee receiver; collateral = supply + receiver fees",
  sources: [
    'berachain/contracts src/honey/HoneyFactory.sol (mint, redeem, _getHoneyMintedFromShares, _getSharesRedeemedFromHoney, _handleFees, setMintRate/setRedeemRate: rates in [98%, 100%], DEFAULT_MINT_REDEEM_RATE 0.9995e18, polFeeCollectorFeeRate initialised to 1e18; commit c434e6f)',
  ],
  params: { schema: honeyParamsSchema, defaults: honeyDefaults },
  holders: {
    '': { circulating: true, description: 'USD collateral backing HONEY and the fee receiver’s fees' },
    polFees: { circulating: true, description: 'HONEY mint and redeem fees sent to the PoL fee collector, USD' },
  },
  metrics: {
    honey_supply: { unit: 'HONEY', description: 'HONEY outstanding' },
    honey_collateral_usd: { unit: 'USD', description: 'collateral held by the factory (backing plus the fee receiver’s fees)' },
    honey_fees_usd: { unit: 'USD', kind: 'flow', description: 'HONEY mint and redeem fees since the previous row' },
  },
  kpis: {
    final_honey_supply: { unit: 'HONEY', description: 'HONEY outstanding at the end' },
    total_honey_minted: { unit: 'HONEY', description: 'HONEY minted over the run' },
    total_honey_fees_usd: { unit: 'USD', description: 'HONEY mint and redeem fees over the run' },
  },
  build(ctx) {
    const h = new HoneyFactory(ctx.params, ctx.ledger, ctx.account(''), ctx.account('polFees'));
    return {
      api: h,
      hooks: { exogenous: () => (h.feesTickUsd = 0) },
      metrics: {
        honey_supply: () => h.supply,
        honey_collateral_usd: () => h.collateral.usd,
        honey_fees_usd: () => h.feesTickUsd,
      },
      summary: () => ({
        final_honey_supply: h.supply,
        total_honey_minted: h.minted,
        total_honey_fees_usd: h.receiverFeesUsd + h.polFees.usd,
      }),
    };
  },
});

import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import type { Account, Pocket } from '../core/account';
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
    /** Reward vaults (by `proofOfLiquidity.vaults` name) whose LP positions are BERA–HONEY pairs: `lpHoneyShare` of their LP capital is held as HONEY. */
    lpVaults: z.array(z.string()),
    /** Share of a BERA–HONEY LP position's value held as HONEY (a 50/50 pool: 0.5), in [0, 1]. */
    lpHoneyShare: z.number().min(0).max(1),
  })
  .strict();
export type HoneyParams = z.infer<typeof honeyParamsSchema>;

/** HoneyFactory's rates at vault creation and its initial fee split. */
export const honeyDefaults: HoneyParams = { mintRate: 0.9995, redeemRate: 0.9995, polFeeCollectorShare: 1, lpVaults: [], lpHoneyShare: 0.5 };

/** Returns the problems of a HONEY parameter set against the model's: every LP vault must be a proof-of-liquidity vault. */
export function honeyProblems(p: HoneyParams, all: Readonly<Record<string, unknown>>): { path: string; message: string }[] {
  const pol = all.proofOfLiquidity as { vaults?: { name: string }[] } | undefined;
  const names = pol?.vaults?.map((v) => v.name) ?? [];
  return p.lpVaults.flatMap((name, i) => (names.includes(name) ? [] : [{ path: `lpVaults.${i}`, message: `${name} is not a proofOfLiquidity vault; expected one of ${names.join(', ') || '(none: the model has no proofOfLiquidity block)'}` }]));
}

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
    /** Returns the block's parameters in force now. */
    readonly params: () => HoneyParams,
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
    const usd = honey / this.params().mintRate;
    this.routes.deposit.move(usd);
    this.book(holder, usd);
    return usd;
  }

  /** Mints HONEY to `holder` against `usd` of collateral taken from agent k's pocket along `fund` (a route from that pocket to the collateral); returns the HONEY minted. */
  mintFromPocket(holder: string, usd: number, fund: Route, k: number): number {
    if (!(usd > 0)) return 0;
    fund.take(k, usd);
    return this.book(holder, usd);
  }

  /** Books a mint against `usd` of collateral already deposited: fees, supply and the holder's balance; returns the HONEY minted. */
  private book(holder: string, usd: number): number {
    const p = this.params();
    const m = honeyMinted(usd, p);
    const honey = m.honey;
    if (m.toPol > 0) this.routes.polFee.move(m.toPol);
    this.receiverFeesUsd += m.toReceiver;
    this.feesTickUsd += usd - honey;
    this.minted += honey;
    this.balances.set(holder, this.balance(holder) + honey);
    return honey;
  }

  /** Returns a route paying redeemed collateral to `to`, an account or a population's USD pocket (open it when a block is built, not during a run); `redeem` with k pays agent k's pocket. */
  payoutRoute(to: Account | Pocket): Route {
    return this.ledger.route(this.collateral, to, 'HONEY redeemed', 'usd');
  }

  /** Returns a route taking collateral from a population's USD pocket, for `mintFromPocket` (open it when a block is built). */
  fundingRoute(from: Pocket): Route {
    return this.ledger.route(from, this.collateral, 'HONEY collateral deposited', 'usd');
  }

  /** Burns up to `honey` of `holder`'s HONEY for collateral paid along `payout` (a `payoutRoute`): H · redeemRate USD; returns the USD paid. */
  redeem(holder: string, honey: number, payout: Route, k = -1): number {
    const h = Math.min(honey, this.balance(holder));
    if (!(h > 0)) return 0;
    const r = honeyRedeemed(h, this.params());
    this.balances.set(holder, this.balance(holder) - h);
    this.burned += h;
    if (r.toPol > 0) this.routes.polFee.move(r.toPol);
    this.receiverFeesUsd += r.toReceiver;
    this.feesTickUsd += h - r.usd;
    if (k >= 0) payout.pay(k, r.usd);
    else payout.move(r.usd);
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
  check: (p, all) => honeyProblems(p, all),
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

import { z } from '../core/zod';
import type { MarketParams } from './lendingMarket';
import { rateModelSchema } from './rateModel';

/**
 * One market's parameters. Refused before any run: a collateral factor or
 * liquidation threshold outside [0, 1], a liquidation bonus below 0, a
 * threshold below the collateral factor, and a threshold × (1 + bonus)
 * above 1 (a liquidation at HF = 1 would seize more than the collateral:
 * Aave v3 PoolConfigurator.configureReserveAsCollateral, in
 * aave/aave-v3-core contracts/protocol/pool/PoolConfigurator.sol, requires
 * liquidationThreshold.percentMul(liquidationBonus) ≤ 100%, its bonus
 * stored as 1 + bonus).
 */
export const marketParamsSchema = z
  .object({
    collateralFactor: z
      .number()
      .min(0, { message: 'a collateral factor is a share of the deposit value, expected at least 0' })
      .max(1, { message: 'a collateral factor is a share of the deposit value, expected at most 1' }),
    liquidationThreshold: z
      .number()
      .min(0, { message: 'a liquidation threshold is a share of the deposit value, expected at least 0' })
      .max(1, { message: 'a liquidation threshold is a share of the deposit value, expected at most 1' }),
    liquidationBonus: z
      .number()
      .min(0, { message: 'a liquidation bonus is extra collateral paid to the liquidator, expected at least 0' })
      .max(1),
    reserveFactor: z.number().min(0).lt(1),
    borrowable: z.boolean(),
    rate: rateModelSchema,
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.liquidationThreshold < m.collateralFactor) {
      ctx.addIssue({ code: 'custom', path: ['liquidationThreshold'], message: `must be at least the collateral factor (${m.collateralFactor}), got ${m.liquidationThreshold}` });
    }
    if (m.liquidationThreshold * (1 + m.liquidationBonus) > 1 + 1e-12) {
      ctx.addIssue({ code: 'custom', path: ['liquidationBonus'], message: `liquidation threshold × (1 + bonus) must be at most 1, got ${m.liquidationThreshold} × ${1 + m.liquidationBonus}` });
    }
  });

/** Parameters of the lending pool. */
export const lendingParamsSchema = z
  .object({
    /** Each market's parameters; the LST and RWA markets are listed only when the model issues those assets. */
    markets: z.object({ token: marketParamsSchema, usd: marketParamsSchema, lst: marketParamsSchema, rwa: marketParamsSchema }).strict(),
    /** Largest share of one debt a liquidator may repay in one call, in (0, 1] (Compound v2 closeFactorMantissa; Aave v3 LiquidationLogic.DEFAULT_LIQUIDATION_CLOSE_FACTOR: 0.5). */
    closeFactor: z.number().gt(0).max(1),
    /** At or below this health factor the whole debt may be repaid at once (Aave v3 LiquidationLogic.CLOSE_FACTOR_HF_THRESHOLD: 0.95, inclusive). */
    fullCloseHealthFactor: z.number().min(0).max(1),
    /** How the pool prices the liquid staking token: its pool price (`market`) or its redemption value (`redemption`). */
    lstOracle: z.enum(['market', 'redemption']),
    /** Tokens minted per year into the token market's cash: an emission-funded supply yield (liquidity mining), 0 for none. */
    incentiveTokensPerYear: z.number().min(0).max(1e12),
  })
  .strict();
export type LendingParams = z.infer<typeof lendingParamsSchema>;

const stableRates = { base: 0, slope1: 0.04, slope2: 0.6, optimal: 0.9 };
const volatileRates = { base: 0, slope1: 0.07, slope2: 3, optimal: 0.45 };

/**
 * Default markets, after Aave v3's listings on Ethereum: USD as a
 * stablecoin (LTV 75%, threshold 78%, bonus 5%, kink at 90%); the token as
 * a volatile governance token (60%, 70%, 8%, kink at 45%, steep second
 * slope); the LST as wstETH (70%, 80%, 6%); the RWA as a tokenised
 * treasury fund (75%, 80%, 5%). LST and RWA are collateral only.
 */
export const defaultMarkets: Record<'token' | 'usd' | 'lst' | 'rwa', MarketParams> = {
  token: { collateralFactor: 0.6, liquidationThreshold: 0.7, liquidationBonus: 0.08, reserveFactor: 0.2, borrowable: true, rate: volatileRates },
  usd: { collateralFactor: 0.75, liquidationThreshold: 0.78, liquidationBonus: 0.05, reserveFactor: 0.1, borrowable: true, rate: stableRates },
  lst: { collateralFactor: 0.7, liquidationThreshold: 0.8, liquidationBonus: 0.06, reserveFactor: 0.15, borrowable: false, rate: volatileRates },
  rwa: { collateralFactor: 0.75, liquidationThreshold: 0.8, liquidationBonus: 0.05, reserveFactor: 0.1, borrowable: false, rate: stableRates },
};

/** Default lending parameters. */
export const lendingDefaults: LendingParams = {
  markets: defaultMarkets,
  closeFactor: 0.5,
  fullCloseHealthFactor: 0.95,
  lstOracle: 'market',
  incentiveTokensPerYear: 0,
};

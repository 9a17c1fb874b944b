import { defineBlock } from '../core/block';
import { marketPort } from '../market/amm';
import { last, meanAfterGenesis, total } from '../metrics/series';
import { tokenAsset, usdAsset } from './asset';
import { lendingColumns } from './lendingAccount';
import { LendingMarket, type MarketKey } from './lendingMarket';
import { lendingDefaults, lendingParamsSchema } from './lendingParams';
import { LendingPool } from './lendingPool';
import { lstPort, rwaPort } from './ports';

/** Returns the largest value of a recorded series (0 for none). */
function peak(xs: Float64Array | undefined): number {
  let m = 0;
  if (xs) for (let k = 0; k < xs.length; k++) if (xs[k] > m) m = xs[k];
  return m;
}

/** Per-market rate metrics, 0 for a market the model does not list. */
const rateMetrics = {
  utilisation_token: { unit: 'share', description: 'token market: borrows / (cash + borrows − reserves)' },
  utilisation_usd: { unit: 'share', description: 'USD market: borrows / (cash + borrows − reserves)' },
  utilisation_lst: { unit: 'share', description: 'LST market: borrows / (cash + borrows − reserves) (0 when not listed)' },
  utilisation_rwa: { unit: 'share', description: 'RWA market: borrows / (cash + borrows − reserves) (0 when not listed)' },
  borrow_apr_token: { unit: '1/year', description: 'token market borrow rate' },
  borrow_apr_usd: { unit: '1/year', description: 'USD market borrow rate' },
  supply_apr_token: { unit: '1/year', description: 'token market supply rate (interest only, incentives excluded)' },
  supply_apr_usd: { unit: '1/year', description: 'USD market supply rate' },
} as const;

/**
 * The lending block: a pool (see `LendingPool`) listing the token and USD,
 * and the liquid staking token and the RWA token when the model issues
 * them. Phase `pre`: resets the tick's counters, charges one tick of
 * interest in every market (O(1) per market: the borrow index) and mints
 * the token market's incentives into its cash (raising the exchange rate:
 * an emission-funded supply yield). Agents deposit, borrow, repay and
 * liquidate in their own phase; phase `observe` counts positions below
 * HF 1 and the debt their collateral does not cover.
 *
 * Oracles: the token at the AMM price, USD at 1, the LST at its pool price
 * × token price (`lstOracle: market`) or its exchange rate × token price
 * (`redemption`), the RWA at the vault's lagged oracle NAV.
 */
export const lending = defineBlock({
  key: 'lending',
  kind: 'mechanism',
  description: 'lending pool: deposits and borrows per asset, kinked rates by borrow index, collateral factors, health factors, liquidations, bad debt, reserves',
  sources: [
    'Compound v2 (github.com/compound-finance/compound-protocol): CToken.sol accrueInterest, exchangeRateStoredInternal; JumpRateModelV2.sol, BaseJumpRateModelV2.sol getBorrowRateInternal, getSupplyRate; Comptroller.sol liquidateCalculateSeizeTokens, getHypotheticalAccountLiquidityInternal',
    'Aave v3 (github.com/aave/aave-v3-core): contracts/protocol/pool/DefaultReserveInterestRateStrategy.sol calculateInterestRates; libraries/logic/ReserveLogic.sol _updateIndexes, _accrueToTreasury; GenericLogic.sol calculateUserAccountData; LiquidationLogic.sol executeLiquidationCall, _calculateAvailableCollateralToLiquidate, CLOSE_FACTOR_HF_THRESHOLD',
    'Aave v3.3 (github.com/aave-dao/aave-v3-origin): LiquidationLogic._burnBadDebt',
    'ERC-4626 tokenized vaults (eips.ethereum.org/EIPS/eip-4626): convertToShares, convertToAssets, for supply shares',
  ],
  params: { schema: lendingParamsSchema, defaults: lendingDefaults },
  needs: { market: marketPort },
  uses: { lst: lstPort, rwa: rwaPort },
  columns: lendingColumns,
  holders: {
    token: { circulating: true, description: "the token market's cash: deposits not lent out (depositors' claims)" },
    usd: { circulating: true, description: "the USD market's cash: deposits not lent out" },
  },
  metrics: {
    lending_deposits_usd: { unit: 'USD', description: 'deposits of every market at the oracle prices (cash + borrows − reserves)' },
    lending_borrows_usd: { unit: 'USD', description: 'borrows of every market at the oracle prices' },
    lending_reserves_usd: { unit: 'USD', description: 'reserves of every market at the oracle prices' },
    ...rateMetrics,
    interest_usd: { unit: 'USD', kind: 'flow', description: 'interest charged to borrowers since the previous row, at the oracle prices' },
    lending_incentives: { unit: 'tokens', kind: 'flow', description: "tokens minted into the token market's cash since the previous row" },
    liquidations: { unit: 'liquidations', kind: 'flow', description: 'liquidation calls since the previous row' },
    liquidated_usd: { unit: 'USD', kind: 'flow', description: 'debt repaid by liquidators since the previous row' },
    seized_usd: { unit: 'USD', kind: 'flow', description: 'collateral seized by liquidators since the previous row (bonus included)' },
    bad_debt_usd: { unit: 'USD', kind: 'flow', description: 'debt written off since the previous row (liquidated accounts left with no collateral)' },
    depositor_loss_usd: { unit: 'USD', kind: 'flow', description: 'bad debt reserves did not absorb, borne by depositors, since the previous row' },
    unhealthy_positions: { unit: 'accounts', description: 'accounts with health factor below 1 at the end of the tick' },
    underwater_usd: { unit: 'USD', description: 'Σ over accounts of debt − collateral value where debt exceeds it (latent bad debt), end of tick' },
  },
  kpis: {
    total_liquidations: { unit: 'liquidations', description: 'liquidation calls over the run' },
    total_liquidated_usd: { unit: 'USD', description: 'debt repaid by liquidators over the run' },
    total_seized_usd: { unit: 'USD', description: 'collateral seized by liquidators over the run' },
    total_bad_debt_usd: { unit: 'USD', description: 'debt written off over the run' },
    total_depositor_loss_usd: { unit: 'USD', description: 'bad debt borne by depositors over the run' },
    max_underwater_usd: { unit: 'USD', description: 'largest latent bad debt at the end of a recorded tick' },
    peak_unhealthy_positions: { unit: 'accounts', description: 'most accounts below HF 1 at the end of a recorded tick' },
    mean_utilisation_usd: { unit: 'share', description: 'mean USD-market utilisation after genesis' },
    total_interest_usd: { unit: 'USD', description: 'interest charged over the run' },
    final_lending_reserves_usd: { unit: 'USD', description: 'reserves at the last tick' },
  },
  build(ctx) {
    const amm = ctx.deps.market;
    const { lst, rwa } = ctx.deps;
    const params = ctx.params;
    const tokenPrice = () => amm.price;
    const markets: LendingMarket[] = [
      new LendingMarket('token', tokenAsset(ctx.ledger), ctx.account('token'), () => params().markets.token, tokenPrice),
      new LendingMarket('usd', usdAsset(ctx.ledger), ctx.account('usd'), () => params().markets.usd, () => 1),
    ];
    if (lst) {
      const cash = lst.asset.open('lending', { owner: ctx.key, circulating: true, description: "the LST market's cash" });
      const price = () => (params().lstOracle === 'market' ? lst.pool.price : lst.exchangeRate) * amm.price;
      markets.push(new LendingMarket('lst', lst.asset, cash, () => params().markets.lst, price));
    }
    if (rwa) {
      const cash = rwa.asset.open('lending', { owner: ctx.key, circulating: true, description: "the RWA market's cash" });
      markets.push(new LendingMarket('rwa', rwa.asset, cash, () => params().markets.rwa, () => rwa.oracleNav));
    }
    const pool = new LendingPool(markets, params);
    const incentive = ctx.ledger.route('mint', markets[0].cash, 'lending incentive');
    let unhealthy = 0;
    let underwater = 0;
    const sumUsd = (f: (m: LendingMarket) => number) => markets.reduce((s, m) => s + f(m) * m.price(), 0);
    const at = (k: MarketKey) => markets[pool.market(k)] ?? null;
    const scan = () => {
      unhealthy = 0;
      underwater = 0;
      for (const acc of pool.members) {
        for (let i = 0; i < acc.pop.size; i++) {
          const d = pool.debtUsd(acc, i);
          if (!(d > 0)) continue;
          if (pool.collateralUsd(acc, i, 'lt') < d) unhealthy++;
          const v = pool.collateralUsd(acc, i, 'value');
          if (v < d) underwater += d - v;
        }
      }
    };
    return {
      api: pool,
      hooks: {
        pre: (w) => {
          pool.beginTick();
          pool.accrue(w.ticksPerYear);
          const per = params().incentiveTokensPerYear / w.ticksPerYear;
          if (per > 0 && markets[0].shares > 0) {
            incentive.move(per);
            pool.incentives = per;
          }
        },
        observe: scan,
      },
      metrics: {
        lending_deposits_usd: () => sumUsd((m) => m.deposits),
        lending_borrows_usd: () => sumUsd((m) => m.borrows),
        lending_reserves_usd: () => sumUsd((m) => m.reserves),
        utilisation_token: () => markets[0].utilisation,
        utilisation_usd: () => markets[1].utilisation,
        utilisation_lst: () => at('lst')?.utilisation ?? 0,
        utilisation_rwa: () => at('rwa')?.utilisation ?? 0,
        borrow_apr_token: () => markets[0].borrowRatePerYear,
        borrow_apr_usd: () => markets[1].borrowRatePerYear,
        supply_apr_token: () => markets[0].supplyRatePerYear,
        supply_apr_usd: () => markets[1].supplyRatePerYear,
        interest_usd: () => sumUsd((m) => m.interestThisTick),
        lending_incentives: () => pool.incentives,
        liquidations: () => pool.liquidations,
        liquidated_usd: () => pool.liquidatedUsd,
        seized_usd: () => pool.seizedUsd,
        bad_debt_usd: () => pool.badDebtUsd,
        depositor_loss_usd: () => sumUsd((m) => m.badDebtThisTick - m.absorbedThisTick),
        unhealthy_positions: () => unhealthy,
        underwater_usd: () => underwater,
      },
      summary: ({ series }) => ({
        total_liquidations: total(series, 'liquidations'),
        total_liquidated_usd: total(series, 'liquidated_usd'),
        total_seized_usd: total(series, 'seized_usd'),
        total_bad_debt_usd: total(series, 'bad_debt_usd'),
        total_depositor_loss_usd: total(series, 'depositor_loss_usd'),
        max_underwater_usd: peak(series.underwater_usd),
        peak_unhealthy_positions: peak(series.unhealthy_positions),
        mean_utilisation_usd: meanAfterGenesis(series, 'utilisation_usd'),
        total_interest_usd: total(series, 'interest_usd'),
        final_lending_reserves_usd: last(series, 'lending_reserves_usd'),
      }),
    };
  },
});

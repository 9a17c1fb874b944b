import { compensatedSum } from '../core/sum';

/** Flow series whose run totals are reported as `total_<name>`, in their own units (tokens or USD). */
const TOTALS = [
  'unlocked',
  'sector_sold',
  'sell_pressure_usd',
  'service_usd',
  'service_burn',
  'fee_burn',
  'scheduled_burn',
  'buyback_usd',
  'buyback_tokens',
  'buyback_burn',
  'dynamic_rewards',
  'locker_rewards',
  'lock_penalties',
  'treasury_revenue_usd',
  'grants_usd',
  'subsidy',
] as const;

/**
 * Returns the tick-window price change after the largest unlock: with t* the
 * recorded row (after genesis) of the largest `unlocked` value,
 * p(t* + window) / p(t* − 1) − 1 (the first row at or past t* + window, or
 * the last row); 0 when nothing unlocked.
 */
export function priceChangeAfterPeakUnlock(unlocked: Float64Array, price: Float64Array, ticks: Int32Array, window: number): number {
  let best = 0;
  let r = -1;
  for (let k = 1; k < unlocked.length; k++) {
    if (unlocked[k] > best) {
      best = unlocked[k];
      r = k;
    }
  }
  if (r < 0) return 0;
  let after = r;
  while (after < ticks.length - 1 && ticks[after] < ticks[r] + window) after++;
  return price[after] / price[r - 1] - 1;
}

/**
 * Returns the supply-side KPIs of a run from its recorded series:
 * `total_<flow>` for the flows in `TOTALS` (tokens or USD); the share of
 * unlocked tokens that sector holders sold (`sector_sold_share`); the peak
 * per-row sell pressure (`peak_sell_pressure_usd`); the 30-tick price change
 * after the largest unlock (`unlock_price_change_30d`); final and least
 * treasury runway (years) and final treasury cash (USD); mean issuance and
 * net issuance rates after genesis (share of supply per year); and final
 * locked and circulating tokens.
 */
export function supplySideKpis(series: Record<string, Float64Array>, ticks: Int32Array, _ticksPerYear: number): Record<string, number> {
  const n = ticks.length;
  const out: Record<string, number> = {};
  if (n === 0) return out;
  for (const name of TOTALS) if (series[name]) out[`total_${name}`] = compensatedSum(series[name]);
  if (series.unlocked && series.sector_sold) out.sector_sold_share = out.total_unlocked > 0 ? out.total_sector_sold / out.total_unlocked : 0;
  if (series.sell_pressure_usd) out.peak_sell_pressure_usd = Math.max(...series.sell_pressure_usd);
  if (series.unlocked && series.price) out.unlock_price_change_30d = priceChangeAfterPeakUnlock(series.unlocked, series.price, ticks, 30);
  if (series.treasury_runway_years) {
    out.final_runway_years = series.treasury_runway_years[n - 1];
    out.min_runway_years = Math.min(...series.treasury_runway_years);
  }
  if (series.treasury_cash_usd) out.final_treasury_cash_usd = series.treasury_cash_usd[n - 1];
  // Every key is present whatever the run length: the output's columns come from a zero-tick preflight.
  if (series.issuance_rate) out.mean_issuance_rate = n > 1 ? compensatedSum(series.issuance_rate, 1) / (n - 1) : 0;
  if (series.net_issuance_rate) out.mean_net_issuance_rate = n > 1 ? compensatedSum(series.net_issuance_rate, 1) / (n - 1) : 0;
  if (series.locked) out.final_locked = series.locked[n - 1];
  if (series.circulating) out.final_circulating = series.circulating[n - 1];
  return out;
}

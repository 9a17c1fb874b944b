import { z } from 'zod';
import type { Account, Ledger } from '../core/ledger';
import { RunningSum } from '../core/sum';

/** Spending policy of the treasury. */
export const treasuryPolicySchema = z
  .object({
    /** Grants paid to contributors outside the model, in USD per year (from the treasury's USD). */
    grantsUsdPerYear: z.number().min(0),
    /** Subsidy paid to stakers' rewards, in tokens per year (from the treasury's tokens). */
    subsidyTokensPerYear: z.number().min(0),
  })
  .strict();
export type TreasuryPolicy = z.infer<typeof treasuryPolicySchema>;

/** Runway reported when nothing is being spent, in years (a finite stand-in for "forever"). */
export const MAX_RUNWAY_YEARS = 1000;

/** Where treasury income came from. */
export type TreasurySource = 'fees' | 'service' | 'allocation' | 'penalty' | 'buyback' | 'other';

/**
 * Returns the treasury's runway in years at price p (USD per token):
 * value / spend, with value = usd + tokens · p (USD) and
 * spend = grantsUsdPerYear + subsidyTokensPerYear · p (USD per year);
 * `MAX_RUNWAY_YEARS` when nothing is spent, and never more than that.
 */
export function runwayYears(account: Account, policy: TreasuryPolicy, price: number): number {
  const value = account.usd + account.tokens * price;
  const spend = policy.grantsUsdPerYear + policy.subsidyTokensPerYear * price;
  if (!(spend > 0)) return MAX_RUNWAY_YEARS;
  const r = value / spend;
  return r < MAX_RUNWAY_YEARS ? r : MAX_RUNWAY_YEARS;
}

/**
 * The treasury's books and spending policy around the world's treasury
 * account. Income is credited through `receiveUsd` / `receiveTokens` (or
 * noted with `noteUsdRevenue` when another mechanism already credited the
 * account), and counted by source; USD income counts as revenue, which the
 * buyback's revenue-share policy reads.
 *
 * Phase `post` spends by policy: grants g/TPY USD per tick, capped by the
 * USD held, leave the model (`ledger.usdOut`); a subsidy of s/TPY tokens per
 * tick, capped by the tokens held, is paid into stakers' rewards (kept when
 * nothing is staked).
 */
export class Treasury {
  readonly name = 'treasury';
  /** All USD revenue so far, in USD. */
  readonly revenueUsd = new RunningSum();
  /** Revenue, grants (USD) and subsidy (tokens) of this tick. */
  revenueUsdThisTick = 0;
  grantsUsdThisTick = 0;
  subsidyThisTick = 0;
  /** Token income by source, all time. */
  readonly tokensBySource: Record<TreasurySource, number> = { fees: 0, service: 0, allocation: 0, penalty: 0, buyback: 0, other: 0 };

  constructor(
    readonly account: Account,
    private readonly ledger: Ledger,
    private readonly policy: () => TreasuryPolicy,
    private readonly payStakers: (tokens: number) => boolean,
  ) {}

  /** Credits `usd` USD (already inside the model) to the treasury as revenue from `source`. */
  receiveUsd(usd: number, source: TreasurySource): void {
    if (!(usd > 0)) return;
    this.account.usd += usd;
    this.noteUsdRevenue(usd, source);
  }

  /** Counts `usd` USD that another mechanism already credited to the account as revenue. */
  noteUsdRevenue(usd: number, _source: TreasurySource): void {
    if (!(usd > 0)) return;
    this.revenueUsd.add(usd);
    this.revenueUsdThisTick += usd;
  }

  /** Credits `tokens` tokens (already counted by the ledger) from `source`. */
  receiveTokens(tokens: number, source: TreasurySource): void {
    if (!(tokens > 0)) return;
    this.account.tokens += tokens;
    this.tokensBySource[source] += tokens;
  }

  /** Resets per-tick counters (phase `pre`). */
  pre(): void {
    this.revenueUsdThisTick = 0;
    this.grantsUsdThisTick = 0;
    this.subsidyThisTick = 0;
  }

  post(world: { ticksPerYear: number }): void {
    const p = this.policy();
    const a = this.account;
    const grant = Math.min(a.usd, p.grantsUsdPerYear / world.ticksPerYear);
    if (grant > 0) {
      a.usd -= grant;
      this.ledger.usdOut(grant);
      this.grantsUsdThisTick = grant;
    }
    const subsidy = Math.min(a.tokens, p.subsidyTokensPerYear / world.ticksPerYear);
    if (subsidy > 0 && this.payStakers(subsidy)) {
      a.tokens -= subsidy;
      this.subsidyThisTick = subsidy;
    }
  }

  /** Returns the treasury's value at price p, in USD. */
  valueUsd(price: number): number {
    return this.account.usd + this.account.tokens * price;
  }

  /** Returns the runway at price p, in years (see `runwayYears`). */
  runwayYears(price: number): number {
    return runwayYears(this.account, this.policy(), price);
  }
}

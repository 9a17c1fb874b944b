import type { Account } from '../core/account';
import type { Ledger } from '../core/ledger';
import type { Population } from '../core/population';
import type { Route } from '../core/route';
import type { NodeRewards } from './nodeRewards';

/** The columns served-work pay reads from a node population. */
export const servedWorkColumns = { capacity: 'f64', rewardWeight: 'f64', up: 'u8' } as const;

type ServingPopulation = Population<typeof servedWorkColumns>;

interface ClaimRoutes {
  tokens: Route;
  usd: Route;
}

/**
 * Pays for served work each tick: tokens by reward weight and USD by
 * capacity, among the nodes that are up (their totals set by the operators'
 * uptime draw on the node-reward stream). Rates are per unit of up weight /
 * up capacity; each up node claims w_i · tokensPerWeight tokens and
 * c_i · usdPerCapacity USD once in the tick, so Σ claims = what was
 * distributed. Unclaimed amounts stay in the escrow account.
 */
export class ServedWork {
  /** This tick's token rate, tokens per unit of reward weight. */
  tokensPerWeight = 0;
  /** This tick's USD rate, USD per service unit of capacity. */
  usdPerCapacity = 0;
  /** Tokens / USD distributed this tick. */
  distributedTokens = 0;
  distributedUsd = 0;
  /** USD paid by the last `claim`. */
  lastClaimUsd = 0;
  private readonly claims = new Map<Population, ClaimRoutes>();

  constructor(
    private readonly ledger: Ledger,
    /** Tokens and USD distributed and not yet claimed. */
    readonly escrow: Account,
    private readonly nodes: NodeRewards,
  ) {}

  /** Returns the capacity of the nodes up this tick, in service units. */
  get upCapacity(): number {
    return this.nodes.upCapacity;
  }

  /** Returns the reward weight of the nodes up this tick. */
  get upWeight(): number {
    return this.nodes.upWeight;
  }

  /** Resets this tick's rates (phase `pre`, before anything is distributed). */
  beginTick(): void {
    this.tokensPerWeight = 0;
    this.usdPerCapacity = 0;
    this.distributedTokens = 0;
    this.distributedUsd = 0;
  }

  /** Returns whether `amount` tokens can be paid by reward weight now (some node is up); the caller then moves them into `escrow`. */
  acceptTokens(amount: number): boolean {
    if (!(this.upWeight > 0) || !(amount > 0)) return false;
    this.tokensPerWeight += amount / this.upWeight;
    this.distributedTokens += amount;
    return true;
  }

  /** Returns whether `amount` USD can be paid by capacity now; the caller then moves them into `escrow`. */
  acceptUsd(amount: number): boolean {
    if (!(this.upCapacity > 0) || !(amount > 0)) return false;
    this.usdPerCapacity += amount / this.upCapacity;
    this.distributedUsd += amount;
    return true;
  }

  /** Pays node `pop[i]` its share of this tick (once, if up) into its balances; returns the tokens (USD in `lastClaimUsd`). */
  claim(pop: ServingPopulation, i: number): number {
    const c = pop.cols;
    this.lastClaimUsd = 0;
    if (c.up[i] === 0) return 0;
    const r = this.routesOf(pop);
    const tokens = c.rewardWeight[i] * this.tokensPerWeight;
    const usd = c.capacity[i] * this.usdPerCapacity;
    const e = this.escrow;
    // Floating error may make the last claim exceed the escrow by an ulp; never pay out what is not there.
    const t = tokens < e.tokens ? tokens : e.tokens > 0 ? e.tokens : 0;
    const u = usd < e.usd ? usd : e.usd > 0 ? e.usd : 0;
    if (t > 0) r.tokens.pay(i, t);
    if (u > 0) r.usd.pay(i, u);
    this.lastClaimUsd = u;
    return t;
  }

  private routesOf(pop: Population): ClaimRoutes {
    let r = this.claims.get(pop);
    if (!r) {
      const l = this.ledger;
      r = {
        tokens: l.route(this.escrow, l.pocket(pop.account!, pop, 'tokens'), 'served work'),
        usd: l.route(this.escrow, l.pocket(pop.account!, pop, 'usd', 'usd'), 'served work', 'usd'),
      };
      this.claims.set(pop, r);
    }
    return r;
  }
}

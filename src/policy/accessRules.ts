import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import type { Ledger } from '../core/ledger';
import type { Population } from '../core/population';
import type { Rng } from '../core/rng';
import type { Route } from '../core/route';
import type { AnyWorld } from '../core/world';
import { total } from '../metrics/series';

/** Parameters of access rules for participants from a restricted jurisdiction. */
export const accessRulesParamsSchema = z
  .object({
    /** First tick the rules apply; null: never (the block is inert). */
    startTick: z.number().int().min(0).nullable(),
    /** Share of participants (incumbents and newcomers, traders and node operators) from the restricted jurisdiction, in [0, 1]. */
    restrictedShare: z.number().min(0).max(1),
    /** `bar`: restricted participants may not take part; `kyc`: they must pass a costly identity check once. */
    rule: z.enum(['bar', 'kyc']),
    /** Cost of the check per participant, in USD, paid out of the model (to the check's provider). */
    kycUsd: z.number().min(0),
    /** A participant takes the check only if it costs at most this share of its wealth (USD plus tokens at the price), in (0, 1]; otherwise it stays out. */
    kycMaxWealthShare: z.number().gt(0).max(1),
  })
  .strict();
export type AccessRulesParams = z.infer<typeof accessRulesParamsSchema>;

/** No access rules: the block is inert (startTick null). */
export const accessRulesDefaults: AccessRulesParams = { startTick: null, restrictedShare: 0, rule: 'bar', kycUsd: 0, kycMaxWealthShare: 0.05 };

/** A participant's standing under the rules. */
export const ACCESS = { free: 0, barred: 1, pending: 2, checked: 3 } as const;

/**
 * Returns whether a restricted participant of wealth `wealthUsd` takes the
 * check: kycUsd ≤ kycMaxWealthShare · wealth (and it has the USD to pay).
 */
export function takesCheck(p: AccessRulesParams, wealthUsd: number, usd: number): boolean {
  return p.kycUsd <= p.kycMaxWealthShare * wealthUsd && usd >= p.kycUsd;
}

/**
 * Access rules for a restricted jurisdiction, from `startTick`. Whether a
 * participant is restricted is its own draw (probability
 * `restrictedShare`, from this block's stream: the other blocks' draws do
 * not move): this is a self-contained flag, not a jurisdiction the agents
 * carry. Under `bar` a restricted participant may not take part; under
 * `kyc` it takes the check (USD out of the model, reason `kyc check`) when
 * that costs at most `kycMaxWealthShare` of its wealth, and otherwise stays
 * out. Newcomers are screened on arrival (a refused one never brings its
 * USD in); incumbents are screened once, at the start tick: a trader who
 * may not stay sells and leaves, an online operator retires its hardware;
 * a restricted operator candidate is screened when it first considers
 * joining. The rules stand for a jurisdiction's ban on, or identity
 * requirements for, access to a token (e.g. the travel rule and customer
 * due diligence of the EU's MiCA, Regulation (EU) 2023/1114, and
 * Regulation (EU) 2023/1113); the check cost is an assumption to vary.
 */
export class AccessRules {
  /** Participants refused (newcomers turned away, incumbents made to leave) this tick. */
  refused = 0;
  /** Checks taken this tick, and their cost in USD. */
  checks = 0;
  checksUsd = 0;
  private tick = -1;
  private readonly kyc = new Map<Population, Route>();

  constructor(
    private readonly params: () => AccessRulesParams,
    private readonly ledger: Ledger,
    private readonly rng: Rng,
  ) {}

  /** Phase `pre`: notes the tick and resets the counters. */
  pre(world: AnyWorld): void {
    this.tick = world.tick;
    this.refused = 0;
    this.checks = 0;
    this.checksUsd = 0;
  }

  /** Returns whether the rules are in force this tick. */
  get active(): boolean {
    const s = this.params().startTick;
    return s !== null && this.tick >= s;
  }

  /** Returns whether this tick is the start tick, when incumbents are screened. */
  get screensIncumbents(): boolean {
    return this.params().startTick === this.tick;
  }

  /**
   * Screens one participant of `pop` (agent i, wealth `wealthUsd`): draws
   * whether it is restricted and returns its standing (`ACCESS.free`,
   * `barred` or `checked`), charging the check to it when it takes one. Call
   * only while the rules are in force.
   */
  screen(pop: Population, i: number, wealthUsd: number): number {
    const p = this.params();
    if (!(p.restrictedShare > 0) || !this.rng.chance(p.restrictedShare)) return ACCESS.free;
    if (p.rule === 'kyc' && takesCheck(p, wealthUsd, pop.cols.usd[i])) {
      if (p.kycUsd > 0) this.route(pop).take(i, p.kycUsd);
      this.checks++;
      this.checksUsd += p.kycUsd;
      return ACCESS.checked;
    }
    this.refused++;
    return ACCESS.barred;
  }

  /**
   * Screens a newcomer bringing `usd` (before it brings it in): returns
   * `ACCESS.barred` (turn it away), `checked` (let it in, then charge it
   * with `chargeNewcomer`) or `free`. Call only while the rules are in force.
   */
  screenNewcomer(usd: number): number {
    const p = this.params();
    if (!(p.restrictedShare > 0) || !this.rng.chance(p.restrictedShare)) return ACCESS.free;
    if (p.rule === 'kyc' && takesCheck(p, usd, usd)) return ACCESS.checked;
    this.refused++;
    return ACCESS.barred;
  }

  /** Charges newcomer i of `pop` the check once it has arrived (`screenNewcomer` returned `checked`). */
  chargeNewcomer(pop: Population, i: number): void {
    const p = this.params();
    if (p.kycUsd > 0) this.route(pop).take(i, p.kycUsd);
    this.checks++;
    this.checksUsd += p.kycUsd;
  }

  private route(pop: Population): Route {
    let r = this.kyc.get(pop);
    if (!r) {
      r = this.ledger.route(this.ledger.pocket(pop.account!, pop, 'usd', 'usd'), 'outside', 'kyc check', 'usd');
      this.kyc.set(pop, r);
    }
    return r;
  }
}

/** The access-rules policy block: a restricted jurisdiction's share of participants barred, or charged a one-off check. */
export const accessRules = defineBlock({
  key: 'accessRules',
  kind: 'policy',
  description: 'access rules from a start tick: a share of participants (traders, node operators) barred, or made to pass a one-off KYC check costing USD',
  sources: ['Regulation (EU) 2023/1114 (MiCA) and Regulation (EU) 2023/1113 (transfer of funds, the travel rule) as examples of access requirements; costs and shares are assumptions'],
  params: { schema: accessRulesParamsSchema, defaults: accessRulesDefaults },
  metrics: {
    access_refused: { unit: 'agents', kind: 'flow', description: 'participants turned away or made to leave by the access rules since the previous row' },
    kyc_checks: { unit: 'agents', kind: 'flow', description: 'identity checks taken since the previous row' },
    kyc_usd: { unit: 'USD', kind: 'flow', description: 'USD paid for identity checks since the previous row' },
  },
  kpis: {
    total_access_refused: { unit: 'agents', description: 'participants turned away or made to leave over the run' },
    total_kyc_usd: { unit: 'USD', description: 'USD paid for identity checks over the run' },
  },
  build(ctx) {
    const a = new AccessRules(ctx.params, ctx.ledger, ctx.rng);
    return {
      api: a,
      hooks: { pre: (w) => a.pre(w) },
      metrics: { access_refused: () => a.refused, kyc_checks: () => a.checks, kyc_usd: () => a.checksUsd },
      summary: ({ series }) => ({ total_access_refused: total(series, 'access_refused'), total_kyc_usd: total(series, 'kyc_usd') }),
    };
  },
});

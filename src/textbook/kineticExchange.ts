import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { distributionSchema, type Distribution } from '../core/distributions';
import { addEndowed } from '../core/genesis';
import { gini, topShare } from '../metrics/inequality';

/** The kinetic-exchange models this block runs (see `kineticExchange`). */
export const EXCHANGE_RULES = ['randomExchange', 'yardSale'] as const;

const kineticExchangeParams = z
  .object({
    /** Agents that exchange. */
    count: z.number().int().min(2),
    /** Each agent's money at genesis, in tokens. */
    money: distributionSchema,
    /** `randomExchange`: Dragulescu–Yakovenko (with saving propensity λ, Chakraborti–Chakrabarti); `yardSale`: the yard-sale model. */
    rule: z.enum(EXCHANGE_RULES),
    /** Pairwise exchanges per agent per tick (the tick makes round(count × this) exchanges). */
    exchangesPerAgent: z.number().min(0).max(1000),
    /** λ of the random exchange: the share of its money each party keeps out of the pot, in [0, 1). */
    savingPropensity: z.number().min(0).lt(1),
    /** f of the yard sale: the share of the poorer party's wealth at stake, in (0, 1). */
    yardSaleShare: z.number().gt(0).lt(1),
  })
  .strict();
export type KineticExchangeParams = z.infer<typeof kineticExchangeParams>;

/** Returns the share of `values` below their mean (P(m < T)). */
export function shareBelowMean(values: Float64Array, n = values.length): number {
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let below = 0;
  for (let i = 0; i < n; i++) if (values[i] < mean) below++;
  return below / n;
}

/**
 * Kinetic exchange of money between agents, the textbook sanity check of a
 * token ledger: total money is conserved exactly and the stationary
 * distribution is known.
 *
 * Each tick makes E = round(N · exchangesPerAgent) exchanges. In each, two
 * distinct agents i, j are drawn uniformly from the block's own stream and
 *
 * - `randomExchange`: with ε ~ U[0, 1) and saving propensity λ,
 *   m_i' = λ·m_i + ε·(1 − λ)·(m_i + m_j), m_j' = m_i + m_j − m_i'.
 *   With λ = 0 (Dragulescu and Yakovenko, "Statistical mechanics of money",
 *   Eur. Phys. J. B 17, 723–729, 2000) the stationary law is the
 *   Boltzmann–Gibbs exponential P(m) = e^{−m/T}/T, T = M/N: Gini ½,
 *   P(m < T) = 1 − 1/e ≈ 0.632, top-10% share (1 + ln 10)/10 ≈ 0.330.
 *   With λ > 0 (Chakraborti and Chakrabarti, Eur. Phys. J. B 17, 167–170,
 *   2000) it is close to a Gamma law of shape n = 1 + 3λ/(1 − λ) (Patriarca,
 *   Chakraborti and Kaski, Phys. Rev. E 70, 016104, 2004), whose Gini is
 *   Γ(n + ½) / (n Γ(n) √π).
 * - `yardSale`: a fair coin decides who pays Δ = f · min(m_i, m_j)
 *   (Chakraborti, Int. J. Mod. Phys. C 13, 1315, 2002; Boghosian et al.,
 *   Physica A 476, 2017): fair in expectation, yet wealth condenses, the
 *   Gini rising towards 1.
 *
 * The step is `randomExchange` / `yardSale` of src/textbook, applied through
 * the ledger: the change of m_i is one transfer along the route `exchange`
 * between the two agents, so `--check` sees every unit. Money is the
 * agents' `tokens` column, in tokens; they hold no USD.
 */
export const kineticExchange = defineBlock({
  key: 'kineticExchange',
  kind: 'agents',
  description: 'kinetic exchange of money (Dragulescu–Yakovenko random exchange with saving, or the yard sale): a textbook check of the ledger with a known stationary distribution',
  sources: [
    'Dragulescu & Yakovenko (2000), "Statistical mechanics of money", Eur. Phys. J. B 17, 723–729',
    'Chakraborti & Chakrabarti (2000), "Statistical mechanics of money: how saving propensity affects its distribution", Eur. Phys. J. B 17, 167–170',
    'Patriarca, Chakraborti & Kaski (2004), "Gibbs versus non-Gibbs distributions in money dynamics", Phys. Rev. E 70, 016104',
    'Boghosian et al. (2017), "An economically realistic asset exchange model", Physica A 476, 15–37 (the yard sale)',
  ],
  params: {
    schema: kineticExchangeParams,
    defaults: {
      count: 1000,
      money: { dist: 'constant', value: 100 } as Distribution,
      rule: 'randomExchange',
      exchangesPerAgent: 5,
      savingPropensity: 0,
      yardSaleShare: 0.1,
    },
  },
  population: { schema: {}, count: (p) => p.count },
  metrics: {
    money_gini: { unit: 'index', sampled: true, description: "Gini coefficient of the agents' money" },
    money_top10_share: { unit: 'share', sampled: true, description: 'share of all money held by the richest 10% of agents' },
    money_below_mean: { unit: 'share', description: 'share of agents holding less than the mean money, P(m < T)' },
  },
  kpis: {
    final_money_gini: { unit: 'index', description: "Gini coefficient of the agents' money at the end (exponential law: 0.5)" },
    final_money_top10_share: { unit: 'share', description: 'share of money held by the richest 10% at the end (exponential law: (1 + ln 10)/10 ≈ 0.330)' },
    final_money_below_mean: { unit: 'share', description: 'share of agents below the mean money at the end (exponential law: 1 − 1/e ≈ 0.632)' },
  },
  build(ctx) {
    const { pop } = ctx.population({});
    const rng = ctx.rng.fork('exchange');
    let route: ReturnType<typeof ctx.ledger.route> | null = null;
    const money = () => pop.cols.tokens.subarray(0, pop.size);
    return {
      api: pop,
      genesis(world) {
        const p = ctx.params();
        addEndowed(world.ledger, pop, p.count, p.money, { dist: 'constant', value: 0 }, ctx.rng.fork('genesis'));
        const pocket = world.ledger.pocket(pop.account!, pop, 'tokens');
        route = world.ledger.route(pocket, pocket, 'exchange');
      },
      agents: {
        name: 'kineticExchange',
        population: pop,
        act() {
          const p = ctx.params();
          const n = pop.size;
          if (n < 2 || route === null) return;
          const m = pop.cols.tokens;
          const r = route;
          const exchanges = Math.round(n * p.exchangesPerAgent);
          const keep = p.savingPropensity;
          const f = p.yardSaleShare;
          const yard = p.rule === 'yardSale';
          for (let k = 0; k < exchanges; k++) {
            const i = rng.int(n);
            let j = rng.int(n - 1);
            if (j >= i) j++;
            if (yard) {
              const delta = f * (m[i] < m[j] ? m[i] : m[j]);
              if (rng.next() < 0.5) r.between(i, j, delta);
              else r.between(j, i, delta);
            } else {
              const total = m[i] + m[j];
              const mi = keep * m[i] + rng.next() * (1 - keep) * total;
              // m_i → m_i': one transfer between the two, whichever way it goes (m_j' = total − m_i' up to rounding).
              if (mi < m[i]) r.between(i, j, m[i] - mi);
              else r.between(j, i, Math.min(mi - m[i], m[j]));
            }
          }
        },
      },
      metrics: {
        money_gini: () => gini(money()),
        money_top10_share: () => topShare(money(), 0.1),
        money_below_mean: () => shareBelowMean(money()),
      },
      summary: () => ({
        final_money_gini: gini(money()),
        final_money_top10_share: topShare(money(), 0.1),
        final_money_below_mean: shareBelowMean(money()),
      }),
    };
  },
});

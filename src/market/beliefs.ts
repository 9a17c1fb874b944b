import { z } from '../core/zod';

/** Parameters of the traders' switching between the fundamentalist and the chartist rule. */
export const switchingParamsSchema = z
  .object({
    /** Intensity of choice β on the fitness difference U_f − U_c (fitness in standardised returns). */
    intensity: z.number().min(0).max(100),
    /** Memory η of the fitness average, in [0, 1): U ← η U + (1 − η) π. */
    memory: z.number().min(0).lt(1),
    /** Predisposition α₀ toward the fundamentalist rule (negative: toward the chartist one). */
    predisposition: z.number().min(-20).max(20),
    /** Herding α_n: weight on the share difference n_f − n_c. */
    herding: z.number().min(-20).max(20),
    /** Misalignment α_p: weight on (ln p − ln V)², the pull of fundamentalism when price is far from value. */
    misalignment: z.number().min(0).max(1000),
    /** Probability per tick that a switching trader reconsiders its rule (the transition rate ν). */
    rate: z.number().min(0).max(1),
  })
  .strict();
export type SwitchingParams = z.infer<typeof switchingParamsSchema>;

/**
 * The popularity of the fundamentalist (f) and chartist (c) rules, driven by
 * their recent performance (Brock & Hommes, "Heterogeneous beliefs and
 * routes to chaos in a simple asset pricing model", JEDC 22, 1998) with the
 * herding, predisposition and misalignment terms Franke & Westerhoff
 * estimated by simulated moments ("Structural stochastic volatility in asset
 * pricing dynamics", JEDC 36, 2012, the DCA-HPM model):
 *
 *   π_k,t = σ_k,t−1 · r_t / σ̄,      U_k,t = η U_k,t−1 + (1 − η) π_k,t,
 *   a_t   = α₀ + β (U_f − U_c) + α_n (n_f − n_c) + α_p (ln p_t − ln V_t)²,
 *   n_f*  = 1 / (1 + e^(−a_t)),
 *
 * with σ_k,t−1 ∈ {−1, 0, 1} the direction rule k took last tick, r_t the
 * tick's log return and σ̄ its typical size (so π is a standardised return,
 * the profit of following the rule), n_f, n_c the rules' current shares and
 * V_t the fundamental value. n_f* is the share of fundamentalists a trader
 * who reconsiders its rule joins: each switching trader reconsiders with
 * probability ν a tick (Lux & Marchesi, "Scaling and criticality in a
 * stochastic multi-agent model of a financial market", Nature 397, 1999, use
 * such transition rates), so the shares relax toward n_f* at rate ν.
 */
export class Beliefs {
  /** Fitness U_f and U_c, in standardised returns per tick. */
  fitnessF = 0;
  fitnessC = 0;
  /** The direction each rule took in the last tick, −1, 0 or 1. */
  private directionF = 0;
  private directionC = 0;

  constructor(private readonly params: () => SwitchingParams) {}

  /** Scores last tick's directions against its return `r` (σ̄ = `sd`) and records this tick's. */
  update(r: number, sd: number, directionF: number, directionC: number): void {
    const eta = this.params().memory;
    const z = sd > 0 ? r / sd : 0;
    this.fitnessF = eta * this.fitnessF + (1 - eta) * this.directionF * z;
    this.fitnessC = eta * this.fitnessC + (1 - eta) * this.directionC * z;
    this.directionF = directionF;
    this.directionC = directionC;
  }

  /** Returns n_f*, the share of fundamentalists a reconsidering trader joins, given the current shares and mispricing ln(p / V). */
  targetFundamentalistShare(shareF: number, shareC: number, mispricing: number): number {
    const p = this.params();
    const a = p.predisposition + p.intensity * (this.fitnessF - this.fitnessC) + p.herding * (shareF - shareC) + p.misalignment * mispricing * mispricing;
    return 1 / (1 + Math.exp(-a));
  }
}

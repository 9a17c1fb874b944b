/**
 * The hand-written twin of the stake-and-trade model: the model of
 * `stakeAndTradeModel.ts` as one plain loop over Float64Arrays, with no
 * tokensim code at all — what a researcher would write by hand for this one
 * model. Same generator (seedrandom Alea) and same draw order as the tokensim
 * version, so both produce the same trajectories (checked by
 * test/bench/stakeAndTradeTwin.test.ts) and the benchmark compares equal work.
 */
import seedrandom from 'seedrandom';
import {
  ADJUST_SHARE,
  DAYS_PER_YEAR,
  EMISSION_PER_AGENT,
  ENDOWMENT,
  FEE_BPS,
  HURDLE_MAX,
  HURDLE_MIN,
  MAX_TRADE_USD,
  TRADE_PROBABILITY,
  type Trajectories,
} from './stakeAndTradeModel';

/** Runs the hand-written twin for `ticks` ticks with `agents` agents and returns its trajectories. */
export function runTwin(agents: number, ticks: number, seed: number): Trajectories {
  const rand = seedrandom.alea(String(seed >>> 0));
  const n = agents;
  const tokens = new Float64Array(n).fill(ENDOWMENT);
  const usd = new Float64Array(n).fill(ENDOWMENT);
  const staked = new Float64Array(n);
  const hurdle = new Float64Array(n);
  for (let i = 4; i < n; i += 5) hurdle[i] = HURDLE_MIN + (HURDLE_MAX - HURDLE_MIN) * rand();

  let x = ENDOWMENT * n; // pool tokens
  let y = ENDOWMENT * n; // pool USD
  const keep = 1 - FEE_BPS / 10_000;
  const emission = EMISSION_PER_AGENT * n;
  let supply = 2 * ENDOWMENT * n; // agents' tokens + pool tokens
  let totalStaked = 0;

  const out: Trajectories = { price: new Float64Array(ticks), staked: new Float64Array(ticks), supply: new Float64Array(ticks) };
  for (let t = 0; t < ticks; t++) {
    // Reward per staked token this tick; paid to each staker at its turn (its stake has not changed since the mint).
    let perToken = 0;
    if (totalStaked > 0) {
      perToken = emission / totalStaked;
      supply += emission;
    }
    const apr = totalStaked > 0 ? (emission * DAYS_PER_YEAR) / totalStaked : Infinity;
    for (let i = 0; i < n; i++) {
      if (i % 5 === 4) {
        tokens[i] += staked[i] * perToken;
        if (apr > hurdle[i]) {
          const a = tokens[i] * ADJUST_SHARE;
          if (a > 0) {
            tokens[i] -= a;
            staked[i] += a;
            totalStaked += a;
          }
        } else {
          const a = staked[i] * ADJUST_SHARE;
          if (a > 0) {
            staked[i] -= a;
            totalStaked -= a;
            tokens[i] += a;
          }
        }
      } else if (rand() < TRADE_PROBABILITY) {
        const size = MAX_TRADE_USD * rand();
        if (rand() < 0.5) {
          const a = size < usd[i] ? size : usd[i];
          if (a > 0) {
            const ak = a * keep;
            const out = (x * ak) / (y + ak);
            y += a;
            x -= out;
            usd[i] -= a;
            tokens[i] += out;
          }
        } else {
          const want = size / (y / x);
          const a = want < tokens[i] ? want : tokens[i];
          if (a > 0) {
            const ak = a * keep;
            const out = (y * ak) / (x + ak);
            x += a;
            y -= out;
            tokens[i] -= a;
            usd[i] += out;
          }
        }
      }
    }
    out.price[t] = y / x;
    out.staked[t] = totalStaked;
    out.supply[t] = supply;
  }
  return out;
}

import { InputError } from '../core/errors';
import type { AgentClass } from '../core/world';

/**
 * An agent class that declares alternative strategies, for deviation checks.
 * A class declares them by
 * 1. a `strategy: 'u8'` column in its population schema (0 for everyone at
 *    genesis),
 * 2. `readonly strategies = ['follow', 'name-1', …]`: index 0 is the class's
 *    own rule, index k the strategy an agent with strategy[i] = k follows,
 * 3. in `act`, a branch on the column: `if (strategy[i] !== 0) { …; continue; }`
 *    — one small-integer test per agent, so the default path stays as fast.
 * Stakers declare `never-stake` and `always-stake` this way (agents/stakers.ts).
 */
export interface StrategicClass extends AgentClass {
  readonly strategies: readonly string[];
}

/** Returns true when `c` declares strategies and has the `strategy` column. */
export function isStrategic(c: AgentClass): c is StrategicClass {
  const s = (c as Partial<StrategicClass>).strategies;
  return Array.isArray(s) && s.length > 0 && c.population.column('strategy') instanceof Uint8Array;
}

/**
 * Returns the agent class `name` of `agents` and the index of its strategy
 * `strategy`; throws an `InputError` naming the classes or strategies there
 * are when either is unknown.
 */
export function findStrategy(agents: readonly AgentClass[], name: string, strategy: string): { agentClass: StrategicClass; index: number } {
  const c = agents.find((a) => a.name === name);
  if (!c) throw new InputError(`--class ${name}: no such agent class; the model has ${agents.map((a) => a.name).join(', ')}`);
  if (!isStrategic(c)) {
    const have = agents.filter(isStrategic).map((a) => a.name);
    throw new InputError(`--class ${name}: the class declares no alternative strategies${have.length ? `; classes that do: ${have.join(', ')}` : ''}`);
  }
  const index = c.strategies.indexOf(strategy);
  if (index < 1) throw new InputError(`--strategy ${strategy}: ${name} declares ${c.strategies.slice(1).join(', ')} (besides its own rule, ${c.strategies[0]})`);
  return { agentClass: c, index };
}

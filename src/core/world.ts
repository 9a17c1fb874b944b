import type { z } from 'zod';
import { Ledger } from './ledger';
import { ParamStore } from './params';
import type { Population } from './population';
import { Rng } from './rng';
import { RunError } from './errors';

/** The phases of a tick, in order; `agents` is where agent classes act. */
export const PHASES = ['exogenous', 'pre', 'agents', 'post', 'observe'] as const;
export type Phase = (typeof PHASES)[number];

/** The phases blocks hook into (every phase but `agents`, which agent classes fill). */
export type HookPhase = Exclude<Phase, 'agents'>;

/** A function a block runs in one phase of every tick, with the key of the block it belongs to. */
export interface Hook {
  readonly key: string;
  run(world: AnyWorld): void;
}

/**
 * An agent class: a population and a rule. `act` runs the rule once for
 * every active agent, in the order given (index order when `order` is null).
 */
export interface AgentClass {
  /** The key of the block it belongs to; names its random streams. */
  readonly name: string;
  readonly population: Population;
  act(world: AnyWorld, order: Int32Array | null, count: number): void;
}

/** A world whatever its parameter type: what blocks and agent classes receive. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyWorld = World<any>;

/** How agents are ordered each tick: by index, or by a seeded shuffle. */
export type Activation = 'index' | 'shuffle';

/** Options for a new world. */
export interface WorldOptions<P extends object> {
  params: P;
  schema?: z.ZodType<P>;
  seed: number;
  ticksPerYear?: number;
  activation?: Activation;
  /** Assert token and USD conservation at the end of every tick. */
  check?: boolean;
}

/**
 * The shared state kernel of one run: clock, ledger, parameters, random
 * streams, the hooks of each phase and the agent classes.
 *
 * `step()` advances one tick through the phases exogenous → pre → agents
 * act → post → observe, running each phase's hooks in the order the model
 * lists its blocks. With `activation: 'shuffle'` the agent classes run in an
 * order drawn each tick and the agents of each class in a seeded shuffle
 * (Fisher–Yates over a reused index array); both come from each class's own
 * stream.
 */
export class World<P extends object = any> {
  /** The tick being executed (1-based during `step`), or the last completed tick. */
  tick = 0;
  readonly ticksPerYear: number;
  readonly ledger = new Ledger();
  readonly paramStore: ParamStore<P>;
  readonly rng: Rng;
  readonly activation: Activation;
  readonly check: boolean;
  readonly hooks: Record<HookPhase, Hook[]> = { exogenous: [], pre: [], post: [], observe: [] };
  readonly agents: AgentClass[] = [];
  readonly populations: Population[] = [];
  /** Market price at the end of each tick, USD per token; index 0 is the initial price. */
  priceHistory = new Float64Array(512);
  /** Where the market price comes from; read at the end of every tick into `priceHistory`. */
  priceSource: (() => number) | null = null;
  /** Each agent class's own activation stream (`rng.fork(name).fork('activation')`), by position in `agents`. */
  private readonly classRngs: Rng[] = [];
  private order = new Int32Array(0);
  private classOrder = new Int32Array(0);
  private classKeys = new Float64Array(0);
  private readonly paramListeners: ((world: World<P>) => void)[] = [];

  constructor(opts: WorldOptions<P>) {
    this.paramStore = new ParamStore(opts.params, opts.schema);
    this.rng = new Rng(opts.seed);
    this.ticksPerYear = opts.ticksPerYear ?? 365;
    this.activation = opts.activation ?? 'index';
    this.check = opts.check ?? false;
  }

  /** Returns the parameters in force now (frozen). */
  get params(): P {
    return this.paramStore.current;
  }

  /** Returns the time elapsed, in years. */
  get years(): number {
    return this.tick / this.ticksPerYear;
  }

  /** Adds `run` to phase `phase` for block `key`; hooks of one phase run in the order they were added. */
  addHook(phase: HookPhase, key: string, run: (world: AnyWorld) => void): void {
    this.hooks[phase].push({ key, run });
  }

  /** Adds an agent class (its population must already be registered with `addPopulation`, or is then). */
  addAgents<A extends AgentClass>(a: A): A {
    this.agents.push(a);
    this.classRngs.push(this.rng.fork(a.name).fork('activation'));
    if (!this.populations.includes(a.population)) this.populations.push(a.population);
    return a;
  }

  /** Registers a population that agents of some class make up. */
  addPopulation(pop: Population): void {
    if (!this.populations.includes(pop)) this.populations.push(pop);
  }

  /** Calls `fn` after every parameter change (to refresh values a component caches). */
  onParamChange(fn: (world: World<P>) => void): void {
    this.paramListeners.push(fn);
  }

  /** Changes parameter `path` to `value` from the current tick on, logged with `source`. */
  changeParam(path: string, value: unknown, source = 'api'): void {
    this.paramStore.change(this.tick, path, value, source);
    for (const fn of this.paramListeners) fn(this);
  }

  /** Returns the price at the end of tick `t` (clamped to [0, tick]). */
  priceAt(t: number): number {
    const i = t < 0 ? 0 : t > this.tick ? this.tick : t;
    return this.priceHistory[i];
  }

  /** Records the current market price for the current tick. */
  recordPrice(price: number): void {
    if (this.tick >= this.priceHistory.length) {
      const next = new Float64Array(this.priceHistory.length * 2);
      next.set(this.priceHistory);
      this.priceHistory = next;
    }
    this.priceHistory[this.tick] = price;
  }

  /** Advances one tick through all phases; throws a `RunError` on a broken invariant. */
  step(): void {
    this.tick++;
    this.ledger.beginTick(this.tick, this.check);
    const h = this.hooks;
    runAll(h.exogenous, this);
    runAll(h.pre, this);
    this.actAll();
    runAll(h.post, this);
    runAll(h.observe, this);
    if (this.priceSource) {
      const p = this.priceSource();
      if (!(p > 0 && p < Infinity)) throw new RunError(`price is ${p}; a token price must be positive and finite`, this.tick);
      this.recordPrice(p);
    }
    if (this.check) this.ledger.check(this.tick);
  }

  /**
   * Runs every class's `act`. Shuffled activation draws, each tick, one
   * priority per class from the class's own stream and runs classes by
   * ascending priority, then shuffles the agents of each class with that
   * stream: adding a class never changes another class's draws or the
   * relative order of the others.
   */
  private actAll(): void {
    const classes = this.agents;
    const shuffle = this.activation === 'shuffle';
    const nc = classes.length;
    if (this.classOrder.length !== nc) {
      this.classOrder = Int32Array.from(classes.keys());
      this.classKeys = new Float64Array(nc);
    }
    const co = this.classOrder;
    if (shuffle) {
      const keys = this.classKeys;
      for (let c = 0; c < nc; c++) {
        keys[c] = this.classRngs[c].next();
        co[c] = c;
      }
      // Insertion sort: a handful of classes; ties keep list order.
      for (let a = 1; a < nc; a++) {
        const c = co[a];
        let b = a - 1;
        while (b >= 0 && keys[co[b]] > keys[c]) {
          co[b + 1] = co[b];
          b--;
        }
        co[b + 1] = c;
      }
    }
    for (let k = 0; k < nc; k++) {
      const c = co[k];
      const cls = classes[c];
      const n = cls.population.size;
      if (!shuffle) {
        cls.act(this, null, n);
        continue;
      }
      if (this.order.length < n) this.order = new Int32Array(Math.max(n, this.order.length * 2));
      const order = this.order;
      for (let i = 0; i < n; i++) order[i] = i;
      this.classRngs[c].shuffle(order, n);
      cls.act(this, order, n);
    }
  }

  /** Throws a `RunError` when `value` is not finite, naming `what`. */
  assertFinite(what: string, value: number): void {
    if (!Number.isFinite(value)) throw new RunError(`${what} is not finite (${value})`, this.tick);
  }
}

function runAll(hooks: Hook[], world: AnyWorld): void {
  for (let k = 0; k < hooks.length; k++) hooks[k].run(world);
}

import { all, create, type EvalFunction, type MathNode } from 'mathjs';
import { InputError } from '../core/errors';

const math = create(all, {});

/**
 * The variables a user emission formula may use, with the sample values the
 * formula is test-evaluated on when it is loaded:
 * - `t`: the tick (1-based); `years`: t / ticksPerYear; `tpy`: ticks per year
 * - `supply`: tokens in existence (minted − burned) at the start of the tick
 * - `staked`: tokens staked; `staking_ratio`: staked / supply
 * - `price`: AMM price at the end of the previous tick, USD per token
 * - `fees_usd`: AMM fees of the previous tick, USD
 * - `treasury`: treasury tokens
 * - `rate`: the `emission.ratePerYear` parameter, tokens per year
 */
export const FORMULA_VARIABLES = {
  t: 1,
  years: 1 / 365,
  tpy: 365,
  supply: 1e7,
  staked: 4e6,
  staking_ratio: 0.4,
  price: 1,
  fees_usd: 1000,
  treasury: 1e6,
  rate: 5e6,
} as const;

/** The name of a formula variable. */
export type FormulaVariable = keyof typeof FORMULA_VARIABLES;

/**
 * A user emission formula: a mathjs expression of the `FORMULA_VARIABLES`
 * giving the emission rate in tokens per year. It is parsed, checked and
 * compiled once; `evaluate` reuses one scope map, so a tick costs one
 * compiled-expression call and no parsing.
 *
 * Loading throws an `InputError` quoting the expression on a syntax error,
 * an unknown symbol or function, an assignment, or a result at the sample
 * values that is not a finite number. At run time a negative result means no
 * emission, and a non-finite one is reported by the caller.
 */
export class FormulaEmission {
  private readonly compiled: EvalFunction;
  private readonly scope = new Map<string, number>();

  constructor(readonly expression: string) {
    const node = parseOrThrow(expression);
    checkSymbols(expression, node);
    this.compiled = node.compile();
    let result: unknown;
    try {
      result = this.compiled.evaluate(new Map(Object.entries(FORMULA_VARIABLES)));
    } catch (e) {
      throw new InputError(`emission formula "${expression}" fails to evaluate: ${(e as Error).message}`);
    }
    if (typeof result !== 'number' || !Number.isFinite(result)) {
      throw new InputError(`emission formula "${expression}" must give a finite number (tokens per year), got ${describe(result)} at the sample values ${JSON.stringify(FORMULA_VARIABLES)}`);
    }
  }

  /** Sets variable `name` for the next `evaluate`. */
  set(name: FormulaVariable, value: number): void {
    this.scope.set(name, value);
  }

  /** Returns the formula's value with the variables last set, in tokens per year (NaN when not a number). */
  evaluate(): number {
    const v = this.compiled.evaluate(this.scope);
    return typeof v === 'number' ? v : NaN;
  }
}

function parseOrThrow(expression: string): MathNode {
  if (typeof expression !== 'string' || expression.trim() === '') throw new InputError(`emission formula must be a non-empty expression, got "${expression}"`);
  try {
    return math.parse(expression);
  } catch (e) {
    throw new InputError(`emission formula "${expression}" has a syntax error: ${(e as Error).message}`);
  }
}

/** mathjs functions that parse or evaluate text, or reconfigure mathjs: each would let a formula escape the symbol check. */
const UNSAFE_FUNCTIONS = new Set(['evaluate', 'parse', 'compile', 'parser', 'import', 'createUnit', 'config', 'typed', 'simplify', 'derivative', 'rationalize', 'resolve', 'help', 'chain']);

function checkSymbols(expression: string, root: MathNode): void {
  const known = Object.keys(FORMULA_VARIABLES).join(', ');
  const m = math as unknown as Record<string, unknown>;
  root.traverse((node: MathNode, path: string, parent: MathNode | null) => {
    if (node.type === 'AssignmentNode' || node.type === 'FunctionAssignmentNode') {
      throw new InputError(`emission formula "${expression}" must not assign; write one expression of ${known}`);
    }
    if (node.type !== 'SymbolNode') return;
    const name = (node as unknown as { name: string }).name;
    if (parent?.type === 'FunctionNode' && path === 'fn') {
      if (typeof m[name] !== 'function') throw new InputError(`emission formula "${expression}" calls unknown function "${name}"`);
      if (UNSAFE_FUNCTIONS.has(name)) throw new InputError(`emission formula "${expression}" calls "${name}", which evaluates text or changes mathjs; write the expression itself`);
      return;
    }
    if (name in FORMULA_VARIABLES) return;
    if (typeof m[name] === 'number') return; // constants such as pi and e
    throw new InputError(`emission formula "${expression}" uses unknown symbol "${name}"; expected one of ${known}`);
  });
}

function describe(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'object') return `a ${(v as object).constructor?.name ?? 'object'} (${math.format(v)})`;
  return `a ${typeof v} (${String(v)})`;
}

import type { EvalFunction, MathJsInstance, MathNode } from 'mathjs';
import { InputError } from '../core/errors';
import { mathjs as loadMathjs } from '../core/mathjs';

let instance: MathJsInstance | null = null;

/** Returns the mathjs instance, loading mathjs on first use (it takes ~1 s to load, so commands that need no formula never pay it). */
function mathjs(): MathJsInstance {
  if (!instance) {
    const { all, create } = loadMathjs();
    instance = create(all, {});
  }
  return instance;
}

/** Functions a formula may call: elementary functions of numbers, nothing that parses, evaluates or reads anything. */
export const FORMULA_FUNCTIONS = ['abs', 'exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sqrt', 'cbrt', 'pow', 'min', 'max', 'floor', 'ceil', 'round', 'sign', 'sin', 'cos', 'tan', 'tanh', 'atan', 'mod'] as const;

/** Constants a formula may use. */
const FORMULA_CONSTANTS = ['pi', 'e'] as const;

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
    return mathjs().parse(expression);
  } catch (e) {
    throw new InputError(`emission formula "${expression}" has a syntax error: ${(e as Error).message}`);
  }
}

function checkSymbols(expression: string, root: MathNode): void {
  const known = Object.keys(FORMULA_VARIABLES).join(', ');
  const math = mathjs();
  root.traverse((node: MathNode, path: string, parent: MathNode | null) => {
    if (math.isAssignmentNode(node) || math.isFunctionAssignmentNode(node)) {
      throw new InputError(`emission formula "${expression}" must not assign; write one expression of ${known}`);
    }
    if (math.isAccessorNode(node) || math.isObjectNode(node)) throw new InputError(`emission formula "${expression}" must not use objects or property access`);
    if (!math.isSymbolNode(node)) return;
    const name = node.name;
    if (parent !== null && math.isFunctionNode(parent) && path === 'fn') {
      if (!(FORMULA_FUNCTIONS as readonly string[]).includes(name)) throw new InputError(`emission formula "${expression}" calls "${name}"; allowed functions: ${FORMULA_FUNCTIONS.join(', ')}`);
      return;
    }
    if (name in FORMULA_VARIABLES || (FORMULA_CONSTANTS as readonly string[]).includes(name)) return;
    throw new InputError(`emission formula "${expression}" uses unknown symbol "${name}"; expected one of ${known}, pi, e`);
  });
}

function describe(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'object') return `a ${v.constructor?.name ?? 'object'} (${mathjs().format(v)})`;
  return `a ${typeof v} (${String(v)})`;
}

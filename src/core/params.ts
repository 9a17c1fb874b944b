import { freeze, produce } from 'immer';
import { z } from './zod';
import { InputError } from './errors';
import { assertKnownPath, getPath, setPath } from './paths';

/** One logged parameter change: at `tick`, `path` went from `before` to `after`. */
export interface ParamChange {
  tick: number;
  path: string;
  before: unknown;
  after: unknown;
  source: string;
}

/**
 * Returns a one-line description of the first problem zod found in `value`,
 * naming the dotted path and what was expected.
 */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.join('.');
  return `${path || '(root)'}: ${issue.message}`;
}

/** Returns `params` validated against `schema`, or throws an `InputError` naming the bad path. */
export function validateParams<P>(schema: z.ZodType<P>, params: unknown, context = 'parameters'): P {
  const r = schema.safeParse(params);
  if (!r.success) throw new InputError(`${context}: ${describeIssue(r.error)}`);
  return params as P;
}

/**
 * The parameters of one run: a frozen object that changes only through
 * `change` (immer `produce`), so every earlier snapshot stays valid. Each
 * change is validated against the model's schema (type and range) and
 * logged with tick, path, before and after.
 */
export class ParamStore<P extends object> {
  private currentParams: P;
  /** Every change, in order. */
  readonly log: ParamChange[] = [];
  /** The parameters in force from each tick on: `[ { fromTick: 0, params }, ... ]`. */
  readonly snapshots: { fromTick: number; params: P }[] = [];

  constructor(initial: P, private readonly schema?: z.ZodType<P>) {
    this.currentParams = freeze(initial, true);
    this.snapshots.push({ fromTick: 0, params: this.currentParams });
  }

  /** Returns the parameters in force now (frozen). */
  get current(): P {
    return this.currentParams;
  }

  /** Returns the parameters that were in force at `tick`. */
  at(tick: number): P {
    let p = this.snapshots[0].params;
    for (const s of this.snapshots) if (s.fromTick <= tick) p = s.params;
    return p;
  }

  /**
   * Sets `path` to `value` from `tick` on, and returns the logged change.
   * Throws an `InputError` (and changes nothing) when the path is unknown or
   * the new parameters fail the schema.
   */
  change(tick: number, path: string, value: unknown, source = 'api'): ParamChange {
    assertKnownPath(this.currentParams, path);
    const before = getPath(this.currentParams, path);
    const next = produce(this.currentParams, (draft) => {
      setPath(draft as Record<string, unknown>, path, value);
    });
    if (this.schema) validateParams(this.schema, next, `change of ${path} to ${JSON.stringify(value)}`);
    this.currentParams = next;
    this.snapshots.push({ fromTick: tick, params: next });
    const entry: ParamChange = { tick, path, before, after: value, source };
    this.log.push(entry);
    return entry;
  }

  /** Returns whether `path` with `value` would be accepted, without changing anything. */
  wouldAccept(path: string, value: unknown): boolean {
    try {
      assertKnownPath(this.currentParams, path);
    } catch {
      return false;
    }
    if (!this.schema) return true;
    const next = produce(this.currentParams, (draft) => {
      setPath(draft as Record<string, unknown>, path, value);
    });
    return this.schema.safeParse(next).success;
  }
}

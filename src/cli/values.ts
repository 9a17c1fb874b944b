import { InputError } from '../core/errors';
import type { Shard } from '../experiment/output';

/**
 * Parsers of flag values for the command table. Each takes the text the
 * user gave and returns the value, or throws an `InputError` of one line
 * that names the flag, the text and what was expected.
 */

/** Returns `text` as a positive integer, or throws an `InputError` naming `flag`. */
export function positiveInt(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new InputError(`${flag} ${text}: expected a positive integer`);
  return n;
}

/** Returns `text` as a non-negative integer seed in [0, 2³² − 1], or throws an `InputError`. */
export function seedArg(flag: string, text: string): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n > 0xffffffff) throw new InputError(`${flag} ${text}: expected an integer in [0, 4294967295]`);
  return n;
}

/** Returns `K/N` as a shard, or throws an `InputError`. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const [index, count] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!m || count < 1 || index < 1 || index > count) throw new InputError(`--shard ${text}: expected K/N with 1 <= K <= N, e.g. --shard 2/8`);
  return { index, count };
}

/** Returns `text` as a finite number accepted by `check`, or throws an `InputError` saying `expected`. */
export function numberArg(flag: string, text: string, check: (n: number) => boolean, expected: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !check(n)) throw new InputError(`${flag} ${text}: expected ${expected}`);
  return n;
}

/** Returns `text` when it is one of `allowed`, or throws an `InputError` listing them. */
export function choiceArg<T extends string>(flag: string, text: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text)) throw new InputError(`${flag} ${text}: expected ${allowed.length === 2 ? allowed.join(' or ') : `one of ${allowed.join(', ')}`}`);
  return text as T;
}

/** Returns `previous` with `text` appended: the value of a flag that may be given more than once. */
export function collect(text: string, previous: unknown): string[] {
  return [...((previous as string[] | undefined) ?? []), text];
}

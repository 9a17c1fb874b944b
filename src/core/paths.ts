import { InputError } from './errors';

/** Returns the value at dotted `path` in `obj`, or undefined when any part is missing. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !(key in (cur as object))) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Returns true when dotted `path` names an existing entry of `obj`. */
export function hasPath(obj: unknown, path: string): boolean {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, key)) return false;
    cur = (cur as Record<string, unknown>)[key];
  }
  return true;
}

/** Sets dotted `path` of a mutable (immer draft) object to `value`. */
export function setPath(draft: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur: Record<string, unknown> = draft;
  for (let i = 0; i < keys.length - 1; i++) cur = cur[keys[i]] as Record<string, unknown>;
  cur[keys[keys.length - 1]] = value;
}

/** Returns every dotted path to a leaf (non-object value or array) of `obj`. */
export function leafPaths(obj: unknown, prefix = ''): string[] {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return prefix ? [prefix] : [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    out.push(...leafPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return out;
}

/** Returns the edit distance (insertions, deletions, substitutions; Levenshtein) between a and b. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Returns the names of `known` within a few edits of `name` (a typo),
 * nearest first, at most `n`: for "did you mean" hints.
 */
export function closestNames(name: string, known: readonly string[], n = 3): string[] {
  const limit = Math.max(2, Math.floor(name.length / 5));
  return known
    .map((k) => [k, editDistance(name, k)] as const)
    .filter(([, d]) => d <= limit)
    .sort((x, y) => x[1] - y[1])
    .slice(0, n)
    .map(([k]) => k);
}

/**
 * Throws an `InputError` naming `path` when it is not a parameter of
 * `defaults`, suggesting the closest known paths: those within a few edits
 * of it (a typo), nearest first; else those ending in the same name or
 * under the same first segment.
 */
export function assertKnownPath(defaults: unknown, path: string, what = 'parameter'): void {
  if (hasPath(defaults, path)) return;
  const known = leafPaths(defaults);
  const typos = closestNames(path, known);
  const last = path.split('.').pop() ?? path;
  const near = typos.length ? typos : known.filter((k) => k.endsWith(`.${last}`) || k === last || k.startsWith(path.split('.')[0] + '.')).slice(0, 5);
  const hint = near.length ? `; did you mean ${near.join(', ')}?` : `; known paths start with ${[...new Set(known.map((k) => k.split('.')[0]))].join(', ')}`;
  throw new InputError(`unknown ${what} path "${path}"${hint}`);
}

/**
 * Returns `text` parsed as the same kind of value as `current` (number,
 * boolean, string, or JSON for objects and arrays); throws an `InputError`
 * naming `path` when it cannot be.
 */
export function parseValueLike(path: string, text: string, current: unknown): unknown {
  if (typeof current === 'number' || current === null) {
    if (current === null && text === 'null') return null;
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) throw new InputError(`--set ${path}=${text}: expected a finite number`);
    return n;
  }
  if (typeof current === 'boolean') {
    if (text === 'true') return true;
    if (text === 'false') return false;
    throw new InputError(`--set ${path}=${text}: expected true or false`);
  }
  if (typeof current === 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(`--set ${path}=${text}: expected JSON for an object or array value`);
  }
}

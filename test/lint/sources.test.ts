import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every line of every TypeScript file in src/ and agents/, with its file (relative to the root) and line number. */
function sourceLines(): (readonly [string, number, string])[] {
  return [...tsFiles(join(root, 'src')), ...tsFiles(join(root, 'agents'))].flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .map((line, k) => [relative(root, f), k + 1, line] as const),
  );
}

describe('types without casts', () => {
  it('leaves no `as unknown as` in src/ or agents/: columns and block APIs are typed, not cast', () => {
    const offenders = sourceLines()
      .filter(([, , line]) => /\bas unknown as\b/.test(line))
      .map(([f, k]) => `${f}:${k}`);
    expect(offenders).toEqual([]);
  });
});

describe('zod through src/core/zod.ts', () => {
  it('has every module of src/ and agents/ take z from src/core/zod.ts, which configures zod before any schema is built', () => {
    const offenders = sourceLines()
      .filter(([f, , line]) => f !== join('src', 'core', 'zod.ts') && /^import (?!type\b).*from 'zod(\/.*)?';/.test(line))
      .map(([f, k]) => `${f}:${k}`);
    expect(offenders).toEqual([]);
  });
});

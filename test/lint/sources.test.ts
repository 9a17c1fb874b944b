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

/** Every TypeScript file in src/ and agents/: its path relative to the root, and its text. */
function sourceFiles(): (readonly [string, string])[] {
  return [...tsFiles(join(root, 'src')), ...tsFiles(join(root, 'agents'))].map((f) => [relative(root, f), readFileSync(f, 'utf8')] as const);
}

/** Every line of every TypeScript file in src/ and agents/, with its file and line number. */
function sourceLines(): (readonly [string, number, string])[] {
  return sourceFiles().flatMap(([f, text]) => text.split('\n').map((line, k) => [f, k + 1, line] as const));
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
    // A value import of zod or one of its entry points, on one line or many, or a require of it; `import type` is free.
    const direct = /^import\s+(?!type\b)[^;]*?\bfrom\s+'zod(\/[^']*)?'|\brequire\(\s*'zod(\/[^']*)?'\s*\)/m;
    const offenders = sourceFiles()
      .filter(([f, text]) => f !== join('src', 'core', 'zod.ts') && direct.test(text))
      .map(([f]) => f);
    expect(offenders).toEqual([]);
  });
});

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

describe('types without casts', () => {
  it('leaves no `as unknown as` in src/ or agents/: columns and block APIs are typed, not cast', () => {
    const offenders = [...tsFiles(join(root, 'src')), ...tsFiles(join(root, 'agents'))]
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, k) => [relative(root, f), k + 1, line] as const))
      .filter(([, , line]) => /\bas unknown as\b/.test(line))
      .map(([f, k]) => `${f}:${k}`);
    expect(offenders).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The loader behind bin/tokensim.js and the worker threads (plain JavaScript).
const { transpile } = require('../../bin/transpile.js') as { transpile: (source: string, filename: string, cache: string | null) => string };

const root = mkdtempSync(join(tmpdir(), 'tokensim-transpile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const REGISTER = join(__dirname, '..', '..', 'bin', 'transpile.js');

/** Runs `node -e script` with the loader registered, in `cwd`; returns its status and output. */
function node(script: string, cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(REGISTER)}).register();\n${script}`], { cwd, env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

describe('bin/transpile.js', () => {
  it('compiles TypeScript to CommonJS, types erased', () => {
    const js = transpile('export const x: number = 2;\nexport type T = { a: string };\n', join(root, 'a.ts'), null);
    expect(js).toMatch(/module\.exports/);
    expect(js).not.toMatch(/: number/);
  });

  it('caches by content: the same source is read back, a changed one replaces the entry', () => {
    const cache = join(root, 'cache');
    mkdirSync(cache);
    const file = join(root, 'b.ts');
    expect(transpile('export const b = 1;\n', file, cache)).toContain('b = 1');
    const [entry] = readdirSync(cache);
    writeFileSync(join(cache, entry), readFileSync(join(cache, entry), 'utf8').replace('b = 1', 'b = 42'));
    expect(transpile('export const b = 1;\n', file, cache), 'read from the cache, not compiled again').toContain('b = 42');
    transpile('export const b = 2;\n', file, cache);
    const entries = readdirSync(cache);
    // One entry per file, named by its path: the changed source overwrote it.
    expect(entries).toEqual([entry]);
    expect(readFileSync(join(cache, entries[0]), 'utf8')).toContain('b = 2');
  });

  it('names file, line and column of a syntax error, with a code the command reports as bad input', () => {
    const file = join(root, 'bad.ts');
    expect(() => transpile('const a = 1;\nconst = 2;\n', file, null)).toThrow(expect.objectContaining({ code: 'TOKENSIM_TS_SYNTAX', message: expect.stringMatching(new RegExp(`^${file}:2:7: `)) }));
  });

  it('keeps dynamic import() of modules a require, so lazily loaded .ts modules load through it too', () => {
    const dir = join(root, 'lazy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'dep.ts'), 'export const answer: number = 42;\n');
    writeFileSync(join(dir, 'main.ts'), "export async function get(): Promise<number> { return (await import('./dep')).answer; }\n");
    const r = node(`require(${JSON.stringify(join(dir, 'main.ts'))}).get().then((n) => console.log(n));`, root, { TOKENSIM_CACHE_DIR: join(root, 'cache-lazy') });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('42');
  });


  it('loads a module a barrel only re-exports on the first read of one of its names, and one it uses itself at once', () => {
    const dir = join(root, 'barrel');
    mkdirSync(dir);
    // Each module says when it loads.
    for (const m of ['a', 'b', 'c']) writeFileSync(join(dir, `${m}.ts`), `(globalThis as any).loaded = [...((globalThis as any).loaded ?? []), '${m}'];\nexport const ${m} = '${m}!';\nexport type T${m} = string;\n`);
    writeFileSync(join(dir, 'index.ts'), "export { a, type Ta } from './a';\nexport { b } from './b';\nimport { c } from './c';\nexport { c };\nexport const cc = c + c;\n");
    const r = node(
      `const m = require(${JSON.stringify(join(dir, 'index.ts'))});\nconsole.log(JSON.stringify(globalThis.loaded));\nconsole.log(m.b, m.b, JSON.stringify(globalThis.loaded));\nconsole.log(Object.keys(m).sort().join(','), m.a, m.cc, JSON.stringify(globalThis.loaded));`,
      root,
      { TOKENSIM_CACHE_DIR: join(root, 'cache-barrel') },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual([
      // c is used by the barrel itself: loaded with it; a and b are not yet.
      '["c"]',
      'b! b! ["c","b"]',
      'a,b,c,cc a! c!c! ["c","b","a"]',
    ]);
  });
  it('maps stack traces to the TypeScript lines', () => {
    const file = join(root, 'boom.ts');
    writeFileSync(file, 'interface P { a: number }\n\ntype Q = P;\nexport function boom(p: Q): never {\n  throw new Error(`boom ${p.a}`);\n}\n');
    const r = node(`try { require(${JSON.stringify(file)}).boom({ a: 1 }); } catch (e) { console.log(e.stack.split('\\n')[1]); }`, root, { TOKENSIM_CACHE_DIR: join(root, 'cache-boom') });
    expect(r.stdout).toContain(`${file}:5:9`);
  });

  it('puts its cache in TOKENSIM_CACHE_DIR when set, and writes nothing in the current directory', () => {
    const cwd = join(root, 'cwd');
    mkdirSync(cwd);
    const cache = join(root, 'cache-env');
    writeFileSync(join(root, 'c.ts'), 'export const c = 3;\n');
    expect(node(`console.log(require(${JSON.stringify(join(root, 'c.ts'))}).c)`, cwd, { TOKENSIM_CACHE_DIR: cache }).stdout.trim()).toBe('3');
    expect(readdirSync(cache)).toHaveLength(1);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

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
    // The same from a module pack, which holds the code without its map, the second time.
    const packed = () => node(`const l = require(${JSON.stringify(REGISTER)}); l.usePack('boom'); try { require(${JSON.stringify(file)}).boom({ a: 1 }); } catch (e) { console.log(e.stack.split('\\n')[1], l.savePack()); }`, root, { TOKENSIM_CACHE_DIR: join(root, 'cache-boom') });
    expect(packed().stdout).toContain(`${file}:5:9) 0`);
    expect(packed().stdout).toContain(`${file}:5:9) 1`);
  });

  it('puts its cache in TOKENSIM_CACHE_DIR when set, and writes nothing in the current directory', () => {
    const cwd = join(root, 'cwd');
    mkdirSync(cwd);
    const cache = join(root, 'cache-env');
    writeFileSync(join(root, 'c.ts'), 'export const c = 3;\n');
    expect(node(`console.log(require(${JSON.stringify(join(root, 'c.ts'))}).c)`, cwd, { TOKENSIM_CACHE_DIR: cache }).stdout.trim()).toBe('3');
    // The compiled JavaScript and its V8 code cache.
    expect(readdirSync(cache).map((f) => f.replace(/^[0-9a-f]{16}/, 'H').replace(/\.v8-.*$/, '.v8'))).toEqual(['H.js', 'H.v8']);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('loads a module through V8 code cache: made on the first load, used on the next, made anew when stale or corrupt, the module the same', () => {
    const dir = join(root, 'codecache');
    mkdirSync(dir);
    const cache = join(root, 'cache-codecache');
    const file = join(dir, 'm.ts');
    // What a module sees of its CommonJS scope must not change when it comes from the cache.
    writeFileSync(file, "import { basename } from 'node:path';\nexport const seen = [basename(__filename), basename(__dirname), typeof require.resolve, require.resolve('./m') === __filename, require.cache[__filename] === module, typeof require.extensions['.ts']].join(' ');\nexport const n: number = 1;\n");
    const load = () => node(`const m = require(${JSON.stringify(file)}); console.log(m.seen, m.n);`, root, { TOKENSIM_CACHE_DIR: cache });
    const codeCache = () => readdirSync(cache).filter((f) => f.includes('.v8-'));
    const want = 'm.ts codecache function true true function 1';
    expect(load().stdout.trim()).toBe(want);
    const [entry] = codeCache();
    expect(entry, 'made after the first load').toBeDefined();
    const made = readFileSync(join(cache, entry));
    expect(load().stdout.trim()).toBe(want);
    expect(readFileSync(join(cache, entry)).equals(made), 'used, not made again').toBe(true);
    writeFileSync(join(cache, entry), 'not a code cache');
    expect(load().stdout.trim(), 'a corrupt entry is rejected by V8').toBe(want);
    expect(readFileSync(join(cache, entry)).equals(Buffer.from('not a code cache')), 'and made anew').toBe(false);
    writeFileSync(file, readFileSync(file, 'utf8').replace('n: number = 1', 'n: number = 2'));
    expect(load().stdout.trim(), "a changed source runs as changed, the old entry's code never reused").toBe(want.replace(/1$/, '2'));
  });

  it("loads an entry's modules from its pack while every file and resolution in it holds, and sets it aside when one does not", () => {
    const dir = join(root, 'pack');
    mkdirSync(dir);
    const cache = join(root, 'cache-pack');
    const main = join(dir, 'main.ts');
    writeFileSync(main, "import { basename } from 'node:path';\nimport { v } from './dep';\nexport const seen = [v, basename(__filename), require.resolve('./dep') === require.resolve('./dep.ts'), require.cache[__filename] === module].join(' ');\n");
    writeFileSync(join(dir, 'dep.ts'), "export const v: string = 'one';\n");
    // Prints what the modules see, then how many modules came from the pack.
    const start = () => {
      const r = node(`const l = require(${JSON.stringify(REGISTER)}); l.usePack('test'); const m = require(${JSON.stringify(main)}); console.log(m.seen, l.savePack());`, root, { TOKENSIM_CACHE_DIR: cache });
      expect(r.stderr).toBe('');
      return r.stdout.trim();
    };
    expect(start(), 'the first start makes the pack').toBe('one main.ts true true 0');
    expect(readdirSync(cache).filter((f) => f.startsWith('pack-'))).toHaveLength(1);
    expect(start(), 'the next loads both modules from it, the same').toBe('one main.ts true true 2');
    writeFileSync(join(dir, 'dep.ts'), "export const v: string = 'two';\n");
    expect(start(), 'a changed module (same length) sets the pack aside').toBe('two main.ts true true 0');
    expect(start()).toBe('two main.ts true true 2');
    // A file that wins the resolution of './dep' (node tries .js before .ts) must be loaded.
    writeFileSync(join(dir, 'dep.js'), "exports.v = 'js';\n");
    expect(start(), 'a new file beside a packed one sets it aside').toBe('js main.ts false true 0');
    rmSync(join(dir, 'dep.js'));
    expect(start()).toBe('two main.ts true true 0');
    writeFileSync(readdirSync(cache).filter((f) => f.startsWith('pack-')).map((f) => join(cache, f))[0], 'not a pack');
    expect(start(), 'a corrupt pack is made anew').toBe('two main.ts true true 0');
    expect(start()).toBe('two main.ts true true 2');
  });

  it('keeps at most MAX_PACKS packs, deleting the least recently written, and no other file of the cache', () => {
    const { MAX_PACKS } = require('../../bin/transpile.js') as { MAX_PACKS: number };
    const dir = join(root, 'packs');
    mkdirSync(dir);
    const cache = join(root, 'cache-packs');
    const file = join(dir, 'm.ts');
    writeFileSync(file, 'export const m: number = 1;\n');
    const names = Array.from({ length: MAX_PACKS + 2 }, (_, i) => `entry${i}`);
    mkdirSync(cache);
    writeFileSync(join(cache, 'pack-notes.txt'), 'not ours to delete');
    for (const n of names) {
      const one = node(`const l = require(${JSON.stringify(REGISTER)}); l.usePack(${JSON.stringify(n)}); require(${JSON.stringify(file)}); l.savePack();`, root, { TOKENSIM_CACHE_DIR: cache });
      expect(one.stderr).toBe('');
    }
    expect(readdirSync(cache).filter((f) => /^pack-[0-9a-f]{16}\.bin$/.test(f))).toHaveLength(MAX_PACKS);
    expect(readFileSync(join(cache, 'pack-notes.txt'), 'utf8')).toBe('not ours to delete');
  });

  it('loads zod, apache-arrow and seedrandom each from one bundled file in the cache, shared by every module', () => {
    const cache = join(root, 'cache-vendor');
    const use = [
      "const z = require('zod'); const arrow = require('apache-arrow'); const seedrandom = require('seedrandom');",
      "console.log(z.object({ a: z.number() }).safeParse({ a: 'x' }).success, arrow.tableFromArrays({ x: Float64Array.from([1, 2]) }).numRows, seedrandom('s')().toFixed(6));",
    ];
    const check = [
      "console.log(['zod', 'apache-arrow', 'seedrandom'].map((p) => require('node:path').basename(require.resolve(p)).replace(/-[0-9a-f]{16}\\.js$/, '')).join(' '));",
      "console.log(require('zod') === z, require(require.resolve('zod')) === z);",
    ];
    const bundled = node([...use, ...check].join('\n'), join(__dirname, '..', '..'), { TOKENSIM_CACHE_DIR: cache });
    expect(bundled.stderr).toBe('');
    const [results, names, shared] = bundled.stdout.trim().split('\n');
    expect(names).toBe('vendor-zod vendor-apache-arrow vendor-seedrandom');
    expect(shared).toBe('true true');
    // The same answers as the packages loaded as installed (no loader, no bundles).
    const plain = spawnSync(process.execPath, ['-e', use.join('\n')], { cwd: join(__dirname, '..', '..') });
    expect(plain.stdout.toString().trim()).toBe(results);
    expect(results).toBe(`false 2 ${(require('seedrandom') as (s: string) => () => number)('s')().toFixed(6)}`);
    expect(readdirSync(cache).filter((f) => f.startsWith('vendor-') && !f.includes('.v8-'))).toHaveLength(3);
  });
});

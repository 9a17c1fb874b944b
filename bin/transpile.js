// Lets `require` load tokensim's TypeScript: each .ts file is turned into
// CommonJS by esbuild (types erased, not checked: that is `npm run
// typecheck`'s job) and the JavaScript is kept in an on-disk cache keyed by
// the file's content, so a start with a warm cache compiles nothing and never
// loads esbuild. Used by bin/tokensim.js, bin/bench.js and the worker threads
// (bin/worker.js); `npx ts-node` keeps its own compiler.
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

// What the JavaScript depends on besides the source: a new esbuild or other
// options give other keys, so a stale entry is never read.
const OPTIONS = {
  loader: 'ts',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  // import() of our own modules must stay a require (the lazy loading of
  // commands); left as is, node would load the .ts file as an ES module.
  supported: { 'dynamic-import': false },
  tsconfigRaw: { compilerOptions: { target: 'ES2022', useDefineForClassFields: true } },
};

// esbuild's CommonJS output exports a module through `__toCommonJS`, whose
// getters all share one closure, `() => from[key]`, that reads the export
// by a variable key: every use of an imported name (a constant, a helper
// such as `sellTokens`) inside a tick loop was a call into that one
// megamorphic function, 17% of the stake-and-trade benchmark. The module's
// own export object already holds one getter per export, each its own
// function (`X: () => X`), which V8 inlines; it becomes module.exports,
// marked as an ES module as `__toCommonJS` marks its copy. Part of the
// cache key, so entries compiled before this are not reused.
const EXPORTS = 'direct-exports-1';
function directExports(js) {
  return js.replace(/^module\.exports = __toCommonJS\((\w+)\);$/m, 'module.exports = __defProp($1, "__esModule", { value: true });');
}

// A barrel file (src/index.ts, src/blocks.ts, agents/index.ts) re-exports
// names from a hundred modules; compiled as is, it requires all of them
// when it loads, so an experiment that imports two names from 'tokensim'
// loaded every model and block (~150 ms of a 0.37 s `tokensim params`).
// A module imported only to be re-exported is required on the first read
// of one of its names instead: its `var import_x = require("p")` becomes
// `var import_x`, and each getter `() => import_x.NAME` becomes
// `() => (import_x ??= require("p")).NAME`. A module whose binding is used
// anywhere else (a side effect, a local use) is left as it was. Part of the
// cache key, so entries compiled before this are not reused.
const LAZY = 'lazy-reexports-1';
function lazyReexports(js) {
  const requires = [...js.matchAll(/^var (import_\w+) = require\(("[^"]+")\);$/gm)];
  for (const [line, name, spec] of requires) {
    const uses = js.match(new RegExp(`\\b${name}\\b`, 'g')).length;
    const getter = new RegExp(`\\(\\) => ${name}\\.`, 'g');
    const getters = (js.match(getter) || []).length;
    if (getters === 0 || uses !== getters + 1) continue;
    js = js.replace(line, `var ${name};`).replace(getter, `() => (${name} ??= require(${spec})).`);
  }
  return js;
}

let esbuild = null;
let versionTag = null;
let dir = undefined;
// The JavaScript of each TypeScript file loaded, by file name, for mapping
// stack traces back to the TypeScript lines.
const loaded = new Map();

/**
 * Returns the cache directory: $TOKENSIM_CACHE_DIR when set, else
 * node_modules/.cache/tokensim of the node_modules that holds tokensim's
 * packages (tokensim's own, or the project's when tokensim is installed in
 * one), else a per-user directory under the OS temporary directory; null
 * when none can be created (then nothing is cached). Never a directory of
 * the user's own files.
 */
function cacheDir() {
  if (dir !== undefined) return dir;
  const parent = path.dirname(ROOT);
  const modules = path.basename(parent) === 'node_modules' ? parent : path.join(ROOT, 'node_modules');
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const candidates = [process.env.TOKENSIM_CACHE_DIR, path.join(modules, '.cache', 'tokensim'), path.join(os.tmpdir(), `tokensim-cache-${uid}`)];
  dir = null;
  for (const c of candidates) {
    if (!c) continue;
    try {
      fs.mkdirSync(c, { recursive: true });
      fs.accessSync(c, fs.constants.W_OK);
      dir = c;
      break;
    } catch {
      // Not writable (a read-only install, say): try the next place.
    }
  }
  return dir;
}

function esbuildVersion() {
  versionTag ??= require('esbuild/package.json').version;
  return versionTag;
}

function hash(text) {
  return createHash('sha256').update(text).digest('hex');
}

/** A syntax error in a TypeScript file, as one line: `file:line:column: text`. */
function syntaxError(filename, failure) {
  const first = failure.errors && failure.errors[0];
  const where = first && first.location ? `${filename}:${first.location.line}:${first.location.column + 1}` : filename;
  const err = new Error(`${where}: ${first ? first.text : failure.message}`);
  err.code = 'TOKENSIM_TS_SYNTAX';
  return err;
}

/**
 * Returns the JavaScript of the TypeScript `source` of `filename`: read from
 * the cache directory `cache` (default `cacheDir()`; null for none) when
 * this source (with this esbuild and these options) was compiled before,
 * else compiled by esbuild and stored. Each file has one entry, named by
 * its path, whose first line holds the key of the source it was compiled
 * from: a changed source overwrites it. Throws an error with code
 * TOKENSIM_TS_SYNTAX, naming file, line and column, when the source does
 * not parse.
 */
function transpile(source, filename, cache = cacheDir()) {
  return transpileKeyed(source, filename, cache).js;
}

/** `transpile`, also returning the key of what it compiled (source, esbuild, options). */
function transpileKeyed(source, filename, cache = cacheDir()) {
  const key = hash(`${esbuildVersion()}\0${JSON.stringify(OPTIONS)}\0${EXPORTS}\0${LAZY}\0${filename}\0${source}`).slice(0, 32);
  const head = `// tokensim ${key}\n`;
  const entry = cache && path.join(cache, `${hash(filename).slice(0, 16)}.js`);
  if (entry) {
    try {
      const js = fs.readFileSync(entry, 'utf8');
      if (js.startsWith(head)) return { js: js.slice(head.length), key };
    } catch {
      // Not cached yet.
    }
  }
  esbuild ??= require('esbuild');
  let js;
  try {
    js = lazyReexports(directExports(esbuild.transformSync(source, { ...OPTIONS, sourcefile: filename }).code));
  } catch (failure) {
    throw syntaxError(filename, failure);
  }
  if (entry) store(entry, head + js);
  return { js, key };
}

// Written under a unique temporary name and renamed, so concurrent
// processes and threads never read half an entry.
function store(entry, text) {
  try {
    const tmp = `${entry}.${process.pid}-${require('node:worker_threads').threadId}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, entry);
  } catch {
    // A cache that cannot be written only costs the next start a compile.
  }
}

/**
 * Returns the JavaScript, with its inline source map, of the loaded module
 * `file`: a module from a pack (which holds its code without the map) has
 * it read back from its cache entry, when that entry is of the same source.
 */
function mappedSource(file) {
  const js = loaded.get(file);
  if (typeof js === 'string' || !js) return js;
  try {
    const text = fs.readFileSync(path.join(cacheDir(), `${hash(file).slice(0, 16)}.js`), 'utf8');
    const head = `// tokensim ${js.key}\n`;
    return text.startsWith(head) ? text.slice(head.length) : undefined;
  } catch {
    return undefined;
  }
}

/** Returns `js` without its inline source map (a pack holds the code alone; the map stays in the cache entry). */
function withoutMap(js) {
  return js.replace(/\/\/# sourceMappingURL=data:application\/json;base64,[A-Za-z0-9+/=]+\s*$/, '');
}

/**
 * Maps the frames of stack traces to TypeScript lines, through each loaded
 * file's inline source map. Installed on the first stack trace formatted,
 * not at start: node's own --enable-source-maps would parse the maps of
 * every module loaded, packages included, and slow every start.
 */
function mapStackTraces() {
  Error.prepareStackTrace = function (error, frames) {
    require('@cspotcode/source-map-support').install({
      environment: 'node',
      handleUncaughtExceptions: false,
      retrieveSourceMap(file) {
        const js = mappedSource(file);
        const m = js && /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(js);
        return m ? { url: file, map: Buffer.from(m[1], 'base64').toString('utf8') } : null;
      },
    });
    return Error.prepareStackTrace(error, frames);
  };
}

// Packages that start slowly because they are many small files: a worker
// thread's start (experiment loaded and planned, ~275 ms) spent ~63 ms in
// apache-arrow's 146 modules, ~48 ms in zod's 95 and ~13 ms in seedrandom's
// 8, most of it resolving, reading and wrapping files rather than running
// them. Each is loaded instead from one file that esbuild bundles from the
// installed package on first use (and at install, bin/warm.js), kept in the
// cache under a key of the package's version, its entry file, esbuild's
// version and these options, so an upgraded package is bundled anew. Only
// the bare name is redirected (`require('zod')`, not `zod/v4`), for every
// module of the process once registered, so all share one copy. When a
// bundle cannot be made, the package loads as installed.
const VENDOR = new Set(['apache-arrow', 'zod', 'seedrandom']);
const BUNDLE = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' };
const VENDOR_TAG = 'vendor-1';
const vendored = new Map();
// The bundles' file names, loaded through the code cache.
const bundles = new Set();

/** Returns the package root of `entry` (the directory of `name` in its node_modules). */
function packageRoot(entry, name) {
  const marker = `${path.sep}node_modules${path.sep}${name.split('/').join(path.sep)}${path.sep}`;
  const at = entry.lastIndexOf(marker);
  return at < 0 ? null : entry.slice(0, at + marker.length - 1);
}

/**
 * Returns the file to load for package `name`, whose installed entry file is
 * `entry`: its bundle in the cache directory `cache`, made when missing, or
 * `entry` itself when there is no cache or esbuild cannot bundle it.
 */
function vendorBundle(name, entry, cache = cacheDir()) {
  const known = vendored.get(entry);
  if (known) return known;
  let file = entry;
  const root = packageRoot(entry, name);
  if (cache && root) {
    try {
      const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
      const key = hash(`${VENDOR_TAG}\0${esbuildVersion()}\0${JSON.stringify(BUNDLE)}\0${name}\0${version}\0${entry}`).slice(0, 16);
      const bundle = path.join(cache, `vendor-${name.replace(/[^A-Za-z0-9_-]/g, '_')}-${key}.js`);
      if (!fs.existsSync(bundle)) {
        esbuild ??= require('esbuild');
        store(bundle, esbuild.buildSync({ ...BUNDLE, entryPoints: [entry] }).outputFiles[0].text);
      }
      if (fs.existsSync(bundle)) file = bundle;
    } catch {
      // Not bundled: the package loads as installed.
    }
  }
  vendored.set(entry, file);
  if (file !== entry) bundles.add(file);
  return file;
}

/** Makes a bare `require` of a package in VENDOR load its bundle (see vendorBundle). */
// V8's code cache: the bytecode of a module's functions, saved after the
// module first ran and handed back to V8 when it is compiled again, so a
// start parses and compiles almost nothing (zod's bundle: ~50 → ~17 ms,
// apache-arrow's: ~37 → ~16 ms). Node 22 does this itself
// (module.enableCompileCache); Node 20, which tokensim supports, does not.
// V8 only checks that a cache fits a source of the same length, so each
// entry starts with the key of the source it was made from (the compile
// key of a .ts file, the bundle's name for a package) and is used only for
// that source; one that V8 still rejects (another V8, a corrupt file) is
// made anew. One entry per module, `<hash of its path>.v8-<V8 version>`,
// so a changed module overwrites its entry.
const CODE_CACHE = `.v8-${process.versions.v8}`;
let vm = null;

/** Returns the code-cache file for module `filename` in `cache` (null without one). */
function codeCacheFile(filename, cache = cacheDir()) {
  return cache && path.join(cache, `${hash(filename).slice(0, 16)}${CODE_CACHE}`);
}

/** Returns the code cache in `ccFile` if it was made from the source of `key`, else undefined. */
function readCodeCache(ccFile, key) {
  const head = Buffer.from(`${key}\n`);
  try {
    const bytes = fs.readFileSync(ccFile);
    return bytes.length > head.length && bytes.subarray(0, head.length).equals(head) ? bytes.subarray(head.length) : undefined;
  } catch {
    return undefined; // Not cached yet.
  }
}

/**
 * Compiles and runs the CommonJS `source` of `module` (file `filename`,
 * whose content `key` names) as Module.prototype._compile does, through
 * the V8 code cache `ccFile`, which it writes after the module ran when it
 * was missing, made from another source or rejected. Without a code-cache
 * file it is Node's own `_compile`.
 */
function compileCached(module, source, filename, key, ccFile) {
  if (!ccFile) return module._compile(source, filename);
  vm ??= require('node:vm');
  const Module = require('node:module');
  const cachedData = readCodeCache(ccFile, key);
  const script = new vm.Script(Module.wrap(source), { filename, cachedData });
  const result = runWrapped(script, module, filename);
  if (cachedData === undefined || script.cachedDataRejected) store(ccFile, Buffer.concat([Buffer.from(`${key}\n`), script.createCachedData()]));
  return result;
}

/** Runs `script` (a compiled module wrapper) as the module `module` of `filename`, with Node's CommonJS scope. */
function runWrapped(script, module, filename) {
  const Module = require('node:module');
  const req = (id) => module.require(id);
  req.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  req.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  req.main = process.mainModule;
  req.extensions = Module._extensions;
  req.cache = Module._cache;
  return script.runInThisContext({ displayErrors: true }).call(module.exports, module.exports, req, module, filename, path.dirname(filename));
}


// A module pack: what loading a given entry (a worker thread's experiment)
// read from ~150 files (each module's compiled JavaScript and code cache)
// and resolved (~400 `require` names to files), kept in one file of the
// cache, so a start reads one file, stats the modules and resolves nothing.
// It is only used while it is true: every module's file must have the
// inode, size, mtime and ctime it had when packed (any write changes its
// ctime), and the directory of every packed resolution must be unchanged
// (adding a file that would win the resolution, say `x.js` beside `x.ts`,
// changes it); else the whole pack is set aside and the modules load one by
// one, as without it, and a new pack is saved. So is a pack made by another
// esbuild, other transform options or another V8. A module that the pack
// does not hold loads as usual and is added when the pack is saved. The
// pack holds each module's code without its source map (a third of the
// size); a stack trace reads the map back from the module's cache entry.
const PACK_TAG = 'pack-2';
let pack = null;

/** What a pack's code was compiled by: the pack's format, esbuild's version and the transform's options and rewrites. */
function compilerKey() {
  return hash(`${PACK_TAG}\0${esbuildVersion()}\0${JSON.stringify(OPTIONS)}\0${EXPORTS}\0${LAZY}`).slice(0, 16);
}

/** The stat key of `file` (inode, size, mtime, ctime, in ns), or null when it cannot be read. */
function statKey(file) {
  try {
    const st = fs.statSync(file, { bigint: true });
    return `${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  } catch {
    return null;
  }
}

/** Returns the pack stored in `file` if every module and resolution in it still holds, else null. */
function readPack(file) {
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return null; // Not packed yet.
  }
  try {
    const nl = bytes.indexOf(10);
    const head = JSON.parse(bytes.subarray(0, nl).toString('utf8'));
    if (head.compiler !== compilerKey() || head.v8 !== process.versions.v8) return null;
    for (const m of head.modules) if (statKey(m.filename) !== m.stat) return null;
    for (const [dir, st] of head.dirs) if (statKey(dir) !== st) return null;
    const modules = new Map();
    let at = nl + 1;
    for (const m of head.modules) {
      const js = bytes.toString('utf8', at, at + m.jsBytes);
      at += m.jsBytes;
      modules.set(m.filename, { ...m, js, cc: bytes.subarray(at, at + m.ccBytes) });
      at += m.ccBytes;
    }
    return { modules, resolutions: new Map(head.resolutions), dirs: new Map(head.dirs) };
  } catch {
    return null; // A corrupt pack: made anew.
  }
}

/**
 * Loads the modules of the entry `name` from its pack in the cache (see
 * above) when it still holds; records what loads for `savePack`. Without a
 * cache directory it does nothing.
 */
function usePack(name) {
  const cache = cacheDir();
  if (!cache || pack) return;
  const file = path.join(cache, `pack-${hash(`${PACK_TAG}\0${name}`).slice(0, 16)}.bin`);
  const stored = readPack(file);
  pack = { file, stored, modules: new Map(), resolutions: new Map(), dirs: new Map(), changed: !stored, loadedFromPack: 0 };
}

// Packs kept in the cache (~1.5 MB each, one per command and experiment file):
// the least recently written beyond these are deleted when a pack is saved.
const MAX_PACKS = 16;

/** Deletes all but the MAX_PACKS most recently written packs in `cache`; returns nothing. */
function prunePacks(cache) {
  try {
    const packs = fs
      .readdirSync(cache)
      .filter((f) => /^pack-[0-9a-f]{16}\.bin$/.test(f))
      .map((f) => ({ f, t: fs.statSync(path.join(cache, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { f } of packs.slice(MAX_PACKS)) fs.rmSync(path.join(cache, f), { force: true });
  } catch {
    // Another process pruned at the same time: nothing to do.
  }
}

/** Records that `request` from `parent` resolved to the TypeScript file `filename`, with the directories that decide it. */
function recordResolution(parent, request, filename) {
  if (!parent || !parent.filename || !filename.endsWith('.ts') || !(request.startsWith('./') || request.startsWith('../'))) return;
  const id = `${parent.filename}\0${request}`;
  if (pack.resolutions.has(id)) return;
  const base = path.resolve(path.dirname(parent.filename), request);
  for (const dir of new Set([path.dirname(base), path.dirname(filename)])) if (!pack.dirs.has(dir)) pack.dirs.set(dir, statKey(dir));
  pack.resolutions.set(id, filename);
  pack.changed = true;
}

/** Returns the file the pack resolved `request` from `parent` to, or undefined. */
function packedResolution(parent, request) {
  const stored = pack && pack.stored;
  return stored && parent && parent.filename ? stored.resolutions.get(`${parent.filename}\0${request}`) : undefined;
}

/** Loads the TypeScript module `module` of `filename` from the pack when it holds it; returns whether it did. */
function loadPacked(module, filename) {
  const m = pack.stored && pack.stored.modules.get(filename);
  if (!m) return false;
  vm ??= require('node:vm');
  const script = new vm.Script(require('node:module').wrap(m.js), { filename, cachedData: m.cc });
  loaded.set(filename, { key: m.key });
  pack.modules.set(filename, { stat: m.stat, key: m.key, js: m.js, cc: script.cachedDataRejected ? null : m.cc, script });
  if (script.cachedDataRejected) pack.changed = true;
  pack.loadedFromPack++;
  runWrapped(script, module, filename);
  return true;
}

/**
 * Writes the pack of what loaded since `usePack` (modules, their code
 * caches, resolutions) when it differs from the one read; returns the
 * number of modules the start loaded from the pack. Call it once the entry
 * has loaded (a worker: when it is ready).
 */
function savePack() {
  if (!pack) return 0;
  if (pack.changed) {
    const stored = pack.stored;
    if (stored) {
      for (const [id, f] of stored.resolutions) if (!pack.resolutions.has(id)) pack.resolutions.set(id, f);
      for (const [d, st] of stored.dirs) if (!pack.dirs.has(d)) pack.dirs.set(d, st);
    }
    const modules = [];
    const parts = [];
    for (const [filename, m] of pack.modules) {
      const js = Buffer.from(m.js, 'utf8');
      const cc = m.cc || m.script.createCachedData();
      modules.push({ filename, stat: m.stat, key: m.key, jsBytes: js.length, ccBytes: cc.length });
      parts.push(js, cc);
    }
    const head = { compiler: compilerKey(), v8: process.versions.v8, modules, resolutions: [...pack.resolutions], dirs: [...pack.dirs] };
    store(pack.file, Buffer.concat([Buffer.from(`${JSON.stringify(head)}\n`), ...parts]));
    pack.changed = false;
    prunePacks(path.dirname(pack.file));
  }
  return pack.loadedFromPack;
}

let redirected = false;
function redirectVendors() {
  if (redirected) return;
  redirected = true;
  const Module = require('node:module');
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    // A packed resolution need not be recorded again: savePack keeps the stored ones.
    const packed = packedResolution(parent, request);
    if (packed) return packed;
    const entry = resolve.call(this, request, parent, ...rest);
    if (pack) recordResolution(parent, request, entry);
    return VENDOR.has(request) ? vendorBundle(request, entry) : entry;
  };
  const loadJs = Module._extensions['.js'];
  Module._extensions['.js'] = function (module, filename) {
    if (!bundles.has(filename)) return loadJs(module, filename);
    compileCached(module, fs.readFileSync(filename, 'utf8'), filename, path.basename(filename), codeCacheFile(filename));
  };
}

/**
 * Makes `require` load .ts files through `transpile` (replacing any other
 * .ts loader), the packages in VENDOR from their bundles, and stack traces
 * show TypeScript lines; returns nothing.
 */
function register() {
  mapStackTraces();
  redirectVendors();
  require.extensions['.ts'] = function (module, filename) {
    if (pack && loadPacked(module, filename)) return;
    const stat = pack && statKey(filename);
    const { js, key } = transpileKeyed(fs.readFileSync(filename, 'utf8'), filename);
    loaded.set(filename, js);
    if (!pack) return compileCached(module, js, filename, key, codeCacheFile(filename));
    vm ??= require('node:vm');
    const code = withoutMap(js);
    const script = new vm.Script(require('node:module').wrap(code), { filename });
    pack.modules.set(filename, { stat, key, js: code, cc: null, script });
    pack.changed = true;
    runWrapped(script, module, filename);
  };
}

module.exports = { register, transpile, cacheDir, vendorBundle, usePack, savePack, MAX_PACKS, VENDOR };

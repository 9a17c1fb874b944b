import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors';

type TS = typeof import('typescript');


/** Returns the name a property of an object literal is known by, or null (computed names, spreads). */
function propertyName(ts: TS, p: import('typescript').ObjectLiteralElementLike): string | null {
  if (ts.isSpreadAssignment(p)) return null;
  const name = p.name;
  if (!name || ts.isComputedPropertyName(name) || ts.isPrivateIdentifier(name)) return null;
  return name.text;
}

/**
 * Throws an `InputError` naming the file, line and column of the first
 * problem in the TypeScript experiment file at `path` (named `file`, as
 * the user gave it) that would otherwise pass unseen or as a stack trace:
 * a syntax error, or a key given twice in one object literal (`variants: { a: {...}, a: {...} }` keeps only the
 * last, silently, once compiled without type-checking). Reads the file with
 * the TypeScript parser, which takes a few hundred milliseconds to load, so
 * a source found sound is remembered in the command's cache directory (by
 * its content and the parser's version) and not parsed again; returns
 * nothing.
 */
export function checkExperimentSource(path: string, file = path): void {
  const text = readFileSync(path, 'utf8');
  const marker = soundMarker(path, text);
  if (marker && existsSync(marker)) return;
  const ts: TS = require('typescript');
  // A program of this one file, nothing resolved and no library, only for its syntax diagnostics.
  const options = { noResolve: true, noLib: true, types: [] };
  // Parent links on, for the check of keys given twice (which object holds them).
  const program = ts.createProgram({ rootNames: [path], options, host: ts.createCompilerHost(options, true) });
  const source = program.getSourceFile(path)!;
  const where = (pos: number) => {
    const { line, character } = source.getLineAndCharacterOfPosition(pos);
    return `${file}:${line + 1}:${character + 1}`;
  };
  const syntax = program.getSyntacticDiagnostics(source);
  if (syntax.length) throw new InputError(`${where(syntax[0].start)}: syntax error: ${ts.flattenDiagnosticMessageText(syntax[0].messageText, ' ')}`);
  const visit = (node: import('typescript').Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const seen = new Set<string>();
      const parent = node.parent;
      const isVariants = ts.isPropertyAssignment(parent) && propertyName(ts, parent) === 'variants';
      for (const p of node.properties) {
        const name = propertyName(ts, p);
        if (name === null) continue;
        if (seen.has(name)) {
          const what = isVariants ? `variant "${name}" is defined twice` : `"${name}" is given twice in one object`;
          throw new InputError(`${where(p.getStart(source))}: ${what}; the second would silently replace the first`);
        }
        seen.add(name);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (marker) {
    try {
      writeFileSync(marker, '');
    } catch {
      // A cache that cannot be written only costs the next start a parse.
    }
  }
}

/** Returns the file whose presence says `text` (of `path`) passed the checks, or null when there is no cache directory. */
function soundMarker(path: string, text: string): string | null {
  const dir: string | null = require(join(__dirname, '..', '..', 'bin', 'transpile.js')).cacheDir();
  if (!dir) return null;
  const version: string = require('typescript/package.json').version;
  return join(dir, `checked-${createHash('sha256').update(`${version}\0${path}\0${text}`).digest('hex').slice(0, 32)}`);
}

/**
 * Returns the one-line description of an error thrown while loading the
 * experiment file at `path` (named `file`, as the user gave it): where in
 * that file it was thrown (file, line and column, from the stack, when the
 * file is on it), then the message of an input error as it is, or the name
 * and first line of any other error.
 */
export function describeLoadError(path: string, e: unknown, file = path): string {
  const err = e as Error;
  const frame = (err?.stack ?? '').split('\n').find((l) => /^\s+at /.test(l) && l.includes(path));
  const m = frame ? /:(\d+):(\d+)\)?\s*$/.exec(frame) : null;
  const at = m ? `${file}:${m[1]}:${m[2]}` : file;
  const message = String(err?.message ?? e).split('\n')[0];
  // By name: the error may come from another copy of the module (a test runner's).
  if (err?.name === 'InputError') return `${at}: ${message}`;
  return `${at}: loading the experiment file threw ${err?.name ?? 'an error'}: ${message}`;
}

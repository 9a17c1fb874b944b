import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { InputError } from '../core/errors';

type TS = typeof import('typescript');

/** Returns `path` as the user would write it: relative to the working directory when under it. */
export function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** Returns the name a property of an object literal is known by, or null (computed names, spreads). */
function propertyName(ts: TS, p: import('typescript').ObjectLiteralElementLike): string | null {
  if (ts.isSpreadAssignment(p)) return null;
  const name = p.name;
  if (!name || ts.isComputedPropertyName(name) || ts.isPrivateIdentifier(name)) return null;
  return name.text;
}

/**
 * Throws an `InputError` naming the file, line and column of the first
 * problem in the TypeScript experiment file at `path` that would otherwise
 * pass unseen or as a stack trace: a syntax error, or a key given twice in
 * one object literal (`variants: { a: {...}, a: {...} }` keeps only the
 * last, silently, once compiled without type-checking). Reads the file with
 * the TypeScript parser; returns nothing.
 */
export function checkExperimentSource(path: string): void {
  const ts: TS = require('typescript');
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const where = (pos: number) => {
    const { line, character } = source.getLineAndCharacterOfPosition(pos);
    return `${shown(path)}:${line + 1}:${character + 1}`;
  };
  const syntax = (source as unknown as { parseDiagnostics?: import('typescript').DiagnosticWithLocation[] }).parseDiagnostics ?? [];
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
}

/**
 * Returns the one-line description of an error thrown while loading the
 * experiment file at `path`: where in that file it was thrown (file, line
 * and column, from the stack, when the file is on it), then the message of
 * an input error as it is, or the name and first line of any other error.
 */
export function describeLoadError(path: string, e: unknown): string {
  const err = e as Error;
  const frame = (err?.stack ?? '').split('\n').find((l) => /^\s+at /.test(l) && l.includes(path));
  const m = frame ? /:(\d+):(\d+)\)?\s*$/.exec(frame) : null;
  const at = m ? `${shown(path)}:${m[1]}:${m[2]}` : shown(path);
  const message = String(err?.message ?? e).split('\n')[0];
  // By name: the error may come from another copy of the module (a test runner's).
  if (err?.name === 'InputError') return `${at}: ${message}`;
  return `${at}: loading the experiment file threw ${err?.name ?? 'an error'}: ${message}`;
}

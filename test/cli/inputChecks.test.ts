import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePlaces, messagePattern, parseInputChecks, removePlaces, runRow, type Places } from '../helpers/inputChecks';

const TABLE = join(__dirname, '..', '..', 'docs', 'reference', 'input-checks.md');
const rows = parseInputChecks(readFileSync(TABLE, 'utf8'));
const root = mkdtempSync(join(tmpdir(), 'tokensim-checks-'));
let places: Places;

beforeAll(async () => {
  places = await makePlaces(root);
}, 120_000);
afterAll(() => {
  if (places) removePlaces(places);
  rmSync(root, { recursive: true, force: true });
});

/** Returns every file under the placeholders' paths with its size and modification time, to tell that a command wrote nothing. */
function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (p: string) => {
    const s = statSync(p);
    if (s.isDirectory()) for (const n of readdirSync(p)) visit(join(p, n));
    else out[p] = `${s.size} ${s.mtimeMs}`;
  };
  for (const [k, p] of Object.entries(places)) if (k !== '<experiment>') visit(p);
  return out;
}

describe('docs/reference/input-checks.md', () => {
  it('lists the checks, each with a command and the line it prints', () => {
    expect(rows.length).toBeGreaterThanOrEqual(110);
    for (const r of rows) expect(r.command, r.what).toMatch(/^tokensim /);
  });

  for (const row of rows) it(`${row.what}: one line, exit 2, nothing written`, async (ctx) => {
    if (row.command.includes('<read-only>') && !places['<read-only>']) return ctx.skip();
    const before = snapshot();
    const ran = await runRow(row.command.replace(/^tokensim /, ''), places, root);
    expect(ran.stderr).toMatch(messagePattern(row.message));
    expect(ran.code).toBe(2);
    expect(ran.created, 'no new path').toEqual([]);
    expect(snapshot(), 'no file changed').toEqual(before);
  });
});

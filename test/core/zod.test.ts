import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProcess } from '../helpers/runProcess';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'tokensim-zod-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('zod without its JIT (src/core/zod.ts)', () => {
  it('compiles no schema into a function in `tokensim params`, whose modules load in another order than a run', async () => {
    // zod compiles an object schema with `new Function` on its first parse
    // unless jitless was set before that schema was built; count the calls.
    const count = join(dir, 'countFunctions.js');
    writeFileSync(
      count,
      `const F = globalThis.Function; let n = 0;
globalThis.Function = new Proxy(F, { construct(t, a) { n++; return Reflect.construct(t, a); } });
process.on('exit', () => process.stderr.write('new Function: ' + n + '\\n'));
`,
    );
    const r = await runProcess(process.execPath, ['-r', count, join(root, 'bin', 'tokensim.js'), 'params', join(root, 'experiments', 'baseline.ts')], root);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('emission.ratePerYear');
    expect(r.stderr).toContain('new Function: 0\n');
  });
});

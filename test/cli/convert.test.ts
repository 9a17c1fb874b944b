import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { captureOutput } from '../helpers/captureOutput';

const root = mkdtempSync(join(tmpdir(), 'tokensim-format-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const tiny = join(__dirname, '..', 'fixtures', 'tiny.ts');
const TABLES = ['runs', 'timeseries', 'summary', 'events', 'unlocks', 'flows'];
const files = (dir: string) => readdirSync(dir).sort();
const same = (a: string, b: string) => Buffer.compare(readFileSync(a), readFileSync(b)) === 0;

const io = captureOutput();

describe('tokensim run and merge --format, tokensim convert', () => {
  it('run --format parquet writes Parquet only; merging shards with --format both gives the same Parquet bytes; convert of an Arrow run too', async () => {
    const [whole, a, b, merged, arrow] = ['whole', 'a', 'b', 'merged', 'arrow'].map((d) => join(root, d));
    expect(await main(['run', tiny, '--ticks', '10', '--out', whole, '--workers', '1', '--quiet', '--format', 'parquet'])).toBe(0);
    expect(files(whole)).toEqual([...TABLES.map((t) => `${t}.parquet`), 'manifest.json'].sort());
    expect(io.stdout).toContain(`inspect: npx tokensim inspect ${whole}/summary.parquet`);

    expect(await main(['run', tiny, '--ticks', '10', '--out', a, '--shard', '1/2', '--workers', '1', '--quiet'])).toBe(0);
    expect(await main(['run', tiny, '--ticks', '10', '--out', b, '--shard', '2/2', '--workers', '1', '--quiet'])).toBe(0);
    expect(await main(['merge', a, b, '--out', merged, '--format', 'both', '--quiet'])).toBe(0);
    expect(await main(['run', tiny, '--ticks', '10', '--out', arrow, '--workers', '1', '--quiet'])).toBe(0);
    io.stdout = '';
    expect(await main(['convert', arrow, '--to', 'parquet'])).toBe(0);
    expect(io.stdout).toMatch(new RegExp(`^${arrow}: 6 table\\(s\\) written as Parquet \\(zstd\\)\\n  runs\\.parquet +4 rows +[\\d.]+ kB +\\(Arrow [\\d.]+ kB\\)\\n`));
    for (const t of TABLES) {
      expect(same(join(whole, `${t}.parquet`), join(merged, `${t}.parquet`)), t).toBe(true);
      expect(same(join(whole, `${t}.parquet`), join(arrow, `${t}.parquet`)), t).toBe(true);
      expect(existsSync(join(merged, `${t}.arrow`))).toBe(true);
    }

    expect(await main(['convert', arrow, '--to', 'parquet', '--remove-arrow', '--quiet'])).toBe(0);
    expect(files(arrow)).toEqual(files(whole));
  });

  it('run --format parquet --report writes the report, then leaves Parquet only, which compare reads', async () => {
    const dir = join(root, 'reported');
    expect(await main(['run', tiny, '--ticks', '10', '--out', dir, '--workers', '1', '--quiet', '--format', 'parquet', '--report'])).toBe(0);
    expect(files(dir)).toEqual([...TABLES.map((t) => `${t}.parquet`), 'manifest.json', 'report.html'].sort());
    io.stdout = '';
    expect(await main(['compare', dir, '--metric', 'final_price'])).toBe(0);
    expect(io.stdout).toMatch(/final_price +no-burn +2 /);
  });

  it('refuses a bad --format, a bad --to and a foreign .parquet with one line and exit 2, writing nothing', async () => {
    expect(await main(['run', tiny, '--out', join(root, 'x'), '--format', 'csv'])).toBe(2);
    expect(io.stderr).toBe('tokensim: --format csv: expected one of arrow, parquet, both\n');
    expect(existsSync(join(root, 'x'))).toBe(false);

    const mine = join(root, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'summary.parquet'), 'my own');
    io.stderr = '';
    expect(await main(['run', tiny, '--out', mine, '--format', 'both', '--quiet'])).toBe(2);
    expect(io.stderr).toBe(`tokensim: ${join(mine, 'summary.parquet')} exists and was not written by tokensim; move it away or choose another directory (tokensim never overwrites files it did not write)\n`);
    expect(files(mine)).toEqual(['summary.parquet']);

    io.stderr = '';
    expect(await main(['convert', join(root, 'whole'), '--to', 'csv'])).toBe(2);
    expect(io.stderr).toBe('tokensim: --to csv: expected --to parquet\n');
    expect(await main(['convert', '--to', 'parquet'])).toBe(2);
    expect(io.stderr).toMatch(/missing required argument 'dir'/);
  });
});

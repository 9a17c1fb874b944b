import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest, writeManifest } from '../../src/experiment/output';
import { applyTableFormat, checkFormatTargets, convertResults, tableFormat } from '../../src/io/convertResults';
import { tinyResults } from '../fixtures/tinyResults';

const root = mkdtempSync(join(tmpdir(), 'tokensim-convert-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const TABLES = ['runs', 'timeseries', 'summary', 'events', 'unlocks', 'flows'];

let source: string;
beforeAll(async () => {
  source = await tinyResults();
});
let n = 0;
/** Returns a fresh copy of the tiny results directory. */
const copy = () => {
  const dir = join(root, `r${n++}`);
  cpSync(source, dir, { recursive: true });
  return dir;
};
const sorted = (dir: string) => readdirSync(dir).sort();

describe('convertResults', () => {
  it('writes a .parquet beside every table and lists both in the manifest, in table order', async () => {
    const dir = copy();
    const written = await convertResults(dir, { keepArrow: true });
    expect(written.map((t) => t.name)).toEqual(TABLES);
    expect(written.find((t) => t.name === 'timeseries')!.rows).toBe(2 * 2 * 31);
    expect(readManifest(dir)!.files).toEqual(TABLES.flatMap((t) => [`${t}.arrow`, `${t}.parquet`]));
    expect(sorted(dir)).toEqual([...TABLES.flatMap((t) => [`${t}.arrow`, `${t}.parquet`]), 'manifest.json'].sort());
  });

  it('without keepArrow removes the Arrow tables and lists only Parquet; a second call leaves it as it is', async () => {
    const dir = copy();
    await convertResults(dir, { keepArrow: false });
    expect(readManifest(dir)!.files).toEqual(TABLES.map((t) => `${t}.parquet`));
    expect(sorted(dir)).toEqual([...TABLES.map((t) => `${t}.parquet`), 'manifest.json'].sort());
    const bytes = readFileSync(join(dir, 'timeseries.parquet'));
    expect(await convertResults(dir, { keepArrow: true })).toEqual([]);
    expect(Buffer.compare(readFileSync(join(dir, 'timeseries.parquet')), bytes)).toBe(0);
  });

  it('refuses, before writing anything, to overwrite a .parquet that tokensim did not write', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'summary.parquet'), 'mine');
    await expect(convertResults(dir, { keepArrow: true })).rejects.toThrow(`${join(dir, 'summary.parquet')} exists and was not written by tokensim`);
    expect(readFileSync(join(dir, 'summary.parquet'), 'utf8')).toBe('mine');
    expect(sorted(dir).filter((f) => f.includes('.parquet'))).toEqual(['summary.parquet']);
  });

  it('refuses a directory without a manifest, an unfinished one, and one that lost a table', async () => {
    const bare = mkdtempSync(join(root, 'bare-'));
    await expect(convertResults(bare, { keepArrow: true })).rejects.toThrow(`${bare} is not a results directory: it has no manifest.json`);
    const dir = copy();
    writeManifest(dir, { ...readManifest(dir)!, status: 'interrupted' });
    await expect(convertResults(dir, { keepArrow: true })).rejects.toThrow(/holds an unfinished run \(status interrupted\); finish it with tokensim run <experiment> --resume/);
    const lost = copy();
    rmSync(join(lost, 'events.arrow'));
    await expect(convertResults(lost, { keepArrow: true })).rejects.toThrow(`${join(lost, 'events.arrow')} is missing`);
    expect(sorted(lost).some((f) => f.endsWith('.parquet'))).toBe(false);
  });
});

describe('applyTableFormat and checkFormatTargets', () => {
  it('leaves Arrow alone, and an interrupted directory to --resume', async () => {
    const dir = copy();
    expect(await applyTableFormat(dir, 'complete', 'arrow')).toEqual([]);
    expect(await applyTableFormat(dir, 'interrupted', 'parquet')).toEqual([]);
    expect(sorted(dir).some((f) => f.endsWith('.parquet'))).toBe(false);
    expect((await applyTableFormat(dir, 'complete', 'both')).length).toBe(TABLES.length);
  });

  it('passes a fresh directory and Parquet tokensim wrote, and names a foreign one', async () => {
    const dir = copy();
    expect(() => checkFormatTargets(join(root, 'nowhere'), TABLES, 'parquet')).not.toThrow();
    await convertResults(dir, { keepArrow: true });
    expect(() => checkFormatTargets(dir, TABLES, 'both')).not.toThrow();
    writeFileSync(join(dir, 'extra.parquet'), 'mine');
    expect(() => checkFormatTargets(dir, [...TABLES, 'extra'], 'parquet')).toThrow(/extra\.parquet exists and was not written by tokensim/);
    expect(() => checkFormatTargets(dir, [...TABLES, 'extra'], 'arrow')).not.toThrow();
  });

  it('parses --format values and names a wrong one', () => {
    expect(tableFormat('--format', 'both')).toBe('both');
    expect(() => tableFormat('--format', 'csv')).toThrow('--format csv: expected one of arrow, parquet, both');
  });
});

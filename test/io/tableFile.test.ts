import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readColumns } from '../../src/io/arrowReader';
import { convertResults } from '../../src/io/convertResults';
import { formatInspect } from '../../src/io/inspect';
import { readResults } from '../../src/io/resultsDir';
import { readTableFile, tableFilePath } from '../../src/io/tableFile';
import { tinyResults } from '../fixtures/tinyResults';

const root = mkdtempSync(join(tmpdir(), 'tokensim-tablefile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let arrowDir: string;
let parquetDir: string;
beforeAll(async () => {
  arrowDir = await tinyResults();
  parquetDir = join(root, 'parquet');
  cpSync(arrowDir, parquetDir, { recursive: true });
  await convertResults(parquetDir, { keepArrow: false });
});

describe('readTableFile and tableFilePath', () => {
  it('reads a Parquet table back with the Arrow file’s columns, types and values', () => {
    for (const t of ['runs', 'timeseries', 'summary', 'events']) {
      const a = readTableFile(join(arrowDir, `${t}.arrow`));
      const p = readTableFile(join(parquetDir, `${t}.parquet`));
      expect(p.columns, t).toEqual(a.columns);
      expect(p.numRows, t).toBe(a.numRows);
    }
    const p = readTableFile(join(parquetDir, 'runs.parquet')).table;
    expect(p.getChild('seed')!.toArray()).toEqual(new Uint32Array(readColumns(join(arrowDir, 'runs.arrow')).seed as number[]));
  });

  it('finds .arrow first, then .parquet, and names the .arrow when there is neither', () => {
    expect(tableFilePath(arrowDir, 'runs')).toBe(join(arrowDir, 'runs.arrow'));
    expect(tableFilePath(parquetDir, 'runs')).toBe(join(parquetDir, 'runs.parquet'));
    expect(tableFilePath(parquetDir, 'nosuch')).toBe(join(parquetDir, 'nosuch.arrow'));
  });

  it('names a missing file and a file that is not Parquet', () => {
    expect(() => readTableFile(join(root, 'none.parquet'))).toThrow(`no such file: ${join(root, 'none.parquet')}`);
    writeFileSync(join(root, 'bad.parquet'), 'not parquet');
    expect(() => readTableFile(join(root, 'bad.parquet'))).toThrow(`not a Parquet file: ${join(root, 'bad.parquet')}`);
  });
});

describe('what reads results reads Parquet-only directories', () => {
  it('readResults gives the same runs and KPIs from Parquet as from Arrow', () => {
    const a = readResults(arrowDir);
    const p = readResults(parquetDir);
    expect(p.runs).toEqual(a.runs);
    expect(p.kpiNames).toEqual(a.kpiNames);
    expect(p.kpis).toEqual(a.kpis);
  });

  it('inspect shows a Parquet table as it shows the Arrow one, but for the batch count', () => {
    const rest = (s: string) => s.split('\n').slice(1).join('\n');
    expect(rest(formatInspect(join(parquetDir, 'runs.parquet')))).toBe(rest(formatInspect(join(arrowDir, 'runs.arrow'))));
    expect(formatInspect(join(parquetDir, 'runs.parquet'))).toMatch(/^.*runs\.parquet: 4 rows, 11 columns, Parquet\n/);
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Dictionary, Int32, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import pl from 'nodejs-polars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { ArrowFileWriter, type ColumnSpec } from '../../src/io/arrowWriter';
import { PARQUET_ROW_GROUP_ROWS, writeParquetFromArrow } from '../../src/io/parquet';

const root = mkdtempSync(join(tmpdir(), 'tokensim-parquet-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let db: DuckDBConnection;
beforeAll(async () => {
  db = await (await DuckDBInstance.create(':memory:')).connect();
});
const query = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJS();

// Every column kind tokensim writes, with the awkward values: a seed above
// 2^31 (must stay unsigned), NaN, nulls, non-ASCII text.
const columns: ColumnSpec[] = [
  { name: 'run_id', kind: 'int32' },
  { name: 'seed', kind: 'uint32' },
  { name: 'price', kind: 'float64' },
  { name: 'kpi', kind: 'float64', nullable: true },
  { name: 'variant', kind: 'utf8' },
  { name: 'error', kind: 'utf8', nullable: true },
  { name: 'error_tick', kind: 'int32', nullable: true },
  { name: 'passed', kind: 'bool', nullable: true },
];
async function writeArrow(path: string, batches: number, rowsPerBatch: number): Promise<void> {
  const w = await ArrowFileWriter.open(path, columns);
  for (let b = 0; b < batches; b++) {
    const n = rowsPerBatch;
    await w.writeBatch(
      {
        run_id: new Int32Array(n).fill(b),
        seed: Uint32Array.from({ length: n }, (_, i) => 4_000_000_000 + b * n + i),
        price: Float64Array.from({ length: n }, (_, i) => (i === 1 ? NaN : 1 + 0.25 * i + b)),
        kpi: Array.from({ length: n }, (_, i) => (i % 2 ? null : i / 3)),
        variant: Array.from({ length: n }, () => (b % 2 ? 'no-burn' : 'säule')),
        error: Array.from({ length: n }, (_, i) => (i === 0 ? 'NaN price' : null)),
        error_tick: Array.from({ length: n }, (_, i) => (i === 0 ? 7 : null)),
        passed: Array.from({ length: n }, (_, i) => (i === 2 ? null : i % 2 === 0)),
      },
      n,
    );
  }
  await w.close();
}

describe('writeParquetFromArrow', () => {
  const arrow = join(root, 'small.arrow');
  const parquet = join(root, 'small.parquet');
  beforeAll(async () => {
    await writeArrow(arrow, 3, 4);
  });

  it('writes the Arrow columns with their types: DuckDB reads uint32 as UINTEGER, nullability kept', async () => {
    expect(await writeParquetFromArrow(arrow, parquet)).toEqual({ rows: 12, bytes: readFileSync(parquet).length });
    const described = await query(`DESCRIBE SELECT * FROM '${parquet}'`);
    expect(described.map((r) => [r.column_name, r.column_type])).toEqual([
      ['run_id', 'INTEGER'], ['seed', 'UINTEGER'], ['price', 'DOUBLE'], ['kpi', 'DOUBLE'], ['variant', 'VARCHAR'], ['error', 'VARCHAR'], ['error_tick', 'INTEGER'], ['passed', 'BOOLEAN'],
    ]);
    const schema = await query(`SELECT name, repetition_type FROM parquet_schema('${parquet}') WHERE name <> 'arrow_schema'`);
    expect(Object.fromEntries(schema.map((r) => [r.name, r.repetition_type]))).toMatchObject({ run_id: 'REQUIRED', seed: 'REQUIRED', kpi: 'OPTIONAL', error: 'OPTIONAL' });
  });

  it('holds the same values as the Arrow file, read by polars from each', () => {
    const fromArrow = pl.readIPC(readFileSync(arrow));
    const fromParquet = pl.readParquet(readFileSync(parquet));
    expect(fromParquet.schema).toEqual(fromArrow.schema);
    expect(fromParquet.getColumn('seed').dtype.variant).toBe('UInt32');
    expect(fromParquet.frameEqual(fromArrow, true)).toBe(true);
    expect(fromParquet.getColumn('seed').toArray()[11]).toBe(4_000_000_011);
    expect(Number.isNaN(fromParquet.getColumn('price').toArray()[1])).toBe(true);
  });

  it('compresses with zstd and keeps no dictionary on float64 columns', async () => {
    const chunks = await query(`SELECT path_in_schema AS col, compression, encodings FROM parquet_metadata('${parquet}')`);
    for (const c of chunks) expect(c.compression, String(c.col)).toBe('ZSTD');
    const enc = Object.fromEntries(chunks.map((c) => [c.col, String(c.encodings)]));
    expect(enc.price).not.toMatch(/DICTIONARY/);
    expect(enc.variant).toMatch(/DICTIONARY/);
  });

  it('gives the same bytes for the same Arrow file, however many batches it hands over at a time', async () => {
    const again = join(root, 'again.parquet');
    await writeParquetFromArrow(arrow, again);
    expect(Buffer.compare(readFileSync(again), readFileSync(parquet))).toBe(0);
    const oneByOne = join(root, 'one-by-one.parquet');
    expect(await writeParquetFromArrow(arrow, oneByOne, { chunkBytes: 1 })).toMatchObject({ rows: 12 });
    expect(Buffer.compare(readFileSync(oneByOne), readFileSync(parquet))).toBe(0);
  });

  it('splits a long table into row groups of PARQUET_ROW_GROUP_ROWS rows', async () => {
    const long = join(root, 'long.arrow');
    const rows = PARQUET_ROW_GROUP_ROWS + 1000;
    await writeArrow(long, 2, rows / 2);
    await writeParquetFromArrow(long, join(root, 'long.parquet'));
    const groups = await query(`SELECT DISTINCT row_group_id AS g, row_group_num_rows AS n FROM parquet_metadata('${join(root, 'long.parquet')}') ORDER BY g`);
    expect(groups.map((g) => Number(g.n))).toEqual([PARQUET_ROW_GROUP_ROWS, 1000]);
    const [{ n }] = await query(`SELECT count(*) AS n FROM '${join(root, 'long.parquet')}'`);
    expect(Number(n)).toBe(rows);
  });

  it('writes a table with no record batch as a Parquet file with the schema and no rows', async () => {
    const empty = join(root, 'empty.arrow');
    await writeArrow(empty, 0, 0);
    expect(await writeParquetFromArrow(empty, join(root, 'empty.parquet'))).toMatchObject({ rows: 0 });
    const [{ n }] = await query(`SELECT count(*) AS n FROM '${join(root, 'empty.parquet')}'`);
    expect(Number(n)).toBe(0);
    expect((await query(`DESCRIBE SELECT * FROM '${join(root, 'empty.parquet')}'`)).map((r) => r.column_type)).toContain('UINTEGER');
  });

  it('refuses a missing or non-Arrow file with an InputError and leaves nothing behind', async () => {
    const dir = mkdtempSync(join(root, 'bad-'));
    await expect(writeParquetFromArrow(join(dir, 'none.arrow'), join(dir, 'none.parquet'))).rejects.toThrow(new InputError(`no such file: ${join(dir, 'none.arrow')}`));
    writeFileSync(join(dir, 'text.arrow'), 'not arrow at all');
    await expect(writeParquetFromArrow(join(dir, 'text.arrow'), join(dir, 'text.parquet'))).rejects.toThrow(/^not an Arrow IPC file: /);
    expect(readdirSync(dir)).toEqual(['text.arrow']);
    expect(existsSync(join(dir, 'text.parquet.partial'))).toBe(false);
  });

  it('refuses a dictionary-encoded Arrow file, naming it, and leaves nothing behind', async () => {
    const dir = mkdtempSync(join(root, 'dict-'));
    const variant = vectorFromArray(['a', 'b', 'a'], new Dictionary(new Utf8(), new Int32()));
    writeFileSync(join(dir, 'dict.arrow'), tableToIPC(new Table({ variant }), 'file'));
    await expect(writeParquetFromArrow(join(dir, 'dict.arrow'), join(dir, 'dict.parquet'))).rejects.toThrow(`${join(dir, 'dict.arrow')} has dictionary-encoded columns`);
    expect(readdirSync(dir)).toEqual(['dict.arrow']);
  });
});

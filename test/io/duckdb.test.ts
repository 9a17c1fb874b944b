import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import pl from 'nodejs-polars';
import { beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../src/experiment/output';
import type { ColumnKind } from '../../src/io/arrowWriter';
import tiny from '../fixtures/tiny';
import { tinyResults } from '../fixtures/tinyResults';

// DuckDB (its engine ships in the npm package: no extension, no network)
// reads the Parquet tables a run writes; nodejs-polars reads the Arrow
// tables of the same run, an independent reader to compare values with.

/** The DuckDB type each column kind must arrive as. */
const DUCKDB_TYPE: Record<ColumnKind, string> = { int32: 'INTEGER', uint32: 'UINTEGER', float64: 'DOUBLE', utf8: 'VARCHAR', bool: 'BOOLEAN' };

let dir: string;
let db: DuckDBConnection;
let tables: { name: string; columns: { name: string; kind: ColumnKind }[] }[];
beforeAll(async () => {
  dir = await tinyResults('both');
  tables = readManifest(dir)!.tables;
  db = await (await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' })).connect();
  await db.run(`SET file_search_path = '${dir}'`);
});
const query = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJS();
const columnsOf = async (sql: string) => (await db.runAndReadAll(sql)).getColumnsObjectJS();
const arrow = (name: string) => pl.readIPC(readFileSync(join(dir, `${name}.arrow`)));

describe('the Parquet tables of a run, read by DuckDB', () => {
  it('has every table, with the row count of its Arrow twin and the type of every column', async () => {
    expect(tables.map((t) => t.name)).toEqual(['runs', 'timeseries', 'summary', 'events', 'unlocks', 'flows']);
    for (const t of tables) {
      const [{ n }] = await query(`SELECT count(*) AS n FROM '${t.name}.parquet'`);
      expect(Number(n), t.name).toBe(arrow(t.name).height);
      const described = await query(`DESCRIBE SELECT * FROM '${t.name}.parquet'`);
      expect(described.map((r) => `${r.column_name}:${r.column_type}`), t.name).toEqual(t.columns.map((c) => `${c.name}:${DUCKDB_TYPE[c.kind]}`));
    }
    const [{ n: runs }] = await query(`SELECT count(*) AS n FROM 'runs.parquet'`);
    expect(Number(runs)).toBe(2 * tiny.seeds);
  });

  it('holds the same values as the Arrow tables read by polars, column by column', async () => {
    for (const t of tables) {
      const fromParquet = await columnsOf(`SELECT * FROM '${t.name}.parquet'`);
      const fromArrow = arrow(t.name);
      for (const c of t.columns) expect(fromParquet[c.name], `${t.name}.${c.name}`).toEqual(fromArrow.getColumn(c.name).toArray());
    }
  });

  it('answers the median price by variant and tick as polars does on the Arrow tables', async () => {
    const sql = await columnsOf(`
      SELECT r.variant, t.tick, median(t.price) AS median_price
      FROM 'timeseries.parquet' t JOIN 'runs.parquet' r USING (run_id)
      WHERE r.status = 'ok'
      GROUP BY r.variant, t.tick
      ORDER BY r.variant, t.tick`);
    const expected = arrow('timeseries')
      .join(arrow('runs').filter(pl.col('status').eq(pl.lit('ok'))), { on: 'run_id' })
      .groupBy(['variant', 'tick'])
      .agg(pl.col('price').median().alias('median_price'))
      .sort(['variant', 'tick']);
    expect(sql.variant).toEqual(expected.getColumn('variant').toArray());
    expect(sql.tick).toEqual(expected.getColumn('tick').toArray());
    expect(sql.median_price).toEqual(expected.getColumn('median_price').toArray());
    expect(sql.tick.length).toBe(2 * (tiny.ticks + 1));
  });

  it('joins the summary with the runs: mean final price per variant, and the seeds stay unsigned', async () => {
    const rows = await query(`
      SELECT r.variant, count(*) AS runs, avg(s.final_price) AS final_price, min(r.seed) AS min_seed, typeof(min(r.seed)) AS seed_type
      FROM 'summary.parquet' s JOIN 'runs.parquet' r USING (run_id)
      GROUP BY r.variant ORDER BY r.variant`);
    const expected = arrow('summary')
      .join(arrow('runs'), { on: 'run_id' })
      .groupBy('variant')
      .agg(pl.col('final_price').mean().alias('final_price'), pl.col('seed').min().alias('min_seed'))
      .sort('variant');
    expect(rows.map((r) => r.variant)).toEqual(['baseline', 'no-burn']);
    expect(rows.map((r) => Number(r.runs))).toEqual([tiny.seeds, tiny.seeds]);
    expect(rows.map((r) => r.final_price)).toEqual(expected.getColumn('final_price').toArray().map((x) => expect.closeTo(Number(x), 12)));
    expect(rows.map((r) => r.min_seed)).toEqual(expected.getColumn('min_seed').toArray());
    expect(rows[0].seed_type).toBe('UINTEGER');
  });

  it('runs the README’s SQL, from the results directory, with no extension', async () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const statements = [...readme.matchAll(/```sql\n([\s\S]*?)```\n/g)].flatMap((m) => m[1].split(';').filter((q) => q.replace(/--.*$/gm, '').trim()));
    expect(statements).toHaveLength(2);
    const [median, kpis] = await Promise.all(statements.map((q) => columnsOf(q)));
    expect(Object.keys(median)).toEqual(['variant', 'tick', 'median_price']);
    expect(median.tick).toHaveLength(2 * (tiny.ticks + 1));
    expect(kpis.variant).toEqual(['baseline', 'no-burn']);
  });

  it('cannot read the Arrow IPC files without an extension, as the docs say', async () => {
    await expect(db.run(`SELECT * FROM '${join(dir, 'summary.arrow')}'`)).rejects.toThrow(/No extension found that is capable of reading the file/);
  });
});

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { readArrowFile } from '../../src/io/arrowReader';
import tiny from '../fixtures/tiny';
import { tinyResults } from '../fixtures/tinyResults';

// The notebook cannot be executed here (no Python packages); it is checked
// by construction: valid nbformat 4 JSON, Python that parses, the same code
// as the how-to page, imports where they are used, column names the output
// files really have, and its SQL run by DuckDB on a run's Parquet tables.
const root = join(__dirname, '..', '..');
const notebook = JSON.parse(readFileSync(join(root, 'notebooks', 'explore-results.ipynb'), 'utf8'));
const howTo = readFileSync(join(root, 'docs', 'how-to', 'notebooks.md'), 'utf8');
type Cell = { cell_type: string; id: string; metadata: object; source: string[] | string; outputs?: unknown[]; execution_count?: null };
const cells: Cell[] = notebook.cells;
const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join('') : c.source);
const code = cells.filter((c) => c.cell_type === 'code').map(text);

/** Quoted snake_case words of the code that are not columns: values, options, aliases, manifest keys, table and format names. */
const NOT_COLUMNS = new Set(['ok', 'failed', 'baseline', 'linear', 'mean', 'std', 'count', 'p05', 'p50', 'p95', 'runs', 'timeseries', 'summary', 'parquet', 'arrow', 'results', 'experiment']);

let dir: string;
let columns: Set<string>;
beforeAll(async () => {
  dir = await tinyResults('both');
  columns = new Set(['runs', 'timeseries', 'summary'].flatMap((f) => readArrowFile(join(dir, `${f}.arrow`)).columns.map((c) => c.name)));
});

describe('notebooks/explore-results.ipynb', () => {
  it('is nbformat 4.5 JSON with a Python kernel and well-formed cells', () => {
    expect(notebook.nbformat).toBe(4);
    expect(notebook.nbformat_minor).toBe(5);
    expect(notebook.metadata.kernelspec).toMatchObject({ name: 'python3', language: 'python' });
    const ids = new Set<string>();
    for (const c of cells) {
      expect(['markdown', 'code']).toContain(c.cell_type);
      expect(c.id).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      ids.add(c.id);
      expect(c.metadata).toEqual({});
      expect(Array.isArray(c.source) && c.source.every((s) => typeof s === 'string')).toBe(true);
      if (c.cell_type === 'code') {
        expect(c.outputs).toEqual([]);
        expect(c.execution_count).toBeNull();
      } else {
        expect(c).not.toHaveProperty('outputs');
      }
    }
    expect(ids.size).toBe(cells.length);
  });

  it('has the same code, in the same order, as docs/how-to/notebooks.md', () => {
    const blocks = [...howTo.matchAll(/```python\n([\s\S]*?)```\n/g)].map((m) => m[1].replace(/\n$/, ''));
    expect(code.length).toBeGreaterThanOrEqual(5);
    expect(code).toEqual(blocks);
  });

  it('loads Parquet or Arrow with pandas and polars, joins runs to timeseries, and plots variants', () => {
    const all = code.join('\n');
    expect(all).toMatch(/FORMAT = "parquet" if \(RESULTS \/ "runs\.parquet"\)\.exists\(\) else "arrow"/);
    expect(all).toMatch(/pd\.read_parquet\(RESULTS \/ f"\{name\}\.parquet"\)/);
    expect(all).toMatch(/ipc\.open_file\(.*\)\.read_all\(\)\.to_pandas\(\)/);
    expect(all).toMatch(/pl\.read_parquet\(RESULTS \/ f"\{name\}\.parquet"\) if FORMAT == "parquet" else pl\.read_ipc\(RESULTS \/ f"\{name\}\.arrow"\)/);
    expect(all).toMatch(/timeseries\.merge\(ok_runs\[.*\], on="run_id"\)/);
    expect(all).toMatch(/read_pl\("timeseries"\)\.join\(ok_pl, on="run_id"\)/);
    expect(all).toMatch(/ax\.fill_between/);
    expect(all).toMatch(/groupby\(\["variant", "tick"\]\)/);
    expect(all).toMatch(/group_by\("variant", "tick"\)/);
  });

  it('imports each library in the first cell that uses it, and in no other', () => {
    const libraries = [
      { module: 'pandas', alias: 'pd' },
      { module: 'pyarrow', alias: 'pa' },
      { module: 'matplotlib', alias: 'plt' },
      { module: 'polars', alias: 'pl' },
      { module: 'duckdb', alias: 'duckdb' },
    ];
    for (const { module, alias } of libraries) {
      const uses = code.map((c, k) => (new RegExp(`(^|[^\\w.])${alias}\\.`).test(c) ? k : -1)).filter((k) => k >= 0);
      const imports = code.map((c, k) => (new RegExp(`^\\s*import ${module}\\b`, 'm').test(c) ? k : -1)).filter((k) => k >= 0);
      expect(uses.length, module).toBeGreaterThan(0);
      expect(imports, module).toEqual([uses[0]]);
    }
  });

  it('uses only columns the output files have, in Arrow and in Parquet alike', async () => {
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    for (const f of ['runs', 'timeseries', 'summary']) {
      const described = (await db.runAndReadAll(`DESCRIBE SELECT * FROM '${join(dir, `${f}.parquet`)}'`)).getRowObjectsJS();
      expect(described.map((r) => r.column_name), f).toEqual(readArrowFile(join(dir, `${f}.arrow`)).columns.map((c) => c.name));
    }
    const quoted = [...code.join('\n').matchAll(/"([a-z][a-z0-9_]*)"/g)].map((m) => m[1]);
    for (const word of new Set(quoted)) expect(columns.has(word) || NOT_COLUMNS.has(word), `"${word}" is neither a column nor a known value`).toBe(true);
    for (const name of ['run_id', 'variant', 'replicate', 'seed', 'status', 'tick', 'price', 'final_price', 'inflation', 'gini_holdings']) {
      expect(columns.has(name), name).toBe(true);
      expect(code.join('\n')).toContain(`"${name}"`);
    }
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    for (const key of ['experiment', 'runCount', 'status']) expect(manifest, key).toHaveProperty(key);
  });

  it('has DuckDB SQL that runs on the Parquet tables: the median price per variant and tick, the KPIs per variant', async () => {
    const cell = code.find((c) => c.includes('import duckdb'))!;
    expect(cell).toContain(`con.execute(f"SET file_search_path = '{RESULTS.resolve()}'")`);
    const queries = [...cell.matchAll(/con\.sql\("""([\s\S]*?)"""\)/g)].map((m) => m[1]);
    expect(queries).toHaveLength(2);
    const db = await (await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' })).connect();
    await db.run(`SET file_search_path = '${dir}'`);
    const [median, kpis] = await Promise.all(queries.map(async (q) => (await db.runAndReadAll(q)).getColumnsObjectJS()));
    expect(Object.keys(median)).toEqual(['variant', 'tick', 'median_price']);
    expect(median.tick).toHaveLength(2 * (tiny.ticks + 1));
    expect(Object.keys(kpis)).toEqual(['variant', 'runs', 'final_price', 'inflation']);
    expect(kpis.variant).toEqual(['baseline', 'no-burn']);
    expect(kpis.runs.map(Number)).toEqual([tiny.seeds, tiny.seeds]);
  });

  const python = spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!python)('has code cells that parse as Python 3', () => {
    const check = 'import ast, json, sys\nfor src in json.load(sys.stdin): ast.parse(src)';
    const r = spawnSync('python3', ['-c', check], { input: JSON.stringify(code), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

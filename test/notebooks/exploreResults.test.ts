import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArrowFile } from '../../src/io/arrowReader';
import { tinyResults } from '../fixtures/tinyResults';

// The notebook cannot be executed here (no Python packages); it is checked
// by construction: valid nbformat 4 JSON, Python that parses, the same code
// as the how-to page, and column names the output files really have.
const root = join(__dirname, '..', '..');
const notebook = JSON.parse(readFileSync(join(root, 'notebooks', 'explore-results.ipynb'), 'utf8'));
const howTo = readFileSync(join(root, 'docs', 'how-to', 'notebooks.md'), 'utf8');
type Cell = { cell_type: string; id: string; metadata: object; source: string[] | string; outputs?: unknown[]; execution_count?: null };
const cells: Cell[] = notebook.cells;
const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join('') : c.source);
const code = cells.filter((c) => c.cell_type === 'code').map(text);

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

  it('loads with pyarrow and polars, joins runs to timeseries, and plots variants', () => {
    const all = code.join('\n');
    expect(all).toMatch(/ipc\.open_file\(.*\)\.read_all\(\)\.to_pandas\(\)/);
    expect(all).toMatch(/timeseries\.merge\(ok_runs\[.*\], on="run_id"\)/);
    expect(all).toMatch(/pl\.read_ipc\(RESULTS \/ "timeseries\.arrow"\)\.join\(ok_pl, on="run_id"\)/);
    expect(all).toMatch(/ax\.fill_between/);
    expect(all).toMatch(/groupby\(\["variant", "tick"\]\)/);
    expect(all).toMatch(/group_by\("variant", "tick"\)/);
  });

  it('uses only columns the output files have', async () => {
    const dir = await tinyResults();
    const columns = new Set(['runs', 'timeseries', 'summary'].flatMap((f) => readArrowFile(join(dir, `${f}.arrow`)).columns.map((c) => c.name)));
    for (const name of ['run_id', 'variant', 'replicate', 'seed', 'status', 'tick', 'price', 'final_price', 'inflation', 'gini_holdings']) {
      expect(columns.has(name), name).toBe(true);
      expect(code.join('\n')).toContain(`"${name}"`);
    }
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    for (const key of ['experiment', 'runCount', 'status']) expect(manifest, key).toHaveProperty(key);
  });

  const python = spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!python)('has code cells that parse as Python 3', () => {
    const check = 'import ast, json, sys\nfor src in json.load(sys.stdin): ast.parse(src)';
    const r = spawnSync('python3', ['-c', check], { input: JSON.stringify(code), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

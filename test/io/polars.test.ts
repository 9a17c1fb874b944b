import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pl from 'nodejs-polars';
import { beforeAll, describe, expect, it } from 'vitest';
import { readColumns } from '../../src/io/arrowReader';
import tiny from '../fixtures/tiny';
import { tinyResults } from '../fixtures/tinyResults';

// An independent Arrow reader (polars, in Rust) reads what tokensim writes:
// the files are valid Arrow IPC for other tools, not only for apache-arrow JS.
// File bytes are passed: nodejs-polars takes a string path not ending in
// .ipc for the file's contents.
const read = (dir: string, name: string) => pl.readIPC(readFileSync(join(dir, `${name}.arrow`)));
const types = (df: pl.DataFrame) => Object.fromEntries(Object.entries(df.schema).map(([k, v]) => [k, (v as { variant: string }).variant]));

let dir: string;
beforeAll(async () => {
  dir = await tinyResults();
});

describe('output files read by nodejs-polars', () => {
  const runs = 2 * tiny.seeds; // 2 variants
  const rowsPerRun = tiny.ticks + 1; // tick 0 is the initial state

  it('runs.arrow: one row per run with the documented column types', () => {
    const df = read(dir, 'runs');
    expect(df.height).toBe(runs);
    expect(types(df)).toEqual({
      run_id: 'Int32', variant: 'String', point: 'Int32', replicate: 'Int32', seed: 'UInt32', 'feeBurn.feeShare': 'Float64',
      'feeBurn.feeShare@end': 'Float64', param_changes: 'Int32', status: 'String', error: 'String', error_tick: 'Int32',
    });
    expect(df.getColumn('variant').toArray()).toEqual(['baseline', 'baseline', 'no-burn', 'no-burn']);
    expect(df.getColumn('error').nullCount()).toBe(runs);
  });

  it('timeseries.arrow: one row per run per recorded tick; run_id and tick int32, metrics float64', () => {
    const df = read(dir, 'timeseries');
    expect(df.height).toBe(runs * rowsPerRun);
    const t = types(df);
    expect([t.run_id, t.tick]).toEqual(['Int32', 'Int32']);
    const metrics = Object.keys(t).filter((k) => k !== 'run_id' && k !== 'tick');
    expect(metrics).toEqual(expect.arrayContaining(['price', 'supply', 'staking_ratio']));
    for (const m of metrics) expect(t[m], m).toBe('Float64');
    // The same values as tokensim's own reader.
    expect(df.getColumn('price').toArray()).toEqual(readColumns(join(dir, 'timeseries.arrow')).price);
  });

  it('summary.arrow: one row per run, KPIs float64', () => {
    const df = read(dir, 'summary');
    expect(df.height).toBe(runs);
    const { run_id, ...kpis } = types(df);
    expect(run_id).toBe('Int32');
    expect(Object.keys(kpis)).toEqual(expect.arrayContaining(['final_price', 'volatility', 'inflation', 'gini_holdings', 'nakamoto_stake']));
    for (const [k, v] of Object.entries(kpis)) expect(v, k).toBe('Float64');
  });

  it('joins runs to timeseries on run_id as a notebook does', () => {
    const joined = read(dir, 'timeseries').join(read(dir, 'runs').select('run_id', 'variant'), { on: 'run_id' });
    expect(joined.height).toBe(runs * rowsPerRun);
    const perVariant = joined.groupBy('variant').agg(pl.col('run_id').count().alias('rows')).sort('variant');
    expect(perVariant.getColumn('variant').toArray()).toEqual(['baseline', 'no-burn']);
    expect(perVariant.getColumn('rows').toArray().map(Number)).toEqual([2 * rowsPerRun, 2 * rowsPerRun]);
  });
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArrowFileWriter, type ColumnData, type ColumnSpec } from '../../src/io/arrowWriter';
import { formatInspect } from '../../src/io/inspect';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokensim-inspect-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function writeFile(name: string, columns: ColumnSpec[], data?: Record<string, ColumnData>, length = 0) {
  const file = path.join(dir, name);
  const writer = await ArrowFileWriter.open(file, columns);
  if (data) await writer.writeBatch(data, length);
  await writer.close();
  return file;
}

const RUNS: ColumnSpec[] = [
  { name: 'run_id', kind: 'int32' },
  { name: 'variant', kind: 'utf8' },
  { name: 'seed', kind: 'uint32' },
  { name: 'price', kind: 'float64' },
  { name: 'error', kind: 'utf8', nullable: true },
];

async function runsFile(rows: number) {
  return writeFile(
    'runs.arrow',
    RUNS,
    {
      run_id: Int32Array.from({ length: rows }, (_, i) => i),
      variant: Array.from({ length: rows }, (_, i) => (i % 2 ? 'burn' : 'base')),
      seed: Uint32Array.from({ length: rows }, (_, i) => 4000000000 + i),
      price: Float64Array.from({ length: rows }, (_, i) => Math.PI * 10 ** i),
      error: Array.from({ length: rows }, (_, i) => (i === 1 ? 'NaN price\tat tick 3' : null)),
    },
    rows,
  );
}

describe('formatInspect', () => {
  it('starts with the file, row, column and batch counts', async () => {
    const file = await runsFile(3);

    expect(formatInspect(file).split('\n')[0]).toBe(`${file}: 3 rows, 5 columns, 1 record batch`);
  });

  it('lists each column with its Arrow type and nullability', async () => {
    const text = formatInspect(await runsFile(3));

    expect(text).toContain(
      [
        'schema:',
        '  run_id   Int32    not null',
        '  variant  Utf8     not null',
        '  seed     Uint32   not null',
        '  price    Float64  not null',
        '  error    Utf8     nullable',
      ].join('\n'),
    );
  });

  it('shows the first rows aligned, floats to 6 significant digits, integers in full, nulls as null', async () => {
    const text = formatInspect(await runsFile(12), 3);

    expect(text).toContain(
      [
        'first 3 rows:',
        '  run_id  variant        seed    price  error',
        '  ------  -------  ----------  -------  --------------------',
        '       0  base     4000000000  3.14159  null',
        '       1  burn     4000000001  31.4159  NaN price\\tat tick 3',
        '       2  base     4000000002  314.159  null',
      ].join('\n'),
    );
    expect(text).not.toContain('4000000003');
  });

  it('writes large and small floats in exponent form', async () => {
    const file = await writeFile('x.arrow', [{ name: 'x', kind: 'float64' }], { x: [1234567.89, 0.0000123456, 1e21, -0.5] }, 4);

    expect(formatInspect(file)).toContain(['  1.23457e+6', '  1.23456e-5', '       1e+21', '        -0.5'].join('\n'));
  });

  it('says so when the file has no rows', async () => {
    const text = formatInspect(await writeFile('empty.arrow', RUNS));

    expect(text).toContain('0 rows, 5 columns, 0 record batches');
    expect(text).toContain('run_id   Int32    not null');
    expect(text).toContain('(no rows)');
  });

  it('keeps a wide table within 120 columns and says how many columns it hid', async () => {
    const columns: ColumnSpec[] = Array.from({ length: 30 }, (_, i) => ({ name: `metric_number_${i}`, kind: 'float64' }));
    const data = Object.fromEntries(columns.map((c) => [c.name, Float64Array.of(123456.789)]));
    const text = formatInspect(await writeFile('wide.arrow', columns, data, 1));

    const tableLines = text.split('\n').slice(text.split('\n').indexOf('all 1 row:') + 1);
    expect(Math.max(...tableLines.map((l) => l.length))).toBeLessThanOrEqual(120);
    expect(text).toMatch(/\(2\d more columns not shown; see the schema above\)/);
    expect(text).toContain('  metric_number_29  Float64  not null');
  });

  it('says a missing file is missing, on one line', () => {
    const file = path.join(dir, 'missing.arrow');

    expect(() => formatInspect(file)).toThrow(new RegExp(`^no such file: ${file}$`));
  });
});

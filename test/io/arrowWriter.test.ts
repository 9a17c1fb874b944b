import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordBatchReader } from 'apache-arrow';
import { ArrowFileWriter, writeArrowTable, type ColumnData, type ColumnSpec } from '../../src/io/arrowWriter';
import { readArrowFile, readColumns } from '../../src/io/arrowReader';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokensim-io-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const EVERY_KIND: ColumnSpec[] = [
  { name: 'run_id', kind: 'int32' },
  { name: 'seed', kind: 'uint32' },
  { name: 'price', kind: 'float64' },
  { name: 'variant', kind: 'utf8' },
  { name: 'ok', kind: 'bool' },
  { name: 'n_null', kind: 'int32', nullable: true },
  { name: 'u_null', kind: 'uint32', nullable: true },
  { name: 'x_null', kind: 'float64', nullable: true },
  { name: 'error', kind: 'utf8', nullable: true },
  { name: 'b_null', kind: 'bool', nullable: true },
];

function everyKindBatch(): Record<string, ColumnData> {
  return {
    run_id: Int32Array.of(0, -1, 2147483647),
    seed: Uint32Array.of(0, 4294967295, 7),
    price: Float64Array.of(1.5, NaN, -Infinity),
    variant: ['base', 'bürn 🔥', ''],
    ok: [true, false, true],
    n_null: [null, -5, 6],
    u_null: [1, null, 3000000000],
    x_null: [0.1, 2, null],
    error: [null, 'NaN price at tick 3', null],
    b_null: [null, true, false],
  };
}

async function writeFile(file: string, columns: ColumnSpec[], batches: [Record<string, ColumnData>, number][]) {
  const writer = await ArrowFileWriter.open(file, columns);
  for (const [data, length] of batches) await writer.writeBatch(data, length);
  await writer.close();
}

describe('ArrowFileWriter', () => {
  it('round-trips every column kind, nulls included', async () => {
    const file = path.join(dir, 'kinds.arrow');
    await writeFile(file, EVERY_KIND, [[everyKindBatch(), 3]]);

    const { columns, numRows } = readArrowFile(file);
    expect(numRows).toBe(3);
    expect(columns.map((c) => `${c.name}:${c.type}:${c.nullable}`)).toEqual([
      'run_id:Int32:false',
      'seed:Uint32:false',
      'price:Float64:false',
      'variant:Utf8:false',
      'ok:Bool:false',
      'n_null:Int32:true',
      'u_null:Uint32:true',
      'x_null:Float64:true',
      'error:Utf8:true',
      'b_null:Bool:true',
    ]);
    const expected = everyKindBatch();
    const got = readColumns(file);
    for (const name of Object.keys(expected)) expect(got[name], name).toEqual(Array.from(expected[name] as ArrayLike<unknown>));
  });

  it('writes a file of several batches with their rows and batch count', async () => {
    const file = path.join(dir, 'multi.arrow');
    const batch = (from: number, n: number): [Record<string, ColumnData>, number] => [
      { tick: Int32Array.from({ length: n }, (_, i) => from + i), price: new Float64Array(n).fill(from) },
      n,
    ];
    await writeFile(file, [{ name: 'tick', kind: 'int32' }, { name: 'price', kind: 'float64' }], [
      batch(0, 5),
      batch(5, 7),
      batch(12, 0),
      batch(12, 3),
    ]);

    const { numRows, numBatches } = readArrowFile(file);
    expect(numRows).toBe(15);
    expect(numBatches).toBe(4);
    expect(readColumns(file).tick).toEqual(Array.from({ length: 15 }, (_, i) => i));
  });

  it('writes a valid file with the schema and 0 rows when no batch is written', async () => {
    const file = path.join(dir, 'empty.arrow');
    await writeFile(file, EVERY_KIND, []);

    const { columns, numRows, numBatches } = readArrowFile(file);
    expect(columns.map((c) => c.name)).toEqual(EVERY_KIND.map((c) => c.name));
    expect(numRows).toBe(0);
    expect(numBatches).toBe(0);
  });

  it('keeps schema-level metadata', async () => {
    const file = path.join(dir, 'meta.arrow');
    const writer = await ArrowFileWriter.open(file, [{ name: 'x', kind: 'float64' }], new Map([['table', 'summary']]));
    await writer.close();

    expect(readArrowFile(file).table.schema.metadata.get('table')).toBe('summary');
  });

  it('writes byte-identical files for identical input', async () => {
    const a = path.join(dir, 'a.arrow');
    const b = path.join(dir, 'b.arrow');
    await writeFile(a, EVERY_KIND, [[everyKindBatch(), 3], [everyKindBatch(), 3]]);
    await writeFile(b, EVERY_KIND, [[everyKindBatch(), 3], [everyKindBatch(), 3]]);

    expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
  });

  it('has each batch in the file when writeBatch resolves, over 200 batches', async () => {
    const file = path.join(dir, 'many.arrow');
    const n = 1000;
    const values = new Float64Array(n);
    const writer = await ArrowFileWriter.open(file, [{ name: 'price', kind: 'float64' }]);
    const sizes: number[] = [];
    for (let k = 0; k < 200; k++) {
      values.fill(k); // reusing the array is safe once the previous batch resolved
      await writer.writeBatch({ price: values }, n);
      sizes.push(fs.statSync(file).size);
    }
    await writer.close();

    const reader = RecordBatchReader.from(fs.readFileSync(file)).open();
    expect(reader.isFile() && reader.numRecordBatches).toBe(200);
    const ends = Array.from({ length: 200 }, (_, k) => {
      const block = reader.isFile() ? reader.footer!.getRecordBatch(k)! : null;
      return Number(block!.offset) + block!.metaDataLength + Number(block!.bodyLength);
    });
    expect(sizes).toEqual(ends);
    const price = readColumns(file).price as number[];
    expect(price.length).toBe(200 * n);
    expect([price[0], price[n], price[199 * n + n - 1]]).toEqual([0, 1, 199]);
  });

  it('rejects a second writeBatch while the first is in flight', async () => {
    const writer = await ArrowFileWriter.open(path.join(dir, 'busy.arrow'), [{ name: 'x', kind: 'float64' }]);
    const first = writer.writeBatch({ x: new Float64Array(10) }, 10);

    await expect(writer.writeBatch({ x: new Float64Array(10) }, 10)).rejects.toThrow(/still being written/);
    await first;
    await writer.close();
  });
});

describe('ArrowFileWriter input checks', () => {
  const columns: ColumnSpec[] = [
    { name: 'tick', kind: 'int32' },
    { name: 'price', kind: 'float64' },
    { name: 'variant', kind: 'utf8' },
  ];
  const good = (): Record<string, ColumnData> => ({ tick: Int32Array.of(1, 2), price: [1, 2], variant: ['a', 'b'] });

  it.each([
    ['a missing column', { tick: Int32Array.of(1, 2), variant: ['a', 'b'] }, /column 'price' is missing/],
    ['a column of another length', { ...good(), price: Float64Array.of(1) }, /column 'price' has 1 values, expected 2/],
    ['an undeclared column', { ...good(), volume: [1, 2] }, /column 'volume' is not in the schema/],
    ['the wrong typed array', { ...good(), tick: Float64Array.of(1, 2) }, /column 'tick' is int32: expected Int32Array/],
    ['a non-integer in an int32 column', { ...good(), tick: [1, 2.5] }, /column 'tick' is int32: row 1 holds 2.5/],
    ['a string in a float64 column', { ...good(), price: [1, '2'] as never }, /column 'price' is float64: row 1 holds "2"/],
    ['a number in a utf8 column', { ...good(), variant: ['a', 3] as never }, /column 'variant' is utf8: row 1 holds 3/],
    ['a null in a non-nullable column', { ...good(), variant: ['a', null] }, /column 'variant' is not nullable/],
  ])('rejects %s, naming the column', async (_, data, message) => {
    const writer = await ArrowFileWriter.open(path.join(dir, 'bad.arrow'), columns);

    await expect(writer.writeBatch(data as Record<string, ColumnData>, 2)).rejects.toThrow(message);
    await writer.close();
  });

  it('stays usable after a rejected batch', async () => {
    const file = path.join(dir, 'recover.arrow');
    const writer = await ArrowFileWriter.open(file, columns);
    await expect(writer.writeBatch({ tick: Int32Array.of(1) }, 1)).rejects.toThrow(/price/);
    await writer.writeBatch(good(), 2);
    await writer.close();

    expect(readColumns(file)).toEqual({ tick: [1, 2], price: [1, 2], variant: ['a', 'b'] });
  });

  it('rejects a uint32 value out of range', async () => {
    const writer = await ArrowFileWriter.open(path.join(dir, 'u.arrow'), [{ name: 'seed', kind: 'uint32' }]);

    await expect(writer.writeBatch({ seed: [-1] }, 1)).rejects.toThrow(/column 'seed' is uint32: row 0 holds -1/);
    await writer.close();
  });

  it('rejects a column declared twice', async () => {
    await expect(
      ArrowFileWriter.open(path.join(dir, 'twice.arrow'), [{ name: 'x', kind: 'int32' }, { name: 'x', kind: 'float64' }]),
    ).rejects.toThrow(/column 'x' is declared twice/);
  });

  it('rejects a file it cannot create', async () => {
    await expect(ArrowFileWriter.open(path.join(dir, 'no', 'such', 'dir.arrow'), columns)).rejects.toThrow(/ENOENT/);
  });

  it('rejects writes after close', async () => {
    const writer = await ArrowFileWriter.open(path.join(dir, 'closed.arrow'), columns);
    await writer.close();

    await expect(writer.writeBatch(good(), 2)).rejects.toThrow(/is closed/);
    await expect(writer.close()).rejects.toThrow(/is closed/);
  });
});

describe('readArrowFile', () => {
  it('says a missing file is missing, on one line', () => {
    const file = path.join(dir, 'nope.arrow');

    expect(() => readArrowFile(file)).toThrow(new RegExp(`^no such file: ${file}$`));
  });

  it.each([
    ['a text file', 'run_id,price\n1,2\n'],
    ['an empty file', ''],
  ])('says %s is not an Arrow IPC file', (_, text) => {
    const file = path.join(dir, 'not.arrow');
    fs.writeFileSync(file, text);

    expect(() => readArrowFile(file)).toThrow(new RegExp(`^not an Arrow IPC file: ${file}$`));
  });

  it('says a file cut short before its footer is not an Arrow IPC file', async () => {
    const file = path.join(dir, 'cut.arrow');
    await writeFile(file, EVERY_KIND, [[everyKindBatch(), 3]]);
    fs.truncateSync(file, fs.statSync(file).size - 40);

    expect(() => readArrowFile(file)).toThrow(/^not an Arrow IPC file: /);
  });
});

describe('writeArrowTable', () => {
  it('writes a whole small table as one closed file with one record batch', async () => {
    const file = path.join(dir, 'small.arrow');
    await writeArrowTable(file, [{ name: 'k', kind: 'utf8' }, { name: 'v', kind: 'float64' }], { k: ['a', 'b'], v: Float64Array.of(1.5, -2) }, 2);
    const { numRows, numBatches } = readArrowFile(file);
    expect([numRows, numBatches]).toEqual([2, 1]);
    expect(readColumns(file)).toEqual({ k: ['a', 'b'], v: [1.5, -2] });
  });
});

import { describe, expect, it } from 'vitest';
import { readCsvColumns } from '../../src/market/replayCsv';
import { tempCsvDir } from './tempCsv';

const { csv } = tempCsvDir('tokensim-csv-');

describe('readCsvColumns', () => {
  it('reads required and present optional columns with the file line of each row', () => {
    const file = csv('a.csv', '\nPrice, Volume ,date\n1,10,x\n\n2,20,y\n');
    const t = readCsvColumns(file, { required: ['price'], optional: ['volume', 'staking_ratio'] });
    expect(Array.from(t.columns.price)).toEqual([1, 2]);
    expect(Array.from(t.columns.volume)).toEqual([10, 20]);
    expect(t.columns.staking_ratio).toBeUndefined();
    expect(t.headerLine).toBe(2);
    expect(Array.from(t.lines)).toEqual([3, 5]);
  });

  it('rejects a header that names a column twice', () => {
    expect(() => readCsvColumns(csv('b.csv', 'price,price\n1,2\n'), { required: ['price'] })).toThrow(/b\.csv line 1: the header names "price" twice/);
  });

  it('rejects infinities and an unclosed quote with the line', () => {
    expect(() => readCsvColumns(csv('c.csv', 'x\nInfinity\n'), { required: ['x'] })).toThrow(/c\.csv line 2: x "Infinity" is not a finite number/);
    expect(() => readCsvColumns(csv('d.csv', 'x\n"1\n'), { required: ['x'] })).toThrow(/d\.csv line 2: not valid CSV/);
  });
});

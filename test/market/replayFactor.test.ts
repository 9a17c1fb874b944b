import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { ReplayFactor, readReplaySeries } from '../../src/market/replayFactor';
import { tempCsvDir } from './tempCsv';

const { dir, csv } = tempCsvDir('tokensim-replay-');

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('readReplaySeries', () => {
  it('turns a price column into log returns, ignoring other columns', () => {
    const file = csv('prices.csv', 'date,Price,volume\n2024-01-01,100,5\n2024-01-02,110,6\n\n2024-01-03,99,7\n');
    const s = readReplaySeries(file);
    expect(s.source).toBe('price');
    expect(Array.from(s.returns)).toEqual([Math.log(1.1), Math.log(99 / 110)]);
  });

  it('takes a return column as given, with a byte-order mark, CRLF and quoted fields', () => {
    const file = csv('returns.csv', '\ufefftick,return\r\n1,"0.01"\r\n2,-0.02\r\n');
    const s = readReplaySeries(file);
    expect(s.source).toBe('return');
    expect(Array.from(s.returns)).toEqual([0.01, -0.02]);
  });

  it('names file, line and value of a malformed number', () => {
    const file = csv('bad.csv', 'date,price\n2024-01-01,100\n\n2024-01-03,abc\n');
    expect(message(() => readReplaySeries(file))).toBe(`${file} line 4: price "abc" is not a positive finite number`);
  });

  it('rejects a non-positive price and an empty return field', () => {
    expect(message(() => readReplaySeries(csv('zero.csv', 'price\n100\n0\n')))).toMatch(/zero\.csv line 3: price "0" is not a positive/);
    expect(message(() => readReplaySeries(csv('gap.csv', 'tick,return\n1,\n')))).toMatch(/gap\.csv line 2: return "" is not a finite number/);
  });

  it('names a missing column, two candidate columns, a ragged row, a missing file and too few rows', () => {
    expect(message(() => readReplaySeries(csv('none.csv', 'date,close\n1,2\n')))).toBe(
      `${join(dir, 'none.csv')} line 1: no "price" or "return" column in the header (date, close)`,
    );
    expect(message(() => readReplaySeries(csv('both.csv', 'price,return\n1,2\n')))).toMatch(/both "price" and "return"/);
    expect(message(() => readReplaySeries(csv('ragged.csv', 'date,price\n1,100\n2\n')))).toMatch(/ragged\.csv line 3: not valid CSV/);
    expect(message(() => readReplaySeries(join(dir, 'missing.csv')))).toMatch(/missing\.csv: cannot read the file \(ENOENT\)/);
    expect(message(() => readReplaySeries(csv('one.csv', 'price\n100\n')))).toMatch(/one\.csv: no pair of prices to replay/);
    expect(message(() => readReplaySeries(csv('empty.csv', '')))).toMatch(/empty\.csv: the file is empty/);
  });

  it('leaves the file as it was', () => {
    const text = 'price\n1\n2\n';
    const file = csv('kept.csv', text);
    readReplaySeries(file);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('ReplayFactor', () => {
  it('replays the returns in order, says when a run is longer than the file, and throws past the end', () => {
    const factor = new ReplayFactor(readReplaySeries(csv('r.csv', 'return\n0.1\n0.2\n')));
    expect(factor.checkCovers(2)).toBeUndefined();
    expect(factor.checkCovers(3)).toMatch(/a run of 3 ticks needs 3 returns, the file gives 2/);
    expect([factor.next(), factor.next()]).toEqual([0.1, 0.2]);
    expect(() => factor.next()).toThrow(RangeError);
  });
});

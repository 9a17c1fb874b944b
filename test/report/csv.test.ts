import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/report/csv';

describe('toCsv', () => {
  it('writes every key as a column, numbers at full precision, empty fields for missing values, quotes where needed', () => {
    const csv = toCsv([
      { variant: 'a', tick: 0, value: 0.1 + 0.2 },
      { variant: 'b, "quoted"', tick: 1, value: null, extra: NaN },
    ]);
    expect(csv).toBe('variant,tick,value,extra\r\na,0,0.30000000000000004,\r\n"b, ""quoted""",1,,\r\n');
  });
});

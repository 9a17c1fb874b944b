import { describe, expect, it } from 'vitest';
import { axisTitle, columnInfo } from '../../src/report/units';

describe('columnInfo', () => {
  const manifest = {
    units: {
      timeseries: { price: { unit: 'USD/token', description: 'Token price on the AMM' }, staking_ratio: { unit: '1', description: 'Staked share' } },
      summary: { inflation: { unit: '1/year' } },
    },
  };

  it('reads a column’s unit and description from the manifest, leaving out pure-number units', () => {
    expect(columnInfo(manifest, 'timeseries', 'price')).toEqual({ name: 'price', unit: 'USD/token', description: 'Token price on the AMM' });
    expect(columnInfo(manifest, 'timeseries', 'staking_ratio')).toEqual({ name: 'staking_ratio', unit: undefined, description: 'Staked share' });
    expect(columnInfo(manifest, 'summary', 'inflation')).toEqual({ name: 'inflation', unit: '1/year', description: undefined });
  });

  it('falls back to the bare name when the manifest declares nothing', () => {
    expect(columnInfo({}, 'timeseries', 'price')).toEqual({ name: 'price', unit: undefined, description: undefined });
    expect(columnInfo(manifest, 'summary', 'price')).toEqual({ name: 'price', unit: undefined, description: undefined });
  });

  it('titles an axis with the unit in brackets, or the name alone', () => {
    expect(axisTitle({ name: 'price', unit: 'USD/token' })).toBe('price (USD/token)');
    expect(axisTitle({ name: 'supply' })).toBe('supply');
  });
});

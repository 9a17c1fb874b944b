// Type-level checks of sweep designs: `npm run typecheck` fails if a line
// marked @ts-expect-error stops being an error.
import { describe, expect, it } from 'vitest';
import { defineExperiment } from '../../src/experiment/define';
import { tokenEconomy } from '../../src/models/tokenEconomy';

describe('sweep designs are typed over dotted parameter paths', () => {
  it('accepts known paths with values of their type, and the type checker rejects the rest', () => {
    const ok = () =>
      defineExperiment({
        name: 't',
        model: tokenEconomy,
        sweep: { kind: 'grid', params: { 'emission.ratePerYear': [1e6, 2e6], 'emission.schedule': ['constant', 'halving'] } },
      });
    const typos = () => [
      // @ts-expect-error: an unknown path
      defineExperiment({ name: 't', model: tokenEconomy, sweep: { kind: 'grid', params: { 'emission.rate': [1] } } }),
      // @ts-expect-error: a string for a numeric parameter
      defineExperiment({ name: 't', model: tokenEconomy, sweep: { kind: 'zip', params: { 'emission.ratePerYear': ['lots'] } } }),
      // @ts-expect-error: a range over a non-numeric parameter
      defineExperiment({ name: 't', model: tokenEconomy, sweep: { kind: 'lhs', samples: 4, params: { 'emission.schedule': { min: 0, max: 1 } } } }),
    ];
    expect(ok().sweep).not.toBeNull();
    expect(typos).toThrow(/unknown sweep \(grid\) path "emission\.rate"/);
  });
});

// Type-level checks of the sobol and morris sweep kinds (declared by merging
// into SweepKinds): `npm run typecheck` fails if a line marked with the
// expect-error directive stops being an error.
import { describe, expect, it } from 'vitest';
import { defineExperiment } from '../../src/experiment/define';
import { tokenEconomy } from '../../src/models/tokenEconomy';

describe('sensitivity sweep kinds are typed like the built-in ones', () => {
  it('accepts numeric paths with ranges and a size, and the type checker rejects the rest', () => {
    const ok = () => [
      defineExperiment({ name: 't', model: tokenEconomy, sweep: { kind: 'sobol', n: 4, params: { 'amm.feeBps': { min: 5, max: 100, scale: 'log' } } } }),
      defineExperiment({ name: 't', model: tokenEconomy, sweep: { kind: 'morris', trajectories: 4, params: { 'feeBurn.feeShare': { min: 0, max: 1 } } } }),
    ];
    const wrong = () => [
      // @ts-expect-error: an unknown path
      defineExperiment({ name: 't', model: tokenEconomy, sweep: { kind: 'sobol', n: 4, params: { 'amm.fee': { min: 0, max: 1 } } } }),
      // @ts-expect-error: a Sobol design without its base sample size n
      defineExperiment({ name: 't', model: tokenEconomy, sweep: { kind: 'sobol', params: { 'amm.feeBps': { min: 5, max: 100 } } } }),
      // @ts-expect-error: a range over a non-numeric parameter
      defineExperiment({ name: 't', model: tokenEconomy, sweep: { kind: 'morris', trajectories: 4, params: { 'emission.schedule': { min: 0, max: 1 } } } }),
    ];
    expect(ok().map((e) => e.sweep?.kind)).toEqual(['sobol', 'morris']);
    expect(wrong).toThrow(/unknown sweep \(sobol\) path "amm\.fee"/);
  });
});

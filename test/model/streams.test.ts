import { describe, expect, it } from 'vitest';
import { defineBlock, type AnyBlock } from '../../src/core/block';
import { applyOverrides } from '../../src/experiment/define';
import type { BlockModel } from '../../src/model/defineModel';
import { runOne } from '../../src/experiment/runOne';
import { tokenEconomy } from '../../src/models/tokenEconomy';
import { depinNetwork } from '../../src/models/depinNetwork';

/** An agent class of no agents that would draw from its own stream every tick, and a mechanism that draws and does nothing. */
const idleClass = defineBlock({
  key: 'idlers',
  kind: 'agents',
  description: 'an empty class',
  population: { schema: {}, count: () => 0 },
  build(ctx) {
    const { pop } = ctx.population({});
    return { api: undefined, agents: { name: 'idlers', population: pop, act: () => void ctx.rng.next() } };
  },
});
const idleMechanism = defineBlock({
  key: 'idle',
  kind: 'mechanism',
  description: 'draws and does nothing',
  build: (ctx) => ({ api: undefined, hooks: { pre: () => void ctx.rng.next(), post: () => void ctx.rng.next() } }),
});

const spec = (params: object) => ({ runId: 0, variant: 'v', point: 0, replicate: 0, seed: 12345, params }) as never;
const opts = { ticks: 60, every: 1, metrics: null, check: true };

/** Runs `model` as it is and with the inert blocks before its stakers, 200 stakers and 200 traders each, and returns both results. */
function withAndWithout<B extends AnyBlock>(model: BlockModel<B>) {
  const small = { stakers: { count: 200 }, traders: { count: 200 } } as never;
  const plain = runOne(model, spec(applyOverrides(model.defaults, small, 'test')), opts);
  const withIdle = model.with({ before: 'stakers' }, idleClass, idleMechanism);
  const padded = runOne(withIdle, spec(applyOverrides(withIdle.defaults, small, 'test')), opts);
  return { plain, padded };
}

describe('random streams per block', () => {
  it.each([
    ['the token economy', () => withAndWithout(tokenEconomy)],
    ['the DePIN network', () => withAndWithout(depinNetwork)],
  ] as const)('adding inert blocks to %s changes none of its draws: every column identical', (_name, runBoth) => {
    const { plain, padded } = runBoth();
    expect(plain.status).toBe('ok');
    expect(padded.status).toBe('ok');
    for (const [name, col] of Object.entries(plain.series)) expect(Array.from(padded.series[name]), name).toEqual(Array.from(col));
    expect(padded.summary).toEqual(plain.summary);
  });
});

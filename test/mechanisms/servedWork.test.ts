import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/core/ledger';
import { Population } from '../../src/core/population';
import { NodeRewards } from '../../src/mechanisms/nodeRewards';
import { ServedWork, servedWorkColumns } from '../../src/mechanisms/servedWork';

/** Served-work pay over a node stream whose up nodes have `upCapacity` and `upWeight`, with three nodes to claim it. */
function setup(upCapacity: number, upWeight: number) {
  const ledger = new Ledger();
  const nodes = new NodeRewards(ledger, ledger.open('nodeRewards', { owner: 'nodeRewards', circulating: false }));
  nodes.upCapacity = upCapacity;
  nodes.upWeight = upWeight;
  const s = new ServedWork(ledger, ledger.open('depinRewards', { owner: 'depinRewards', circulating: false }), nodes);
  const pop = new Population('ops', servedWorkColumns, 3);
  pop.add(3);
  ledger.openPopulation(pop, { owner: 'ops', circulating: true });
  // What the reward model does once a distribution is accepted: move the tokens and USD into the escrow.
  const fundTokens = ledger.route('mint', s.escrow, 'operator reward');
  const fundUsd = ledger.route('outside', s.escrow, 'service payment', 'usd');
  return { ledger, s, pop, fundTokens, fundUsd };
}

describe('served-work pay', () => {
  it('pays up nodes only, tokens by reward weight and USD by capacity, and hands out exactly what was distributed', () => {
    // Up: node 0 (capacity 10, weight 10) and node 1 (capacity 30, weight 45: a 1.5× green multiplier); node 2 is down.
    // 110 tokens over weight 55 → 2 per weight unit: 20 and 90; 80 USD over capacity 40 → 2 per unit: 20 and 60.
    const { ledger, s, pop, fundTokens, fundUsd } = setup(40, 55);
    pop.cols.capacity.set([10, 30, 60]);
    pop.cols.rewardWeight.set([10, 45, 60]);
    pop.cols.up.set([1, 1, 0]);
    s.beginTick();

    expect(s.acceptTokens(110)).toBe(true);
    fundTokens.move(110);
    expect(s.acceptUsd(80)).toBe(true);
    fundUsd.move(80);

    expect(s.claim(pop, 0)).toBeCloseTo(20, 12);
    expect(s.lastClaimUsd).toBeCloseTo(20, 12);
    expect(s.claim(pop, 1)).toBeCloseTo(90, 12);
    expect(s.lastClaimUsd).toBeCloseTo(60, 12);
    expect(s.claim(pop, 2)).toBe(0);
    expect(s.lastClaimUsd).toBe(0);
    expect(s.escrow.tokens).toBeCloseTo(0, 9);
    expect(s.escrow.usd).toBeCloseTo(0, 9);
    expect(Array.from(pop.cols.tokens.subarray(0, 3))).toEqual([20, 90, 0]);
    expect(() => ledger.check(1)).not.toThrow();
  });

  it('refuses to distribute when no node is up', () => {
    const { s } = setup(0, 0);

    expect(s.acceptTokens(10)).toBe(false);
    expect(s.acceptUsd(10)).toBe(false);
    expect([s.distributedTokens, s.distributedUsd, s.tokensPerWeight]).toEqual([0, 0, 0]);
  });

  it('never pays a claim beyond what is left in the escrow', () => {
    // The rate promises 10 tokens to a node of weight 10, but only 7 reached the escrow.
    const { s, pop, fundTokens } = setup(10, 10);
    pop.cols.rewardWeight[0] = 10;
    pop.cols.up[0] = 1;
    s.beginTick();
    s.acceptTokens(10);
    fundTokens.move(7);

    expect(s.claim(pop, 0)).toBe(7);
    expect(s.escrow.tokens).toBe(0);
  });

  it('starts each tick with no rates', () => {
    const { s } = setup(10, 10);
    s.acceptTokens(10);
    s.acceptUsd(5);

    s.beginTick();

    expect([s.tokensPerWeight, s.usdPerCapacity, s.distributedTokens, s.distributedUsd]).toEqual([0, 0, 0, 0]);
  });
});

import { describe, expect, it } from 'vitest';
import { bridge, bridgeBlock, bridgeNames, snakeKey } from '../../src/chains/bridgeBlock';

describe('bridgeBlock', () => {
  it('keeps the names of the bridge `bridge` as they were', () => {
    expect(Object.keys(bridge.spec.metrics!)).toEqual([
      'bridge_in_flight', 'bridge_locked', 'bridge_wrapped_supply', 'bridge_backing_ratio', 'bridge_unbacked', 'bridge_volume',
      'bridge_fees', 'bridge_exploits', 'bridge_exploit_loss_usd', 'bridge_pool_from', 'bridge_pool_to', 'cross_chain_gap',
    ]);
    expect(Object.keys(bridge.spec.kpis!)).toEqual([
      'cross_chain_gap_mean', 'cross_chain_gap_max', 'total_bridge_volume', 'bridge_exploit_count', 'total_exploit_loss_usd', 'bridge_unbacked_end', 'bridge_backing_ratio_end',
    ]);
    expect(Object.keys(bridge.spec.tables!)).toEqual(['bridge_exploits', 'bridge_losses']);
  });

  it('prefixes every name of another bridge by its key in snake_case', () => {
    expect(snakeKey('farBridge')).toBe('far_bridge');
    const b = bridgeBlock('farBridge');
    expect(b.key).toBe('farBridge');
    const names = [...Object.keys(b.spec.metrics!), ...Object.keys(b.spec.kpis!), ...Object.keys(b.spec.tables!)];
    for (const n of names) expect(n).toMatch(/^(total_)?far_bridge_/);
    expect(bridgeNames('farBridge').gap).toBe('far_bridge_gap');
    expect(bridgeNames('farBridge').totalExploitLossUsd).toBe('total_far_bridge_exploit_loss_usd');
    // No name of one bridge is a name of the other: both fit in one model.
    expect(names.filter((n) => n in bridge.spec.metrics! || n in bridge.spec.kpis! || n in bridge.spec.tables!)).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import launch from '../../experiments/launch-economy';
import { planRuns } from '../../src/experiment/plan';
import { runOne } from '../../src/experiment/runOne';
import { describeModel, formatModelDescription } from '../../src/model/describe';
import { launchEconomy } from '../../src/models/launchEconomy';

const root = join(__dirname, '..', '..');

describe('the launch economy: DePIN, supply side and governance in one model', () => {
  it('runs every variant with conservation checked every tick, and vests, burns, buys back, votes and serves', () => {
    const plan = planRuns(launch, { seeds: 1, ticks: 120 });
    for (const spec of plan.runs) {
      const r = runOne(launch.model, spec, { ticks: 120, every: 10, metrics: null, check: true });
      expect(r.status, `${spec.variant}: ${r.error}`).toBe('ok');
      expect(r.summary.total_unlocked, spec.variant).toBeGreaterThan(0);
      expect(r.summary.total_fee_burn, spec.variant).toBeGreaterThan(0);
      expect(r.summary.served_share, spec.variant).toBeGreaterThan(0);
      if (spec.variant.endsWith('noDao')) expect(r.summary.gov_proposals, spec.variant).toBe(0);
      else expect(r.summary.gov_proposals, spec.variant).toBeGreaterThan(0);
      if (spec.variant.startsWith('burnAndMint')) expect(r.summary.total_usage_burn, spec.variant).toBeGreaterThan(0);
    }
  });

  it('has the blocks of the DePIN network and of the supply side and governance, each once', () => {
    const keys = launchEconomy.blocks.map((b) => b.key);
    for (const k of ['service', 'depinRewards', 'consensus', 'nodeOperators', 'vesting', 'sectorHolders', 'buyback', 'feeBurn', 'governance', 'voters', 'locking']) expect(keys).toContain(k);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('prints, through tokensim model, the phase table its runs execute', () => {
    const out = execFileSync(process.execPath, [join(root, 'bin', 'tokensim.js'), 'model', join(root, 'experiments', 'launch-economy.ts')], { cwd: root }).toString();
    const d = describeModel(launchEconomy, planRuns(launch, { seeds: 1 }).runs[0].params);
    expect(out.trim()).toBe(formatModelDescription(d));
    expect(d.phases.pre.indexOf('governance')).toBeLessThan(d.phases.pre.indexOf('depinRewards'));
    expect(out).toMatch(/^pre\s+.*staking → governance → .*depinRewards → consensus → feeBurn/m);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import monadExperiment from '../../experiments/monad-airdrop';
import { runExperiment } from '../../src/experiment/runExperiment';
import { tickCostUsd, walletsToFarm } from '../../src/mechanisms/farming';
import { airdropEconomy } from '../../src/models/airdropEconomy';
import { monadAirdrop } from '../../src/models/monadAirdrop';

/** Every leaf path where two parameter trees differ. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path];
}

describe('the Monad-like airdrop preset', () => {
  it('is the airdrop model with the season, points, farmers and testnet costs its doc comment names, and nothing else', () => {
    expect(differences(airdropEconomy.defaults, monadAirdrop.defaults)).toEqual([
      'airdrop.rates.liquidity',
      'airdrop.rates.transactions',
      'airdrop.seasonTicks',
      'airdropWallets.costs.capitalCostPerYear',
      'airdropWallets.costs.gasUsdPerTx',
      'airdropWallets.costs.timeUsdPerTick',
      'airdropWallets.costs.tradeCostBps',
      'airdropWallets.farmer.maxWallets.max',
      'airdropWallets.farmer.walletCostGrowth',
      'airdropWallets.farmers',
    ]);
    expect(monadAirdrop.name).toBe('monadAirdrop');
  });

  it('charges a testnet wallet its time only: $0.05 a day, $9 over the 180-day season, so a wallet worth $30 is farmed ~233 times over', () => {
    const p = monadAirdrop.defaults.airdropWallets;
    const farmer = { volumeUsd: p.farmer.volumeUsd, liquidityUsd: p.farmer.liquidityUsd, transactions: p.farmer.transactions };
    // c = n·0 + V·0/10⁴ + L·0/T + 0.05.
    expect(tickCostUsd(farmer, p.costs, 365)).toBe(0.05);
    // At mainnet costs the same wallet pays 2 transactions × $0.30 + $100 × 10 bps + $0.10 = $0.80 a day.
    expect(tickCostUsd(farmer, { gasUsdPerTx: 0.3, tradeCostBps: 10, capitalCostPerYear: 0.1, timeUsdPerTick: 0.1 }, 365)).toBeCloseTo(0.8, 12);
    // Wallets j with 30 > 9 · (1 + 0.01 j): j < 233.3, so 234 wallets (j = 0 … 233), capped at the farmer's most.
    const C = 180 * 0.05;
    expect(walletsToFarm(30, C, 0.01, 1000)).toBe(234);
    expect(walletsToFarm(30, C, 0.01, 200)).toBe(200);
    // At $0.80 a day (C = $144) the same $30 wallet is not farmed at all.
    expect(walletsToFarm(30, 180 * 0.8, 0.01, 200)).toBe(0);
  });
});

describe('the monad-airdrop experiment', () => {
  const root = mkdtempSync(join(tmpdir(), 'tokensim-monad-airdrop-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('runs every variant past the drop with conservation checked every tick', async () => {
    const out = await runExperiment(monadExperiment, { out: join(root, 'run'), log: null, seeds: 1, ticks: 190, check: true });
    expect(out.runs).toBe(4);
    expect(out.failed).toBe(0);
  });
});

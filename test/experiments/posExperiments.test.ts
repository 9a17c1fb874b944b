import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { loadExperiment } from '../../src/cli/loadExperiment';
import { captureOutput } from '../helpers/captureOutput';

const root = join(__dirname, '..', '..');
const io = captureOutput();

describe('experiments/pos-case-studies.ts and experiments/fairness.ts', () => {
  it.each([
    ['cardano.a0=-1', 'cardano.a0: Too small: expected number to be >=0'],
    ['cardano.k=0', 'cardano.k: Too small: expected number to be >=1'],
  ])('refuse --set %s before any run: exit 2, one line, nothing written', async (set, message) => {
    const out = join(tmpdir(), `tokensim-pos-bad-${process.pid}`);
    const code = await main(['run', join(root, 'experiments', 'pos-case-studies.ts'), '--set', set, '--out', out, '--quiet']);

    expect(code).toBe(2);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });

  it('load, with the variants their README tables show', () => {
    expect(Object.keys(loadExperiment(join(root, 'experiments', 'pos-case-studies.ts')).variants)).toEqual(['ethereum', 'tezos', 'algorand', 'cardano', 'cardano-k150']);
    expect(Object.keys(loadExperiment(join(root, 'experiments', 'fairness.ts')).variants)).toEqual([
      'ethereum/equal',
      'tezos/equal',
      'algorand/equal',
      'cardano/equal',
      'ethereum/lognormal',
      'tezos/lognormal',
      'algorand/lognormal',
      'cardano/lognormal',
      'ethereum/pareto',
      'tezos/pareto',
      'algorand/pareto',
      'cardano/pareto',
    ]);
  });
});

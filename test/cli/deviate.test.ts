import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { captureOutput } from '../helpers/captureOutput';

const tiny = join(__dirname, '..', 'fixtures', 'tiny.ts');
const io = captureOutput();

describe('tokensim deviate', () => {
  it('prints one line per seed, the mean gain with its interval and a verdict', async () => {
    const code = await main(['deviate', tiny, '--class', 'stakers', '--strategy', 'never-stake', '--seeds', '3', '--ticks', '20', '--share', '0.1']);
    expect(code).toBe(0);
    expect(io.stdout).toMatch(/^deviation: 4 stakers agent\(s\) switch to never-stake \(variant baseline\)/);
    expect(io.stdout.split('\n').filter((l) => /^\d+\s/.test(l))).toHaveLength(3);
    expect(io.stdout).toMatch(/mean gain per deviating agent: .* USD, 95% CI \[.*, .*\]/);
    expect(io.stdout).toMatch(/verdict: /);
  });

  it('rejects a missing strategy and a bad share with one line each', async () => {
    expect(await main(['deviate', tiny, '--class', 'stakers'])).toBe(2);
    expect(io.stderr).toMatch(/--strategy S is required/);
    io.stderr = '';
    expect(await main(['deviate', tiny, '--class', 'stakers', '--strategy', 'never-stake', '--share', '2'])).toBe(2);
    expect(io.stderr).toBe('tokensim: --share 2: expected a share in (0, 1]\n');
  });

  it('lists the strategies a class declares when given an unknown one', async () => {
    expect(await main(['deviate', tiny, '--class', 'stakers', '--strategy', 'sell-everything'])).toBe(2);
    expect(io.stderr).toMatch(/stakers declares never-stake, always-stake/);
  });
});

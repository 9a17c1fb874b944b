import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { loadExperiment } from '../../src/cli/loadExperiment';
import { calibrateExperiment, bootstrapBlock, parseRange } from '../../src/experiment/calibrateExperiment';
import { pointRunner } from '../../src/experiment/pointRunner';
import { readColumns } from '../../src/io/arrowReader';
import { captureOutput } from '../helpers/captureOutput';

const fixture = join(__dirname, '..', 'fixtures', 'marketOnly.ts');
const io = captureOutput();
let dir: string;
let target: string;
let withVolume: string;
/** The options every calibration here shares: two parameters, three generations of six candidates on two seeds (36 runs). */
const args = (out: string, ...more: string[]) => [
  'calibrate', fixture, '--target', target, '--params', 'traders.activity=0.05:0.6', '--params', 'amm.usdReserve=5e5:3e6:log',
  '--moments', 'volatility,mean_abs_return,mean_log_price,abs_return_acf_1', '--seeds', '2', '--budget', '36', '--out', out, '-q', ...more,
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokensim-calibrate-'));
  // The "observed" series: the model itself at a known point, on a seed the calibration does not use.
  const runner = pointRunner(loadExperiment(fixture), { ticks: 120, seeds: 1, metrics: ['price', 'volume'] });
  const { price, volume } = runner.run({ values: { 'traders.activity': 0.3, 'amm.usdReserve': 1.5e6 }, seed: 987654 }).series;
  target = join(dir, 'prices.csv');
  writeFileSync(target, 'day,price\n' + Array.from(price, (p, t) => `${t},${p}`).join('\n') + '\n');
  withVolume = join(dir, 'market.csv');
  // Tick 0 has no trades before it: its volume is the next tick's, so the column is positive like a real one.
  writeFileSync(withVolume, 'day,price,Volume\n' + Array.from(price, (p, t) => `${t},${p},${volume[t] || volume[t + 1]}`).join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tokensim calibrate', () => {
  it('writes the moments, evaluations, convergence and fit tables, a report and an experiment file tokensim run takes', async () => {
    const out = join(dir, 'a');
    expect(await main([...args(out), '--workers', '2'])).toBe(0);
    expect(io.stdout).toMatch(/^market-only: calibrated in 18 evaluations × 2 seeds \(3 generations, stopped by budget\); J = /);
    expect(io.stdout).toMatch(/mean_log_price\s+0\.\d+/);
    const state = JSON.parse(readFileSync(join(out, 'calibration.json'), 'utf8'));
    expect(state.status).toBe('complete');
    expect(Object.keys(state.result.params).sort()).toEqual(['amm.usdReserve', 'traders.activity']);
    const moments = readColumns(join(out, 'moments.arrow'));
    expect(moments.moment).toEqual(['volatility', 'mean_abs_return', 'mean_log_price', 'abs_return_acf_1']);
    // The target's moments are the data's own: ln p averaged over the 121 prices.
    const prices = readFileSync(target, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
    expect(moments.target[2]).toBeCloseTo(prices.reduce((s, p) => s + Math.log(p), 0) / prices.length, 12);
    expect(readColumns(join(out, 'evaluations.arrow')).objective).toHaveLength(18);
    expect(readColumns(join(out, 'generations.arrow')).generation).toEqual([0, 1, 2]);
    expect(readColumns(join(out, 'fit.arrow')).tick).toHaveLength(121);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('Simulated against target moments');

    const calibrated = loadExperiment(join(out, 'calibrated.ts'));
    expect(calibrated.name).toBe('market-only-calibrated');
    const d = calibrated.defaults as { traders: { activity: number }; amm: { usdReserve: number } };
    expect(d.traders.activity).toBeCloseTo(state.result.params['traders.activity'], 5);
    expect(d.amm.usdReserve).toBeCloseTo(state.result.params['amm.usdReserve'], -1);
    expect(await main(['run', join(out, 'calibrated.ts'), '--seeds', '1', '--ticks', '5', '--out', join(dir, 'run'), '-q'])).toBe(0);
  });

  it('finds the same point on one worker as on two, and the same again when resumed after an interruption', async () => {
    const one = join(dir, 'b');
    expect(await main([...args(one), '--workers', '1'])).toBe(0);
    const a = JSON.parse(readFileSync(join(dir, 'a', 'calibration.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(one, 'calibration.json'), 'utf8'));
    expect(b.result).toEqual(a.result);
    expect(b.evaluations).toEqual(a.evaluations);

    // Interrupted after its first generation (a SIGINT while it runs), then resumed.
    const cut = join(dir, 'c');
    const log = (line: string) => {
      if (line.startsWith('generation 0:')) process.emit('SIGINT', 'SIGINT');
    };
    const ranges = Object.fromEntries(['traders.activity=0.05:0.6', 'amm.usdReserve=5e5:3e6:log'].map(parseRange));
    const options = { file: fixture, target, ranges, moments: ['volatility', 'mean_abs_return', 'mean_log_price', 'abs_return_acf_1'], seeds: 2, budget: 36, out: cut, log };
    const stopped = await calibrateExperiment(loadExperiment(fixture), options);
    expect(stopped.status).toBe('interrupted');
    expect(stopped.evaluations).toBe(6);
    expect(existsSync(join(cut, 'calibrated.ts'))).toBe(false);
    expect(await main(['calibrate', '--resume', cut, '-q'])).toBe(0);
    const c = JSON.parse(readFileSync(join(cut, 'calibration.json'), 'utf8'));
    expect(c.result).toEqual(a.result);
    expect(c.evaluations).toEqual(a.evaluations);
  });

  it('refuses bad input in one line, exit code 2, before anything is written', async () => {
    const cases: [string[], RegExp][] = [
      [['--params', 'traders.actvity=0.1:0.5'], /^tokensim: unknown --params path "traders.actvity"; did you mean traders\.activity\?\n$/],
      [['--params', 'traders.activity=0.5:0.1'], /^tokensim: --params traders.activity=0.5:0.1: min must be below max\n$/],
      [['--params', 'traders.activity=low:high'], /^tokensim: --params traders.activity=low:high: min and max must be numbers/],
      [['--params', 'factor.source=0:1'], /^tokensim: --params factor.source: expected the path of a numeric parameter .* but it holds "garch"\n$/],
      [['--params', 'factor.beta=0.5:0.95'], /^tokensim: --params factor.beta=0.5:0.95: the model refuses factor.beta=0.95 \(.*alpha \+ beta must be < 1/],
      [['--params', 'traders.activity=0.1:0.5', '--moments', 'volatility,kurtosis'], /^tokensim: --moments: unknown moment kurtosis; expected some of volatility, /],
      [['--params', 'traders.activity=0.1:0.5', '--target', join(dir, 'missing.csv')], /^tokensim: .*missing\.csv: cannot read the file \(ENOENT\)\n$/],
      [['--params', 'traders.activity=0.1:0.5', '--variant', 'nope'], /^tokensim: --variant nope: no such variant; the experiment has baseline\n$/],
      [['--params', 'traders.activity=0.1:0.5', '--metric', 'prise'], /^tokensim: --metric prise: the model has no such metric; did you mean price\? \(tokensim model lists all \d+\)\n$/],
      [[], /^tokensim: calibrate: expected at least one --params path=min:max/],
    ];
    const short = join(dir, 'short.csv');
    writeFileSync(short, 'price\n1\n1.1\n1.2\n');
    cases.push([['--params', 'traders.activity=0.1:0.5', '--target', short], /^tokensim: --target .*short\.csv: 3 rows of price; a calibration needs at least 60/]);
    for (const [more, message] of cases) {
      io.stderr = '';
      const out = join(dir, 'refused');
      const base = ['calibrate', fixture, '--target', target, '--seeds', '2', '--budget', '12', '--out', out, '-q'];
      // A later --target replaces the first.
      expect(await main([...base, ...more]), more.join(' ')).toBe(2);
      expect(io.stderr).toMatch(message);
      expect(io.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('refuses to write over a calibration, and to resume one with other inputs', async () => {
    expect(await main(args(join(dir, 'a')))).toBe(2);
    expect(io.stderr).toMatch(/already holds a calibration; finish it with --resume/);
    io.stderr = '';
    expect(await main(['calibrate', fixture, '--resume', join(dir, 'a'), '--seeds', '3', '-q'])).toBe(2);
    expect(io.stderr).toMatch(/that calibration had other inputs \(seeds differ\)/);
  });

  it('matches the volume jointly with the price: its moments, its fit and the inputs it resumes with', async () => {
    const out = join(dir, 'joint');
    const more = ['--target', withVolume, '--match', 'Volume=volume'];
    expect(await main([...args(out), ...more])).toBe(0);
    expect(io.stdout).toMatch(/volume\.mean_log\s+\d+\.\d+\s+\d+\.\d+/);
    const moments = readColumns(join(out, 'moments.arrow'));
    expect(moments.moment).toEqual(['volatility', 'mean_abs_return', 'mean_log_price', 'abs_return_acf_1', 'volume.mean_log', 'volume.log_change_sd']);
    const volume = readFileSync(withVolume, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[2]));
    expect(moments.target[4]).toBeCloseTo(volume.reduce((s, v) => s + Math.log(v), 0) / volume.length, 12);
    const fit = readColumns(join(out, 'fit.arrow'));
    expect(Object.keys(fit)).toEqual(expect.arrayContaining(['target', 'simulated_median', 'volume_target', 'volume_simulated_median', 'volume_simulated_p05', 'volume_simulated_p95']));
    expect(fit.volume_target).toEqual(volume);
    expect(readFileSync(join(out, 'calibrated.ts'), 'utf8')).toContain('; column volume to metric volume)');
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toContain('volume (target) against simulated volume');
    expect(report).toContain('column volume to metric volume by mean_log, log_change_sd');
    const state = JSON.parse(readFileSync(join(out, 'calibration.json'), 'utf8'));
    expect(state.inputs.matches).toEqual([{ column: 'volume', metric: 'volume', moments: ['mean_log', 'log_change_sd'] }]);
    // The price-only calibration of the same series finds another point: the volume moved the fit.
    expect(state.result.params).not.toEqual(JSON.parse(readFileSync(join(dir, 'a', 'calibration.json'), 'utf8')).result.params);
    // A resume takes the matches from the directory; another --match is other inputs.
    expect(await main(['calibrate', '--resume', out, '--match', 'volume=volume:mean_log', '-q'])).toBe(2);
    expect(io.stderr).toMatch(/that calibration had other inputs \(matches differ\)/);
  });

  it('refuses a bad --match in one line, before anything is written', async () => {
    const cases: [string, RegExp][] = [
      ['volume', /^tokensim: --match volume: expected column=metric or column=metric:moment,moment, e\.g\. --match volume=volume\n$/],
      ['volume=volume:skew', /^tokensim: --match volume=volume:skew: unknown series moment skew; expected some of mean_log, /],
      ['volume=volum', /^tokensim: --metric volum: the model has no such metric; did you mean volume\?/],
      ['turnover=volume', /^tokensim: .*market\.csv line 1: no "turnover" column in the header \(day, price, Volume\)\n$/],
      ['price=volume', /^tokensim: --match price: column price is matched twice; match each column of the target once\n$/],
    ];
    for (const [match, message] of cases) {
      io.stderr = '';
      const out = join(dir, 'refused-match');
      expect(await main([...args(out), '--target', withVolume, '--match', match]), match).toBe(2);
      expect(io.stderr).toMatch(message);
      expect(io.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('sizes the bootstrap blocks to the series: n/10 ticks within [20, 250]', () => {
    expect(bootstrapBlock(121)).toBe(20);
    expect(bootstrapBlock(1000)).toBe(100);
    expect(bootstrapBlock(5000)).toBe(250);
  });
});

import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { InputError } from '../core/errors';
import { calibrateExperiment, parseMatch, parseRanges, readCalibrationState } from '../experiment/calibrateExperiment';
import { EXIT } from './exitCodes';
import { loadExperiment } from './loadExperiment';

/** The parsed flags of `tokensim calibrate`. */
export interface CalibrateFlags {
  target?: string;
  column?: string;
  metric?: string;
  match?: string[];
  params?: string[];
  moments?: string;
  weighting?: 'bootstrap' | 'identity';
  seeds?: number;
  budget?: number;
  seed?: number;
  warmup?: number;
  variant?: string;
  scenario?: string;
  set?: string[];
  workers?: number;
  out?: string;
  resume?: string;
  quiet?: boolean;
}

const f = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(3) : x.toFixed(4)) : String(x));

/**
 * `tokensim calibrate <experiment> --target prices.csv --params path=min:max ...`:
 * runs the calibration (calibrateExperiment.ts), prints the calibrated
 * parameters and the table of target against simulated moments, and where
 * everything went; returns the exit code (130 when interrupted).
 */
export async function calibrateCommand(file: string | undefined, flags: CalibrateFlags): Promise<number> {
  let experimentFile = file;
  if (flags.resume && !experimentFile) experimentFile = readCalibrationState(flags.resume).inputs.file;
  if (!experimentFile) throw new InputError('calibrate: expected an experiment file, e.g. tokensim calibrate experiments/baseline.ts --target prices.csv --params factor.annualVolatility=0.3:1.2');
  const ranges = parseRanges(flags.params ?? []);
  const matches = flags.match?.map(parseMatch);
  const experiment = loadExperiment(experimentFile);
  const moments = flags.moments?.split(',').map((m) => m.trim()).filter(Boolean);
  const outcome = await calibrateExperiment(experiment, {
    file: experimentFile,
    target: flags.target!,
    column: flags.column,
    metric: flags.metric,
    matches,
    ranges,
    moments,
    weighting: flags.weighting,
    seeds: flags.seeds,
    budget: flags.budget,
    baseSeed: flags.seed,
    warmup: flags.warmup,
    variant: flags.variant,
    scenario: flags.scenario,
    set: flags.set,
    workers: flags.workers ?? availableParallelism(),
    out: flags.out,
    resume: flags.resume,
    log: flags.quiet ? null : undefined,
  });
  const say = (s: string) => process.stdout.write(s + '\n');
  if (outcome.status === 'interrupted' || !outcome.calibration) {
    say(`calibration interrupted after ${outcome.evaluations} evaluations; saved in ${outcome.dir}`);
    process.stderr.write(`finish with: tokensim calibrate --resume ${outcome.dir}\n`);
    return outcome.signal === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint;
  }
  const c = outcome.calibration;
  say(`${experiment.name}: calibrated in ${c.search.evaluations} evaluations × ${c.simulated.perSeed.length} seeds (${c.search.generations} generations, stopped by ${c.search.stopReason}); J = ${f(c.objective)}`);
  const width = Math.max(...Object.keys(c.params).map((p) => p.length));
  for (const [p, v] of Object.entries(c.params)) say(`  ${p.padEnd(width)}  ${f(v)}   (search centre ${f(c.search.centre[p])})`);
  say('');
  const names = Math.max(20, ...c.names.map((m) => m.length));
  say(`${'moment'.padEnd(names)} ${'target'.padStart(10)} ${'simulated'.padStart(10)} ${'sd'.padStart(10)}`);
  c.names.forEach((m, i) => say(`${m.padEnd(names)} ${f(c.target[i]).padStart(10)} ${f(c.simulated.mean[i]).padStart(10)} ${f(c.simulated.sd[i]).padStart(10)}`));
  say('');
  say(`results: ${outcome.dir}`);
  const { writeSearchReport } = await import('../report/searchReport');
  say(`  report: ${await writeSearchReport(outcome.dir)}`);
  say(`  run the calibrated experiment: npx tokensim run ${relative(process.cwd(), outcome.experimentFile!)}`);
  return EXIT.ok;
}

import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { InputError } from '../core/errors';
import { parseRanges } from '../experiment/calibrateExperiment';
import { optimizeExperiment, parseConstraint, parseRisk, readOptimisationState, type Objective } from '../experiment/optimizeExperiment';
import { EXIT } from './exitCodes';
import { loadExperiment } from './loadExperiment';

/** The parsed flags of `tokensim optimize`. */
export interface OptimizeFlags {
  objective?: string[];
  maximize?: boolean;
  minimize?: boolean;
  constraint?: string[];
  params?: string[];
  risk?: string;
  seeds?: number;
  budget?: number;
  seed?: number;
  ticks?: number;
  variant?: string;
  scenario?: string;
  set?: string[];
  workers?: number;
  out?: string;
  resume?: string;
  quiet?: boolean;
}

const f = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(3) : x.toFixed(4)) : String(x));

/** Returns the objectives of `--objective KPI[:max|:min]` flags; `--maximize`/`--minimize` set the first one's sense (default maximize). */
export function parseObjectives(texts: string[], flags: Pick<OptimizeFlags, 'maximize' | 'minimize'>): Objective[] {
  if (flags.maximize && flags.minimize) throw new InputError('optimize: --maximize and --minimize both given; choose one');
  return texts.map((text, i) => {
    const m = /^([\w.]+)(?::(max|min|maximize|minimize))?$/.exec(text.trim());
    if (!m) throw new InputError(`--objective ${text}: expected a KPI name, optionally with :max or :min, e.g. --objective mean_price`);
    let sense: Objective['sense'] = m[2]?.startsWith('min') ? 'minimize' : 'maximize';
    if (i === 0 && !m[2]) sense = flags.minimize ? 'minimize' : 'maximize';
    return { kpi: m[1], sense };
  });
}

/**
 * `tokensim optimize <experiment> --objective KPI [--maximize|--minimize]
 * [--constraint 'KPI<=x']... --params path=min:max ...`: runs the search
 * (optimizeExperiment.ts) and prints the best point, its paired
 * improvement over the experiment's own values on fresh seeds, and where
 * everything went; returns the exit code (130/143 when interrupted).
 */
export async function optimizeCommand(file: string | undefined, flags: OptimizeFlags): Promise<number> {
  const experimentFile = file ?? (flags.resume ? readOptimisationState(flags.resume).inputs.file : undefined);
  if (!experimentFile) throw new InputError('optimize: expected an experiment file, e.g. tokensim optimize experiments/burn-vs-buyback.ts --objective mean_price --params buyback.everyTicks=7:90');
  const ranges = parseRanges(flags.params ?? []);
  const objectives = parseObjectives(flags.objective ?? [], flags);
  const constraints = (flags.constraint ?? []).map(parseConstraint);
  const risk = flags.risk === undefined ? undefined : parseRisk(flags.risk);
  const experiment = loadExperiment(experimentFile);
  const outcome = await optimizeExperiment(experiment, {
    file: experimentFile,
    objectives,
    constraints,
    ranges,
    risk,
    seeds: flags.seeds,
    budget: flags.budget,
    baseSeed: flags.seed,
    ticks: flags.ticks,
    variant: flags.variant,
    scenario: flags.scenario,
    set: flags.set,
    workers: flags.workers ?? availableParallelism(),
    out: flags.out,
    resume: flags.resume,
    log: flags.quiet ? null : undefined,
  });
  const say = (s: string) => process.stdout.write(s + '\n');
  if (outcome.status === 'interrupted' || !outcome.search || !outcome.validation) {
    say(`optimisation interrupted; saved in ${outcome.dir}`);
    process.stderr.write(`finish with: tokensim optimize --resume ${outcome.dir}\n`);
    return outcome.signal === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint;
  }
  const s = outcome.search;
  const v = outcome.validation;
  const o = objectives.length ? objectives[0] : readOptimisationState(outcome.dir, 'optimize').inputs.objectives[0];
  say(`${experiment.name}: ${o.sense} ${o.kpi} in ${s.evaluations} candidates × ${v.seeds.length} seeds (${s.generations} generations, stopped by ${s.stopReason})${s.best.violation > 0 ? '; NO candidate kept every constraint' : ''}`);
  const width = Math.max(...Object.keys(s.best.params).map((p) => p.length));
  const best = readOptimisationState(outcome.dir, 'optimize').result!.params;
  for (const [p, x] of Object.entries(best)) say(`  ${p.padEnd(width)}  ${f(x)}   (search centre ${f(s.centre[p])})`);
  const i = v.improvement;
  say('');
  say(`on ${v.seeds.length} fresh seeds, improvement of the best point over the experiment's own values (${o.sense === 'maximize' ? 'best − own' : 'own − best'}; positive is better):`);
  say(`  ${o.kpi}: ${f(i.mean)} [${f(i.lo)}, ${f(i.hi)}] 95% paired interval, p = ${Number.isNaN(i.pValue) ? 'n/a' : i.pValue.toPrecision(3)} (${i.verdict})`);
  for (const k of Object.keys(v.best)) {
    const mb = v.best[k].reduce((a, b) => a + b, 0) / v.best[k].length;
    const md = v.defaults[k].reduce((a, b) => a + b, 0) / v.defaults[k].length;
    say(`  ${k.padEnd(Math.max(20, k.length))} best ${f(mb)}   own values ${f(md)}`);
  }
  const inputs = readOptimisationState(outcome.dir, 'optimize').inputs;
  for (const c of inputs.constraints) {
    const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const keeps = (m: number) => (c.op === '<=' ? m <= c.bound : m >= c.bound);
    const m = meanOf(v.best[c.kpi]);
    const own = meanOf(v.defaults[c.kpi]);
    const why = s.best.violation > 0 ? 'no candidate kept every constraint on the search seeds either' : 'it held on the search seeds only; more --seeds, or a margin on the bound';
    say(`  constraint ${c.kpi} ${c.op} ${c.bound} on the fresh seeds: ${f(m)} — ${keeps(m) ? 'holds' : `BROKEN (${why})`}; own values ${f(own)} — ${keeps(own) ? 'holds' : 'broken'}`);
  }
  if (outcome.front) say(`Pareto front: ${outcome.front.length} of ${s.evaluations} candidates (pareto.arrow)`);
  say('');
  say(`results: ${outcome.dir}`);
  const { writeSearchReport } = await import('../report/searchReport');
  say(`  report: ${await writeSearchReport(outcome.dir)}`);
  say(`  run the optimised experiment: npx tokensim run ${relative(process.cwd(), outcome.experimentFile!)}`);
  return EXIT.ok;
}

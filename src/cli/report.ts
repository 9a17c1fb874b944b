import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors';
import { CALIBRATION_FILE, OPTIMISATION_FILE } from '../experiment/outDir';
import { assertOutputFile } from './outputFile';
import { writeReport } from '../report/writeReport';

/** The parsed flags of `tokensim report`. */
export interface ReportFlags {
  out?: string;
  metric?: string[];
  kpi?: string[];
  baseline?: string;
  interactive?: boolean;
  runLines?: boolean;
  lorenzTick?: number[];
}

/**
 * `tokensim report DIR... [--out FILE] [--metric NAME]... [--kpi NAME]... [--baseline NAME]
 * [--interactive] [--run-lines] [--lorenz-tick N]...`: writes the HTML report of one or
 * several results directories, prints its path and returns the exit code 0.
 * Throws an InputError on a missing directory, an unknown metric, or
 * several directories without `--out`.
 */
export async function reportCommand(dirs: string[], flags: ReportFlags): Promise<number> {
  if (dirs.length === 0) throw new InputError('report: expected one or more results directories, e.g. tokensim report results/baseline/<time>');
  if (flags.out !== undefined) assertOutputFile('report --out', flags.out, 'report.html');
  if (dirs.length === 1 && (existsSync(join(dirs[0], CALIBRATION_FILE)) || existsSync(join(dirs[0], OPTIMISATION_FILE)))) {
    // A calibration or optimisation directory has its own report: moments or the best point, convergence, the fitted series or the Pareto front.
    const { writeSearchReport } = await import('../report/searchReport');
    process.stdout.write(`report: ${await writeSearchReport(dirs[0], flags.out)}\n`);
    return 0;
  }
  const path = await writeReport(dirs, {
    out: flags.out,
    metrics: flags.metric,
    kpis: flags.kpi,
    baseline: flags.baseline,
    interactive: flags.interactive,
    runLines: flags.runLines,
    lorenzTicks: flags.lorenzTick,
  });
  process.stdout.write(`report: ${path}\n`);
  return 0;
}

import { writeReport } from '../report/writeReport';

/** The parsed flags of `tokensim report`. */
export interface ReportFlags {
  out?: string;
  metric?: string[];
  kpi?: string[];
  baseline?: string;
}

/**
 * `tokensim report DIR [--out FILE] [--metric NAME]... [--kpi NAME]... [--baseline NAME]`:
 * writes the HTML report of DIR, prints its path and returns the exit code 0.
 * Throws an InputError on a missing directory or an unknown metric.
 */
export async function reportCommand(dir: string, flags: ReportFlags): Promise<number> {
  const path = await writeReport(dir, { out: flags.out, metrics: flags.metric, kpis: flags.kpi, baseline: flags.baseline });
  process.stdout.write(`report: ${path}\n`);
  return 0;
}

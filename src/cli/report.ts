import { parseArgs } from 'node:util';
import { InputError } from '../core/errors';
import { assertOutputFile } from './outputFile';
import { writeReport } from '../report/writeReport';

/**
 * `tokensim report DIR [--out FILE] [--metric NAME]... [--kpi NAME]... [--baseline NAME]`:
 * writes the HTML report of DIR and returns the path written. Throws an
 * InputError on bad flags, a missing directory or an unknown metric.
 */
export async function reportCommand(args: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      metric: { type: 'string', multiple: true },
      kpi: { type: 'string', multiple: true },
      baseline: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new InputError('report: expected one results directory, e.g. tokensim report results/baseline/<time>');
  if (values.out !== undefined) assertOutputFile('report --out', values.out, 'report.html');
  return writeReport(positionals[0], { out: values.out, metrics: values.metric, kpis: values.kpi, baseline: values.baseline });
}

import { parseArgs } from 'node:util';
import { InputError } from '../core/errors';
import { writeReport } from '../report/writeReport';

/** Returns `text` as a non-negative integer tick, or throws an InputError naming the flag. */
function tickArg(text: string): number {
  if (!/^\s*\d+\s*$/.test(text)) throw new InputError(`--lorenz-tick ${text}: expected a tick, a non-negative integer`);
  return Number(text);
}

/**
 * `tokensim report DIR... [--out FILE] [--metric NAME]... [--kpi NAME]... [--baseline NAME]
 * [--interactive] [--run-lines] [--lorenz-tick N]...`: writes the HTML report of
 * one or several results directories and returns the path written. Throws
 * an InputError on bad flags, a missing directory or an unknown metric.
 */
export async function reportCommand(args: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      metric: { type: 'string', multiple: true },
      kpi: { type: 'string', multiple: true },
      baseline: { type: 'string' },
      interactive: { type: 'boolean' },
      'run-lines': { type: 'boolean' },
      'lorenz-tick': { type: 'string', multiple: true },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw new InputError('report: expected one or more results directories, e.g. tokensim report results/baseline/<time>');
  return writeReport(positionals, {
    out: values.out,
    metrics: values.metric,
    kpis: values.kpi,
    baseline: values.baseline,
    interactive: values.interactive,
    runLines: values['run-lines'],
    lorenzTicks: values['lorenz-tick']?.map(tickArg),
  });
}

import { parseArgs } from 'node:util';
import { InputError } from '../core/errors';
import { mergeShards } from '../experiment/merge';

/**
 * The `tokensim merge DIR... --out DIR` command: joins shard directories
 * into one output directory; returns the exit code (0 all ok, 1 when some
 * runs failed). Refusals (missing or doubled runs, other plans) throw an
 * `InputError`.
 */
export async function mergeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { out: { type: 'string' }, quiet: { type: 'boolean', short: 'q' } }, allowPositionals: true, strict: true });
  if (!values.out) throw new InputError('merge: expected --out DIR, e.g. tokensim merge out/shard-* --out out/all');
  const outcome = await mergeShards(positionals, values.out);
  if (!values.quiet) {
    process.stdout.write(`merged ${positionals.length} director${positionals.length === 1 ? 'y' : 'ies'}: ${outcome.runs} runs, ${outcome.failed} failed (${outcome.status})\nresults: ${outcome.dir}\n`);
  }
  if (outcome.failed > 0) process.stderr.write(`${outcome.failed} run(s) failed; see the status and error columns of runs.arrow\n`);
  return outcome.failed > 0 ? 1 : 0;
}

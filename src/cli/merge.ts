import { parseArgs } from 'node:util';
import { InputError } from '../core/errors';
import { mergeShards } from '../experiment/merge';
import { readManifest } from '../experiment/output';
import { applyTableFormat, checkFormatTargets, tableFormat } from '../io/convertResults';

/**
 * The `tokensim merge DIR... --out DIR [--format F]` command: joins shard
 * directories into one output directory (its tables in format F, default
 * Arrow); returns the exit code (0 all ok, 1 when some
 * runs failed). Refusals (missing or doubled runs, other plans) throw an
 * `InputError`.
 */
export async function mergeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { out: { type: 'string' }, quiet: { type: 'boolean', short: 'q' }, format: { type: 'string' } }, allowPositionals: true, strict: true });
  if (!values.out) throw new InputError('merge: expected --out DIR, e.g. tokensim merge out/shard-* --out out/all');
  const format = values.format === undefined ? undefined : tableFormat('--format', values.format);
  const shardTables: { name: string }[] = (positionals.length ? readManifest(positionals[0])?.tables : null) ?? [];
  checkFormatTargets(values.out, shardTables.map((t) => t.name), format);
  const outcome = await mergeShards(positionals, values.out);
  await applyTableFormat(outcome.dir, outcome.status, format);
  if (!values.quiet) {
    process.stdout.write(`merged ${positionals.length} director${positionals.length === 1 ? 'y' : 'ies'}: ${outcome.runs} runs, ${outcome.failed} failed (${outcome.status})\nresults: ${outcome.dir}\n`);
  }
  if (outcome.failed > 0) process.stderr.write(`${outcome.failed} run(s) failed; see the status and error columns of runs.arrow\n`);
  return outcome.failed > 0 ? 1 : 0;
}

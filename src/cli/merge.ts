import { InputError } from '../core/errors';
import { mergeShards } from '../experiment/merge';
import { readManifest } from '../experiment/output';
import { applyTableFormat, checkFormatTargets, type TableFormat } from '../io/convertResults';

/** The parsed flags of `tokensim merge`. */
export interface MergeFlags {
  out?: string;
  quiet?: boolean;
  format?: TableFormat;
}

/**
 * The `tokensim merge DIR... --out DIR [--format F]` command: joins shard
 * directories into one output directory (its tables in format F, default
 * Arrow); returns the exit code (0 all ok, 1 when some
 * runs failed). Refusals (missing or doubled runs, other plans) throw an
 * `InputError`.
 */
export async function mergeCommand(dirs: string[], flags: MergeFlags): Promise<number> {
  if (!flags.out) throw new InputError('merge: expected --out DIR, e.g. tokensim merge out/shard-* --out out/all');
  const shardTables: { name: string }[] = (dirs.length ? readManifest(dirs[0])?.tables : null) ?? [];
  checkFormatTargets(flags.out, shardTables.map((t) => t.name), flags.format);
  const outcome = await mergeShards(dirs, flags.out);
  await applyTableFormat(outcome.dir, outcome.status, flags.format);
  if (!flags.quiet) {
    process.stdout.write(`merged ${dirs.length} director${dirs.length === 1 ? 'y' : 'ies'}: ${outcome.runs} runs, ${outcome.failed} failed (${outcome.status})\nresults: ${outcome.dir}\n`);
  }
  if (outcome.failed > 0) process.stderr.write(`${outcome.failed} run(s) failed; see the status and error columns of runs.arrow\n`);
  return outcome.failed > 0 ? 1 : 0;
}

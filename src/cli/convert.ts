import { parseArgs } from 'node:util';
import { InputError } from '../core/errors';
import { convertResults, type ConvertedTable } from '../io/convertResults';

/** Returns `bytes` as text in kB, MB or GB (powers of 1000), 3 significant digits. */
function size(bytes: number): string {
  const [value, unit] = bytes >= 1e9 ? [bytes / 1e9, 'GB'] : bytes >= 1e6 ? [bytes / 1e6, 'MB'] : [bytes / 1e3, 'kB'];
  return `${value.toPrecision(3)} ${unit}`;
}

/** Returns the lines `tokensim convert` prints: the directory, then one line per table (rows, Parquet size, the Arrow file's size). */
export function formatConverted(dir: string, tables: ConvertedTable[]): string {
  const width = Math.max(0, ...tables.map((t) => t.name.length + 8));
  const lines = tables.map((t) => `  ${`${t.name}.parquet`.padEnd(width)}  ${String(t.rows).padStart(9)} rows  ${size(t.bytes).padStart(8)}  (Arrow ${size(t.arrowBytes)})`);
  return [`${dir}: ${tables.length} table(s) written as Parquet (zstd)`, ...lines].join('\n');
}

/**
 * The `tokensim convert DIR --to parquet [--remove-arrow]` command: writes a
 * Parquet file beside each Arrow table of a results directory (and, with
 * `--remove-arrow`, removes the Arrow tables afterwards), prints what it
 * wrote; returns the exit code. Bad input throws an `InputError` before
 * anything is written.
 */
export async function convertCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { to: { type: 'string' }, 'remove-arrow': { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new InputError('convert: expected one results directory, e.g. tokensim convert results/baseline/<time> --to parquet');
  if (values.to !== 'parquet') throw new InputError(`convert: --to ${values.to ?? '(missing)'}: expected --to parquet`);
  const dir = positionals[0];
  const tables = await convertResults(dir, { keepArrow: !values['remove-arrow'] });
  if (!values.quiet) process.stdout.write(formatConverted(dir, tables) + '\n');
  return 0;
}

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

/** The parsed flags of `tokensim convert`. */
export interface ConvertFlags {
  to?: 'parquet';
  removeArrow?: boolean;
  quiet?: boolean;
}

/**
 * The `tokensim convert DIR --to parquet [--remove-arrow]` command: writes a
 * Parquet file beside each Arrow table of a results directory (and, with
 * `--remove-arrow`, removes the Arrow tables afterwards), prints what it
 * wrote; returns the exit code. Bad input throws an `InputError` before
 * anything is written.
 */
export async function convertCommand(dir: string, flags: ConvertFlags): Promise<number> {
  if (flags.to !== 'parquet') throw new InputError('convert: expected --to parquet, e.g. tokensim convert results/baseline/<time> --to parquet');
  const tables = await convertResults(dir, { keepArrow: !flags.removeArrow });
  if (!flags.quiet) process.stdout.write(formatConverted(dir, tables) + '\n');
  return 0;
}

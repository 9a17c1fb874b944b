import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../core/errors';

/** The numeric columns read from a CSV file, with the file line of every row. */
export interface CsvColumns {
  /** The file as given. */
  file: string;
  /** One Float64Array per requested column, all of the same length. */
  columns: Record<string, Float64Array>;
  /** The 1-based file line of each row (for messages about a row). */
  lines: Int32Array;
  /** The header's column names as written. */
  header: string[];
  /** The 1-based file line of the header. */
  headerLine: number;
}

/** Which columns `readCsvColumns` reads, and what it accepts in them. */
export interface CsvColumnSpec {
  /** Column names (lower case) that must be present. */
  required: readonly string[];
  /** Column names read when present. */
  optional?: readonly string[];
  /** Columns whose values must be > 0 (prices, volumes). */
  positive?: readonly string[];
}

/**
 * `readCsvColumns(file, spec)` → the named numeric columns of a CSV file
 * (see `CsvColumns`). Format: a header row (names matched case-insensitively
 * and trimmed, a UTF-8 byte-order mark allowed), then one row per
 * observation, comma-separated, fields optionally double-quoted; blank lines
 * are skipped; columns not asked for (a `date`, a `tick`) are ignored. Every
 * value in a column read must be a finite number (and > 0 where `positive`
 * says so). Any problem throws an `InputError` of one line naming the file,
 * the line and what was expected, e.g.
 * `prices.csv line 7: price "abc" is not a positive finite number`.
 * The file is only read.
 */
/** A parsed CSV record with the line it came from. */
interface InfoRecord {
  record: string[];
  info: { lines: number };
}

function isInfoRecord(x: unknown): x is InfoRecord {
  if (typeof x !== 'object' || x === null || !('record' in x) || !('info' in x)) return false;
  const { record, info } = x;
  return Array.isArray(record) && typeof info === 'object' && info !== null && 'lines' in info && typeof info.lines === 'number';
}

export function readCsvColumns(file: string, spec: CsvColumnSpec): CsvColumns {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let records: InfoRecord[];
  try {
    // With `info: true` each record comes with its line; csv-parse's types do not say so, so the shape is checked here.
    const parsed: unknown[] = parse(text, { bom: true, info: true, skip_empty_lines: true, trim: true });
    records = parsed.filter(isInfoRecord);
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new InputError(`${file}${err.lines ? ` line ${err.lines}` : ''}: not valid CSV (${err.message})`);
  }
  if (records.length === 0) throw new InputError(`${file}: the file is empty; expected a header row naming ${spec.required.join(', ')}`);
  const header = records[0].record.map((h) => h.toLowerCase());
  const headerLine = records[0].info.lines;
  const wanted = [...spec.required, ...(spec.optional ?? [])];
  const index: Record<string, number> = {};
  for (const name of wanted) {
    const i = header.indexOf(name);
    if (i < 0) {
      if (spec.required.includes(name)) {
        throw new InputError(`${file} line ${headerLine}: no "${name}" column in the header (${records[0].record.join(', ')})`);
      }
      continue;
    }
    if (header.indexOf(name, i + 1) >= 0) throw new InputError(`${file} line ${headerLine}: the header names "${name}" twice`);
    index[name] = i;
  }
  const rows = records.length - 1;
  const columns: Record<string, Float64Array> = {};
  for (const name of Object.keys(index)) columns[name] = new Float64Array(rows);
  const lines = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const { record, info } = records[r + 1];
    lines[r] = info.lines;
    for (const name of Object.keys(index)) {
      const field = record[index[name]];
      const value = field === '' ? NaN : Number(field);
      const positive = spec.positive?.includes(name) ?? false;
      if (!Number.isFinite(value) || (positive && !(value > 0))) {
        throw new InputError(`${file} line ${info.lines}: ${name} "${field}" is not a ${positive ? 'positive ' : ''}finite number`);
      }
      columns[name][r] = value;
    }
  }
  return { file, columns, lines, header: records[0].record, headerLine };
}

import { DataType, type Vector } from 'apache-arrow';
import { readTableFile } from './tableFile';

/** Most columns shown in the rows table; the rest are named in the schema only. */
const MAX_SHOWN_COLUMNS = 10;
/** Widest the rows table may get, in characters, to fit a 120-column terminal. */
const MAX_TABLE_WIDTH = 118;
/** Widest one cell may get, in characters; longer text ends in an ellipsis. */
const MAX_CELL_WIDTH = 24;
const GAP = '  ';

/**
 * Returns the text `tokensim inspect <file>` prints: a header line (path,
 * row count, column count, and the record batch count of an Arrow file or
 * `Parquet`), the schema (one line
 * per column: name, Arrow type, nullable or not), and the first `rows` rows
 * as an aligned table. Floats show up to 6 significant digits, integers in
 * full, nulls as `null`. The table shows at most 10 columns and stays within
 * 118 characters; it says how many columns it left out. Throws as
 * `readTableFile` does for a missing file, or one that is neither Arrow IPC
 * nor (named `.parquet`) Parquet.
 */
export function formatInspect(path: string, rows = 10): string {
  const { columns, numRows, numBatches: batches, table, format } = readTableFile(path);
  const lines = [
    `${path}: ${plural(numRows, 'row')}, ${plural(columns.length, 'column')}, ${format === 'parquet' ? 'Parquet' : plural(batches, 'record batch', 'record batches')}`,
    '',
    'schema:',
  ];
  const nameWidth = Math.max(0, ...columns.map((c) => c.name.length));
  const typeWidth = Math.max(0, ...columns.map((c) => c.type.length));
  for (const c of columns) {
    lines.push(`  ${c.name.padEnd(nameWidth)}  ${c.type.padEnd(typeWidth)}  ${c.nullable ? 'nullable' : 'not null'}`);
  }

  const shownRows = Math.max(0, Math.min(rows, numRows));
  lines.push('');
  if (columns.length === 0 || shownRows === 0) {
    lines.push(numRows === 0 ? '(no rows)' : `(${plural(numRows, 'row')}, none shown)`);
    return lines.join('\n') + '\n';
  }
  lines.push(shownRows === numRows ? `all ${plural(numRows, 'row')}:` : `first ${plural(shownRows, 'row')}:`);

  const cells = table.schema.fields.map((f, c) => formatColumn(f.name, table.getChildAt(c)!, shownRows));
  const shown = pickColumns(cells);
  for (let r = 0; r < shownRows + 2; r++) {
    lines.push(('  ' + shown.map((col) => col.pad(col.text[r], col.width)).join(GAP)).trimEnd());
  }
  const hidden = cells.length - shown.length;
  if (hidden > 0) lines.push(`  (${plural(hidden, 'more column')} not shown; see the schema above)`);
  return lines.join('\n') + '\n';
}

/** One column of the rows table: header, rule, then one text per row. */
interface TextColumn {
  text: string[];
  width: number;
  pad: (s: string, width: number) => string;
}

function formatColumn(name: string, vector: Vector, rows: number): TextColumn {
  const isNumber = DataType.isInt(vector.type) || DataType.isFloat(vector.type);
  const isFloat = DataType.isFloat(vector.type);
  const values: string[] = [];
  for (let i = 0; i < rows; i++) values.push(clip(formatValue(vector.get(i), isFloat)));
  const header = clip(name);
  const width = Math.max(header.length, ...values.map((v) => v.length));
  const pad = isNumber ? (s: string, w: number) => s.padStart(w) : (s: string, w: number) => s.padEnd(w);
  return { text: [header, '-'.repeat(width), ...values], width, pad };
}

/** Returns the leading columns that fit within the column and width limits (at least one). */
function pickColumns(cells: TextColumn[]): TextColumn[] {
  const shown: TextColumn[] = [];
  let width = 2;
  for (const col of cells) {
    const next = width + (shown.length > 0 ? GAP.length : 0) + col.width;
    if (shown.length > 0 && (shown.length >= MAX_SHOWN_COLUMNS || next > MAX_TABLE_WIDTH)) break;
    shown.push(col);
    width = next;
  }
  return shown;
}

function formatValue(v: unknown, isFloat: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return isFloat ? formatFloat(v) : String(v);
  if (typeof v === 'string') return JSON.stringify(v).slice(1, -1); // escapes tabs and newlines
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return typeof (v as { toJSON?: unknown }).toJSON === 'function' ? JSON.stringify(v) : String(v);
}

/** Returns `x` with up to 6 significant digits, in exponent form when |x| ≥ 1e6 or < 1e-4. */
function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return '0';
  const a = Math.abs(x);
  const [mantissa, exponent] = (a >= 1e6 || a < 1e-4 ? x.toExponential(5) : x.toPrecision(6)).split('e');
  const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return exponent === undefined ? m : `${m}e${exponent}`;
}

function clip(s: string): string {
  return s.length <= MAX_CELL_WIDTH ? s : s.slice(0, MAX_CELL_WIDTH - 1) + '…';
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Returns `rows` as CSV text (RFC 4180): a header of every key in order of
 * first appearance, numbers in JavaScript's shortest round-trip form (full
 * precision), null, undefined and non-finite numbers as empty fields, and
 * fields holding a comma, quote or line break quoted.
 */
export function toCsv(rows: readonly Record<string, unknown>[]): string {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), keys.push(k));
  const field = (v: unknown) => {
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [keys.map(field).join(','), ...rows.map((r) => keys.map((k) => field(r[k])).join(','))].join('\r\n') + '\r\n';
}

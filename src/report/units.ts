/** What a column measures: its name, unit and one-line description, as the manifest declares them. */
export interface ColumnInfo {
  name: string;
  /** E.g. `USD/token`; undefined when undeclared or dimensionless. */
  unit?: string;
  description?: string;
}

/** The tables whose columns the manifest describes. */
export type DescribedTable = 'timeseries' | 'summary';

/**
 * Returns what `manifest.units[table][name]` declares about a column
 * (`{ "unit": "USD/token", "description": "…" }`), or just its name when
 * the manifest says nothing. A unit of `""` or `"1"` (a pure number) is
 * left out, so axis titles do not read `ratio (1)`.
 */
export function columnInfo(manifest: Record<string, unknown>, table: DescribedTable, name: string): ColumnInfo {
  const declared = (manifest.units as Record<string, Record<string, unknown>> | undefined)?.[table]?.[name] as
    | { unit?: unknown; description?: unknown }
    | undefined;
  const unit = typeof declared?.unit === 'string' && declared.unit !== '' && declared.unit !== '1' ? declared.unit : undefined;
  const description = typeof declared?.description === 'string' && declared.description !== '' ? declared.description : undefined;
  return { name, unit, description };
}

/** Returns an axis title for a column: `price (USD/token)`, or its name when it has no unit. */
export function axisTitle(info: ColumnInfo): string {
  return info.unit ? `${info.name} (${info.unit})` : info.name;
}

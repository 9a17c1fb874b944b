import type { Comparison } from '../../experiment/compare';
import type { FigureInput } from '../figure';
import type { KpiStats } from '../kpiStats';
import type { ReportData } from '../sources';

/** What every section of the report is built from. */
export interface SectionContext {
  data: ReportData;
  /** The KPI comparison by variant (baseline, level, groups). */
  comparison: Comparison;
  /** KPI statistics by variant, KPIs zero in every run left out. */
  kpis: KpiStats[];
  /** Draw zoom, hover and legend toggles (the interactive report). */
  interactive: boolean;
  /** Returns a figure's HTML: inline SVG for the static report, a live view for the interactive one. */
  figure(f: FigureInput): Promise<string>;
}

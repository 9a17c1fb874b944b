// The face of tokensim for running experiments from code and working with
// their results (`tokensim/results`): running and merging, reading and
// writing Arrow and Parquet tables, comparing variants, sensitivity
// analysis and the report. Kept apart from `tokensim` so that an experiment
// file loads no Arrow, Parquet or report code.

export { runOne, type RunResult, type RunOptions } from './experiment/runOne';
export { runExperiment, type ExecuteOptions, type ExperimentOutcome } from './experiment/runExperiment';
export { mergeShards, type MergeOutcome } from './experiment/merge';
// Output
export { ArrowFileWriter, writeArrowTable, type ColumnSpec, type ColumnData } from './io/arrowWriter';
export { readArrowFile } from './io/arrowReader';
export { writeParquetFromArrow, PARQUET_ROW_GROUP_ROWS, type ParquetWritten } from './io/parquet';
export { convertResults, type ConvertedTable, type TableFormat } from './io/convertResults';
export { readTableFile, tableFilePath } from './io/tableFile';
export { analyseSensitivity, writeSensitivityTable, type AnalyseOptions, type SensitivityReport } from './analysis/sensitivityAnalysis';
// Comparing and reporting results
export { readResults, type Results, type RunRow } from './io/resultsDir';
export {
  compare,
  compareResults,
  sweptParams,
  significanceMark,
  type Comparison,
  type ComparisonRow,
  type CompareOptions,
  type Difference,
  type Group,
  type GroupBy,
} from './experiment/compare';
export { writeReport, buildReport, DEFAULT_METRICS, DEFAULT_SWEEP_KPIS, type ReportOptions } from './report/writeReport';

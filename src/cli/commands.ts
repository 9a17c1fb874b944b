/**
 * The `tokensim` commands, as data: what each does, its arguments and every
 * option with a description, and a `run` that imports the command's module
 * only when that command runs. To add a command, write its module under
 * src/cli/ and add one entry here; to add an option, add one line to its
 * command's `options`.
 */
import type { Experiment } from '../experiment/define';
import { InputError } from '../core/errors';
import type { CommandSpec, OptionSpec } from './spec';
import { choiceArg, collect, numberArg, parseShard, positiveInt, seedArg } from './values';

const int = (flag: string) => (text: string) => positiveInt(flag, text);

/** The table formats `--format` takes (see io/convertResults.ts, not imported here to keep `--help` light). */
const FORMATS = ['arrow', 'parquet', 'both'] as const;
/** Returns `parquet`, the one format `convert --to` writes, or throws an `InputError`. */
function toParquet(text: string): 'parquet' {
  if (text !== 'parquet') throw new InputError(`--to ${text}: expected --to parquet`);
  return text;
}
const FORMAT_OPTION: OptionSpec = {
  flags: '--format <f>',
  description: 'table files: arrow (Arrow IPC, default), parquet (Parquet instead, zstd) or both',
  choices: FORMATS,
  parse: (t) => choiceArg('--format', t, FORMATS),
};

/** The options shared by `tokensim run` and `npx ts-node experiments/<name>.ts`. */
export const RUN_OPTIONS: readonly OptionSpec[] = [
  { flags: '--out <dir>', description: 'output directory (default: results/<experiment>/<UTC time>/)' },
  { flags: '--seeds <n>', description: "replicates per variant and sweep point (default: the experiment's)", parse: int('--seeds') },
  { flags: '--ticks <n>', description: "ticks per run (default: the experiment's)", parse: int('--ticks') },
  { flags: '--seed <n>', description: "base seed, an integer in [0, 4294967295]; run seeds derive from it (default: the experiment's, 1 unless set)", parse: (t) => seedArg('--seed', t) },
  { flags: '--set <path=value>', description: 'override one parameter, e.g. --set emission.ratePerYear=8e6 (repeatable; see tokensim params)', parse: collect },
  { flags: '--workers <n>', description: 'compute threads (default: the number of cores)', parse: int('--workers') },
  { flags: '--shard <K/N>', description: 'run only shard K of N (runs whose run_id mod N = K-1), for tokensim merge', parse: parseShard },
  { flags: '--resume <dir>', description: 'finish an interrupted run (or shard) in DIR, with the same experiment and options' },
  { flags: '--check', description: 'assert token and USD conservation every tick (slower)' },
  { flags: '--report', description: 'write the HTML report when the runs are done' },
  FORMAT_OPTION,
  { flags: '-q, --quiet', description: 'print no progress' },
];

/** Returns the experiment in `file`, loaded by the command's loader. */
async function experimentIn(file: string): Promise<Experiment<object>> {
  return (await import('./loadExperiment')).loadExperiment(file);
}

/** The commands `tokensim` knows, in the order `--help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'run',
    summary: 'run an experiment file and write its tables (Arrow IPC) to a results directory',
    arguments: [{ syntax: '<experiment>', description: 'an experiment file (TypeScript), e.g. experiments/baseline.ts' }],
    options: RUN_OPTIONS,
    examples: [
      'tokensim run experiments/baseline.ts --seeds 10 --set emission.ratePerYear=8e6',
      'tokensim run experiments/staking-sweep.ts --shard 2/8 --out out/shard-2',
      'tokensim run experiments/baseline.ts --resume results/baseline/2025-01-01T00-00-00',
    ],
    run: async ([file], flags) => (await import('./run')).runCommand(await experimentIn(file), flags),
  },
  {
    name: 'model',
    summary: "print what an experiment's model is made of: blocks, phase table, accounts, populations and columns, metrics and KPIs with units",
    arguments: [{ syntax: '<experiment>', description: 'an experiment file (TypeScript)' }],
    options: [{ flags: '--json', description: 'print it as JSON' }],
    examples: ['tokensim model experiments/launch-economy.ts'],
    run: async ([file], flags) => {
      process.stdout.write((await import('./model')).modelCommand(await experimentIn(file), flags) + '\n');
      return 0;
    },
  },
  {
    name: 'blocks',
    summary: 'list every block tokensim ships, or write their reference as markdown',
    arguments: [],
    options: [{ flags: '--markdown', description: 'the full reference: parameters and defaults, accounts, metrics and KPIs with units, sources' }],
    examples: ['tokensim blocks', 'tokensim blocks --markdown > docs/reference/blocks.md'],
    run: async (_args, flags) => {
      process.stdout.write((await import('./blocks')).blocksCommand(flags) + '\n');
      return 0;
    },
  },
  {
    name: 'merge',
    summary: "join the output directories of an experiment's shards into one, identical to a single-machine run",
    arguments: [{ syntax: '<dirs...>', description: 'the shard directories (written by tokensim run --shard K/N)' }],
    options: [
      { flags: '--out <dir>', description: 'the merged output directory (required; must not hold output yet)' },
      FORMAT_OPTION,
      { flags: '-q, --quiet', description: 'print nothing on success' },
    ],
    examples: ['tokensim merge out/shard-* --out out/all', 'tokensim merge out/shard-* --out out/all --format parquet'],
    run: async (dirs, flags) => (await import('./merge')).mergeCommand(dirs, flags),
  },
  {
    name: 'convert',
    summary: 'write the tables of a results directory as Parquet (beside the Arrow tables, or instead with --remove-arrow)',
    arguments: [{ syntax: '<dir>', description: 'a results directory (written by tokensim run or merge)' }],
    options: [
      { flags: '--to <format>', description: 'the format to write: parquet (required)', choices: ['parquet'], parse: toParquet },
      { flags: '--remove-arrow', description: 'remove the Arrow tables once the Parquet files are written' },
      { flags: '-q, --quiet', description: 'print nothing on success' },
    ],
    examples: ['tokensim convert results/baseline/<time> --to parquet'],
    run: async ([dir], flags) => (await import('./convert')).convertCommand(dir, flags),
  },
  {
    name: 'inspect',
    summary: 'print the schema and first rows of an output table',
    arguments: [{ syntax: '<file>', description: 'an .arrow or .parquet file, e.g. results/baseline/<time>/summary.arrow' }],
    options: [{ flags: '--rows <n>', description: 'rows to show (default: 10)', parse: int('--rows') }],
    examples: ['tokensim inspect results/baseline/<time>/timeseries.arrow --rows 5'],
    run: async ([file], flags) => (await import('./inspect')).inspectCommand(file, flags),
  },
  {
    name: 'params',
    summary: "list every parameter path of an experiment with its default (what --set takes) and the experiment's variants",
    arguments: [{ syntax: '<experiment>', description: 'an experiment file (TypeScript)' }],
    options: [],
    examples: ['tokensim params experiments/baseline.ts'],
    run: async ([file]) => (await import('./params')).paramsCommand(file),
  },
  {
    name: 'deviate',
    summary: "check incentive compatibility: does a share of one agent class gain by switching strategy? (paired by seed)",
    arguments: [{ syntax: '<experiment>', description: 'an experiment file (TypeScript)' }],
    options: [
      { flags: '--class <name>', description: 'the agent class that deviates, one that declares strategies, e.g. stakers (required)' },
      { flags: '--strategy <s>', description: 'the strategy it switches to, e.g. never-stake (required)' },
      { flags: '--share <x>', description: 'share of the class that deviates, in (0, 1] (default: one agent)', parse: (t) => numberArg('--share', t, (n) => n > 0 && n <= 1, 'a share in (0, 1]') },
      { flags: '--seeds <n>', description: 'paired seeds, at least 2 (default: the experiment\'s)', parse: (t) => numberArg('--seeds', t, (n) => Number.isInteger(n) && n >= 2, 'an integer ≥ 2 (the interval needs two pairs)') },
      { flags: '--ticks <n>', description: "ticks per run (default: the experiment's)", parse: int('--ticks') },
      { flags: '--seed <n>', description: "base seed, an integer in [0, 4294967295] (default: the experiment's)", parse: (t) => seedArg('--seed', t) },
      { flags: '--set <path=value>', description: 'override one parameter (repeatable)', parse: collect },
      { flags: '--variant <name>', description: 'the variant the check runs in (default: the first)' },
      { flags: '--level <l>', description: 'confidence level of the interval, in (0, 1) (default: 0.95)', parse: (t) => numberArg('--level', t, (n) => n > 0 && n < 1, 'a confidence level in (0, 1)') },
    ],
    examples: ['tokensim deviate experiments/baseline.ts --class stakers --strategy never-stake --seeds 8'],
    run: async ([file], flags) => (await import('./deviate')).deviateCommand(file, flags),
  },
  {
    name: 'sensitivity',
    summary: 'compute Sobol or Morris sensitivity indices of the KPIs of a sensitivity sweep, and write sensitivity.arrow',
    arguments: [{ syntax: '<dir>', description: 'the results directory of an experiment with a sobol or morris sweep' }],
    options: [
      { flags: '--kpi <name>', description: 'a KPI to analyse (repeatable; default: every KPI)', parse: collect },
      { flags: '--variant <name>', description: 'the variant to analyse (required when the results have several)' },
      { flags: '--bootstrap <n>', description: 'bootstrap resamples for the intervals, a non-negative integer (default: 200)', parse: (t) => numberArg('--bootstrap', t, (n) => Number.isInteger(n) && n >= 0, 'a non-negative integer') },
      { flags: '--level <l>', description: 'confidence level of the intervals, in (0, 1) (default: 0.95)', parse: (t) => numberArg('--level', t, (n) => n > 0 && n < 1, 'a confidence level in (0, 1)') },
    ],
    examples: ['tokensim sensitivity results/sensitivity/<time> --kpi final_price'],
    run: async ([dir], flags) => (await import('./sensitivity')).sensitivityCommand(dir, flags),
  },
  {
    name: 'calibrate',
    summary: "fit an experiment's parameters to an observed price series by the method of simulated moments (CMA-ES, common seeds, workers); writes the calibrated experiment",
    arguments: [{ syntax: '[experiment]', description: 'an experiment file (TypeScript) without a sweep; optional with --resume' }],
    options: [
      { flags: '--target <file>', description: 'the observed series: a CSV file with a header row (required unless --resume)' },
      { flags: '--column <name>', description: 'the CSV column holding the series (default: price)' },
      { flags: '--metric <name>', description: 'the model metric matched to it (default: price)' },
      { flags: '--match <column=metric[:moments]>', description: 'also match another column of the target to a model metric, jointly with the price, by comma-separated series moments (mean_log, sd_log, last_log, log_change_sd, log_change_acf_1; default: mean_log,log_change_sd) (repeatable)', parse: collect },
      { flags: '--params <path=min:max>', description: 'a parameter to fit and its range, path=min:max or path=min:max:log (repeatable; required)', parse: collect },
      { flags: '--moments <list>', description: 'comma-separated moments to match (default: all: volatility, mean_abs_return, return_acf_1, abs_return_acf_1/5/10/20, hill_tail_index, excess_kurtosis, mean_log_price)' },
      { flags: '--weighting <w>', description: 'bootstrap (inverse covariance of the data\'s moments, default) or identity', choices: ['bootstrap', 'identity'], parse: (t) => choiceArg('--weighting', t, ['bootstrap', 'identity']) },
      { flags: '--seeds <n>', description: 'common seeds every candidate runs on (default: 8)', parse: int('--seeds') },
      { flags: '--budget <runs>', description: 'runs the search may spend; each candidate costs --seeds runs (default: 120 candidates)', parse: int('--budget') },
      { flags: '--seed <n>', description: "base seed of the runs and the search, an integer in [0, 4294967295] (default: the experiment's)", parse: (t) => seedArg('--seed', t) },
      { flags: '--warmup <ticks>', description: 'ticks simulated before the compared window (default: 0)', parse: (t) => numberArg('--warmup', t, (n) => Number.isInteger(n) && n >= 0, 'a non-negative whole number of ticks') },
      { flags: '--variant <name>', description: 'the variant calibrated in (default: the first)' },
      { flags: '--scenario <name>', description: 'the scenario the candidates run under, for an experiment with scenarios (default: none, unshocked)' },
      { flags: '--set <path=value>', description: 'override one parameter first (repeatable)', parse: collect },
      { flags: '--workers <n>', description: 'compute threads (default: the number of cores)', parse: int('--workers') },
      { flags: '--out <dir>', description: 'output directory (default: results/<experiment>-calibration/<UTC time>/)' },
      { flags: '--resume <dir>', description: 'continue an interrupted calibration in DIR (same inputs; a larger --budget goes on)' },
      { flags: '-q, --quiet', description: 'print no progress' },
    ],
    examples: [
      'tokensim calibrate experiments/baseline.ts --target prices.csv --params factor.annualVolatility=0.3:1.5 --params traders.orderScale=0.2:5:log',
      'tokensim calibrate experiments/market-only.ts --target market.csv --match volume=volume --params traders.activity=0.05:0.6 --params amm.usdReserve=5e5:3e6:log',
      'tokensim calibrate --resume results/baseline-calibration/<time>',
    ],
    run: async ([file], flags) => (await import('./calibrate')).calibrateCommand(file, flags),
  },
  {
    name: 'optimize',
    summary: "search an experiment's parameters for the best value of a KPI (CMA-ES, common seeds, constraints, CVaR), checked against its own values on fresh seeds; writes the optimised experiment",
    arguments: [{ syntax: '[experiment]', description: 'an experiment file (TypeScript) without a sweep; optional with --resume' }],
    options: [
      { flags: '--objective <kpi>', description: 'the KPI to optimise, optionally KPI:max or KPI:min; a second one adds the Pareto front (repeatable, at most 2; required unless --resume)', parse: collect },
      { flags: '--maximize', description: 'make the first objective large (the default)' },
      { flags: '--minimize', description: 'make the first objective small' },
      { flags: '--constraint <expr>', description: "a bound on a KPI's mean over the seeds, 'KPI<=x' or 'KPI>=x' (repeatable)", parse: collect },
      { flags: '--params <path=min:max>', description: 'a parameter to search and its range, path=min:max or path=min:max:log (repeatable; required)', parse: collect },
      { flags: '--risk <r>', description: 'how the objective sums up the seeds: mean (default) or cvar:α, the mean of the worst α share' },
      { flags: '--seeds <n>', description: 'common seeds every candidate runs on (default: 8)', parse: int('--seeds') },
      { flags: '--budget <runs>', description: 'runs the search may spend; each candidate costs --seeds runs (default: 60 candidates)', parse: int('--budget') },
      { flags: '--seed <n>', description: "base seed of the runs and the search, an integer in [0, 4294967295] (default: the experiment's)", parse: (t) => seedArg('--seed', t) },
      { flags: '--ticks <n>', description: "ticks per run (default: the experiment's)", parse: int('--ticks') },
      { flags: '--variant <name>', description: 'the variant searched in (default: the first)' },
      { flags: '--scenario <name>', description: 'the stress scenario every candidate runs under, for an experiment with scenarios: a design robust to it (default: none, unshocked)' },
      { flags: '--set <path=value>', description: 'override one parameter first (repeatable)', parse: collect },
      { flags: '--workers <n>', description: 'compute threads (default: the number of cores)', parse: int('--workers') },
      { flags: '--out <dir>', description: 'output directory (default: results/<experiment>-optimisation/<UTC time>/)' },
      { flags: '--resume <dir>', description: 'continue an interrupted optimisation in DIR (same inputs; a larger --budget goes on)' },
      { flags: '-q, --quiet', description: 'print no progress' },
    ],
    examples: [
      "tokensim optimize experiments/burn-vs-buyback.ts --variant buyback --objective mean_price --params buyback.everyTicks=7:90 --params buyback.shareOfTreasury=0.01:0.5",
      "tokensim optimize experiments/baseline.ts --objective final_price --risk cvar:0.25 --constraint 'final_staking_ratio>=0.2' --params emission.ratePerYear=1e6:2e7:log",
      'tokensim optimize --resume results/baseline-optimisation/<time>',
    ],
    run: async ([file], flags) => (await import('./optimize')).optimizeCommand(file, flags),
  },
  {
    name: 'report',
    summary: 'write a self-contained HTML report (charts and KPI tables) of one or several results directories',
    arguments: [{ syntax: '<dirs...>', description: 'results directories; several are shown side by side (then --out is required)' }],
    options: [
      { flags: '--out <file>', description: 'the HTML file to write (default: DIR/report.html)' },
      { flags: '--metric <name>', description: 'a time-series metric to chart (repeatable; default: a standard set)', parse: collect },
      { flags: '--kpi <name>', description: 'a KPI to tabulate and, for a sweep, chart (repeatable; default: every KPI)', parse: collect },
      { flags: '--baseline <name>', description: 'the variant differences are taken against (default: baseline when there is one, else the first)' },
      { flags: '--interactive', description: 'inline the Vega runtime for zoom, hover and legend toggles (still no network access)' },
      { flags: '--run-lines', description: 'draw each run as a line instead of median and bands' },
      { flags: '--lorenz-tick <n>', description: 'a tick to draw Lorenz curves at (repeatable; default: the first and last)', parse: (t: string, previous: unknown) => [...((previous as number[] | undefined) ?? []), numberArg('--lorenz-tick', t, (n) => Number.isInteger(n) && n >= 0, 'a tick, a non-negative integer')] },
    ],
    examples: ['tokensim report results/baseline/<time> --metric price --kpi final_price', 'tokensim report results/a/<time> results/b/<time> --out both.html'],
    run: async (dirs, flags) => (await import('./report')).reportCommand(dirs, flags),
  },
  {
    name: 'compare',
    summary: 'compare the KPIs of variants (or sweep points) with paired intervals over seeds',
    arguments: [{ syntax: '<dir>', description: 'a results directory' }],
    options: [
      { flags: '--metric <name>', description: 'a KPI to compare (repeatable; default: every KPI)', parse: collect },
      { flags: '--by <group>', description: 'group runs by variant or by sweep point (default: variant)', choices: ['variant', 'point'], parse: (t) => choiceArg('--by', t, ['variant', 'point']) },
      { flags: '--baseline <name>', description: 'the variant differences are taken against (default: baseline when there is one, else the first)' },
      { flags: '--format <f>', description: 'output format (default: table)', choices: ['table', 'csv', 'json', 'md'], parse: (t) => choiceArg('--format', t, ['table', 'csv', 'json', 'md']) },
    ],
    examples: ['tokensim compare results/burn-vs-buyback/<time> --baseline burn --format md'],
    run: async ([dir], flags) => (await import('./compare')).compareCommand(dir, flags),
  },
  {
    name: 'completion',
    summary: 'print a bash completion script (for zsh, load bashcompinit first)',
    arguments: [],
    options: [],
    examples: ['tokensim completion > ~/.local/share/bash-completion/completions/tokensim', 'source <(tokensim completion)'],
    run: async () => {
      const { completionScript } = await import('./completion');
      process.stdout.write(completionScript(COMMANDS));
      return 0;
    },
  },
];


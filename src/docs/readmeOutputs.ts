import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../cli/main';
import { loadExperiment } from '../cli/loadExperiment';
import { InputError } from '../core/errors';
import { checkDeviation } from '../analysis/deviation';
import { formatDeviation } from '../cli/deviate';
import { runExperiment } from '../experiment/runExperiment';
import { readResults } from '../io/resultsDir';
import { stressMarkdown } from '../cli/compare';
import { stressTable } from '../experiment/stress';
import type { PosParams } from '../mechanisms/energy';
import { algorandPosEnergy } from '../models/algorandPos';
import { cardanoPosEnergy } from '../models/cardanoPos';
import { ethereumPosEnergy } from '../models/ethereumPos';
import { tezosPosEnergy } from '../models/tezosPos';

/**
 * The README's shown outputs, generated from the code as it is.
 *
 * A generated region of a Markdown file is written between two markers:
 *
 *     <!-- output: ID -->
 *     … what the output ID produces …
 *     <!-- /output -->
 *
 * `npm run docs` rewrites every region from its producer below;
 * `npm run docs -- --check` exits 1 naming each region that no longer
 * matches (CI runs it). A producer runs the experiment or command it shows
 * in a scratch directory and returns the text exactly as shown. Producers
 * are named `cheap` when they take a second or two: the test suite checks
 * those on every run (test/docs/readmeOutputs.test.ts); the others need a
 * minute or so together and are checked by `.ci/run`.
 */
export interface Output {
  /** Runs in about a second: checked by the test suite as well as by `npm run docs -- --check`. */
  cheap: boolean;
  produce(scratch: string): Promise<string>;
}

/** One column of a KPI table: the KPI, its header and how to write its mean. */
interface Column {
  kpi: string;
  header: string;
  format: (v: number) => string;
}

/** One row: a variant and how it is named in the table. */
type Row = [variant: string, label: string];

/** Results directories already run in a scratch directory, by path: regions showing one experiment share its run. */
const ran = new Map<string, string>();

/** Runs `experiment` (a path under experiments/) into `scratch` on two workers, once per scratch directory, and returns the results directory. */
async function run(experiment: string, scratch: string): Promise<string> {
  const out = join(scratch, experiment.replace(/[/.]/g, '-'));
  const done = ran.get(out);
  if (done) return done;
  const outcome = await runExperiment(loadExperiment(join(ROOT, 'experiments', experiment)), { out, log: null, workers: 2, progress: 'none', file: join(ROOT, 'experiments', experiment) });
  if (outcome.status !== 'complete' || outcome.failed > 0) throw new Error(`${experiment}: ${outcome.failed} run(s) failed`);
  ran.set(out, outcome.dir);
  return outcome.dir;
}

/** Returns the mean over ok runs of `kpi` for each variant of the results in `dir`. */
function means(dir: string, kpi: string): Map<string, number> {
  const r = readResults(dir);
  const values = r.kpis[kpi];
  if (!values) throw new InputError(`${dir}: no KPI ${kpi}; it has ${r.kpiNames.join(', ')}`);
  const sums = new Map<string, [number, number]>();
  r.runs.forEach((run, k) => {
    if (!run.ok) return;
    const s = sums.get(run.variant) ?? [0, 0];
    s[0] += values[k];
    s[1]++;
    sums.set(run.variant, s);
  });
  return new Map([...sums].map(([v, [sum, n]]) => [v, sum / n]));
}

/** Returns the number of replicates (seeds) per variant of the results in `dir`. */
function seedsOf(dir: string): number {
  return Math.max(...readResults(dir).runs.map((r) => r.replicate)) + 1;
}

/** A Markdown table of KPI means by variant; `first` heads the variant column. */
function kpiTable(dir: string, first: string, rows: Row[], columns: Column[]): string {
  const m = columns.map((c) => means(dir, c.kpi));
  const head = `| ${first} | ${columns.map((c) => c.header).join(' | ')} |`;
  const rule = `| --- | ${columns.map(() => '---:').join(' | ')} |`;
  const body = rows.map(([variant, label]) => {
    const cells = columns.map((c, k) => {
      const v = m[k].get(variant);
      if (v === undefined) throw new InputError(`${dir}: no variant ${variant}`);
      return c.format(v);
    });
    return `| ${label} | ${cells.join(' | ')} |`;
  });
  return [head, rule, ...body].join('\n');
}

/** Writes `v` with `digits` significant digits and thousands separators, as the README's tables do. */
export function sig(digits: number): (v: number) => string {
  return (v) => {
    if (v === 0) return '0';
    const rounded = Number(v.toPrecision(digits));
    const places = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(rounded))));
    return rounded.toLocaleString('en-US', { minimumFractionDigits: places, maximumFractionDigits: places }).replace('-', '−');
  };
}
const fixed = (places: number) => (v: number) => v.toFixed(places).replace('-', '−');
const percent = (places: number) => (v: number) => `${(100 * v).toFixed(places)}%`.replace('-', '−');
const usd = (places: number) => (v: number) => `$${v.toFixed(places)}`;
const signed = (f: (v: number) => string) => (v: number) => (v > 0 ? `+${f(v)}` : f(v));

/** Returns what `tokensim <args>` prints on stdout, run in this process. */
async function command(args: string[]): Promise<string> {
  let text = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await main(args);
    if (code !== 0) throw new Error(`tokensim ${args.join(' ')} exited ${code}`);
  } finally {
    process.stdout.write = write;
  }
  return text;
}

/** An output showing `tokensim compare DIR --baseline B --format md --metric …` of `experiment`'s results. */
function compareOutput(experiment: string, baseline: string, metrics: string[]): Output {
  return {
    cheap: false,
    async produce(scratch) {
      const dir = await run(experiment, scratch);
      return (await command(['compare', dir, '--baseline', baseline, '--format', 'md', ...metrics.flatMap((m) => ['--metric', m])])).trimEnd();
    },
  };
}

const ROOT = join(__dirname, '..', '..');

/** How the README runs experiments/stress-baseline.ts: fewer seeds, ticks and agents than the file's, to stay fast (the README shows the command). */
export const STRESS_README_ARGS = ['--seeds', '4', '--ticks', '240', '--set', 'stakers.count=500', '--set', 'traders.count=500', '--set', 'scenarios.stakingRatioFloor=0.1'];
const fence = (text: string) => '```\n' + text.trimEnd() + '\n```';

/** Every generated region, by ID. */
export const OUTPUTS: Record<string, Output> = {
  'compare-tiny': {
    cheap: true,
    async produce(scratch) {
      const out = join(scratch, 'tiny');
      await command(['run', join(ROOT, 'test', 'fixtures', 'tiny.ts'), '--seeds', '5', '--ticks', '60', '--out', out, '--quiet', '--workers', '1']);
      return fence(await command(['compare', out, '--metric', 'final_price', '--metric', 'total_burned']));
    },
  },

  'governance-capture': {
    cheap: false,
    async produce(scratch) {
      const dir = await run('governance-capture.ts', scratch);
      const rules: Row[] = [
        ['token', 'token'],
        ['stake', 'stake'],
        ['quadratic', 'quadratic'],
        ['quadraticSybil', 'quadratic, whales split over 200 addresses'],
        ['voteEscrow', 'voteEscrow'],
        ['conviction', 'conviction'],
        ['delegated', 'token + delegation'],
      ];
      const capture = means(dir, 'gov_capture_rate');
      const nakamoto = means(dir, 'nakamoto_voting_power');
      const lines = rules.map(([v, label]) => `| ${label} | ${fixed(2)(capture.get(`${v}/whales`)!)} | ${fixed(2)(capture.get(`${v}/whalesAndBuyer`)!)} | ${sig(2)(nakamoto.get(`${v}/whalesAndBuyer`)!)} |`);
      return [
        `Mean over ${seedsOf(dir)} seeds, one year:`,
        '',
        '| rule | capture rate, whales | capture rate, whales + buyer | Nakamoto of voting power (with buyer) |',
        '| --- | ---: | ---: | ---: |',
        ...lines,
      ].join('\n');
    },
  },

  'governance-compare': {
    cheap: false,
    async produce(scratch) {
      const dir = await run('governance-capture.ts', scratch);
      const rows = ['token/whalesAndBuyer', 'stake/whales', 'quadratic/whales', 'quadraticSybil/whales', 'voteEscrow/whales', 'conviction/whales', 'delegated/whales'];
      const text = await command(['compare', dir, '--metric', 'gov_capture_rate', '--baseline', 'token/whales', '--format', 'md']);
      const keep = text.split('\n').filter((l, k) => k < 2 || rows.some((v) => l.includes(`| ${v} `)) || l.includes('| token/whales '));
      return keep.join('\n');
    },
  },

  'dao-treasury': {
    cheap: false,
    async produce(scratch) {
      const dir = await run('dao-treasury.ts', scratch);
      return [
        `Mean over ${seedsOf(dir)} seeds, one year:`,
        '',
        kpiTable(
          dir,
          'dao-treasury',
          [
            ['noSpending', 'no spending'],
            ['grants', 'grants'],
            ['buybacks', 'buybacks'],
            ['grantsAndBuybacks', 'grants and buybacks'],
            ['grantsAndBurnedBuybacks', 'grants and burned buybacks'],
          ],
          [
            { kpi: 'gov_pass_rate', header: 'pass rate', format: percent(0) },
            { kpi: 'mean_price', header: 'mean price', format: usd(2) },
            { kpi: 'final_price', header: 'price at end', format: usd(2) },
            { kpi: 'treasury_usd', header: 'treasury at end, USD', format: sig(3) },
            { kpi: 'gov_buyback_usd_total', header: 'bought back, USD', format: sig(3) },
          ],
        ),
      ].join('\n');
    },
  },

  'burn-vs-buyback': {
    cheap: false,
    async produce(scratch) {
      const dir = await run('burn-vs-buyback.ts', scratch);
      return [
        `Mean over ${seedsOf(dir)} seeds, two years:`,
        '',
        kpiTable(
          dir,
          'burn-vs-buyback',
          [
            ['none', 'none'],
            ['fee_burn', 'fee burn'],
            ['buyback_burn', 'buyback and burn'],
            ['buyback_distribute', 'buyback and distribute'],
            ['burn_plus_buyback', 'fee burn + buyback'],
          ],
          [
            { kpi: 'final_price', header: 'price at end', format: usd(2) },
            { kpi: 'inflation', header: 'net inflation a year', format: percent(1) },
            { kpi: 'total_burned', header: 'tokens burned', format: sig(3) },
            { kpi: 'total_buyback_usd', header: 'bought back, USD', format: sig(3) },
            { kpi: 'gini_holdings', header: 'Gini of holdings', format: fixed(3) },
          ],
        ),
      ].join('\n');
    },
  },

  'depin-bme': {
    cheap: false,
    async produce(scratch) {
      const dir = await run('depin-bme.ts', scratch);
      return kpiTable(
        dir,
        `depin-bme (3 years, mean of ${seedsOf(dir)} seeds)`,
        [
          ['fixedEmission', 'fixedEmission'],
          ['utilisation', 'utilisation'],
          ['burnAndMint', 'burnAndMint'],
          ['hybrid', 'hybrid'],
          ['hybridCapped', 'hybridCapped (net ≤ 0)'],
          ['burnAndMintHighMint', 'burnAndMintHighMint (3× mint)'],
        ],
        [
          { kpi: 'final_node_count', header: 'nodes at end', format: fixed(0) },
          { kpi: 'final_capacity_to_demand', header: 'capacity / demand at end', format: fixed(2) },
          { kpi: 'served_share', header: 'demand served', format: percent(1) },
          { kpi: 'final_price', header: 'price at end', format: usd(2) },
          { kpi: 'operator_net_emission_per_year', header: "operators' net emission, tokens/yr", format: signed(sig(3)) },
        ],
      );
    },
  },

  'storage-network': {
    cheap: false,
    async produce(scratch) {
      const dir = await run('storage-network.ts', scratch);
      return kpiTable(
        dir,
        `storage-network (5 years, mean of ${seedsOf(dir)} seeds)`,
        [
          ['hybrid', 'hybrid (S + B)'],
          ['simpleOnly', 'simpleOnly'],
          ['shortfall', 'shortfall (demand ÷ 10)'],
          ['shortfallSimpleOnly', 'shortfallSimpleOnly'],
          ['highFaults', 'highFaults (10× faults)'],
        ],
        [
          { kpi: 'final_network_power_tib', header: 'power at end, TiB', format: sig(3) },
          { kpi: 'final_power_to_baseline', header: 'power / baseline at end', format: fixed(2) },
          { kpi: 'total_storage_minted', header: 'minted, tokens', format: sig(4) },
          { kpi: 'baseline_minted_share', header: 'of it baseline', format: percent(1) },
          { kpi: 'pledge_share_of_supply', header: 'pledge / supply at end', format: percent(1) },
          { kpi: 'final_price', header: 'price at end', format: usd(2) },
          { kpi: 'final_storage_providers', header: 'providers at end', format: fixed(0) },
          { kpi: 'mean_provider_margin_usd_per_tib_year', header: 'margin, USD/TiB-yr', format: usd(2) },
          { kpi: 'total_fault_fees', header: 'fault fees burned', format: sig(3) },
        ],
      );
    },
  },

  'airdrop-design': {
    cheap: false,
    async produce(scratch) {
      const dir = await run('airdrop-design.ts', scratch);
      return kpiTable(
        dir,
        `airdrop-design (90-tick season, 180 days after the drop, mean of ${seedsOf(dir)} seeds)`,
        [
          ['points', 'points (filter 5% / 30%)'],
          ['snapshot', 'snapshot (equal per wallet)'],
          ['claimOrLock', 'claimOrLock (½ now or all in 180 d)'],
          ['claimOrVest', 'claimOrVest (½ now or vested over 180 d)'],
          ['noFilter', 'noFilter'],
          ['lenientFilter', 'lenientFilter (2% / 60%)'],
          ['strictFilter', 'strictFilter (15% / 10%)'],
        ],
        [
          { kpi: 'farmer_wallet_count', header: 'farmer wallets', format: fixed(0) },
          { kpi: 'farmer_share', header: 'to farmers', format: percent(1) },
          { kpi: 'sybil_share', header: 'of it to sybils', format: percent(1) },
          { kpi: 'real_users_excluded', header: 'real users excluded', format: fixed(0) },
          { kpi: 'airdrop_locked_share', header: 'locked', format: percent(0) },
          { kpi: 'post_drop_sold_30d', header: 'sold in 30 d, tokens', format: sig(3) },
          { kpi: 'price_change_30d', header: 'price +30 d', format: signed(percent(1)) },
          { kpi: 'price_change_90d', header: 'price +90 d', format: signed(percent(1)) },
          { kpi: 'price_change_180d', header: 'price +180 d', format: signed(percent(1)) },
          { kpi: 'real_retention_180d', header: 'real users kept at 180 d', format: percent(0) },
        ],
      );
    },
  },

  'yield-staking': {
    cheap: false,
    async produce(scratch) {
      const dir = await run('yield-staking.ts', scratch);
      const metrics = ['mean_staking_ratio', 'final_staking_ratio', 'final_treasury_staked', 'mean_price'];
      return (await command(['compare', dir, '--by', 'point', '--baseline', 'stakers', '--format', 'md', ...metrics.flatMap((m) => ['--metric', m])])).trimEnd();
    },
  },
  'treasury-staking': compareOutput('treasury-staking.ts', 'none', ['mean_staking_ratio', 'final_treasury_staked', 'total_treasury_staking_rewards', 'treasury_usd', 'mean_price']),

  'monad-airdrop': compareOutput('monad-airdrop.ts', 'testnetPoints', ['farmer_wallet_count', 'farmer_share', 'real_users_excluded', 'post_drop_sold_30d', 'price_change_30d', 'price_change_180d']),

  'consensus-carbon': {
    cheap: false,
    async produce(scratch) {
      const dir = await run('consensus-carbon.ts', scratch);
      return kpiTable(
        dir,
        `consensus-carbon (1 year, mean of ${seedsOf(dir)} seeds)`,
        [
          ['pow', 'pow'],
          ['hybrid', 'hybrid'],
          ['pos', 'pos'],
          ['purePos', 'purePos'],
        ],
        [
          { kpi: 'consensus_energy_mwh_per_year', header: 'consensus MWh/yr', format: sig(3) },
          { kpi: 'consensus_carbon_t_per_year', header: 't CO2/yr', format: sig(3) },
          { kpi: 'energy_kwh_per_tx', header: 'kWh/tx', format: sig(2) },
          { kpi: 'carbon_kg_per_tx', header: 'kg CO2/tx', format: sig(2) },
          { kpi: 'final_price', header: 'price at end', format: usd(2) },
        ],
      );
    },
  },

  'green-incentives': {
    cheap: false,
    async produce(scratch) {
      const dir = await run('green-incentives.ts', scratch);
      return kpiTable(
        dir,
        `green-incentives (2 years, mean of ${seedsOf(dir)} seeds)`,
        [
          ['none', 'none'],
          ['renewableBonus', 'renewableBonus (×1.5)'],
          ['offsetBonus', 'offsetBonus (×1.25)'],
          ['carbonPrice50', 'carbonPrice50 ($50/t)'],
          ['carbonPrice150', 'carbonPrice150 ($150/t)'],
          ['bonusAndPrice', 'bonusAndPrice'],
        ],
        [
          { kpi: 'hardware_carbon_t_per_year', header: 'hardware t CO2/yr', format: sig(3) },
          { kpi: 'carbon_net_t_per_year', header: 'net t CO2/yr (all, after offsets)', format: sig(3) },
          { kpi: 'hardware_g_per_kwh', header: 'hardware gCO2/kWh', format: sig(3) },
          { kpi: 'renewable_share', header: 'renewable share', format: percent(0) },
          { kpi: 'final_node_count', header: 'nodes at end', format: fixed(0) },
        ],
      );
    },
  },

  'fee-market': {
    cheap: false,
    async produce(scratch) {
      const dir = await run('fee-market.ts', scratch);
      return kpiTable(
        dir,
        `fee-market (2 days, spike ×3 for 6 h; mean of ${seedsOf(dir)} seeds)`,
        [
          ['eip1559', 'eip1559'],
          ['firstPrice', 'firstPrice'],
        ],
        [
          { kpi: 'mean_fee_usd', header: 'mean fee', format: usd(3) },
          { kpi: 'max_gas_price_gwei', header: 'peak block price, gwei', format: sig(3) },
          { kpi: 'total_base_fee_burned', header: 'burned, tokens', format: sig(3) },
          { kpi: 'total_priority_fees', header: 'to producers, tokens', format: sig(3) },
          { kpi: 'p99_inclusion_delay_s', header: 'p99 wait, s', format: fixed(0) },
          { kpi: 'peak_inclusion_delay_s', header: "worst tick's mean wait, s", format: fixed(1) },
          { kpi: 'expired_share', header: 'expired', format: percent(2) },
          { kpi: 'priced_out_share', header: 'priced out', format: percent(1) },
        ],
      );
    },
  },

  'fee-market-compare': {
    cheap: false,
    async produce(scratch) {
      const dir = await run('fee-market.ts', scratch);
      return command(['compare', dir, '--metric', 'p99_inclusion_delay_s', '--metric', 'peak_inclusion_delay_s', '--metric', 'expired_share', '--metric', 'mean_fee_usd', '--metric', 'block_price_cv', '--baseline', 'eip1559', '--format', 'md']);
    },
  },

  'rollup-economics': {
    cheap: false,
    async produce(scratch) {
      const dir = await run('rollup-economics.ts', scratch);
      return kpiTable(
        dir,
        `rollup-economics (3 days, mean of ${seedsOf(dir)} seeds)`,
        [
          ['blobs', 'blobs (Prague)'],
          ['blobSurge', 'blobs, others ×4 for 6 h'],
          ['osaka', 'blobs, Osaka reserve price'],
          ['calldata', 'calldata, blob-tuned scalars'],
          ['calldataPriced', 'calldata, priced to cover'],
        ],
        [
          { kpi: 'cost_per_l2_tx_usd', header: 'L1 cost per L2 tx, $', format: sig(3) },
          { kpi: 'mean_l2_fee_usd', header: 'mean L2 fee, $', format: sig(3) },
          { kpi: 'sequencer_margin_share', header: 'sequencer margin', format: percent(0) },
          { kpi: 'l1_burned_usd', header: 'L1 burned, USD', format: sig(3) },
          { kpi: 'l2_priced_out_share', header: 'L2 priced out', format: percent(1) },
          { kpi: 'max_blob_base_fee_gwei', header: 'peak blob fee, wei/blob gas', format: (v) => sig(2)(v * 1e9) },
          { kpi: 'carbon_g_per_l2_tx', header: 'gCO2 per L2 tx', format: sig(2) },
        ],
      );
    },
  },

  'staking-equilibrium': {
    cheap: false,
    async produce(scratch) {
      const dir = await run('staking-equilibrium.ts', scratch);
      return kpiTable(
        dir,
        `staking-equilibrium (mean of ${seedsOf(dir)} seeds)`,
        [
          ['hurdle-0.3', 'hurdle 0.3'],
          ['hurdle-0.5', 'hurdle 0.5'],
          ['hurdle-0.8', 'hurdle 0.8'],
          ['spread-hurdles', 'spread hurdles'],
        ],
        [
          { kpi: 'equilibrium_staked', header: 'closed form S*, tokens', format: sig(3) },
          { kpi: 'settled_staked', header: 'simulated (mean of last 60 ticks)', format: sig(3) },
          { kpi: 'staked_gap', header: 'gap', format: percent(1) },
        ],
      );
    },
  },
  'kinetic-exchange': {
    cheap: false,
    async produce(scratch) {
      const dir = await run('kinetic-exchange.ts', scratch);
      const laws: Row[] = [
        ['randomExchange', 'random exchange (λ = 0)'],
        ['saving', 'saving propensity λ = 0.5'],
        ['yardSale', 'yard sale (f = 0.1)'],
      ];
      const table = kpiTable(dir, `kinetic-exchange (mean of ${seedsOf(dir)} seeds)`, laws, [
        { kpi: 'final_money_gini', header: 'Gini', format: fixed(3) },
        { kpi: 'final_money_below_mean', header: 'P(m < mean)', format: fixed(3) },
        { kpi: 'final_money_top10_share', header: 'top-10% share', format: fixed(3) },
      ]);
      const theory = ['| exponential law (theory for λ = 0) | 0.500 | 0.632 | 0.330 |', '| Gamma law of shape 4 (theory for λ = 0.5) | 0.273 | — | — |'];
      return [table, ...theory].join('\n');
    },
  },

  'stress-baseline': {
    cheap: false,
    async produce(scratch) {
      const out = join(scratch, 'stress-baseline');
      await command(['run', join(ROOT, 'experiments', 'stress-baseline.ts'), ...STRESS_README_ARGS, '--out', out, '--quiet', '--workers', '2']);
      return stressMarkdown(stressTable(readResults(out))!);
    },
  },

  'pos-case-studies': {
    cheap: false,
    async produce(scratch) {
      const dir = await run('pos-case-studies.ts', scratch);
      // A KPI is null (NaN here) in every run when the AMM pool holds fewer tokens than the attack needs.
      const orInfinite = (f: (v: number) => string) => (v: number) => (Number.isNaN(v) ? '∞' : f(v));
      const chains = kpiTable(
        dir,
        `pos-case-studies (1 year, mean of ${seedsOf(dir)} seeds)`,
        [
          ['ethereum', 'Ethereum (Altair issuance)'],
          ['tezos', 'Tezos (adaptive issuance)'],
          ['algorand', 'Algorand (proposer payouts, no minting)'],
          ['cardano', 'Cardano (k = 500)'],
          ['cardano-k150', 'Cardano (k = 150)'],
        ],
        [
          { kpi: 'inflation', header: 'inflation/yr', format: percent(2) },
          { kpi: 'consensus_stake_ratio', header: 'stake / supply', format: percent(1) },
          { kpi: 'attack_cost_half_usd', header: '½ stake on the AMM, USD', format: orInfinite(sig(3)) },
          { kpi: 'attack_cost_third_float_usd', header: '⅓ stake on the float curve, USD', format: sig(3) },
          { kpi: 'attack_cost_third_float_to_mcap', header: '⅓ cost / market cap', format: fixed(2) },
          { kpi: 'attack_cost_half_float_to_mcap', header: '½ cost / market cap', format: fixed(2) },
        ],
      );
      const pools = kpiTable(
        dir,
        'Cardano pools',
        [
          ['cardano', 'k = 500'],
          ['cardano-k150', 'k = 150'],
        ],
        [
          { kpi: 'nakamoto_pools', header: 'pools holding > ½ of stake', format: fixed(0) },
          { kpi: 'final_delegation_ratio', header: 'delegated / supply', format: percent(1) },
          { kpi: 'total_to_treasury', header: 'to treasury, ADA', format: sig(3) },
        ],
      );
      const algorand = kpiTable(
        dir,
        'Algorand payouts',
        [['algorand', 'v40 schedule']],
        [
          { kpi: 'total_algorand_payouts', header: 'paid from the FeeSink, ALGO', format: sig(3) },
          { kpi: 'algorand_payout_rate', header: 'paid / supply / yr', format: percent(2) },
          { kpi: 'algorand_eligible_apr', header: 'eligible stake earns / yr', format: percent(2) },
          { kpi: 'final_eligible_share', header: 'eligible / online stake', format: percent(1) },
          { kpi: 'final_algorand_bonus', header: 'bonus at the end, ALGO/block', format: fixed(3) },
        ],
      );
      // Energy: the nodes and watts are each preset's inputs (`consensus.pos`), the MWh and CO2 the run's KPIs.
      const energyRows: [variant: string, label: string, pos: PosParams][] = [
        ['ethereum', 'Ethereum', ethereumPosEnergy],
        ['tezos', 'Tezos', tezosPosEnergy],
        ['algorand', 'Algorand', algorandPosEnergy],
        ['cardano', 'Cardano', cardanoPosEnergy],
      ];
      const mwh = means(dir, 'consensus_energy_mwh_per_year');
      const co2 = means(dir, 'consensus_carbon_t_per_year');
      const of = (m: Map<string, number>, v: string): number => {
        const x = m.get(v);
        if (x === undefined) throw new InputError(`${dir}: no variant ${v}`);
        return x;
      };
      const energy = [
        '| Consensus electricity | nodes | W per node | kWh per node / yr | MWh / yr | t CO2 / yr (480 g/kWh) |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        ...energyRows.map(([v, label, p]) => `| ${label} | ${p.minNodes.toLocaleString('en-US')} | ${fixed(1)(1000 * p.powerKwPerNode)} | ${fixed(0)(p.powerKwPerNode * p.pue * 8760)} | ${sig(3)(of(mwh, v))} | ${sig(3)(of(co2, v))} |`),
      ].join('\n');
      return [chains, '', energy, '', algorand, '', pools].join('\n');
    },
  },

  fairness: {
    cheap: false,
    async produce(scratch) {
      const dir = await run('fairness.ts', scratch);
      const chains: Row[] = [
        ['ethereum', 'Ethereum'],
        ['tezos', 'Tezos'],
        ['algorand', 'Algorand'],
        ['cardano', 'Cardano'],
      ];
      const rows: Row[] = chains.flatMap(([c, name]) => ['equal', 'lognormal', 'pareto'].map((d): Row => [`${c}/${d}`, `${name}, ${d}`]));
      return kpiTable(dir, `fairness (1 year, mean of ${seedsOf(dir)} seeds)`, rows, [
        { kpi: 'small_holders_token_growth', header: 'small holders, tokens', format: signed(percent(2)) },
        { kpi: 'top_holders_token_growth', header: 'top 10%, tokens', format: signed(percent(2)) },
        { kpi: 'small_holders_return', header: 'small holders, USD', format: signed(percent(1)) },
        { kpi: 'top_holders_return', header: 'top 10%, USD', format: signed(percent(1)) },
        { kpi: 'small_holders_staking', header: 'small holders staking', format: percent(0) },
        { kpi: 'small_holders_voting_share', header: 'their share of stake', format: percent(1) },
        { kpi: 'top10_share_holdings', header: 'top-10% share at end', format: fixed(3) },
        { kpi: 'theil_holdings', header: 'Theil at end', format: fixed(3) },
      ]);
    },
  },

  'defi-lending-cascade': compareOutput('defi-lending-cascade.ts', 'shock', [
    'total_liquidations',
    'total_bad_debt_usd',
    'total_depositor_loss_usd',
    'shock_drawdown',
    'shock_price_change',
    'final_borrower_equity_usd',
  ]),

  'defi-lst-depeg': compareOutput('defi-lst-depeg.ts', 'run', ['max_lst_discount', 'lst_depeg_ticks', 'peak_lst_queue', 'total_bad_debt_usd']),

  'defi-rwa-vault': compareOutput('defi-rwa-vault.ts', 'lag7', ['final_rwa_pnl_usd_retail', 'final_rwa_pnl_usd_qualified', 'max_rwa_discount', 'total_rwa_writedown_usd']),

  calibration: {
    cheap: false,
    async produce(scratch) {
      // The "observed" series: market-only at a known point (activity 0.3, a $1.5M pool side), on a seed the calibration does not use.
      const file = join(ROOT, 'experiments', 'market-only.ts');
      const { pointRunner } = await import('../experiment/pointRunner');
      const truth = { 'traders.activity': 0.3, 'amm.usdReserve': 1.5e6 };
      const price = pointRunner(loadExperiment(file), { ticks: 300, seeds: 1, metrics: ['price'] }).run({ values: truth, seed: 987654 }).series.price;
      const target = join(scratch, 'prices.csv');
      writeFileSync(target, 'day,price\n' + Array.from(price, (p, t) => `${t},${p}`).join('\n') + '\n');
      const text = await command([
        'calibrate', file, '--target', target, '--params', 'traders.activity=0.05:0.6', '--params', 'amm.usdReserve=5e5:3e6:log',
        '--moments', 'volatility,mean_abs_return,mean_log_price,abs_return_acf_1', '--seeds', '8', '--budget', '1200', '--workers', '2',
        '--out', join(scratch, 'calibration'), '-q',
      ]);
      // Up to the moments table: what follows names the scratch directory.
      return fence(text.slice(0, text.indexOf('\nresults: ')));
    },
  },
  'calibration-identification': {
    cheap: false,
    async produce() {
      const { identificationTable } = await import('../../experiments/calibration-recovery');
      return fence(identificationTable(24));
    },
  },
  'calibration-recovery': {
    cheap: false,
    async produce() {
      const { recoveryTable } = await import('../../experiments/calibration-recovery');
      return fence(await recoveryTable([11, 12, 13, 14, 15, 16, 17, 18]));
    },
  },
  'calibration-staking-identification': {
    cheap: false,
    async produce() {
      const { identificationTable } = await import('../../experiments/calibration-recovery-staking');
      return fence(identificationTable(16));
    },
  },
  'calibration-staking-recovery': {
    cheap: false,
    async produce() {
      const { recoveryTable } = await import('../../experiments/calibration-recovery-staking');
      return fence(await recoveryTable([11, 12, 13, 14, 15, 16, 17, 18]));
    },
  },
  'optimal-buyback': {
    cheap: false,
    async produce(scratch) {
      const text = await command([
        'optimize', join(ROOT, 'experiments', 'optimal-buyback.ts'), '--objective', 'mean_price', '--constraint', 'min_runway_years>=3',
        '--params', 'buyback.everyTicks=1:60', '--params', 'buyback.revenueShare=0.05:1', '--seeds', '4', '--budget', '96', '--workers', '2',
        '--out', join(scratch, 'optimal-buyback'), '-q',
      ]);
      return fence(text.slice(0, text.indexOf('\nresults: ')));
    },
  },
  'social-impact': compareOutput('social-impact.ts', 'baseline', ['final_price']),
  'carbon-policy': compareOutput('carbon-policy.ts', 'none', ['window_carbon_t_per_year', 'window_renewable_share', 'window_mean_node_count', 'window_mean_price', 'mean_carbon_price_usd_per_t']),
  'tax-incentives': compareOutput('tax-incentives.ts', 'none', ['mean_staking_ratio', 'nakamoto_stake', 'mean_node_count', 'renewable_share', 'total_tax_usd', 'final_price']),
  'bridge-design': compareOutput('bridge-design.ts', 'baseline', ['cross_chain_gap_mean', 'total_bridge_volume', 'total_exploit_loss_usd', 'bridge_unbacked_end']),
  'multi-chain-bridges': compareOutput('multi-chain-bridges.ts', 'baseline', ['gap_far_main_mean', 'far_bridge_gap_mean', 'cross_chain_gap_mean', 'total_far_bridge_volume']),
  'multi-chain-bridges-losses': {
    cheap: false,
    async produce(scratch) {
      const { lossReport } = await import('../../experiments/multi-chain-bridges');
      return lossReport(await run('multi-chain-bridges.ts', scratch));
    },
  },
  'interchain-governance': compareOutput('interchain-governance.ts', 'singleChain', ['ic_late_share', 'ic_lost_share', 'gov_turnout_mean', 'ic_flip_rate', 'gov_passed', 'gov_captured', 'ic_captured_full']),
  'proof-of-liquidity': compareOutput('proof-of-liquidity.ts', 'noBribes', ['final_pol_top_vault_bgt_share', 'final_pol_top_vault_liquidity_share', 'final_pol_liquidity_usd', 'mean_price', 'total_pol_bribes_usd']),
  'proof-of-liquidity-vaults': {
    cheap: false,
    async produce(scratch) {
      const { vaultReport } = await import('../../experiments/proof-of-liquidity');
      return vaultReport(await run('proof-of-liquidity.ts', scratch), 'perps', 'noBribes');
    },
  },
  'pol-validators': compareOutput('pol-validators.ts', 'lowBase', ['mean_pol_validators', 'final_pol_validators', 'final_pol_stake_nakamoto', 'mean_pol_staking_ratio', 'total_pol_validator_exits', 'mean_price']),
  'pol-governance': compareOutput('pol-governance.ts', 'noBribe', ['final_bgtgov_passed_share', 'final_bgtgov_listed_bgt_share', 'final_bgtgov_listed_liquidity_usd', 'total_bgtgov_vote_bribes_usd', 'final_pol_liquidity_usd']),
  'pol-honey': compareOutput('pol-honey.ts', 'feeFree', ['final_honey_supply', 'total_honey_minted', 'total_honey_fees_usd', 'mean_price', 'final_pol_liquidity_usd']),
  'reward-rule-search': {
    cheap: false,
    async produce(scratch) {
      const text = await command([
        'optimize', join(ROOT, 'experiments', 'reward-rule-search.ts'), '--objective', 'inflation:min', '--constraint', 'mean_staking_ratio>=0.25',
        '--params', 'emission.ratePerYear=1e6:3e7:log', '--params', 'emission.split.stakers=0.1:0.7', '--seeds', '4', '--budget', '96', '--workers', '2',
        '--out', join(scratch, 'reward-rule-search'), '-q',
      ]);
      return fence(text.slice(0, text.indexOf('\nresults: ')));
    },
  },
  'market-facts': {
    cheap: false,
    async produce() {
      const { marketFactsReport } = await import('../../experiments/market-facts');
      return fence(marketFactsReport(20, 365));
    },
  },

  'incentive-check': {
    cheap: false,
    async produce() {
      const { checks } = await import('../../experiments/incentive-check');
      const baseline = (await import('../../experiments/baseline')).default;
      const lines = checks.map((c) => formatDeviation(checkDeviation(baseline, { ...c, seeds: 5 })));
      return fence(lines.join('\n\n'));
    },
  },

  sensitivity: {
    cheap: false,
    async produce(scratch) {
      const dir = await run('sensitivity.ts', scratch);
      const text = await command(['sensitivity', dir, '--kpi', 'final_price', '--kpi', 'final_staking_ratio', '--kpi', 'price_to_eoe']);
      // The last line names the scratch directory it wrote to: not part of what the README shows.
      return fence(text.split('\n').filter((l) => !l.startsWith('written: ')).join('\n'));
    },
  },
};

/** A generated region of a Markdown text: its ID and where its body starts and ends. */
interface Region {
  id: string;
  start: number;
  end: number;
}

const OPEN = /<!-- output: ([\w-]+) -->\n/g;
const CLOSE = '<!-- /output -->';

/** Returns the generated regions of `text`; throws an InputError on an unclosed region or an unknown ID. */
export function regions(text: string, file: string): Region[] {
  const found: Region[] = [];
  for (const m of text.matchAll(OPEN)) {
    const start = m.index! + m[0].length;
    const end = text.indexOf(CLOSE, start);
    if (end < 0) throw new InputError(`${file}: output region ${m[1]} has no ${CLOSE}`);
    if (!OUTPUTS[m[1]]) throw new InputError(`${file}: unknown output region ${m[1]}; known: ${Object.keys(OUTPUTS).join(', ')}`);
    found.push({ id: m[1], start, end });
  }
  return found;
}

/** Returns `text` with every region whose ID is in `produced` replaced by its produced body. */
export function fill(text: string, file: string, produced: Map<string, string>): string {
  let out = '';
  let at = 0;
  for (const r of regions(text, file)) {
    const body = produced.get(r.id);
    out += text.slice(at, r.start) + (body === undefined ? text.slice(r.start, r.end) : body.trimEnd() + '\n');
    at = r.end;
  }
  return out + text.slice(at);
}

/** Produces the outputs `ids` (each once) in a scratch directory removed afterwards. */
export async function produce(ids: string[]): Promise<Map<string, string>> {
  const scratch = mkdtempSync(join(tmpdir(), 'tokensim-docs-'));
  try {
    const done = new Map<string, string>();
    for (const id of new Set(ids)) done.set(id, await OUTPUTS[id].produce(scratch));
    return done;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The Markdown files that hold generated regions. */
export const DOC_FILES = ['README.md', 'docs/explanation/defi.md', 'docs/explanation/market.md', 'docs/how-to/calibration.md', 'docs/how-to/optimise.md', 'docs/explanation/social-impact.md', 'docs/explanation/carbon-policy.md', 'docs/explanation/cross-chain.md', 'docs/explanation/tax-incentives.md', 'docs/explanation/interchain-governance.md', 'docs/explanation/proof-of-liquidity.md'];

/**
 * `npm run docs [-- --check] [ID...]`: regenerates the regions (all, or
 * those named) of every file in `DOC_FILES`, or with `--check` writes
 * nothing and returns 1 after naming every region that differs. Returns the
 * exit code.
 */
export async function docsCommand(args: string[]): Promise<number> {
  const check = args.includes('--check');
  const wanted = args.filter((a) => a !== '--check');
  for (const id of wanted) if (!OUTPUTS[id]) throw new InputError(`unknown output ${id}; known: ${Object.keys(OUTPUTS).join(', ')}`);
  const texts = DOC_FILES.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')] as const);
  // Every region's output is produced once, however many files show it.
  const ids = texts.flatMap(([f, text]) => regions(text, f).map((r) => r.id)).filter((id) => wanted.length === 0 || wanted.includes(id));
  const produced = await produce(ids);
  let stale = 0;
  for (const [f, text] of texts) {
    const changed = regions(text, f).filter((r) => produced.has(r.id) && text.slice(r.start, r.end) !== produced.get(r.id)!.trimEnd() + '\n');
    if (check) {
      for (const r of changed) process.stderr.write(`${f}: output ${r.id} is stale (regenerate with npm run docs -- ${r.id})\n`);
      stale += changed.length;
    } else if (changed.length > 0) {
      writeFileSync(join(ROOT, f), fill(text, f, produced));
      process.stdout.write(`${f}: regenerated ${changed.map((r) => r.id).join(', ')}\n`);
    }
  }
  return stale > 0 ? 1 : 0;
}

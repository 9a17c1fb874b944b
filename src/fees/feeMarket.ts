import { z } from 'zod';
import type { Account } from '../core/account';
import { defineBlock } from '../core/block';
import type { Population } from '../core/population';
import type { Rng } from '../core/rng';
import type { Route } from '../core/route';
import { RunningSum } from '../core/sum';
import { calcBaseFee } from '../exact/eip1559';
import { fromUnits } from '../exact/units';
import { marketPort } from '../market/amm';
import { secondsPerTick } from '../mechanisms/energy';
import { staking, type RewardSink } from '../mechanisms/staking';
import { total } from '../metrics/series';
import { BlockBuilder } from './blockBuilder';
import { DelayHistogram } from './delayHistogram';
import { gasPort, TX_KINDS, txKindIndex, type GasMarket, type GasPayer, type TxKind, type TxSource } from './gasPort';
import { GasPriceOracle } from './gasPriceOracle';
import { Mempool } from './mempool';

const GWEI = 1e9;
const WEI_PER_TOKEN = 1e18;

/** Parameters of the fee market. */
export const feeMarketParamsSchema = z
  .object({
    /** `eip1559`: base fee burned, priority fees to block producers; `firstPrice`: the legacy auction, every bid paid to producers. */
    rule: z.enum(['eip1559', 'firstPrice']),
    /** Seconds between blocks; blocks per tick = round(seconds per tick / blockSeconds). */
    blockSeconds: z.number().positive().max(86_400),
    /** Gas limit of a block, in gas (EIP-1559's maximum: elasticity × target). */
    gasLimit: z.number().int().min(21_000).max(1e10),
    /** EIP-1559 elasticity multiplier: gas target = ⌊gasLimit / elasticity⌋. */
    elasticity: z.number().int().min(1).max(100),
    /** EIP-1559 base-fee change denominator: the fee moves by at most 1/denominator a block. */
    denominator: z.number().int().min(1).max(1_000_000),
    /** Base fee of the first block, in gwei of the model's token per gas (10^-9 token), rounded to the wei. */
    initialBaseFeeGwei: z.number().min(0).max(1e9),
    /** Priority fee a wallet adds by default under EIP-1559, in gwei per gas (what `gasPriceWei` adds to the base fee). */
    defaultTipGwei: z.number().min(0).max(1e9),
    /** First-price rule: the lowest bid producers include, in gwei per gas (go-ethereum's `miner.gasprice`). */
    minGasPriceGwei: z.number().min(0).max(1e9),
    /** First-price rule: what wallets add to the oracle's suggestion, as a share (0.1 = +10%). */
    walletPremium: z.number().min(0).max(10),
    /** Gas of one transaction of each kind, in gas. */
    gas: z.object({ transfer: z.number().int().min(21_000), swap: z.number().int().min(21_000), stake: z.number().int().min(21_000), call: z.number().int().min(21_000) }).strict(),
  })
  .strict();
export type FeeMarketParams = z.infer<typeof feeMarketParamsSchema>;

/** What the fee market did, for tests and the blocks that read it. */
export interface FeeMarketBooks {
  /** Base fee of the next block, in wei per gas (0 under a first-price rule). */
  baseFeeWei: bigint;
  /** Every block's base fee times its gas used, summed, in wei: what EIP-1559 burns. */
  burnedWei: bigint;
  /** Blocks produced so far. */
  blocks: number;
  /** Gas fees paid so far (base fees and priority fees, or bids), in tokens. */
  paidTokens: number;
  /** Called after each block with its number, base fee (wei per gas) and gas used (for tests of the update rule). */
  onBlock: ((block: number, baseFeeWei: bigint, gasUsed: number) => void) | null;
}

/** The fee market's API: the block-space port and its books. */
export type FeeMarket = GasMarket & { readonly books: FeeMarketBooks };

/** A payer's routes and stream: from an agent pocket or a scalar account into the tick's fee account. */
class Payer implements GasPayer {
  constructor(
    readonly id: number,
    private readonly market: FeeMarketEngine,
    readonly route: Route,
    readonly account: Account | null,
    readonly rng: Rng,
  ) {}

  submit(agent: number, kind: TxKind, maxFeeWei: number, tipWei: number, patienceBlocks: number): void {
    this.market.stage(this, agent, kind, maxFeeWei, tipWei, patienceBlocks);
  }

  arrive(agent: number, kind: TxKind, maxFeeWei: number, tipWei: number, patienceBlocks: number): void {
    this.market.admit(this.id, agent, kind, maxFeeWei, tipWei, patienceBlocks);
  }

  /** Takes `tokens` from agent `agent` (or the account) when it holds them; returns whether it paid. */
  pay(agent: number, tokens: number, pop: Population | null): boolean {
    if (agent >= 0) {
      if (!pop || !(pop.cols.tokens[agent] >= tokens)) return false;
      this.route.take(agent, tokens);
      return true;
    }
    if (!this.account || !(this.account.tokens >= tokens)) return false;
    this.route.move(tokens);
    return true;
  }
}

/**
 * The block-space market, block by block (see `feeMarket` for the rules).
 * Holds the mempool, the transactions staged during the tick (each with
 * the block of the tick it arrives at), the base fee (bigint wei, updated
 * by `calcBaseFee` after every block) and the first-price oracle.
 */
class FeeMarketEngine implements FeeMarket {
  readonly books: FeeMarketBooks;
  readonly pool = new Mempool();
  readonly staged = new Mempool();
  stagedBlock = new Int32Array(1024);
  readonly builder = new BlockBuilder();
  readonly oracle: GasPriceOracle;
  readonly payers: Payer[] = [];
  readonly pops: (Population | null)[] = [];
  readonly sources: TxSource[] = [];
  readonly delays = new DelayHistogram(4096);
  /** Block number being built (1-based), or the last built. */
  block = 0;
  // Per-tick books.
  gasUsedTick = 0;
  gasLimitTick = 0;
  includedTick = 0;
  expiredTick = 0;
  unpaidTick = 0;
  paidTokensTick = 0;
  burnWeiTick = 0n;
  delayBlocksTick = 0;
  blockPriceSum = 0;
  blockPriceSq = 0;
  blockPriceCount = 0;
  maxGasPriceGwei = 0;
  /** Blocks with no room left for the smallest transaction. */
  fullBlocks = 0;
  private readonly byPop = new Map<Population, Payer>();
  private readonly byAccount = new Map<Account, Payer>();

  constructor(
    private readonly ctx: {
      params: () => FeeMarketParams;
      ledger: import('../core/ledger').Ledger;
      fees: Account;
      rng: Rng;
      blocksPerTick: number;
    },
  ) {
    const p = ctx.params();
    this.books = { baseFeeWei: p.rule === 'eip1559' ? BigInt(Math.round(p.initialBaseFeeGwei * GWEI)) : 0n, burnedWei: 0n, blocks: 0, paidTokens: 0, onBlock: null };
    this.oracle = new GasPriceOracle(p.initialBaseFeeGwei * GWEI);
  }

  get rule(): 'eip1559' | 'firstPrice' {
    return this.ctx.params().rule;
  }

  get blocksPerTick(): number {
    return this.ctx.blocksPerTick;
  }

  gasOf(kind: TxKind): number {
    return this.ctx.params().gas[kind];
  }

  defaultTipWei(): number {
    return this.rule === 'eip1559' ? this.ctx.params().defaultTipGwei * GWEI : 0;
  }

  gasPriceWei(): number {
    const p = this.ctx.params();
    if (p.rule === 'eip1559') return Number(this.books.baseFeeWei) + p.defaultTipGwei * GWEI;
    return Math.max(this.oracle.price * (1 + p.walletPremium), p.minGasPriceGwei * GWEI);
  }

  floorPriceWei(): number {
    const p = this.ctx.params();
    return p.rule === 'eip1559' ? Number(this.books.baseFeeWei) : p.minGasPriceGwei * GWEI;
  }

  quoteTokens(kind: TxKind): number {
    return (this.gasOf(kind) * this.gasPriceWei()) / WEI_PER_TOKEN;
  }

  payer(pop: Population): GasPayer {
    let known = this.byPop.get(pop);
    if (known) return known;
    if (!pop.account) throw new Error(`population ${pop.name} has no ledger account`);
    const l = this.ctx.ledger;
    known = new Payer(this.payers.length, this, l.route(l.pocket(pop.account, pop, 'tokens'), this.ctx.fees, 'gas fees'), null, this.ctx.rng.fork(`payer ${pop.name}`));
    this.payers.push(known);
    this.pops.push(pop);
    this.byPop.set(pop, known);
    return known;
  }

  accountPayer(account: Account): GasPayer {
    let known = this.byAccount.get(account);
    if (known) return known;
    known = new Payer(this.payers.length, this, this.ctx.ledger.route(account, this.ctx.fees, 'gas fees'), account, this.ctx.rng.fork(`payer ${account.name}`));
    this.payers.push(known);
    this.pops.push(null);
    this.byAccount.set(account, known);
    return known;
  }

  addSource(source: TxSource): void {
    this.sources.push(source);
  }

  /** The fee cap stored for a transaction: the cap itself under EIP-1559; under a first price the wallet's bid, min(cap, suggestion). */
  private bid(maxFeeWei: number): number {
    if (this.rule === 'eip1559') return maxFeeWei;
    const s = this.gasPriceWei();
    return maxFeeWei < s ? maxFeeWei : s;
  }

  stage(payer: Payer, agent: number, kind: TxKind, maxFeeWei: number, tipWei: number, patienceBlocks: number): void {
    const offset = payer.rng.int(this.ctx.blocksPerTick);
    const k = this.staged.push(this.bid(maxFeeWei), tipWei, this.gasOf(kind), 0, patienceBlocks, payer.id, agent, txKindIndex(kind));
    if (k >= this.stagedBlock.length) {
      const next = new Int32Array(this.stagedBlock.length * 2);
      next.set(this.stagedBlock);
      this.stagedBlock = next;
    }
    this.stagedBlock[k] = offset;
  }

  admit(payer: number, agent: number, kind: TxKind, maxFeeWei: number, tipWei: number, patienceBlocks: number): void {
    this.pool.push(this.bid(maxFeeWei), tipWei, this.gasOf(kind), this.block, this.block + Math.max(0, Math.floor(patienceBlocks)), payer, agent, txKindIndex(kind));
  }

  beginTick(): void {
    this.gasUsedTick = 0;
    this.gasLimitTick = 0;
    this.includedTick = 0;
    this.expiredTick = 0;
    this.unpaidTick = 0;
    this.paidTokensTick = 0;
    this.burnWeiTick = 0n;
    this.delayBlocksTick = 0;
  }

  /** Produces the tick's blocks: staged transactions arrive at their block, sources add theirs, each block is built and the base fee updated. */
  produce(): void {
    const p = this.ctx.params();
    const n = this.ctx.blocksPerTick;
    const order = this.stagedOrder(n);
    const s = this.staged;
    let next = 0;
    const firstPrice = p.rule === 'firstPrice';
    const minGas = Math.min(p.gas.transfer, p.gas.swap, p.gas.stake, p.gas.call);
    let paidWei = 0;
    const pay = (row: number, weiPerGas: number): boolean => {
      const tokens = (this.pool.gas[row] * weiPerGas) / WEI_PER_TOKEN;
      const id = this.pool.payer[row];
      if (!this.payers[id].pay(this.pool.agent[row], tokens, this.pops[id])) return false;
      this.paidTokensTick += tokens;
      this.books.paidTokens += tokens;
      paidWei += this.pool.gas[row] * weiPerGas;
      if (firstPrice) this.oracle.note(weiPerGas);
      return true;
    };
    // A transaction waits from the start of the block interval it arrived in: included by that block, it waited one block.
    const included = (_row: number, delay: number): void => {
      this.delays.add(delay + 1);
      this.delayBlocksTick += delay + 1;
    };
    for (let b = 0; b < n; b++) {
      this.block++;
      while (next < order.length && this.stagedBlock[order[next]] === b) {
        const k = order[next++];
        this.pool.push(s.maxFee[k], s.tip[k], s.gas[k], this.block, this.block + s.deadline[k], s.payer[k], s.agent[k], s.kind[k]);
      }
      for (const src of this.sources) src.arrive(this.block, b);
      const baseFee = this.books.baseFeeWei;
      paidWei = 0;
      const built = this.builder.build(
        this.pool,
        this.block,
        p.gasLimit,
        { firstPrice, baseFeeWei: Number(baseFee), minPriceWei: p.minGasPriceGwei * GWEI, minGas },
        pay,
        included,
      );
      this.gasUsedTick += built.gasUsed;
      if (p.gasLimit - built.gasUsed < minGas) this.fullBlocks++;
      this.gasLimitTick += p.gasLimit;
      this.includedTick += built.included;
      this.expiredTick += built.expired;
      this.unpaidTick += built.unpaid;
      if (built.gasUsed > 0) {
        const price = paidWei / built.gasUsed / GWEI;
        this.blockPriceSum += price;
        this.blockPriceSq += price * price;
        this.blockPriceCount++;
        if (price > this.maxGasPriceGwei) this.maxGasPriceGwei = price;
      }
      if (firstPrice) this.oracle.endBlock();
      else {
        const burn = baseFee * BigInt(built.gasUsed);
        this.burnWeiTick += burn;
        this.books.burnedWei += burn;
        this.books.baseFeeWei = calcBaseFee(
          { baseFee, gasLimit: BigInt(p.gasLimit), gasUsed: BigInt(built.gasUsed) },
          { elasticityMultiplier: BigInt(p.elasticity), baseFeeChangeDenominator: BigInt(p.denominator) },
        );
      }
      this.books.blocks++;
      this.books.onBlock?.(this.block, baseFee, built.gasUsed);
    }
    s.length = 0;
  }

  /** Returns the staged rows ordered by their block of the tick (a counting sort: stable, so submission order holds within a block). */
  private stagedOrder(n: number): Int32Array {
    const m = this.staged.length;
    const counts = new Int32Array(n + 1);
    for (let k = 0; k < m; k++) counts[this.stagedBlock[k] + 1]++;
    for (let b = 0; b < n; b++) counts[b + 1] += counts[b];
    const order = new Int32Array(m);
    for (let k = 0; k < m; k++) order[counts[this.stagedBlock[k]]++] = k;
    return order;
  }
}

/**
 * The chain's fee market, block by block: `blocksPerTick` = round(seconds
 * per tick / `blockSeconds`) blocks each tick (phase `post`, after agents
 * acted). Transactions come from the model's classes through the gas port
 * (`payer(pop).submit`, arriving at a block of the tick drawn from the
 * payer's stream) and from sources that add theirs block by block (the
 * exogenous demand). Each block is filled by `BlockBuilder` under the
 * gas limit L:
 *
 * - `eip1559` (ethereum/EIPs `EIPS/eip-1559.md`): a transaction with fee
 *   cap m ≥ base fee b pays b + min(tip, m − b) per gas; b · gas used is
 *   burned; the base fee of the next block is go-ethereum's `CalcBaseFee`
 *   in integer wei (`src/exact/eip1559.ts`, target ⌊L / elasticity⌋,
 *   change at most b / denominator);
 * - `firstPrice` (the auction before London): each transaction pays its
 *   bid, min(its cap, the wallet's suggestion at submission), all to the
 *   producer; the suggestion is go-ethereum's oracle (`GasPriceOracle`)
 *   plus `walletPremium`.
 *
 * Fees are taken from the payer when a block includes the transaction
 * (a payer short of tokens then has it dropped) into the `feeMarket`
 * account; at the end of the tick the base fees are burned and the rest,
 * the priority fees, paid to stakers (when the model stakes and someone
 * does) or to the `validators` account. A transaction leaves the mempool
 * after its patience runs out (expired).
 */
export const feeMarket = defineBlock({
  key: 'feeMarket',
  kind: 'market',
  description: 'block space sold block by block: EIP-1559 (base fee burned, integer update) or a legacy first-price auction',
  sources: [
    'EIP-1559 (ethereum/EIPs, EIPS/eip-1559.md); go-ethereum consensus/misc/eip1559/eip1559.go CalcBaseFee',
    'go-ethereum miner: transactions ordered by effective tip; eth/gasprice/gasprice.go oracle (20 blocks, 60th percentile, 3 samples a block)',
    'Roughgarden (2020), "Transaction Fee Mechanism Design for the Ethereum Blockchain: An Economic Analysis of EIP-1559", arXiv:2012.00854',
  ],
  params: {
    schema: feeMarketParamsSchema,
    defaults: {
      rule: 'eip1559',
      blockSeconds: 12,
      gasLimit: 30_000_000,
      elasticity: 2,
      denominator: 8,
      initialBaseFeeGwei: 2_000,
      defaultTipGwei: 50,
      minGasPriceGwei: 0,
      walletPremium: 0.1,
      // Typical mainnet gas used: a plain transfer is the 21,000 intrinsic gas; the others are rough medians (assumptions).
      gas: { transfer: 21_000, swap: 120_000, stake: 100_000, call: 80_000 },
    },
  },
  provides: [gasPort],
  uses: { market: marketPort, staking },
  holders: {
    '': { circulating: false, description: 'gas fees paid this tick, before the base fee is burned and priority fees paid out' },
    validators: { circulating: true, description: "block producers' priority fees (and first-price bids) when no one stakes" },
  },
  check(p, all) {
    const tpy = typeof all.ticksPerYear === 'number' ? all.ticksPerYear : 365;
    const n = Math.round(secondsPerTick(tpy) / p.blockSeconds);
    const out: { path: string; message: string }[] = [];
    if (p.blockSeconds > secondsPerTick(tpy)) out.push({ path: 'blockSeconds', message: `is ${p.blockSeconds} s, longer than a tick (${secondsPerTick(tpy)} s at ${tpy} ticks a year); expected at most one tick` });
    if (n > 100_000) out.push({ path: 'blockSeconds', message: `gives ${n} blocks a tick; expected at most 100000 (use shorter ticks)` });
    for (const k of TX_KINDS) if (p.gas[k] > p.gasLimit) out.push({ path: `gas.${k}`, message: `is ${p.gas[k]} gas, above the block gas limit ${p.gasLimit}; expected at most the limit` });
    return out;
  },
  metrics: {
    base_fee_gwei: { unit: 'gwei/gas', description: 'base fee of the next block (0 under a first-price rule)' },
    gas_price_gwei: { unit: 'gwei/gas', description: "gas-weighted mean price paid this tick (base fee plus priority fee, or the bid); 0 when no block was used" },
    suggested_gas_price_gwei: { unit: 'gwei/gas', description: 'the price a wallet offers now for prompt inclusion (base fee + default tip, or the oracle plus premium)' },
    block_fullness: { unit: 'share', description: "gas used / gas limit over this tick's blocks" },
    gas_used: { unit: 'gas', kind: 'flow', description: 'gas used since the previous row' },
    tx_included: { unit: 'transactions', kind: 'flow', description: 'transactions included since the previous row' },
    tx_expired: { unit: 'transactions', kind: 'flow', description: 'transactions that left the mempool unincluded since the previous row (patience ran out)' },
    tx_unpaid: { unit: 'transactions', kind: 'flow', description: 'transactions dropped because their payer could not pay when included' },
    tx_pending: { unit: 'transactions', description: 'transactions waiting in the mempool at the end of the tick' },
    inclusion_delay_s: { unit: 's', description: "mean wait to inclusion of this tick's included transactions, in whole blocks from the interval of arrival (one block when the next block includes it; 0 when none)" },
    base_fee_burned: { unit: 'tokens', kind: 'flow', description: 'base fees burned since the previous row' },
    priority_fees: { unit: 'tokens', kind: 'flow', description: 'fees paid to block producers (stakers or validators) since the previous row' },
    gas_fees_usd: { unit: 'USD', kind: 'flow', description: 'all gas fees paid since the previous row, at the price' },
  },
  kpis: {
    total_base_fee_burned: { unit: 'tokens', description: 'base fees burned over the run' },
    total_priority_fees: { unit: 'tokens', description: 'fees paid to block producers over the run' },
    total_gas_fees_usd: { unit: 'USD', description: 'all gas fees over the run, at the price when paid' },
    included_tx: { unit: 'transactions', description: 'transactions included over the run' },
    mean_fee_usd: { unit: 'USD', description: 'total gas fees in USD / transactions included (0 when none)' },
    mean_inclusion_delay_s: { unit: 's', description: 'mean wait from arrival to inclusion over the run (0 when none)' },
    p95_inclusion_delay_s: { unit: 's', description: '95th percentile of the wait to inclusion over the run, to the block (0 when none)' },
    p99_inclusion_delay_s: { unit: 's', description: '99th percentile of the wait to inclusion over the run, to the block (0 when none)' },
    peak_inclusion_delay_s: { unit: 's', description: "highest tick's mean wait to inclusion over the run (0 when none)" },
    full_block_share: { unit: 'share', description: 'blocks with no room left for the smallest transaction / all blocks (0 when none)' },
    expired_share: { unit: 'share', description: 'transactions that expired / all that left the mempool (0 when none)' },
    mean_block_fullness: { unit: 'share', description: 'gas used / gas limit over every block' },
    max_gas_price_gwei: { unit: 'gwei/gas', description: 'highest gas-weighted mean price of a block over the run (0 when no block was used)' },
    block_price_cv: { unit: 'ratio', description: "coefficient of variation of blocks' mean gas price (standard deviation / mean over used blocks; 0 when fewer than two)" },
  },
  build(ctx) {
    const fees = ctx.account('');
    const validators = ctx.account('validators');
    const tpy = ctx.world.ticksPerYear;
    const blocksPerTick = Math.round(secondsPerTick(tpy) / ctx.params().blockSeconds);
    const m = new FeeMarketEngine({ params: ctx.params, ledger: ctx.ledger, fees, rng: ctx.rng, blocksPerTick });
    const burn = ctx.ledger.route(fees, 'burn', 'base fee');
    const toValidators = ctx.ledger.route(fees, validators, 'priority fees');
    let tipsLastTick = 0;
    const toStakers: RewardSink | null = ctx.deps.staking ? ctx.deps.staking.rewardsFrom(fees, 'priority fees', () => tipsLastTick * tpy) : null;
    let burnedTick = 0;
    let tipsTick = 0;
    let feesUsdTick = 0;
    let peakDelay = 0;
    const feesUsd = new RunningSum();
    const price = () => ctx.deps.market?.price ?? 0;
    const blockSeconds = secondsPerTick(tpy) / blocksPerTick;
    const settle = (): void => {
      const owed = fromUnits(m.burnWeiTick, 18);
      burnedTick = owed < fees.tokens ? owed : fees.tokens;
      if (burnedTick > 0) burn.move(burnedTick);
      tipsTick = fees.tokens;
      if (tipsTick > 0 && !(toStakers && toStakers.pay(tipsTick))) toValidators.move(tipsTick);
      tipsLastTick = tipsTick;
      feesUsdTick = m.paidTokensTick * price();
      feesUsd.add(feesUsdTick);
      const delay = m.includedTick > 0 ? (m.delayBlocksTick / m.includedTick) * blockSeconds : 0;
      if (delay > peakDelay) peakDelay = delay;
    };
    return {
      api: m as FeeMarket,
      hooks: {
        pre: () => m.beginTick(),
        post: () => {
          m.produce();
          settle();
        },
      },
      metrics: {
        base_fee_gwei: () => Number(m.books.baseFeeWei) / GWEI,
        gas_price_gwei: () => (m.gasUsedTick > 0 ? (m.paidTokensTick * WEI_PER_TOKEN) / m.gasUsedTick / GWEI : 0),
        suggested_gas_price_gwei: () => m.gasPriceWei() / GWEI,
        block_fullness: () => (m.gasLimitTick > 0 ? m.gasUsedTick / m.gasLimitTick : 0),
        gas_used: () => m.gasUsedTick,
        tx_included: () => m.includedTick,
        tx_expired: () => m.expiredTick,
        tx_unpaid: () => m.unpaidTick,
        tx_pending: () => m.pool.length,
        inclusion_delay_s: () => (m.includedTick > 0 ? (m.delayBlocksTick / m.includedTick) * blockSeconds : 0),
        base_fee_burned: () => burnedTick,
        priority_fees: () => tipsTick,
        gas_fees_usd: () => feesUsdTick,
      },
      summary: ({ series }) => {
        const included = m.delays.count;
        const left = included + total(series, 'tx_expired') + total(series, 'tx_unpaid');
        const mean = m.blockPriceCount > 0 ? m.blockPriceSum / m.blockPriceCount : 0;
        const variance = m.blockPriceCount > 1 ? Math.max(0, (m.blockPriceSq - m.blockPriceCount * mean * mean) / (m.blockPriceCount - 1)) : 0;
        return {
          total_base_fee_burned: total(series, 'base_fee_burned'),
          total_priority_fees: total(series, 'priority_fees'),
          total_gas_fees_usd: feesUsd.value,
          included_tx: included,
          mean_fee_usd: included > 0 ? feesUsd.value / included : 0,
          mean_inclusion_delay_s: m.delays.mean() * blockSeconds,
          p95_inclusion_delay_s: m.delays.quantile(0.95) * blockSeconds,
          p99_inclusion_delay_s: m.delays.quantile(0.99) * blockSeconds,
          peak_inclusion_delay_s: peakDelay,
          full_block_share: m.books.blocks > 0 ? m.fullBlocks / m.books.blocks : 0,
          expired_share: left > 0 ? total(series, 'tx_expired') / left : 0,
          mean_block_fullness: total(series, 'gas_used') / Math.max(1, m.books.blocks * ctx.params().gasLimit),
          max_gas_price_gwei: m.maxGasPriceGwei,
          block_price_cv: m.blockPriceCount > 1 && mean > 0 ? Math.sqrt(variance) / mean : 0,
        };
      },
    };
  },
});

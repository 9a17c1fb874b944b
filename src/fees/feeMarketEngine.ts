import type { Account } from '../core/account';
import type { Ledger } from '../core/ledger';
import type { Population } from '../core/population';
import type { Rng } from '../core/rng';
import type { Route } from '../core/route';
import { calcBaseFee } from '../exact/eip1559';
import { BlockBuilder } from './blockBuilder';
import { DelayHistogram } from './delayHistogram';
import type { FeeMarketParams } from './feeMarketParams';
import { txKindIndex, type GasMarket, type GasPayer, type TxKind, type TxSource } from './gasPort';
import { GasPriceOracle } from './gasPriceOracle';
import { Mempool } from './mempool';

const GWEI = 1e9;
const WEI_PER_TOKEN = 1e18;

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
 * The block-space market, block by block (the rules are the `feeMarket`
 * block's).
 * Holds the mempool, the transactions staged during the tick (each with
 * the block of the tick it arrives at), the base fee (bigint wei, updated
 * by `calcBaseFee` after every block) and the first-price oracle.
 */
export class FeeMarketEngine implements FeeMarket {
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
      ledger: Ledger;
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


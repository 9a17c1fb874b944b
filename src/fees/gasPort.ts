import { port } from '../core/block';
import type { Account } from '../core/account';
import type { Population } from '../core/population';

/** What a transaction does, for its gas: a plain transfer, an AMM swap, a staking action, another contract call. */
export const TX_KINDS = ['transfer', 'swap', 'stake', 'call'] as const;
export type TxKind = (typeof TX_KINDS)[number];

/** Returns the index of `kind` in `TX_KINDS` (the small integer the mempool stores). */
export function txKindIndex(kind: TxKind): number {
  return TX_KINDS.indexOf(kind);
}

/**
 * Who pays a transaction's gas: a population's agents (from their `tokens`)
 * or one scalar account. `submit` puts a transaction into the mempool;
 * its fee is taken when a block includes it, and a transaction its payer
 * cannot pay for then is dropped.
 */
export interface GasPayer {
  /**
   * Submits a transaction of agent `agent` (−1 for a scalar payer) with a
   * fee cap of `maxFeeWei` wei per gas (the bid, under a first-price rule)
   * and a priority fee of `tipWei` wei per gas, leaving the mempool after
   * `patienceBlocks` blocks; it arrives at a block of the tick drawn from
   * the payer's own stream.
   */
  submit(agent: number, kind: TxKind, maxFeeWei: number, tipWei: number, patienceBlocks: number): void;
  /** Submits a transaction that arrives at the block being built now (for a `TxSource`, during `arrive`). */
  arrive(agent: number, kind: TxKind, maxFeeWei: number, tipWei: number, patienceBlocks: number): void;
}

/** A source of transactions that arrive block by block (the exogenous demand): called once per block with the block's number. */
export interface TxSource {
  arrive(block: number, blockOfTick: number): void;
}

/**
 * The chain's block space as a market, the port agent classes read gas
 * prices from and pay gas through (`gasPort`). Prices are in wei of the
 * model's token per gas (10^-18 token); `rule` says how they are set.
 */
export interface GasMarket {
  readonly rule: 'eip1559' | 'firstPrice';
  /** Blocks produced each tick. */
  readonly blocksPerTick: number;
  /** Returns the gas of one transaction of `kind`, in gas. */
  gasOf(kind: TxKind): number;
  /**
   * Returns the gas price a transaction should offer now to be included
   * promptly, in wei per gas: the next block's base fee plus the default
   * priority fee under EIP-1559; the price oracle's suggestion under a
   * first-price auction.
   */
  gasPriceWei(): number;
  /**
   * Returns the lowest price per gas at which a transaction can be
   * included now, in wei per gas: the next block's base fee under
   * EIP-1559; the producers' minimum gas price under a first-price rule.
   * A sender whose value per gas is below it does not send.
   */
  floorPriceWei(): number;
  /** Returns the default priority fee a wallet adds, in wei per gas (EIP-1559; 0 under a first-price rule, where the bid is the price). */
  defaultTipWei(): number;
  /** Returns what one action of `kind` costs now at `gasPriceWei`, in tokens. */
  quoteTokens(kind: TxKind): number;
  /** Returns the payer for agents of `pop` (opened once per population; `pop` must have an account). */
  payer(pop: Population): GasPayer;
  /** Returns the payer for a scalar account (opened once per account). */
  accountPayer(account: Account): GasPayer;
  /** Adds a source whose transactions arrive block by block. */
  addSource(source: TxSource): void;
}

/** The block-space port: filled by the fee-market block (`feeMarket`). */
export const gasPort = port<GasMarket>('gas');

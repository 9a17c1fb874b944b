import { defineBlock } from '../core/block';
import { RunningSum } from '../core/sum';
import { fromUnits } from '../exact/units';
import { marketPort } from '../market/amm';
import { secondsPerTick } from '../mechanisms/energy';
import { staking, type RewardSink } from '../mechanisms/staking';
import { total } from '../metrics/series';
import { FeeMarketEngine, type FeeMarket } from './feeMarketEngine';
import { feeMarketParamsSchema } from './feeMarketParams';
import { gasPort, TX_KINDS } from './gasPort';

export { feeMarketParamsSchema, type FeeMarketParams } from './feeMarketParams';
export type { FeeMarket, FeeMarketBooks } from './feeMarketEngine';

const GWEI = 1e9;
const WEI_PER_TOKEN = 1e18;

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

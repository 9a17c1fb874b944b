import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { distributionSchema, sample, type Distribution } from '../core/distributions';
import { RunningSum } from '../core/sum';
import { BLOB_SCHEDULES, GAS_PER_BLOB } from '../exact/eip4844';
import { fjordEstimatedSize, fjordL1Fee } from '../exact/opL1Fee';
import { marketPort } from '../market/amm';
import { carbonKg, GRID_INTENSITY_G_PER_KWH, PUE, secondsPerTick } from '../mechanisms/energy';
import { L1DataMarket } from './l1DataMarket';
import { LogShock } from './logShock';
import { poisson } from './poisson';

const GWEI = 1e9;
const WEI_PER_ETH = 1e18;
/** Bytes of batch data one blob carries: 4096 field elements of which the batcher fills 31 of 32 bytes (BLS modulus). */
export const BLOB_DATA_BYTES = 4096 * 31;
/** Seconds between L1 blocks (slots). */
const L1_BLOCK_SECONDS = 12;

/** Parameters of the rollup. */
export const rollupParamsSchema = z
  .object({
    /** How batches reach L1: `blobs` (EIP-4844 blob transactions) or `calldata`. */
    dataAvailability: z.enum(['blobs', 'calldata']),
    /** The L1 fork whose blob schedule applies (target and maximum blobs, update fraction, EIP-7918's reserve price from Osaka). */
    blobFork: z.enum(['cancun', 'prague', 'osaka']),
    /** L2 transactions wanted per second at the base level, before senders priced out walk away. */
    txPerSecond: z.number().min(0).max(1e5),
    /** L2 gas the chain executes per second at most (its capacity), in gas per second. */
    l2GasPerSecond: z.number().positive().max(1e12),
    /** What an L2 transaction is worth to its sender, in USD, drawn per transaction (the demand curve). */
    valueUsd: distributionSchema,
    /** L2 gas of one transaction, in gas. */
    l2GasPerTx: z.number().int().min(21_000).max(1e8),
    /** L2 execution gas price (the L2 base fee plus priority fee, near its floor on an uncongested L2), in gwei per gas of ETH. */
    l2GasPriceGwei: z.number().min(0).max(1e6),
    /** FastLZ-compressed size of one signed transaction, in bytes: Fjord's L1 fee and the batch bytes (its Brotli estimate) follow from it. */
    fastLzBytes: z.number().int().min(1).max(1e6),
    /** The L1 data fee's scalars (×10^6), the sequencer's margin lever: base fee and blob base fee weights (`baseFeeScalar`, `blobBaseFeeScalar`). */
    baseFeeScalar: z.number().int().min(0).max(2 ** 32 - 1),
    blobBaseFeeScalar: z.number().int().min(0).max(2 ** 32 - 1),
    /** L1 execution base fee, in gwei per gas: its level, a mean-one log AR(1) shock per tick (σ, persistence). */
    l1BaseFeeGwei: z.number().positive().max(1e6),
    l1Shock: z.object({ sigma: z.number().min(0).max(2), persistence: z.number().min(0).lt(1) }).strict(),
    /** Priority fee the batcher adds on L1, in gwei per gas. */
    l1TipGwei: z.number().min(0).max(1e6),
    /** Other rollups' blob demand: blobs wanted per L1 block and the lognormal of their reservation price per blob gas (median in wei, σ). */
    otherBlobsPerBlock: z.number().min(0).max(1000),
    otherBlobValueWei: z.number().positive().max(1e18),
    otherBlobValueSigma: z.number().min(0).max(5),
    /** A surge of the other rollups' blob demand: `multiplier` times from tick `startTick` to `endTick` inclusive (1 for none). */
    blobSurge: z.object({ startTick: z.number().int().min(0), endTick: z.number().int().min(0), multiplier: z.number().min(0).max(1e4) }).strict(),
    /** Blobs a batch fills before it is posted, and the most L1 blocks pending data waits before a batch is posted anyway. */
    blobsPerBatch: z.number().int().min(1).max(64),
    maxBatchDelayBlocks: z.number().int().min(1).max(100_000),
    /** Calldata: the largest batch, in bytes, and the L1 gas per byte (16 by EIP-2028; 40 for data-only transactions under EIP-7623's floor, from Prague). */
    maxCalldataBytes: z.number().int().min(1).max(1e7),
    calldataGasPerByte: z.number().int().min(0).max(1000),
    /** L1 execution gas of a batch transaction besides its calldata, in gas (21,000 intrinsic). */
    batchTxGas: z.number().int().min(21_000).max(1e7),
    /** Settlement: L1 gas a day for state roots or dispute games (optimistic), and a proof's cost per batch in USD (validity; 0 for optimistic). */
    settlementGasPerDay: z.number().min(0).max(1e12),
    proofUsdPerBatch: z.number().min(0).max(1e9),
    /** ETH price in USD: L1 costs and the L2's ETH-denominated fees are converted at it. */
    ethUsd: z.number().positive().max(1e9),
    /** Share of each tick's fee revenue (in tokens) the sequencer sells for USD on the AMM; the rest it keeps. */
    sellShare: z.number().min(0).max(1),
    /** Tokens the L2's users hold at genesis (minted), topped back up each tick by buying on the AMM with USD from outside. */
    usersTokens: z.number().min(0).max(1e15),
    /** Energy: the L1's whole consensus power in kW and its block gas limit (a batch is charged the block's energy times its share of the block), the sequencer's servers in kW and their PUE, and the grid's gCO2/kWh. */
    energy: z
      .object({
        l1NetworkKw: z.number().min(0).max(1e9),
        l1GasLimit: z.number().int().min(21_000).max(1e10),
        sequencerKw: z.number().min(0).max(1e6),
        sequencerPue: z.number().min(1).max(5),
        gridIntensity: z.number().min(0).max(2000),
      })
      .strict(),
  })
  .strict()
  .refine((p) => p.blobSurge.endTick >= p.blobSurge.startTick, { message: 'blobSurge.endTick must be at or after blobSurge.startTick', path: ['blobSurge', 'endTick'] });
export type RollupParams = z.infer<typeof rollupParamsSchema>;

/**
 * An optimistic or validity rollup in the OP Stack manner, whose fees are
 * paid in the model's token (a custom gas token; the L2 token's role is
 * fees; staking and governance are the model's other blocks). Each tick:
 *
 * - L2 senders want Poisson(txPerSecond · s) transactions (s seconds a
 *   tick), each worth v USD; one is sent when v covers its fee
 *   F = (l2GasPerTx · l2GasPrice + L1 data fee) in ETH, converted to USD
 *   at `ethUsd` and to tokens at the AMM price, up to the L2's gas
 *   capacity. The L1 data fee is Fjord's (`fjordL1Fee`, OP Stack
 *   `GasPriceOracle._fjordL1Cost`): size · (16 · s_b · b + s_x · x) /
 *   10^12 wei, with the L1 base fee b and blob base fee x of the tick's
 *   start (the `L1Block` values) and the scalars s_b, s_x ×10^6;
 * - the fees go from the users' account to the sequencer's, which sells
 *   `sellShare` of them on the AMM;
 * - the batch data, Fjord's Brotli estimate per transaction, is posted to
 *   L1 over the tick's L1 blocks (12 s): with blobs, once `blobsPerBatch`
 *   blobs of 126,976 bytes are filled or the oldest pending data waited
 *   `maxBatchDelayBlocks`, each blob costing 131,072 blob gas at the
 *   blob base fee of `L1DataMarket` (EIP-4844, exact); with calldata, up
 *   to `maxCalldataBytes` at `calldataGasPerByte` gas a byte. Every batch
 *   pays `batchTxGas` at base fee + tip; settlement costs
 *   `settlementGasPerDay` at the base fee and `proofUsdPerBatch`;
 * - the sequencer pays the L1 in USD (to outside: ETH spent on L1, whose
 *   base fee and blob base fee parts L1 burns) from its USD; what it lacks
 *   its operator covers from outside (the subsidy).
 *
 * The sequencer's margin is its fee revenue (in USD at the price when
 * paid) minus its L1 and proof costs. Energy (kWh, through the energy
 * block's constants): each batch is charged the L1 block's consensus
 * energy `l1NetworkKw` · 12 s times its share of the block, max(gas /
 * gas limit, blobs / maximum blobs); the sequencer adds `sequencerKw` ·
 * PUE; carbon is that at `gridIntensity`.
 */
export const rollup = defineBlock({
  key: 'rollup',
  kind: 'mechanism',
  description: 'an OP Stack-style rollup paid in the token: L2 fees with the Fjord L1 data fee, batches posted to L1 as blobs (EIP-4844, exact) or calldata, sequencer margin',
  sources: [
    'ethereum-optimism/optimism packages/contracts-bedrock/src/L2/GasPriceOracle.sol (_fjordL1Cost, _fjordLinearRegression); src/L2/L1Block.sol (l1 base fee, blob base fee and scalars per epoch)',
    'EIP-4844 (ethereum/EIPs, EIPS/eip-4844.md) and go-ethereum consensus/misc/eip4844/eip4844.go (CalcExcessBlobGas, CalcBlobFee); EIP-7691 (Prague blobs), EIP-7918 (reserve price)',
    'EIP-2028 (16 gas per non-zero calldata byte), EIP-7623 (calldata floor, 10 gas per token)',
    'CCRI (2022), "The Merge: Implications on the Electricity Consumption and Carbon Footprint of the Ethereum Network" (about 2,600 MWh a year after the Merge)',
  ],
  params: {
    schema: rollupParamsSchema,
    defaults: {
      dataAvailability: 'blobs',
      blobFork: 'prague',
      txPerSecond: 20,
      l2GasPerSecond: 15_000_000,
      valueUsd: { dist: 'lognormal', mu: Math.log(0.05), sigma: 1.5 } as Distribution,
      l2GasPerTx: 150_000,
      l2GasPriceGwei: 0.001,
      fastLzBytes: 200,
      // Assumptions of the order OP Stack chains set after Ecotone.
      baseFeeScalar: 2_000,
      blobBaseFeeScalar: 1_000_000,
      l1BaseFeeGwei: 5,
      l1Shock: { sigma: 0.1, persistence: 0.9 },
      l1TipGwei: 1,
      otherBlobsPerBlock: 5,
      otherBlobValueWei: 1e9,
      otherBlobValueSigma: 2,
      blobSurge: { startTick: 0, endTick: 0, multiplier: 1 },
      blobsPerBatch: 3,
      maxBatchDelayBlocks: 50,
      maxCalldataBytes: 120_000,
      calldataGasPerByte: 40,
      batchTxGas: 21_000,
      settlementGasPerDay: 24 * 300_000,
      proofUsdPerBatch: 0,
      ethUsd: 3_000,
      sellShare: 1,
      usersTokens: 1_000_000,
      // Ethereum after the Merge: ~2,600 MWh a year (CCRI, "The Merge" report 2022), about 300 kW; a 36M gas limit; one 500 W sequencer in a data centre.
      energy: { l1NetworkKw: 300, l1GasLimit: 36_000_000, sequencerKw: 0.5, sequencerPue: PUE.dataCentre, gridIntensity: GRID_INTENSITY_G_PER_KWH.world },
    },
  },
  needs: { market: marketPort },
  holders: {
    users: { circulating: true, description: "the L2's users' tokens for fees" },
    sequencer: { circulating: true, description: "the sequencer's fee revenue in tokens and the USD it pays the L1 with" },
  },
  check(p, all) {
    const tpy = typeof all.ticksPerYear === 'number' ? all.ticksPerYear : 365;
    const s = secondsPerTick(tpy);
    const out: { path: string; message: string }[] = [];
    if (p.l2GasPerTx > p.l2GasPerSecond * s) out.push({ path: 'l2GasPerTx', message: `is ${p.l2GasPerTx} gas, more than the L2 executes in a tick (${p.l2GasPerSecond * s}); expected at most that` });
    if (p.blobsPerBatch > Number(BLOB_SCHEDULES[p.blobFork].max)) out.push({ path: 'blobsPerBatch', message: `is ${p.blobsPerBatch}, above the ${p.blobFork} maximum of ${BLOB_SCHEDULES[p.blobFork].max} blobs a block` });
    return out;
  },
  metrics: {
    l2_tx: { unit: 'transactions', kind: 'flow', description: 'L2 transactions included since the previous row' },
    l2_priced_out: { unit: 'transactions', kind: 'flow', description: 'L2 transactions not sent because their fee exceeded their value (or beyond the L2 capacity)' },
    l2_fee_usd: { unit: 'USD', description: 'fee of one L2 transaction at the start of the tick (execution + L1 data fee)' },
    l1_data_fee_usd: { unit: 'USD', description: "the L1 data fee part of one L2 transaction's fee at the start of the tick" },
    l2_fees_usd: { unit: 'USD', kind: 'flow', description: 'L2 fees paid since the previous row, at the price' },
    l1_cost_usd: { unit: 'USD', kind: 'flow', description: "the sequencer's L1 data, batch and settlement costs and proof costs since the previous row" },
    l1_burned_usd: { unit: 'USD', kind: 'flow', description: 'of the L1 costs, the base fee and blob base fee parts L1 burns, since the previous row' },
    sequencer_margin_usd: { unit: 'USD', kind: 'flow', description: 'L2 fees minus L1 and proof costs since the previous row' },
    batches_posted: { unit: 'batches', kind: 'flow', description: 'batches posted to L1 since the previous row' },
    blobs_posted: { unit: 'blobs', kind: 'flow', description: 'our blobs posted since the previous row' },
    other_blobs: { unit: 'blobs', kind: 'flow', description: "other rollups' blobs included since the previous row" },
    blob_base_fee_gwei: { unit: 'gwei/blob gas', description: 'blob base fee of the next L1 block' },
    l1_base_fee_gwei: { unit: 'gwei/gas', description: 'L1 execution base fee this tick' },
    pending_batch_bytes: { unit: 'bytes', description: 'batch data not yet posted at the end of the tick' },
    sequencer_subsidy_usd: { unit: 'USD', kind: 'flow', description: "USD the sequencer's operator added from outside to pay L1 costs its balance did not cover" },
    rollup_energy_kwh: { unit: 'kWh', kind: 'flow', description: "the L1 consensus energy charged to our batches plus the sequencer's, since the previous row" },
  },
  kpis: {
    cost_per_l2_tx_usd: { unit: 'USD', description: "the sequencer's L1 and proof costs / L2 transactions included (0 when none)" },
    mean_l2_fee_usd: { unit: 'USD', description: 'L2 fees paid / L2 transactions included (0 when none)' },
    sequencer_revenue_usd: { unit: 'USD', description: 'L2 fees over the run, at the price when paid' },
    sequencer_l1_cost_usd: { unit: 'USD', description: 'L1 and proof costs over the run' },
    sequencer_margin_usd: { unit: 'USD', description: 'revenue minus L1 and proof costs over the run' },
    sequencer_margin_share: { unit: 'share', description: 'margin / revenue over the run (0 when no revenue)' },
    l1_burned_usd: { unit: 'USD', description: "of the sequencer's L1 costs, what L1 burned (base fee and blob base fee)" },
    l2_included_tx: { unit: 'transactions', description: 'L2 transactions included over the run' },
    l2_priced_out_share: { unit: 'share', description: 'L2 transactions priced out / wanted over the run (0 when none were wanted)' },
    max_blob_base_fee_gwei: { unit: 'gwei/blob gas', description: 'highest blob base fee over the run' },
    mean_batch_wait_s: { unit: 's', description: 'mean wait of a batch from its oldest data to its posting, over batches (0 when none)' },
    energy_kwh_per_l2_tx: { unit: 'kWh', description: "the rollup's energy (L1 share and sequencer) / L2 transactions included (0 when none)" },
    carbon_g_per_l2_tx: { unit: 'gCO2', description: 'that energy at the grid intensity / L2 transactions included (0 when none)' },
  },
  build(ctx) {
    const pool = ctx.deps.market;
    const users = ctx.account('users');
    const sequencer = ctx.account('sequencer');
    const ledger = ctx.ledger;
    const rng = ctx.rng;
    const p0 = ctx.params();
    const l1 = new L1DataMarket(BLOB_SCHEDULES[p0.blobFork], rng.fork('blobs'));
    const s = secondsPerTick(ctx.world.ticksPerYear);
    const l1Blocks = Math.round(s / L1_BLOCK_SECONDS);
    const fees = ledger.route(users, sequencer, 'L2 fees');
    const seller = pool.trader(sequencer, sequencer, 'sequencer sells fees');
    const buyer = pool.trader('outside', users, 'L2 fee token purchase');
    const toL1 = ledger.route(sequencer, 'outside', 'L1 data and settlement', 'usd');
    const subsidy = ledger.route('outside', sequencer, 'sequencer subsidy', 'usd');
    const shock = new LogShock();
    let baseFeeWei = BigInt(Math.round(p0.l1BaseFeeGwei * GWEI));
    let pendingBytes = 0;
    let pendingSince = -1;
    let l1Block = 0;
    const tick = { tx: 0, pricedOut: 0, feeUsd: 0, l1FeeUsd: 0, feesUsd: 0, costUsd: 0, burnedUsd: 0, batches: 0, blobs: 0, others: 0, subsidyUsd: 0, energyKwh: 0 };
    const energy = new RunningSum();
    const revenue = new RunningSum();
    const cost = new RunningSum();
    const burned = new RunningSum();
    let included = 0;
    let wanted = 0;
    let pricedOut = 0;
    let maxBlobFee = 0;
    let batches = 0;
    let batchWaitBlocks = 0;
    const postBatch = (bytes: number, blobs: number, p: RollupParams, blobFeeWei: bigint): void => {
      const tip = p.l1TipGwei * GWEI;
      const base = Number(baseFeeWei);
      const execGas = p.batchTxGas + (blobs === 0 ? p.calldataGasPerByte * bytes : 0);
      const blobWei = blobs * Number(GAS_PER_BLOB) * Number(blobFeeWei);
      const costEth = (execGas * (base + tip) + blobWei) / WEI_PER_ETH;
      tick.costUsd += costEth * p.ethUsd + p.proofUsdPerBatch;
      tick.burnedUsd += ((execGas * base + blobWei) / WEI_PER_ETH) * p.ethUsd;
      tick.batches++;
      tick.blobs += blobs;
      // The L1 block's consensus energy, charged by the batch's share of its gas or of its blob space, whichever is larger.
      const e = p.energy;
      const share = Math.max(execGas / e.l1GasLimit, blobs / l1.maxBlobs);
      tick.energyKwh += ((e.l1NetworkKw * L1_BLOCK_SECONDS) / 3600) * Math.min(1, share);
      batches++;
      batchWaitBlocks += l1Block - pendingSince + 1;
      pendingBytes -= bytes;
      if (pendingBytes < 1e-9) pendingBytes = 0;
      pendingSince = pendingBytes > 0 ? l1Block : -1;
    };
    return {
      api: l1,
      genesis: () => {
        const t = ctx.params().usersTokens;
        if (t > 0) ledger.route('mint', users, 'genesis').move(t);
      },
      hooks: {
        exogenous: () => {
          const p = ctx.params();
          const m = shock.next(rng, p.l1Shock.sigma, p.l1Shock.persistence);
          baseFeeWei = BigInt(Math.max(1, Math.round(p.l1BaseFeeGwei * GWEI * m)));
          for (const k of Object.keys(tick) as (keyof typeof tick)[]) tick[k] = 0;
        },
        post: (w) => {
          const p = ctx.params();
          const price = pool.price;
          const l1FeeWei = Number(fjordL1Fee(BigInt(p.fastLzBytes), { l1BaseFee: baseFeeWei, blobBaseFee: l1.blobFeeWei, baseFeeScalar: BigInt(p.baseFeeScalar), blobBaseFeeScalar: BigInt(p.blobBaseFeeScalar) }));
          const feeEth = (p.l2GasPerTx * p.l2GasPriceGwei * GWEI + l1FeeWei) / WEI_PER_ETH;
          tick.feeUsd = feeEth * p.ethUsd;
          tick.l1FeeUsd = (l1FeeWei / WEI_PER_ETH) * p.ethUsd;
          const feeTokens = tick.feeUsd / price;
          const n = poisson(rng, p.txPerSecond * s);
          const capacity = Math.floor((p.l2GasPerSecond * s) / p.l2GasPerTx);
          const affordable = feeTokens > 0 ? Math.floor(users.tokens / feeTokens) : Infinity;
          let sent = 0;
          for (let k = 0; k < n; k++) if (sample(p.valueUsd, rng) >= tick.feeUsd && sent < capacity && sent < affordable) sent++;
          wanted += n;
          tick.tx = sent;
          tick.pricedOut = n - sent;
          pricedOut += n - sent;
          included += sent;
          if (sent > 0 && feeTokens > 0) fees.move(sent * feeTokens);
          tick.feesUsd = sent * tick.feeUsd;
          revenue.add(tick.feesUsd);
          const bytesPerBlock = (sent * Number(fjordEstimatedSize(BigInt(p.fastLzBytes)))) / 1e6 / l1Blocks;
          const surge = w.tick >= p.blobSurge.startTick && w.tick <= p.blobSurge.endTick ? p.blobSurge.multiplier : 1;
          const blobs = p.dataAvailability === 'blobs';
          for (let b = 0; b < l1Blocks; b++) {
            l1Block++;
            if (bytesPerBlock > 0) {
              if (pendingSince < 0) pendingSince = l1Block;
              pendingBytes += bytesPerBlock;
            }
            const due = pendingSince >= 0 && l1Block - pendingSince + 1 >= p.maxBatchDelayBlocks;
            let ours = 0;
            let batchBytes = 0;
            if (blobs) {
              const full = p.blobsPerBatch * BLOB_DATA_BYTES;
              if (pendingBytes >= full || (due && pendingBytes > 0)) {
                batchBytes = Math.min(pendingBytes, full);
                ours = Math.min(Math.ceil(batchBytes / BLOB_DATA_BYTES), l1.maxBlobs);
                batchBytes = Math.min(batchBytes, ours * BLOB_DATA_BYTES);
              }
            } else if (pendingBytes >= p.maxCalldataBytes || (due && pendingBytes > 0)) batchBytes = Math.min(pendingBytes, p.maxCalldataBytes);
            const fee = l1.blobFeeWei;
            const out = l1.block(ours, p.otherBlobsPerBlock * surge, p.otherBlobValueWei, p.otherBlobValueSigma, baseFeeWei);
            tick.others += out.others;
            if (batchBytes > 0) postBatch(batchBytes, ours, p, fee);
            const f = Number(l1.blobFeeWei) / GWEI;
            if (f > maxBlobFee) maxBlobFee = f;
          }
          tick.costUsd += ((p.settlementGasPerDay * (s / 86_400) * Number(baseFeeWei)) / WEI_PER_ETH) * p.ethUsd;
          tick.burnedUsd += ((p.settlementGasPerDay * (s / 86_400) * Number(baseFeeWei)) / WEI_PER_ETH) * p.ethUsd;
          cost.add(tick.costUsd);
          burned.add(tick.burnedUsd);
          tick.energyKwh += p.energy.sequencerKw * p.energy.sequencerPue * (s / 3600);
          energy.add(tick.energyKwh);
          const sell = sent * feeTokens * p.sellShare;
          if (sell > 0 && sell <= sequencer.tokens) seller.sell(sell);
          if (tick.costUsd > sequencer.usd) {
            tick.subsidyUsd = tick.costUsd - sequencer.usd;
            subsidy.move(tick.subsidyUsd);
          }
          if (tick.costUsd > 0) toL1.move(Math.min(tick.costUsd, sequencer.usd));
        },
        observe: () => {
          const deficit = ctx.params().usersTokens - users.tokens;
          if (!(deficit > 0)) return;
          const usd = pool.quoteBuyExactOut(deficit);
          if (usd > 0 && usd < Infinity) buyer.buy(usd);
        },
      },
      metrics: {
        l2_tx: () => tick.tx,
        l2_priced_out: () => tick.pricedOut,
        l2_fee_usd: () => tick.feeUsd,
        l1_data_fee_usd: () => tick.l1FeeUsd,
        l2_fees_usd: () => tick.feesUsd,
        l1_cost_usd: () => tick.costUsd,
        l1_burned_usd: () => tick.burnedUsd,
        sequencer_margin_usd: () => tick.feesUsd - tick.costUsd,
        batches_posted: () => tick.batches,
        blobs_posted: () => tick.blobs,
        other_blobs: () => tick.others,
        blob_base_fee_gwei: () => Number(l1.blobFeeWei) / GWEI,
        l1_base_fee_gwei: () => Number(baseFeeWei) / GWEI,
        pending_batch_bytes: () => pendingBytes,
        sequencer_subsidy_usd: () => tick.subsidyUsd,
        rollup_energy_kwh: () => tick.energyKwh,
      },
      summary: () => ({
        cost_per_l2_tx_usd: included > 0 ? cost.value / included : 0,
        mean_l2_fee_usd: included > 0 ? revenue.value / included : 0,
        sequencer_revenue_usd: revenue.value,
        sequencer_l1_cost_usd: cost.value,
        sequencer_margin_usd: revenue.value - cost.value,
        sequencer_margin_share: revenue.value > 0 ? (revenue.value - cost.value) / revenue.value : 0,
        l1_burned_usd: burned.value,
        l2_included_tx: included,
        l2_priced_out_share: wanted > 0 ? pricedOut / wanted : 0,
        max_blob_base_fee_gwei: maxBlobFee,
        mean_batch_wait_s: batches > 0 ? (batchWaitBlocks / batches) * L1_BLOCK_SECONDS : 0,
        energy_kwh_per_l2_tx: included > 0 ? energy.value / included : 0,
        carbon_g_per_l2_tx: included > 0 ? (carbonKg(energy.value, ctx.params().energy.gridIntensity) * 1000) / included : 0,
      }),
    };
  },
});

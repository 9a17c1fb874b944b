import { defineBlock } from '../core/block';
import type { Account } from '../core/account';
import type { Ledger } from '../core/ledger';
import type { Route } from '../core/route';
import type { World } from '../core/world';
import { marketPort } from '../market/amm';
import type { ConstantProductPool, PoolTrader } from '../market/constantProductPool';
import { spanYears, total } from '../metrics/series';
import { carbonKg, consensusParamsSchema, consensusPresets, ConsensusEnergy, minerShare, secondsPerTick, type ConsensusParams } from './energy';
import { carbonFeeUsd, green } from './greenIncentives';
import { staking, type RewardSink, type StakingPool } from './staking';
import { treasury, type Treasury } from './treasury';

/**
 * Consensus rewards and their energy. Phase `pre`: mints the consensus
 * reward R = rewardPerYear / ticksPerYear; miners' share R · m (m from
 * `minerShare`) is sold on the AMM at once (miners are an aggregate that pays
 * its bills in USD), the rest goes to stakers (not minted when nothing is
 * staked). Phase `post`: steps `ConsensusEnergy` with the miners' USD
 * revenue and the stake, then the miners pay the carbon fee on their CO2
 * (kWh × g/kWh / 1000 kg at the carbon price) to the treasury, and their
 * remaining USD (electricity and profit) leaves the model.
 */
export class ConsensusRewards {
  readonly energy: ConsensusEnergy;
  /** Tokens minted for consensus this tick. */
  mintedThisTick = 0;
  /** Miners' revenue this tick, in USD. */
  minerRevenueUsd = 0;
  /** Carbon fee miners paid this tick, in USD. */
  carbonFeesUsd = 0;
  /** Consensus CO2 this tick, in kg. */
  carbonKg = 0;
  private readonly sale: PoolTrader;
  private readonly stakers: RewardSink;
  private readonly fee: Route;
  private readonly bills: Route;

  constructor(
    ledger: Ledger,
    private readonly params: () => ConsensusParams,
    private readonly carbonPrice: () => number,
    pool: ConstantProductPool,
    private readonly staking: StakingPool,
    /** Miners' USD between selling (pre) and paying (post). */
    readonly miners: Account,
    treasury: Treasury | null,
  ) {
    this.energy = new ConsensusEnergy(params);
    this.sale = pool.trader(miners, 'mint', 'block subsidy');
    this.stakers = staking.rewardsFrom('mint', 'consensus reward', () => params().rewardPerYear * (1 - minerShare(params())));
    this.fee = treasury ? treasury.incomeFrom(miners, 'carbon fee', 'usd') : ledger.route(miners, 'outside', 'carbon fee', 'usd');
    this.bills = ledger.route(miners, 'outside', 'mining costs', 'usd');
  }

  pre(world: World): void {
    const p = this.params();
    const reward = p.rewardPerYear / world.ticksPerYear;
    const m = minerShare(p);
    let minted = 0;
    this.minerRevenueUsd = 0;
    const toMiners = reward * m;
    if (toMiners > 0) {
      minted += toMiners;
      this.minerRevenueUsd = this.sale.sell(toMiners);
    }
    const toStakers = reward - toMiners;
    if (toStakers > 0 && this.stakers.pay(toStakers)) minted += toStakers;
    this.mintedThisTick = minted;
  }

  post(world: World): void {
    const p = this.params();
    const price = this.carbonPrice();
    this.energy.step(this.minerRevenueUsd, this.staking.totalStaked, secondsPerTick(world.ticksPerYear), price);
    this.carbonKg = carbonKg(this.energy.energyKwh, p.gridIntensity);
    const due = carbonFeeUsd(carbonKg(this.energy.powKwh, p.gridIntensity), price);
    const fee = due < this.miners.usd ? due : this.miners.usd;
    if (fee > 0) this.fee.move(fee);
    this.carbonFeesUsd = fee;
    if (this.miners.usd > 0) this.bills.move(this.miners.usd);
  }
}

/** The consensus block: its rewards, energy and carbon, for a proof-of-work, proof-of-stake, pure-PoS or hybrid chain. */
export const consensus = defineBlock({
  key: 'consensus',
  kind: 'mechanism',
  description: 'consensus rewards (miners sell, stakers earn) and consensus energy and carbon (PoW hashrate equilibrium, PoS validator nodes)',
  sources: ['CBECI (Cambridge Bitcoin Electricity Consumption Index) methodology', 'CCRI, "The Merge – Implications on the Electricity Consumption and Carbon Footprint of the Ethereum Network" (2022)'],
  params: { schema: consensusParamsSchema, defaults: { ...consensusPresets.pos, rewardPerYear: 2_000_000 } },
  needs: { staking, market: marketPort },
  uses: { treasury, green },
  holders: { miners: { circulating: true, description: "miners' USD between selling their reward and paying their bills" } },
  metrics: {
    hashrate_th: { unit: 'TH/s', description: 'proof-of-work hashrate' },
    validator_nodes: { unit: 'nodes', description: 'proof-of-stake validator nodes running' },
    transactions: { unit: 'transactions', kind: 'flow', description: "on-chain transactions since the previous row (the chain's own plus AMM swaps)" },
    consensus_energy_kwh: { unit: 'kWh', kind: 'flow', description: 'consensus electricity since the previous row' },
    consensus_carbon_kg: { unit: 'kg CO2', kind: 'flow', description: 'consensus CO2 since the previous row' },
    energy_kwh_per_tx: { unit: 'kWh/transaction', description: "consensus electricity per transaction this tick" },
    carbon_kg_per_tx: { unit: 'kg CO2/transaction', description: 'consensus CO2 per transaction this tick' },
  },
  kpis: {
    consensus_energy_mwh_per_year: { unit: 'MWh/year', description: 'consensus electricity per year' },
    consensus_carbon_t_per_year: { unit: 't CO2/year', description: 'consensus CO2 per year' },
    energy_kwh_per_tx: { unit: 'kWh/transaction', description: 'Σ consensus kWh / Σ transactions' },
    carbon_kg_per_tx: { unit: 'kg CO2/transaction', description: 'Σ consensus CO2 / Σ transactions' },
  },
  build(ctx) {
    const pool = ctx.deps.market;
    const carbonPrice = () => ctx.deps.green?.params().carbonPriceUsdPerTonne ?? 0;
    const c = new ConsensusRewards(ctx.ledger, ctx.params, carbonPrice, pool, ctx.deps.staking, ctx.account('miners'), ctx.deps.treasury);
    const tx = () => ctx.params().txPerTick + pool.trades;
    const perTx = (x: number) => (tx() > 0 ? x / tx() : 0);
    return {
      api: c,
      hooks: { pre: (w) => c.pre(w), post: (w) => c.post(w) },
      metrics: {
        hashrate_th: () => c.energy.hashrateTh,
        validator_nodes: () => c.energy.nodes,
        transactions: tx,
        consensus_energy_kwh: () => c.energy.energyKwh,
        consensus_carbon_kg: () => c.carbonKg,
        energy_kwh_per_tx: () => perTx(c.energy.energyKwh),
        carbon_kg_per_tx: () => perTx(c.carbonKg),
      },
      summary: ({ series, ticks, world }) => {
        const years = spanYears(ticks, world.ticksPerYear);
        const perYear = (x: number) => (years > 0 ? x / years : 0);
        const kwh = total(series, 'consensus_energy_kwh');
        const kg = total(series, 'consensus_carbon_kg');
        const n = total(series, 'transactions');
        return {
          consensus_energy_mwh_per_year: perYear(kwh / 1000),
          consensus_carbon_t_per_year: perYear(kg / 1000),
          energy_kwh_per_tx: n > 0 ? kwh / n : 0,
          carbon_kg_per_tx: n > 0 ? kg / n : 0,
        };
      },
    };
  },
});

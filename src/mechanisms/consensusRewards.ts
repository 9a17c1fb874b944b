import type { Account, Holder } from '../core/ledger';
import type { World } from '../core/world';
import type { ConstantProductPool } from '../market/amm';
import { ConsensusEnergy, carbonKg, minerShare, secondsPerTick, type ConsensusParams } from './energy';
import { carbonFeeUsd } from './greenIncentives';
import type { StakingPool } from './staking';

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
export class ConsensusRewards implements Holder {
  readonly name = 'consensus';
  readonly energy: ConsensusEnergy;
  /** Miners' balances between selling (pre) and paying (post). */
  readonly miners: Account = { tokens: 0, usd: 0 };
  /** Tokens minted for consensus this tick. */
  mintedThisTick = 0;
  /** Miners' revenue this tick, in USD. */
  minerRevenueUsd = 0;
  /** Carbon fee miners paid this tick, in USD. */
  carbonFeesUsd = 0;
  /** Consensus CO2 this tick, in kg. */
  carbonKg = 0;

  constructor(
    private readonly params: () => ConsensusParams,
    private readonly carbonPrice: () => number,
    private readonly pool: ConstantProductPool,
    private readonly staking: StakingPool,
  ) {
    this.energy = new ConsensusEnergy(params);
  }

  pre(world: World): void {
    const p = this.params();
    const reward = p.rewardPerYear / world.ticksPerYear;
    const m = minerShare(p);
    let minted = 0;
    this.minerRevenueUsd = 0;
    const toMiners = reward * m;
    if (toMiners > 0) {
      world.ledger.mint(toMiners);
      minted += toMiners;
      const usd = this.pool.sell(toMiners);
      this.miners.usd += usd;
      this.minerRevenueUsd = usd;
    }
    const toStakers = reward - toMiners;
    if (toStakers > 0 && this.staking.distribute(toStakers)) {
      world.ledger.mint(toStakers);
      minted += toStakers;
    }
    this.mintedThisTick = minted;
  }

  post(world: World): void {
    const p = this.params();
    const price = this.carbonPrice();
    this.energy.step(this.minerRevenueUsd, this.staking.totalStaked, secondsPerTick(world.ticksPerYear), price);
    this.carbonKg = carbonKg(this.energy.energyKwh, p.gridIntensity);
    const due = carbonFeeUsd(carbonKg(this.energy.powKwh, p.gridIntensity), price);
    const fee = due < this.miners.usd ? due : this.miners.usd;
    world.treasury.usd += fee;
    this.carbonFeesUsd = fee;
    world.ledger.usdOut(this.miners.usd - fee);
    this.miners.usd = 0;
  }

  tokenHoldings(): number {
    return this.miners.tokens;
  }

  usdHoldings(): number {
    return this.miners.usd;
  }
}

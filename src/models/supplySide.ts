import { z } from 'zod';
import { SectorHolders, sectorHolderTraitsSchema } from '../../agents/sectorHolders';
import type { World } from '../core/world';
import type { Metric } from '../experiment/model';
import type { ConstantProductPool } from '../market/amm';
import { BurnOnUse, serviceParamsSchema } from '../mechanisms/burnOnUse';
import { Buyback, buybackParamsSchema } from '../mechanisms/buyback';
import { DynamicRewards, dynamicRewardsParamsSchema } from '../mechanisms/dynamicRewards';
import type { Emission } from '../mechanisms/emission';
import type { FeeBurn } from '../mechanisms/feeBurn';
import { LockPool, lockingParamsSchema } from '../mechanisms/lockedStaking';
import { ScheduledBurn, scheduledBurnParamsSchema } from '../mechanisms/scheduledBurn';
import type { StakingPool } from '../mechanisms/staking';
import { Treasury, treasuryPolicySchema } from '../mechanisms/treasury';
import { Vesting, vestingSectorSchema } from '../mechanisms/vesting';
import { UnlockLog } from './unlockLog';

/** A vesting sector with, when its unlocks go to holders, how those holders behave. */
export const sectorSchema = vestingSectorSchema
  .extend({ holders: sectorHolderTraitsSchema.optional() })
  .refine((s) => s.recipient !== 'holders' || s.holders !== undefined, { message: "a sector with recipient 'holders' needs holders" });

/** The vesting block: allocation sectors (none by default). */
export const vestingParamsSchema = z
  .object({ sectors: z.array(sectorSchema).refine((ss) => new Set(ss.map((s) => s.name)).size === ss.length, { message: 'sector names must be unique' }) })
  .strict();

/** Parameter blocks of the supply-side mechanisms, spread into the token-economy schema. */
export const supplySideShape = {
  vesting: vestingParamsSchema,
  service: serviceParamsSchema,
  scheduledBurn: scheduledBurnParamsSchema,
  buyback: buybackParamsSchema,
  dynamicRewards: dynamicRewardsParamsSchema,
  locking: lockingParamsSchema,
  treasuryPolicy: treasuryPolicySchema,
};

/** The supply-side parameters as one object type. */
export type SupplySideParams = { [K in keyof typeof supplySideShape]: z.infer<(typeof supplySideShape)[K]> };

/**
 * Defaults that leave the baseline as it was: no vesting sectors, no service
 * demand, no scheduled burn, buybacks off, dynamic rewards off, no treasury
 * spending; locks of up to four years when something locks.
 */
export const supplySideDefaults: SupplySideParams = {
  vesting: { sectors: [] },
  service: { demandUsdPerTick: 0, growthPerYear: 0.5, noise: 0.3, revenueShare: 0.2 },
  scheduledBurn: { everyTicks: 90, tokens: 0, supplyShare: 0 },
  buyback: { policy: 'off', everyTicks: 30, amountUsd: 50_000, revenueShare: 0.5, maTicks: 30, floorRatio: 0.9, destination: 'burn' },
  dynamicRewards: { enabled: false, basePerYear: 1_000_000, feeShare: 0.5, usageShare: 0.2, targetRatio: 0.5, maxMultiplier: 3, source: 'mint' },
  locking: { maxLockTicks: 4 * 365, earlyExitPenalty: 0.5 },
  treasuryPolicy: { grantsUsdPerYear: 0, subsidyTokensPerYear: 0 },
};

/** The supply-side components of a built economy. */
export interface SupplySide {
  readonly treasury: Treasury;
  readonly vesting: Vesting;
  readonly sectorHolders: SectorHolders | null;
  readonly burnOnUse: BurnOnUse;
  readonly buyback: Buyback;
  readonly scheduledBurn: ScheduledBurn;
  readonly dynamicRewards: DynamicRewards;
  readonly locking: LockPool;
  readonly metrics: Metric[];
  /** Unlocks and sales by sector and tick (`unlocks.arrow`). */
  readonly unlockLog: UnlockLog;
}

/** Returns a lock pool registered with the ledger (create it before emission, which pays it; `addSupplySide` adds its phase). */
export function addLockPool<P extends SupplySideParams>(world: World<P>): LockPool {
  // Early-exit penalties are treasury income.
  const locking = new LockPool(
    () => world.params.locking.maxLockTicks,
    () => world.params.locking.earlyExitPenalty,
    (tokens) => {
      world.treasury.tokens += tokens;
    },
  );
  world.ledger.register(locking);
  return locking;
}

/**
 * Adds the supply-side mechanisms to a token economy after its own
 * mechanisms (so they run after the fee burn in each phase):
 * pre: treasury books, vesting unlocks, lock expiries, service use, dynamic
 * rewards; post: buybacks, scheduled burns, treasury spending, activity
 * observation. Mints the vesting allocations into escrow and creates the
 * sector holders (only when some sector pays holders, so the baseline's
 * activation order is unchanged). Returns the components and their metrics.
 */
export function addSupplySide<P extends SupplySideParams>(
  world: World<P>,
  deps: { pool: ConstantProductPool; staking: StakingPool; locking: LockPool; feeBurn: FeeBurn; emission: Emission },
): SupplySide {
  const P = () => world.params;
  const { pool, staking, locking, feeBurn } = deps;
  const payStakers = (a: number) => staking.distribute(a);
  const treasury = new Treasury(world.treasury, world.ledger, () => P().treasuryPolicy, payStakers);
  const sectors = P().vesting.sectors;
  const sectorHolders = sectors.some((s) => s.recipient === 'holders')
    ? new SectorHolders(
        sectors.map((s) => ({ name: s.name, holders: s.recipient === 'holders' && s.holders ? s.holders : { ...placeholderTraits } })),
        pool,
        staking,
        locking,
      )
    : null;
  const vesting = new Vesting(sectors, (k, amount) => {
    if (sectors[k].recipient === 'treasury' || !sectorHolders) treasury.receiveTokens(amount, 'allocation');
    else sectorHolders.receive(k, amount);
  });
  world.ledger.register(vesting);
  vesting.mintAllocations(world.ledger);
  const burnOnUse = new BurnOnUse(() => P().service, pool, treasury, world.rng.fork('usageBurn'));
  const buyback = new Buyback(() => P().buyback, pool, treasury, payStakers);
  const scheduledBurn = new ScheduledBurn(() => P().scheduledBurn, world.treasury);
  const dynamicRewards = new DynamicRewards(
    () => P().dynamicRewards,
    {
      feesUsd: () => pool.feesUsd + pool.feesTokens * pool.price,
      usageUsd: () => burnOnUse.usdThisTick,
      price: () => pool.price,
      stakingRatio: () => staking.totalStaked / world.ledger.supply,
    },
    world.treasury,
    payStakers,
  );

  world.addMechanism({ name: 'treasuryBooks', pre: () => treasury.pre() });
  world.addMechanism(vesting);
  world.addMechanism(locking);
  world.addMechanism(burnOnUse);
  world.addMechanism({ name: 'dynamicRewards', pre: (w) => dynamicRewards.pre(w) });
  world.addMechanism({ name: 'treasuryRevenue', post: () => treasury.noteUsdRevenue(feeBurn.treasuryUsdThisTick, 'fees') });
  world.addMechanism(buyback);
  world.addMechanism(scheduledBurn);
  world.addMechanism({ name: 'treasurySpending', post: (w) => treasury.post(w) });
  world.addMechanism({ name: 'activity', post: () => dynamicRewards.post() });
  if (sectorHolders) {
    world.addAgents(sectorHolders);
    sectorHolders.init(world, world.rng.fork('sectorHolders').fork('genesis'));
  }
  const unlockLog = world.addMechanism(new UnlockLog(sectors.map((s) => s.name), vesting.releasedThisTickBySector, sectorHolders?.soldBySector ?? null));

  const supply = () => world.ledger.supply;
  const metrics: Metric[] = [
    { name: 'vesting_escrow', kind: 'level', read: () => vesting.escrow },
    { name: 'unlocked', kind: 'flow', read: () => vesting.releasedThisTick },
    { name: 'sector_sold', kind: 'flow', read: () => sectorHolders?.soldThisTick ?? 0 },
    { name: 'sell_pressure_usd', kind: 'flow', read: () => sectorHolders?.soldUsdThisTick ?? 0 },
    { name: 'locked', kind: 'level', read: () => locking.totalLocked },
    { name: 'lock_weight', kind: 'level', read: () => locking.totalWeight(world.tick) },
    { name: 'locker_rewards', kind: 'flow', read: () => locking.distributedThisTick },
    { name: 'lock_penalties', kind: 'flow', read: () => locking.penaltiesThisTick },
    { name: 'service_usd', kind: 'flow', read: () => burnOnUse.usdThisTick },
    { name: 'service_burn', kind: 'flow', read: () => burnOnUse.burnedThisTick },
    { name: 'fee_burn', kind: 'flow', read: () => feeBurn.burnedThisTick },
    { name: 'scheduled_burn', kind: 'flow', read: () => scheduledBurn.burnedThisTick },
    { name: 'buyback_usd', kind: 'flow', read: () => buyback.spentUsdThisTick },
    { name: 'buyback_tokens', kind: 'flow', read: () => buyback.boughtThisTick },
    { name: 'buyback_burn', kind: 'flow', read: () => buyback.burnedThisTick },
    { name: 'dynamic_rewards', kind: 'flow', read: () => dynamicRewards.paidThisTick },
    { name: 'treasury_revenue_usd', kind: 'flow', read: () => treasury.revenueUsdThisTick },
    { name: 'grants_usd', kind: 'flow', read: () => treasury.grantsUsdThisTick },
    { name: 'subsidy', kind: 'flow', read: () => treasury.subsidyThisTick },
    { name: 'treasury_cash_usd', kind: 'level', read: () => world.treasury.usd },
    { name: 'treasury_runway_years', kind: 'level', read: () => treasury.runwayYears(pool.price) },
    // Annualised minting (and minting net of burns) of the tick as a share of supply; 0 at genesis.
    { name: 'issuance_rate', kind: 'level', read: () => (world.tick > 0 ? (world.ledger.mintedThisTick * world.ticksPerYear) / supply() : 0) },
    {
      name: 'net_issuance_rate',
      kind: 'level',
      read: () => (world.tick > 0 ? ((world.ledger.mintedThisTick - world.ledger.burnedThisTick) * world.ticksPerYear) / supply() : 0),
    },
  ];
  return { treasury, vesting, sectorHolders, burnOnUse, buyback, scheduledBurn, dynamicRewards, locking, metrics, unlockLog };
}

// Sectors paying the treasury have no holders: zero agents keep sector indices aligned without adding empty agents.
const placeholderTraits = {
  count: 0,
  weight: { dist: 'constant', value: 1 },
  sellShare: { dist: 'constant', value: 0 },
  stakeShare: { dist: 'constant', value: 0 },
  lockShare: { dist: 'constant', value: 0 },
  lockTicks: { dist: 'constant', value: 1 },
  sellPace: { dist: 'constant', value: 1 },
} as const;

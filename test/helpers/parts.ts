import { nodeOperators } from '../../agents/nodeOperators';
import { sectorHolders } from '../../agents/sectorHolders';
import { stakers } from '../../agents/stakers';
import { traders } from '../../agents/traders';
import { voteBuyer } from '../../agents/voteBuyer';
import { voters } from '../../agents/voters';
import type { Port } from '../../src/core/block';
import { marketPort } from '../../src/market/amm';
import { usageBurn } from '../../src/mechanisms/burnOnUse';
import { buyback } from '../../src/mechanisms/buyback';
import { consensus } from '../../src/mechanisms/consensusRewards';
import { depinRewards } from '../../src/mechanisms/depinRewards';
import { dynamicRewards } from '../../src/mechanisms/dynamicRewards';
import { emission } from '../../src/mechanisms/emissionBlock';
import { feeBurn } from '../../src/mechanisms/feeBurn';
import { governance } from '../../src/mechanisms/governance/governanceBlock';
import { locking } from '../../src/mechanisms/lockedStaking';
import { nodeRewards } from '../../src/mechanisms/nodeRewards';
import { scheduledBurn } from '../../src/mechanisms/scheduledBurn';
import { service } from '../../src/mechanisms/serviceMarket';
import { staking } from '../../src/mechanisms/staking';
import { treasury } from '../../src/mechanisms/treasury';
import { treasuryPolicy } from '../../src/mechanisms/treasuryPolicy';
import { vesting } from '../../src/mechanisms/vesting';
import type { Assembled } from '../../src/model/assemble';

/**
 * Returns `sim` with each block's API as a named property (read when
 * used, so a model without a block only fails when a test reaches for it):
 * the parts tests inspect.
 */
export function economyParts<S extends Assembled>(sim: S) {
  const get = <A>(p: Port<A>) => () => sim.api(p);
  const parts = {
    pool: get(marketPort),
    treasury: get(treasury),
    treasuryPolicy: get(treasuryPolicy),
    staking: get(staking),
    nodeRewards: get(nodeRewards),
    locking: get(locking),
    emission: get(emission),
    feeBurn: get(feeBurn),
    governance: get(governance),
    vesting: get(vesting),
    usageBurn: get(usageBurn),
    buyback: get(buyback),
    scheduledBurn: get(scheduledBurn),
    dynamicRewards: get(dynamicRewards),
    service: get(service),
    depinRewards: get(depinRewards),
    consensus: get(consensus),
    stakers: get(stakers),
    traders: get(traders),
    nodeOperators: get(nodeOperators),
    voters: get(voters),
    voteBuyer: get(voteBuyer),
    sectorHolders: get(sectorHolders),
  };
  const out = sim as S & { readonly [K in keyof typeof parts]: ReturnType<(typeof parts)[K]> };
  for (const [k, read] of Object.entries(parts)) Object.defineProperty(out, k, { get: read, enumerable: false });
  return out;
}

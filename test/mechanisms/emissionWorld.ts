import type { DeepPartial } from '../../src/experiment/define';
import { amm } from '../../src/market/amm';
import { emission, type EmissionBlockParams } from '../../src/mechanisms/emissionBlock';
import { nodeRewards } from '../../src/mechanisms/nodeRewards';
import { staking, stakingColumns } from '../../src/mechanisms/staking';
import { treasury } from '../../src/mechanisms/treasury';
import { buildBlocks } from '../helpers/blocks';
import { holdersBlock } from '../helpers/holders';

/**
 * A model of a 50/50 pool, a treasury, a staking pool with one holder of
 * `holder` tokens (1000 by default) who stakes `stake`, a node-reward
 * stream with no nodes, and the emission block with `p` over a constant
 * 3650 tokens a year (E = 10 a tick at 365 ticks a year) paid all to the
 * treasury unless `p` splits it otherwise. The treasury's genesis tokens
 * make `genesis` tokens minted at genesis in all (10,000 by default).
 */
export function emissionWorld(p: DeepPartial<EmissionBlockParams>, opts: { stake?: number; genesis?: number; holder?: number } = {}) {
  const held = opts.holder ?? 1000;
  const holders = holdersBlock('holders', stakingColumns, [held]);
  const genesis = opts.genesis ?? 10_000;
  const sim = buildBlocks([amm, treasury, staking, nodeRewards, emission, holders], {
    amm: { tokenReserve: 50, usdReserve: 50, feeBps: 30 },
    treasury: { tokens: genesis - 50 - held, usd: 0 },
    emission: { schedule: 'constant', ratePerYear: 3650, maxSupply: null, split: { stakers: 0, nodes: 0, treasury: 1, lockers: 0 }, ...p },
  });
  const member = sim.staking.attach(sim.api(holders));
  if (opts.stake) member.stake(0, opts.stake);
  return { sim, world: sim.world, member, done: sim.emission };
}


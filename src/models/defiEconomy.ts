import { borrowers } from '../../agents/borrowers';
import { depositors } from '../../agents/depositors';
import { liquidators } from '../../agents/liquidators';
import { lstStakers } from '../../agents/lstStakers';
import { rwaInvestors } from '../../agents/rwaInvestors';
import { lending } from '../defi/lending';
import { liquidStaking } from '../defi/liquidStaking';
import { rwaVault } from '../defi/rwaVault';
import { priceShock } from '../defi/priceShock';
import { consensus } from '../mechanisms/consensusRewards';
import { consensusPresets } from '../mechanisms/energy';
import { defiFootprint } from '../defi/defiFootprint';
import { realYield } from '../defi/realYield';
import type { ModelParams } from '../model/defineModel';
import { tokenEconomy } from './tokenEconomy';

/**
 * The DeFi economy: the token economy with a lending pool (token, USD, the
 * LST and the RWA token listed), a liquid-staking provider with its LST and
 * LST/token pool, a tokenised treasury-bill fund with its token/USD pool;
 * depositors, borrowers (60% posting the token, 20% the LST, 20% the RWA
 * token), liquidators, LST stakers and RWA investors; a price-shock
 * scenario (off until set); proof-of-stake consensus energy (its reward 0:
 * emission pays the stakers); and the real-yield and DeFi-footprint
 * metrics. Every block of the token economy is as it is there.
 *
 * Phase `pre` runs, after the token economy's blocks, the LST provider (it
 * pays redemptions the staking pool has just released and restakes after
 * this tick's emission), the fund's yield, defaults and settlements,
 * interest accrual, and the shock seller.
 */
export const defiEconomy = tokenEconomy
  .with(consensus, liquidStaking, rwaVault, lending, priceShock, depositors, borrowers, liquidators, lstStakers, rwaInvestors, realYield, defiFootprint)
  .named('defiEconomy', 'the token economy with lending, liquid staking, a tokenised real-world-asset fund, their agents, a price-shock scenario and DeFi sustainability metrics')
  .withDefaults({
    consensus: { ...consensusPresets.pos, rewardPerYear: 0 },
    borrowers: { mix: { token: 0.6, lst: 0.2, rwa: 0.2 } },
  });

/** The DeFi economy's parameters. */
export type DefiEconomyParams = ModelParams<(typeof defiEconomy.blocks)[number]>;

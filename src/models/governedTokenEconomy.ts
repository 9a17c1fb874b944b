import { voteBuyer } from '../../agents/voteBuyer';
import { voters } from '../../agents/voters';
import { governance } from '../mechanisms/governance/governanceBlock';
import type { ModelParams } from '../model/defineModel';
import { tokenEconomy } from './tokenEconomy';

// In its own file so that a run of the token economy does not load
// governance, voters and vote buyers, nor build this model.

/**
 * The token economy under governance: token-weighted votes every 30 ticks on
 * the emission rate and the fee burn share (see `governanceDefaults`), 500
 * voters and (when their count is set) vote buyers. Governance runs right
 * after the staking pool in each phase, so a change voted at tick t applies
 * from tick t + 1.
 */
export const governedTokenEconomy = tokenEconomy
  .with({ after: 'staking' }, governance)
  .with({ after: 'nodeOperators' }, voters, voteBuyer)
  .named('governedTokenEconomy', 'the token economy with DAO governance, voters and vote buyers')
  .withDefaults({
    governance: {
      targets: [
        { path: 'emission.ratePerYear', holder: -1, staker: 1, nodeOperator: 1 },
        { path: 'feeBurn.feeShare', holder: 1, staker: 1, nodeOperator: -1 },
      ],
    },
  });

/** The governed token economy's parameters. */
export type GovernedTokenEconomyParams = ModelParams<(typeof governedTokenEconomy.blocks)[number]>;

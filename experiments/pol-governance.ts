/**
 * Proof of liquidity with BGT governance over the whitelist: does a
 * protocol that bribes BGT holders more get its vault whitelisted, and
 * what BGT and LP capital does the vault then get?
 *
 * The proof-of-liquidity experiment's market, vaults and validators, every
 * whitelisted vault paying USD 0.10 per BGT, and the bgtGovernance block
 * at Berachain's values (1500 BGT to propose, quorum 20% of BGT, majority
 * of the votes cast; a day each for the delay, the vote and the timelock).
 * At day 30 the `unlisted` vault's protocol proposes its whitelisting,
 * pre-committing USD 0.10 per BGT (the others' rate) and bribing each
 * holder group that votes for with b USD per BGT of its vote; holders weigh
 * a year of dilution. Variants: b = 0, 3, 6, 6.25 and 7; and the protocol
 * pre-committing USD 0.15 (outbidding the others) at b = 7 and 11. The
 * same seeds under each variant.
 *
 *   npx tokensim run experiments/pol-governance.ts
 */
import { bgtGovernance, defineExperiment, proofOfLiquidity, proofOfLiquidityDefaults, runIfMain, type RewardVault, type VaultProposal } from '../src';
import { marketOnly } from './market-only';

/** The default vaults, each whitelisted one paying USD 0.10 per BGT. */
const vaults: RewardVault[] = proofOfLiquidityDefaults.vaults.map((v) => ({ ...v, bribeUsdPerBgt: v.whitelisted ? 0.1 : 0 }));

/** The `unlisted` vault's proposal at day 30, bribing `bribe` USD per BGT voting for, pre-committing `incentive` USD per BGT. */
const propose = (bribe: number, incentive = 0.1): { bgtGovernance: { proposals: VaultProposal[] } } => ({
  bgtGovernance: { proposals: [{ vault: 'unlisted', action: 'whitelist', submitTick: 30, proposerBgt: 1500, bribeUsdPerBgtVote: bribe, incentiveUsdPerBgt: incentive }] },
});

const experiment = defineExperiment({
  name: 'pol-governance',
  description: 'A protocol bribing BGT holders to whitelist its reward vault: bribe per BGT vote 0 to 11 USD, pre-committed incentives at or above the others’; share of proposals passed, BGT share and LP capital of the vault, bribes paid.',
  model: marketOnly.with(proofOfLiquidity, bgtGovernance),
  params: { traders: { count: 200 }, proofOfLiquidity: { incentiveAuctionShare: 1, vaults }, ...propose(0) },
  variants: {
    noBribe: {},
    bribe3: propose(3),
    bribe6: propose(6),
    bribe6p25: propose(6.25),
    bribe7: propose(7),
    // Pre-committing more than the others: bribe-max validators would move to it, so holders lose more.
    outbidBribe7: propose(7, 0.15),
    outbidBribe11: propose(11, 0.15),
  },
  seeds: 10,
  ticks: 365,
});

export default experiment;
runIfMain(module, experiment);

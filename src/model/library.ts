import { airdropWallets } from '../../agents/airdropWallets';
import { arbitrageurs } from '../../agents/arbitrageurs';
import { liquidityProviders } from '../../agents/liquidityProviders';
import { nodeOperators } from '../../agents/nodeOperators';
import { sectorHolders } from '../../agents/sectorHolders';
import { storageProviders } from '../../agents/storageProviders';
import { transactors } from '../../agents/transactors';
import { stakers } from '../../agents/stakers';
import { traders } from '../../agents/traders';
import { voteBuyer } from '../../agents/voteBuyer';
import { voters } from '../../agents/voters';
import { equationOfExchange } from '../analysis/valuation';
import type { AnyBlock } from '../core/block';
import { feeMarket } from '../fees/feeMarket';
import { rollup } from '../fees/rollup';
import { txDemand } from '../fees/txDemand';
import { amm } from '../market/amm';
import { bridge } from '../chains/bridgeBlock';
import { bridgeArbitrageurs } from '../../agents/bridgeArbitrageurs';
import { mainChain, sideChain } from '../models/crossChainEconomy';
import { farBridge, farChain, farToMainGap } from '../models/threeChainEconomy';
import { demandReplay } from '../market/demandReplay';
import { exchange } from '../market/exchange';
import { factor } from '../market/factor';
import { fundamentals } from '../market/fundamentals';
import { airdrop } from '../mechanisms/airdrop';
import { usageBurn } from '../mechanisms/burnOnUse';
import { buyback } from '../mechanisms/buyback';
import { consensus } from '../mechanisms/consensusRewards';
import { cardano } from '../mechanisms/cardano';
import { ethereumIssuance } from '../mechanisms/ethereumIssuance';
import { tezosIssuance } from '../mechanisms/tezosIssuance';
import { algorandRewards } from '../mechanisms/algorandRewards';
import { depinRewards } from '../mechanisms/depinRewards';
import { dynamicRewards } from '../mechanisms/dynamicRewards';
import { emission } from '../mechanisms/emissionBlock';
import { feeBurn } from '../mechanisms/feeBurn';
import { governance } from '../mechanisms/governance/governanceBlock';
import { interchainGovernance } from '../mechanisms/governance/interchain';
import { green } from '../mechanisms/greenIncentives';
import { locking } from '../mechanisms/lockedStaking';
import { nodeRewards } from '../mechanisms/nodeRewards';
import { proofOfLiquidity } from '../mechanisms/proofOfLiquidity';
import { beraStaking } from '../mechanisms/beraStaking';
import { bgtGovernance } from '../mechanisms/bgtGovernance';
import { honey } from '../mechanisms/honey';
import { scheduledBurn } from '../mechanisms/scheduledBurn';
import { service } from '../mechanisms/serviceMarket';
import { staking } from '../mechanisms/staking';
import { storage } from '../mechanisms/storageNetwork';
import { sybilFilter } from '../mechanisms/sybilFilter';
import { treasury } from '../mechanisms/treasury';
import { treasuryPolicy } from '../mechanisms/treasuryPolicy';
import { treasuryStaking } from '../mechanisms/treasuryStaking';
import { vesting } from '../mechanisms/vesting';
import { footprint } from '../metrics/footprint';
import { accessRules } from '../policy/accessRules';
import { carbonPricing } from '../policy/carbonPricing';
import { policyWindow } from '../policy/policyWindow';
import { renewableMandate } from '../policy/renewableMandate';
import { taxRules } from '../policy/taxRules';
import { borrowers } from '../../agents/borrowers';
import { depositors } from '../../agents/depositors';
import { liquidators } from '../../agents/liquidators';
import { lstStakers } from '../../agents/lstStakers';
import { rwaInvestors } from '../../agents/rwaInvestors';
import { lending } from '../defi/lending';
import { liquidStaking } from '../defi/liquidStaking';
import { rwaVault } from '../defi/rwaVault';
import { priceShock } from '../defi/priceShock';
import { defiFootprint } from '../defi/defiFootprint';
import { realYield } from '../defi/realYield';
import { holdings } from '../metrics/holdings';
import { fairness } from '../metrics/fairness';
import { securityBudget } from '../metrics/securityBudget';
import { delegators } from '../../agents/delegators';
import { stakePools } from '../../agents/stakePools';
import { stylisedFacts } from '../metrics/stylisedFactsBlock';
import { supplyMetrics } from '../metrics/supplyMetrics';
import { kineticExchange } from '../textbook/kineticExchange';

/** Every block tokensim ships, grouped by kind in the order `tokensim blocks` lists them. A new block is added here once. */
export const blockLibrary: readonly AnyBlock[] = [
  amm,
  mainChain,
  sideChain,
  farChain,
  feeMarket,
  rollup,
  exchange,
  factor,
  fundamentals,
  service,
  demandReplay,
  treasury,
  staking,
  nodeRewards,
  locking,
  emission,
  feeBurn,
  usageBurn,
  scheduledBurn,
  vesting,
  dynamicRewards,
  depinRewards,
  storage,
  consensus,
  ethereumIssuance,
  tezosIssuance,
  algorandRewards,
  cardano,
  airdrop,
  sybilFilter,
  bridge,
  farBridge,
  honey,
  proofOfLiquidity,
  beraStaking,
  bgtGovernance,
  governance,
  interchainGovernance,
  txDemand,
  buyback,
  treasuryPolicy,
  treasuryStaking,
  green,
  carbonPricing,
  renewableMandate,
  accessRules,
  taxRules,
  policyWindow,
  lending,
  liquidStaking,
  rwaVault,
  priceShock,
  stakers,
  traders,
  liquidityProviders,
  arbitrageurs,
  bridgeArbitrageurs,
  nodeOperators,
  storageProviders,
  voters,
  voteBuyer,
  sectorHolders,
  transactors,
  airdropWallets,
  depositors,
  borrowers,
  liquidators,
  lstStakers,
  rwaInvestors,
  stakePools,
  delegators,
  kineticExchange,
  supplyMetrics,
  holdings,
  fairness,
  securityBudget,
  stylisedFacts,
  farToMainGap,
  footprint,
  realYield,
  defiFootprint,
  equationOfExchange,
];

// The public face of tokensim for experiment authors: the models, every
// block to compose them from, experiments and their analysis. Block authors
// add `tokensim/blocks` (src/blocks.ts). Everything not listed is internal.

// Models
export { tokenEconomy, type TokenEconomyParams } from './models/tokenEconomy';
export { governedTokenEconomy, type GovernedTokenEconomyParams } from './models/governedTokenEconomy';
export { depinNetwork, presetOperators, type DepinNetworkParams } from './models/depinNetwork';
export { storageNetwork, type StorageNetworkModelParams } from './models/storageNetwork';
export { launchEconomy, type LaunchEconomyParams } from './models/launchEconomy';
export { airdropEconomy, type AirdropEconomyParams } from './models/airdropEconomy';
export { monadAirdrop } from './models/monadAirdrop';
export { crossChainEconomy, mainChain, sideChain, type CrossChainEconomyParams } from './models/crossChainEconomy';
export { threeChainEconomy, farChain, farBridge, threeChainArbitrageurs, farToMainGap, type ThreeChainEconomyParams } from './models/threeChainEconomy';
export { feeMarketEconomy, type FeeMarketEconomyParams } from './models/feeMarketEconomy';
export { rollupEconomy, type RollupEconomyParams } from './models/rollupEconomy';
export { defiEconomy, type DefiEconomyParams } from './models/defiEconomy';
export { kineticExchangeEconomy, type KineticExchangeEconomyParams } from './models/kineticExchange';
export { ethereumPos, ethereumPosEnergy, type EthereumPosParams } from './models/ethereumPos';
export { cardanoPos, cardanoPosEnergy, type CardanoPosParams } from './models/cardanoPos';
export { tezosPos, tezosPosEnergy, type TezosPosParams } from './models/tezosPos';
export { algorandPos, algorandPosEnergy, type AlgorandPosParams } from './models/algorandPos';
export { posChains, ethereumChain, tezosChain, algorandChain, cardanoChain, type PosChainsParams } from './models/posChains';
export { defineModel, type ModelParams } from './model/defineModel';
export { type Distribution } from './core/distributions';

// Blocks: markets, mechanisms, policies, agent classes, metric sets
export { amm, marketPort, ammParamsSchema, type AmmParams } from './market/amm';
export { exchange, exchangeParamsSchema } from './market/exchange';
export { factor, factorParamsSchema, factorFit, type FactorParams } from './market/factor';
export { demandReplay, demandReplayParamsSchema, type DemandReplayParams } from './market/demandReplay';
export { fundamentals, fundamentalsParamsSchema, type FundamentalsParams } from './market/fundamentals';
export { treasury, treasuryParamsSchema, type TreasuryParams } from './mechanisms/treasury';
export { treasuryPolicy, treasuryPolicySchema, runwayYears, MAX_RUNWAY_YEARS, type TreasuryPolicy } from './mechanisms/treasuryPolicy';
export { treasuryStaking, treasuryStakingParamsSchema, rebalanceTokens, type TreasuryStakingParams } from './mechanisms/treasuryStaking';
export { staking, stakingParamsSchema, type StakingParams } from './mechanisms/staking';
export { nodeRewards } from './mechanisms/nodeRewards';
export { locking, lockingParamsSchema, type LockingParams } from './mechanisms/lockedStaking';
export { emission, emissionBlockSchema, emissionSplitSchema, type EmissionBlockParams } from './mechanisms/emissionBlock';
export {
  emissionParamsSchema,
  scheduledEmission,
  cumulativeEmission,
  cappedEmission,
  stakingTargetInflation,
  type EmissionParams,
  type EmissionState,
} from './mechanisms/emission';
export { FormulaEmission, FORMULA_VARIABLES, FORMULA_FUNCTIONS, type FormulaVariable } from './mechanisms/formulaEmission';
export { feeBurn, feeBurnParamsSchema, type FeeBurnParams } from './mechanisms/feeBurn';
export { usageBurn, serviceDemandUsd, serviceParamsSchema, type ServiceParams } from './mechanisms/burnOnUse';
export { scheduledBurn, scheduledBurnAmount, scheduledBurnParamsSchema, type ScheduledBurnParams } from './mechanisms/scheduledBurn';
export { buyback, buybackWantUsd, movingAveragePrice, buybackParamsSchema, type BuybackParams } from './mechanisms/buyback';
export { vesting, releasedBy, priceChangeAfterPeakUnlock, vestingSectorSchema, vestingParamsSchema, type VestingSector, type VestingParams } from './mechanisms/vesting';
export { dynamicRewards, dynamicReward, dynamicRewardsParamsSchema, type DynamicRewardsParams } from './mechanisms/dynamicRewards';
export { proofOfLiquidity, blockRewardBgt, bribeMaxWeights, uniformWeights, targetCapitalUsd, ProofOfLiquidity } from './mechanisms/proofOfLiquidity';
export {
  proofOfLiquidityDefaults,
  proofOfLiquidityParamsSchema,
  proofOfLiquidityProblems,
  type ProofOfLiquidityParams,
  type RewardVault,
  type PolValidator,
  type BlockRewardParams,
} from './mechanisms/proofOfLiquidityParams';
export { honey, honeyMinted, honeyRedeemed, HoneyFactory, honeyDefaults, honeyParamsSchema, type HoneyParams } from './mechanisms/honey';
export { bgtGovernance, BgtGovernance, projectedBgtPerVault, voteNetUsd, whitelistVoteOutcome, type VaultProposalStatus } from './mechanisms/bgtGovernance';
export { bgtGovernanceDefaults, bgtGovernanceParamsSchema, bgtGovernanceProblems, type BgtGovernanceParams, type VaultProposal } from './mechanisms/bgtGovernanceParams';
export { beraStaking, expectedValidatorIncomeUsd, BeraStaking, HALTING_SHARE } from './mechanisms/beraStaking';
export { beraStakingDefaults, beraStakingParamsSchema, beraStakingProblems, type BeraStakingParams, type BeraCandidate } from './mechanisms/beraStakingParams';
export {
  governance,
  governanceDefaults,
  BYSTANDER_ROLES,
  ROLES,
  VOTING_RULES,
  PROPOSAL_KINDS,
  governanceParamsSchema,
  governanceTargetSchema,
  rolePreferencesSchema,
  votingPowerConcentration,
  votingPower,
  tallyBallot,
  voteOutcome,
  convictionStep,
  convictionThreshold,
  powerConcentration,
  type Role,
  type VotingRule,
  type ProposalKind,
  type GovernanceParams,
  type GovernanceTarget,
  type RolePreferences,
  type Proposal,
  type ProposalSpec,
  type ProposalOutcome,
  type GovernanceEvent,
  type GovernanceEventKind,
  type Tally,
} from './mechanisms/governance';
export { interchainGovernance, interchainGovernanceParamsSchema, interchainGovernanceDefaults, relayChains, type InterchainGovernanceParams } from './mechanisms/governance/interchain';
export { VoteRelay, type RelayChain, type RelayFate } from './mechanisms/governance/voteRelay';
export { service, ServiceMarket, serviceMarketParamsSchema, adoptionDemand, servedUnits, servicePresets, type ServiceMarketParams, type NodeProfile, type ServicePreset } from './mechanisms/serviceMarket';
export { storage, storageNetworkParamsSchema, storageDealsSchema, storageNetworkDefaults, type StorageNetworkParams, type StorageDeals } from './mechanisms/storageNetwork';
export { simpleMinted, baselineMinted, baselinePowerAt, effectiveNetworkTime, cappedPowerIntegral, MINTING_LAMBDA_PER_EPOCH, BASELINE_GROWTH_PER_EPOCH, FILECOIN_BASELINE_INITIAL_TIB } from './mechanisms/storageMinting';
export { initialPledge, expectedReward, faultFee, terminationFee, filecoinPledge, storagePledgeParamsSchema, type StoragePledgeParams, type PledgeState } from './mechanisms/storagePledge';
export { depinRewards, depinRewardsParamsSchema, operatorMint, burnsForUsage, capacityMintShare, type DepinRewardsParams } from './mechanisms/depinRewards';
export { consensus } from './mechanisms/consensusRewards';
export { ethereumIssuance, ethereumIssuanceParamsSchema, type EthereumIssuanceParams } from './mechanisms/ethereumIssuance';
export { cardano, cardanoParamsSchema, type CardanoParams } from './mechanisms/cardano';
export { tezosIssuance, tezosIssuanceParamsSchema, type TezosIssuanceParams } from './mechanisms/tezosIssuance';
export { algorandRewards, algorandRewardsParamsSchema, algorandRewardsDefaults, bonusAt, bonusOver, expectedPayout, type AlgorandRewardsParams } from './mechanisms/algorandRewards';
export {
  ConsensusEnergy,
  consensusParamsSchema,
  powParamsSchema,
  posParamsSchema,
  consensusPresets,
  minerShare,
  powEnergyKwh,
  equilibriumHashrate,
  posNodes,
  posEnergyKwh,
  nodeEnergyKwh,
  carbonKg,
  kgToTonnes,
  kwhToMwh,
  joulesToKwh,
  secondsPerTick,
  GRID_INTENSITY_G_PER_KWH,
  PUE,
  JOULES_PER_KWH,
  type ConsensusParams,
  type PowParams,
  type PosParams,
} from './mechanisms/energy';
export { green, greenIncentivesParamsSchema, noGreenIncentives, greenMultiplier, offsetCostUsd, carbonFeeUsd, type GreenIncentivesParams } from './mechanisms/greenIncentives';
export { carbonPricing, carbonPricingParamsSchema, capTonnesAt, type CarbonPricingParams } from './policy/carbonPricing';
export { renewableMandate, renewableMandateParamsSchema, requiredShare, mandateCost, mandatePenaltyUsd, type RenewableMandateParams } from './policy/renewableMandate';
export { accessRules, accessRulesParamsSchema, type AccessRulesParams } from './policy/accessRules';
export { taxRules, taxRulesParamsSchema, untaxedJurisdiction, stakingRewardTaxUsd, gainsRate, gainsTaxUsd, nodeIncomeTaxUsd, afterTaxMarginUsd, type TaxRulesParams, type Jurisdiction } from './policy/taxRules';
export { policyWindow, type PolicyWindowParams } from './policy/policyWindow';
export { clearAllowances, complianceCostUsd, abatementCostUsd, type Clearing } from './policy/allowanceMarket';
export { feeMarket, feeMarketParamsSchema, type FeeMarketParams } from './fees/feeMarket';
export { txDemand, txDemandParamsSchema, type TxDemandParams } from './fees/txDemand';
export { rollup, rollupParamsSchema, BLOB_DATA_BYTES, type RollupParams } from './fees/rollup';
export { gasPort, TX_KINDS, type TxKind } from './fees/gasPort';
export { calcBaseFee, baseFeeFloat, INITIAL_BASE_FEE, MAINNET_EIP1559, type Eip1559Config, type ParentBlock } from './exact/eip1559';
export { fakeExponential, blobBaseFee, calcExcessBlobGas, BLOB_SCHEDULES, GAS_PER_BLOB, type BlobConfig, type BlobFork } from './exact/eip4844';
export { calldataGas, ecotoneL1Fee, fjordL1Fee, fjordEstimatedSize, fjordL1FeeUpperBound, type L1FeeInputs } from './exact/opL1Fee';
export { stakers, traders, nodeOperators, storageProviders, voters, voteBuyer, sectorHolders, depositors, borrowers, liquidators, lstStakers, rwaInvestors, transactors, liquidityProviders, arbitrageurs, stakePools, delegators, airdropWallets, bridgeArbitrageurs, bridgeArbitrageursOver } from '../agents';
export { airdrop, airdropParamsSchema, airdropDefaults, type AirdropParams } from './mechanisms/airdrop';
export { sybilFilter, sybilFilterParamsSchema, type SybilFilterParams } from './mechanisms/sybilFilter';
export { chain, chainParamsSchema, mainChainParamsSchema, chainDefaults, mainChainDefaults, type ChainParams, type MainChainParams } from './chains/chain';
export { bridge, bridgeBlock, bridgeNames } from './chains/bridgeBlock';
export { chainGap } from './chains/chainGap';
export { bridgeParamsSchema, bridgeDefaults, BRIDGE_DESIGNS, type BridgeParams, type BridgeDesign } from './chains/bridgeParams';
export { lending } from './defi/lending';
export { lendingParamsSchema, marketParamsSchema, defaultMarkets, lendingDefaults, type LendingParams } from './defi/lendingParams';
export { rateModelSchema, borrowRate, supplyRate, utilisation, type RateModel } from './defi/rateModel';
export { liquidStaking, liquidStakingParamsSchema, type LiquidStakingParams } from './defi/liquidStaking';
export { rwaVault, rwaVaultParamsSchema, rwaEventSchema, type RwaVaultParams } from './defi/rwaVault';
export { lstPort, rwaPort, type LiquidStakingToken, type RealWorldAssetToken } from './defi/ports';
export { priceShock, priceShockParamsSchema, type PriceShockParams } from './defi/priceShock';
export { realYield } from './defi/realYield';
export { defiFootprint, defiFootprintParamsSchema, type DefiFootprintParams } from './defi/defiFootprint';
export { supplyMetrics } from './metrics/supplyMetrics';
export { holdings } from './metrics/holdings';
export { fairness } from './metrics/fairness';
export { securityBudget } from './metrics/securityBudget';
export { stylisedFacts as stylisedFactsBlock, priceFacts } from './metrics/stylisedFactsBlock';
export { kineticExchange, shareBelowMean, EXCHANGE_RULES, type KineticExchangeParams } from './textbook/kineticExchange';
export { footprint } from './metrics/footprint';

// Metrics
export { gini, nakamoto, hhi } from './metrics/inequality';
export {
  mean,
  variance,
  stdDev,
  tCdf,
  tQuantile,
  confidenceInterval,
  pairedDifference,
  logReturns,
  annualisedVolatility,
  maxDrawdown,
  annualisedGrowth,
  type ConfidenceInterval,
  type PairedDifference,
} from './metrics/stats';

// Stress scenarios
export { crash, crashReturn, crashParamsSchema, type CrashParams } from './scenarios/crash';
export { liquidityWithdrawal, liquidityWithdrawalParamsSchema, type LiquidityWithdrawalParams } from './scenarios/liquidityWithdrawal';
export { massUnstake, massUnstakeParamsSchema, type MassUnstakeParams } from './scenarios/massUnstake';
export { demandCollapse, demandScale, demandCollapseParamsSchema, type DemandCollapseParams } from './scenarios/demandCollapse';
export { unlockSale, unlockSaleParamsSchema, type UnlockSaleParams } from './scenarios/unlockSale';
export { lstDepeg, lstDepegParamsSchema, type LstDepegParams } from './scenarios/lstDepeg';
export { governanceAttack, governanceAttackParamsSchema, type GovernanceAttackParams } from './scenarios/governanceAttack';
export { scenarioKind, type Scenario, type ScenarioKind, type ScenarioParams, type ScenarioRun, type ScenarioTargets, type Perturbation } from './scenarios/scenario';
export { NO_SCENARIO } from './scenarios/scenarioSet';
export { stressKpis, type StressKpis } from './metrics/tail/stressKpis';

// Experiments
export { defineExperiment, applyOverrides, type ExperimentSpec, type Experiment, type DeepPartial, type RecordSpec } from './experiment/define';
export type { Model, Metric, MetricInfo, ColumnInfo, TableInfo, Simulation, BuildOptions, RunTable } from './experiment/model';
export { planRuns, runSeed, type Plan, type RunSpec, type PlanOptions } from './experiment/plan';
export { runIfMain } from './cli/main';
export { experimentAt, type ExperimentValues } from './experiment/experimentAt';

// Sweeps, workers, shards, resume and merge
export {
  registerSweepDesign,
  sweepKinds,
  expandSweep,
  latinHypercube,
  rangeValue,
  type SweepSpec,
  type SweepKinds,
  type GridSweep,
  type ZipSweep,
  type RandomSweep,
  type LatinHypercubeSweep,
  type Range,
  type SweepDesign,
  type SweepPoints,
} from './experiment/sweep';
export type { ParamPath, PathValue, NumericPath } from './experiment/paramPaths';
export type { Shard, RunStatus } from './experiment/output';

// Analysis: equilibrium, incentive compatibility, valuation, sensitivity
export { demand, excessDemand, allocations, totalEndowment, type ExchangeEconomy, type ExchangeAgent, type Preferences } from './analysis/exchangeEconomy';
export { tatonnement, newtonWalras, type WalrasResult, type WalrasOptions } from './analysis/walras';
export { clearingPrice, tokenEconomySchedules, tokenMarketAt, type TokenSchedule, type ClearingResult } from './analysis/tokenMarket';
export {
  bestResponse,
  bestResponseDynamics,
  regret,
  stakingContest,
  stakingContestEquilibrium,
  type Game,
  type BestResponseOptions,
  type BestResponseResult,
} from './analysis/nash';
export { isStrategic, findStrategy, type StrategicClass } from './analysis/strategies';
export { checkDeviation, agentWealth, type DeviationOptions, type DeviationResult } from './analysis/deviation';
export { sobolDesign, sobolIndices, type SobolDesign, type SensitivityIndex, type EstimatorOptions } from './analysis/sobol';
export { morrisDesign, morrisIndices, type MorrisDesign } from './analysis/morris';
export { type ParamRange, type ParamRanges } from './analysis/ranges';
export {
  equationOfExchangePrice,
  discountedUtilityValue,
  equationOfExchangeSeries,
  equationOfExchangeKpis,
  equationOfExchange,
  type EoeSeries,
  type EoeSeriesOptions,
} from './analysis/valuation';
export { stakingEquilibrium } from './analysis/stakingEquilibrium';
export {
  sensitivityDesign,
  designPoint,
  sensitivitySweep,
  SENSITIVITY_KINDS,
  type SensitivityDesign,
  type SobolSweep,
  type MorrisSweep,
} from './analysis/sensitivitySweeps';

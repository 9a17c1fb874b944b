// The public API of tokensim. Everything a model, agent class or experiment
// file needs is exported here by name; anything not listed is internal.

// Kernel
export { World, type Mechanism, type AgentClass, type AnyWorld, type Activation, type WorldOptions } from './core/world';
export { Population, baseSchema, type Schema, type ColumnType, type Columns } from './core/population';
export { Ledger, accountHolder, type Account, type Holder } from './core/ledger';
export { Rng } from './core/rng';
export { deriveSeed } from './core/seeds';
export { distributionSchema, sample, sampleInto, distributionMean, type Distribution } from './core/distributions';
export { endow, addEndowed, drawTrait } from './core/genesis';
export { ParamStore, validateParams, type ParamChange } from './core/params';
export { InputError, RunError } from './core/errors';
export { compensatedSum, RunningSum } from './core/sum';

// Markets
export { ConstantProductPool, ammParamsSchema, type AmmParams } from './market/amm';
export { buyTokens, sellTokens, sellForUsd } from './market/trade';

// Mechanisms
export { RewardIndex } from './mechanisms/rewardIndex';
export { StakingPool, addStakingPool, stakingParamsSchema, type StakingParams } from './mechanisms/staking';
export {
  Emission,
  emissionParamsSchema,
  scheduledEmission,
  cumulativeEmission,
  cappedEmission,
  type EmissionParams,
  type EmissionSink,
} from './mechanisms/emission';
export { FeeBurn, feeBurnParamsSchema, type FeeBurnParams } from './mechanisms/feeBurn';
export { NodeRewards } from './mechanisms/nodeRewards';
// Governance (issue 6): lifecycle, voting rules, delegation, capture metrics, events table
export {
  Governance,
  Electorate,
  holdingsOf,
  ROLES,
  VOTING_RULES,
  PROPOSAL_KINDS,
  governanceParamsSchema,
  governanceTargetSchema,
  rolePreferencesSchema,
  governanceEventsTable,
  governanceMetrics,
  governanceSummary,
  votingPowerConcentration,
  votingPower,
  tallyBallot,
  voteOutcome,
  convictionStep,
  convictionThreshold,
  executeProposal,
  GovernanceStats,
  powerConcentration,
  type HolderGroup,
  type Role,
  type VotingRule,
  type ProposalKind,
  type GovernanceParams,
  type GovernanceTarget,
  type RolePreferences,
  type Proposal,
  type ProposalSpec,
  type ProposalOutcome,
  type Bribe,
  type GovernanceEvent,
  type GovernanceEventKind,
  type Tally,
} from './mechanisms/governance';

// Supply-side mechanisms: emission rules, burns, buybacks, vesting, dynamic and lock-weighted rewards, treasury
export { stakingTargetInflation, type EmissionState } from './mechanisms/emission';
export { FormulaEmission, FORMULA_VARIABLES, type FormulaVariable } from './mechanisms/formulaEmission';
export { ScheduledBurn, scheduledBurnAmount, scheduledBurnParamsSchema, type ScheduledBurnParams } from './mechanisms/scheduledBurn';
export { BurnOnUse, serviceDemandUsd, serviceParamsSchema, type ServiceParams } from './mechanisms/burnOnUse';
export { Buyback, buybackWantUsd, movingAveragePrice, buybackParamsSchema, type BuybackParams } from './mechanisms/buyback';
export { Vesting, releasedBy, vestingSectorSchema, type VestingSector, type UnlockSink } from './mechanisms/vesting';
export { DynamicRewards, dynamicReward, dynamicRewardsParamsSchema, type DynamicRewardsParams } from './mechanisms/dynamicRewards';
export { LockPool, lockingParamsSchema, type LockingParams } from './mechanisms/lockedStaking';
export { Treasury, runwayYears, MAX_RUNWAY_YEARS, treasuryPolicySchema, type TreasuryPolicy, type TreasurySource } from './mechanisms/treasury';
export { addSupplySide, addLockPool, supplySideShape, supplySideDefaults, sectorSchema, type SupplySide, type SupplySideParams } from './models/supplySide';
export { UnlockLog } from './models/unlockLog';
export { supplySideKpis, priceChangeAfterPeakUnlock } from './metrics/supplyKpis';

// Agent classes
export * from '../agents';

// Models
export {
  tokenEconomy,
  buildTokenEconomy,
  tokenEconomySchema,
  tokenEconomyDefaults,
  type TokenEconomy,
  type TokenEconomyParams,
} from './models/tokenEconomy';

// DePIN networks, energy and carbon
export {
  ServiceMarket,
  serviceMarketParamsSchema,
  adoptionDemand,
  servedUnits,
  servicePresets,
  type ServiceMarketParams,
  type NodeProfile,
  type ServicePreset,
} from './mechanisms/serviceMarket';
export {
  DepinRewards,
  ServedWorkRewards,
  depinRewardsParamsSchema,
  operatorMint,
  burnsForUsage,
  capacityMintShare,
  type DepinRewardsParams,
} from './mechanisms/depinRewards';
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
export { ConsensusRewards } from './mechanisms/consensusRewards';
export {
  greenIncentivesParamsSchema,
  noGreenIncentives,
  greenMultiplier,
  offsetCostUsd,
  carbonFeeUsd,
  type GreenIncentivesParams,
} from './mechanisms/greenIncentives';
export {
  depinNetwork,
  buildDepinNetwork,
  depinNetworkSchema,
  depinNetworkDefaults,
  presetOperators,
  type DepinNetwork,
  type DepinNetworkParams,
} from './models/depinNetwork';
export { depinSummary } from './metrics/depinSummary';

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
export { seriesKpis, agentHoldings, agentStakes } from './metrics/summary';
export { Recorder } from './metrics/recorder';

// Experiments
export { defineExperiment, applyOverrides, type ExperimentSpec, type Experiment, type DeepPartial, type RecordSpec } from './experiment/define';
export type { Model, Metric, Simulation, BuildOptions, RunTable } from './experiment/model';
export { planRuns, runSeed, type Plan, type RunSpec, type PlanOptions } from './experiment/plan';
export { runOne, type RunResult, type RunOptions } from './experiment/runOne';
export { runExperiment, type ExecuteOptions, type ExperimentOutcome } from './experiment/runExperiment';
export { runIfMain } from './cli/main';

// Sweeps, workers, shards, resume and merge (issue 3)
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
export { mergeShards, type MergeOutcome } from './experiment/merge';
export type { Shard, RunStatus } from './experiment/output';

// Output
export { ArrowFileWriter, writeArrowTable, type ColumnSpec, type ColumnData } from './io/arrowWriter';
export { readArrowFile } from './io/arrowReader';
export { writeParquetFromArrow, PARQUET_ROW_GROUP_ROWS, type ParquetWritten } from './io/parquet';
export { convertResults, type ConvertedTable, type TableFormat } from './io/convertResults';
export { readTableFile, tableFilePath } from './io/tableFile';

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
  type EoeSeries,
  type EoeSeriesOptions,
} from './analysis/valuation';
export { withKpis } from './analysis/extendModel';
export { stakingEquilibrium } from './analysis/stakingEquilibrium';
export { analyseSensitivity, writeSensitivityTable, type AnalyseOptions, type SensitivityReport } from './analysis/sensitivityAnalysis';
export {
  sensitivityDesign,
  designPoint,
  sensitivitySweep,
  SENSITIVITY_KINDS,
  type SensitivityDesign,
  type SobolSweep,
  type MorrisSweep,
} from './analysis/sensitivitySweeps';

// Comparing and reporting results (issue 8)
export { readResults, type Results, type RunRow } from './io/resultsDir';
export {
  compare,
  compareResults,
  sweptParams,
  significanceMark,
  type Comparison,
  type ComparisonRow,
  type CompareOptions,
  type Difference,
  type Group,
  type GroupBy,
} from './experiment/compare';
export { writeReport, buildReport, DEFAULT_METRICS, DEFAULT_SWEEP_KPIS, type ReportOptions } from './report/writeReport';

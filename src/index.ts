// The public API of tokensim. Everything a model, agent class or experiment
// file needs is exported here by name; anything not listed is internal.

// Kernel
export { World, type Mechanism, type AgentClass, type AnyWorld, type Activation, type WorldOptions } from './core/world';
export { Population, baseSchema, type Schema, type ColumnType, type Columns } from './core/population';
export { Ledger, accountHolder, type Account, type Holder } from './core/ledger';
export { Rng } from './core/rng';
export { deriveSeed } from './core/seeds';
export { distributionSchema, sample, sampleInto, distributionMean, type Distribution } from './core/distributions';
export { endow, drawTrait } from './core/genesis';
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
export {
  Governance,
  governanceParamsSchema,
  governanceEventsTable,
  ROLES,
  type GovernanceParams,
  type GovernanceTarget,
  type Proposal,
  type GovernanceEvent,
} from './mechanisms/governance';

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

// Output
export { ArrowFileWriter, type ColumnSpec } from './io/arrowWriter';
export { readArrowFile } from './io/arrowReader';

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
export {
  makeDesign,
  designPoint,
  designExperiment,
  runSensitivityStudy,
  analyseSensitivity,
  writeSensitivityTable,
  type DesignSpec,
  type SensitivityDesign,
  type SensitivityReport,
} from './analysis/sensitivityStudy';

// The face of tokensim for block authors (`tokensim/blocks`): what a new
// mechanism, agent class, market or metric set is written with. Experiment
// authors need only `tokensim` (src/index.ts).

// Defining blocks and models
export {
  defineBlock,
  port,
  type Block,
  type AnyBlock,
  type BlockKind,
  type BlockSpec,
  type BlockContext,
  type BlockParts,
  type Port,
  type Deps,
  type MetricSpec,
  type KpiSpec,
  type HolderSpec,
  type TableSpec,
  type TableRows,
  type RunRecord,
} from './core/block';
export { defineModel, BlockModel, type ModelSpec, type ModelParams, type Placement } from './model/defineModel';
export type { Assembled, WorldParams } from './model/assemble';

// The kernel
export { World, PHASES, type Phase, type HookPhase, type Hook, type AgentClass, type AnyWorld, type Activation, type WorldOptions } from './core/world';
export { Population, baseSchema, bytesPerAgent, COLUMN_BYTES, type Schema, type ColumnType, type Columns, type WithBase } from './core/population';
export { Ledger, MAIN_CHAIN, type RouteEnd, type AccountOptions } from './core/ledger';
export { Account, type Asset, type Pocket } from './core/account';
export { Route } from './core/route';
export { Rng } from './core/rng';
export { deriveSeed } from './core/seeds';
export { distributionSchema, sample, sampleInto, distributionMean, type Distribution } from './core/distributions';
export { endow, addEndowed, drawTrait } from './core/genesis';
export { ParamStore, validateParams, type ParamChange } from './core/params';
export { InputError, RunError } from './core/errors';
export { compensatedSum, RunningSum } from './core/sum';

// Markets and the mechanisms other blocks build on
export { ConstantProductPool, PoolTrader } from './market/constantProductPool';
export { buyTokens, sellTokens, sellForUsd } from './market/trade';
export { RewardIndex } from './mechanisms/rewardIndex';
export { StakingPool, StakeAccount, stakingColumns, type StakingPopulation, type RewardSink } from './mechanisms/staking';
export { NodeRewards, NodeAccount, nodeRewardColumns, type NodePopulation } from './mechanisms/nodeRewards';
export { ServedWork, servedWorkColumns } from './mechanisms/servedWork';
export { StorageNetwork, storageColumns, type StoragePopulation } from './mechanisms/storageNetwork';
export { StorageMinting, type TickMint } from './mechanisms/storageMinting';
export { faultySectors } from './mechanisms/sectorFaults';
export { LockPool, LockAccount, lockColumns, type LockingPopulation } from './mechanisms/lockedStaking';
export { Treasury, type TreasurySource } from './mechanisms/treasury';
export { Vesting, type UnlockSink, type VestingApi } from './mechanisms/vesting';
export { Governance, Electorate, electorateColumns, holdingsOf, type VotingPopulation } from './mechanisms/governance';
export type { EmissionApi } from './mechanisms/emissionBlock';
export type { FeeBurnApi } from './mechanisms/feeBurn';
export { gasPort, type GasMarket, type GasPayer, type TxSource } from './fees/gasPort';
export type { FeeMarket, FeeMarketBooks } from './fees/feeMarket';
export { Mempool } from './fees/mempool';
export { BlockBuilder, type BuiltBlock } from './fees/blockBuilder';
export { GasPriceOracle } from './fees/gasPriceOracle';
export { L1DataMarket, type L1BlobBlock } from './fees/l1DataMarket';

// DeFi: assets on ledgers of their own, lending, liquid staking, tokenised funds, two-asset pools
export { tokenAsset, usdAsset, type DefiAsset, type AssetAccountOptions } from './defi/asset';
export { IssuedAsset } from './defi/issuedAsset';
export { PairPool } from './defi/pairPool';
export { LendingMarket, MARKET_KEYS, type MarketKey, type MarketParams } from './defi/lendingMarket';
export { LendingAccount, lendingColumns, supplyColumn, debtColumn, type LendingPopulation, type MarketRoutes } from './defi/lendingAccount';
export { LendingPool, type LiquidationRules, type Liquidation } from './defi/lendingPool';
export { LstProvider } from './defi/lstProvider';
export { RwaFund, type RwaPricing, type RwaTerms } from './defi/rwaFund';
export { RedemptionQueue, DueList } from './defi/redemptionQueue';

// Metric helpers
export { last, total, meanAfterGenesis, spanYears } from './metrics/series';
export { agentHoldings } from './metrics/holdings';
export { FlowRecorder, FLOW_COLUMNS } from './metrics/flows';

// Chains and bridges
export { chainsOf, chainOf, chainKey, type ChainApi } from './chains/chainRegistry';
export { localFlow } from './chains/chain';
export { Bridge, Lane, type BridgeSide, type Direction, type LaneEnd, type Exploit, type HolderLoss } from './chains/bridge';
export { equilibriumFee, marginalEquilibriumRate, STARGATE_CURVE, type EquilibriumCurve } from './chains/equilibriumFee';
export { PocketSwapper } from './chains/pocketSwap';

// Points programmes, farming and sybil filters
export { AirdropProgram, airdropColumns, priceChangeAfter, type AirdropWallets, type DropOutcome } from './mechanisms/airdrop';
export { earnedPoints, holdingMultiplier, boostAt, accrue, allocateProRata, allocateEqual, choosesLock, claimValueShare, type PointRates, type Boost } from './mechanisms/points';
export { tickCostUsd, walletsToFarm, walletValueUsd, farmingEquilibrium, type Activity, type ActivityCosts, type WalletValueInputs } from './mechanisms/farming';
export { flagWallets, cutShare, clusterWeight, type SybilFilterApi } from './mechanisms/sybilFilter';

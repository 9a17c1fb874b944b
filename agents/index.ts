// The agent classes, one block per file.
export { stakers, Stakers, stakersParamsSchema, stakersSchema, stakersDefaults, priceTrend, STAKER_STRATEGIES, type StakersParams } from './stakers';
export { traders, Traders, tradersParamsSchema, tradersSchema, tradersDefaults, TRADER_KINDS, type TradersParams } from './traders';
export {
  nodeOperators,
  NodeOperators,
  nodeOperatorsParamsSchema,
  nodeOperatorsSchema,
  nodeOperatorsDefaults,
  operatorOptions,
  paybackYears,
  maxPaybackYears,
  type NodeOperatorsParams,
  type OperatorServices,
} from './nodeOperators';
export { voters, Voters, votersParamsSchema, votersSchema, votersDefaults, type VotersParams } from './voters';
export { voteBuyer, VoteBuyer, voteBuyerParamsSchema, voteBuyerSchema, voteBuyerDefaults, type VoteBuyerParams } from './voteBuyer';
export { sectorHolders, SectorHolders, sectorHoldersSchema } from './sectorHolders';
export { storageProviders, StorageProviders, storageProvidersParamsSchema, storageProvidersSchema, storageProvidersDefaults, type StorageProvidersParams } from './storageProviders';
export { transactors, Transactors, transactorsParamsSchema, transactorsSchema, transactorsDefaults, type TransactorsParams } from './transactors';
export { liquidityProviders, LiquidityProviders, liquidityProvidersParamsSchema, liquidityProvidersSchema, lpNetYield, type LiquidityProvidersParams } from './liquidityProviders';
export { arbitrageurs, Arbitrageurs, arbitrageursParamsSchema, optimalTrip } from './arbitrageurs';
export { depositors, Depositors, depositorsParamsSchema, depositorsSchema, depositorsDefaults, type DepositorsParams } from './depositors';
export { borrowers, Borrowers, borrowersParamsSchema, borrowersSchema, borrowersDefaults, COLLATERAL_KINDS, type BorrowersParams } from './borrowers';
export { liquidators, Liquidators, liquidatorsParamsSchema, liquidatorsSchema, liquidatorsDefaults, type LiquidatorsParams } from './liquidators';
export { lstStakers, LstStakers, lstStakersParamsSchema, lstStakersSchema, lstStakersDefaults, type LstStakersParams } from './lstStakers';
export { rwaInvestors, RwaInvestors, rwaInvestorsParamsSchema, rwaInvestorsSchema, rwaInvestorsDefaults, type RwaInvestorsParams } from './rwaInvestors';
export { stakePools, stakePoolsParamsSchema, stakePoolsSchema, type StakePoolsParams } from './stakePools';
export { delegators, Delegators, delegatorsParamsSchema, delegatorsSchema, type DelegatorsParams } from './delegators';
export { airdropWallets, AirdropWalletAgents, airdropWalletsParamsSchema, airdropWalletsSchema, airdropWalletsDefaults, type AirdropWalletsParams } from './airdropWallets';
export { bridgeArbitrageurs, bridgeArbitrageursOver, arbColumns, BridgeArbitrageurs, type ArbLeg, bridgeArbitrageursParamsSchema, maximiseConcave, TXS_PER_CHAIN, type BridgeArbitrageursParams } from './bridgeArbitrageurs';

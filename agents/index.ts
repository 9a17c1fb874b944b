export { Stakers, stakersParamsSchema, priceTrend, STAKER_STRATEGIES, type StakersParams } from './stakers';
export { Traders, tradersParamsSchema, TRADER_KINDS, type TradersParams } from './traders';
export {
  NodeOperators,
  nodeOperatorsParamsSchema,
  operatorOptions,
  paybackYears,
  maxPaybackYears,
  type NodeOperatorsParams,
  type OperatorServices,
} from './nodeOperators';
export { Voters, votersParamsSchema, type VotersParams } from './voters';
export { VoteBuyer, voteBuyerParamsSchema, type VoteBuyerParams } from './voteBuyer';
export { SectorHolders, sectorHolderTraitsSchema, type SectorHolderTraits } from './sectorHolders';

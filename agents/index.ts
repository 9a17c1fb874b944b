export { Stakers, stakersParamsSchema, priceTrend, STAKER_STRATEGIES, type StakersParams } from './stakers';
export { Traders, tradersParamsSchema, TRADER_KINDS, type TradersParams } from './traders';
export { NodeOperators, nodeOperatorsParamsSchema, type NodeOperatorsParams } from './nodeOperators';
export { Voters, votersParamsSchema, type VotersParams } from './voters';

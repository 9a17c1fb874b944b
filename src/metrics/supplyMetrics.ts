import { defineBlock } from '../core/block';
import { marketPort } from '../market/amm';
import { last, meanAfterGenesis, spanYears } from './series';

/**
 * The token-supply metrics every model shares, from the ledger, so that a
 * column means the same in every model: supply, circulating supply (the
 * accounts that circulate), cumulative and per-row minting and burning, the
 * annualised issuance rates, and market cap at the market's price.
 */
export const supplyMetrics = defineBlock({
  key: 'supply',
  kind: 'metrics',
  description: 'token supply, circulating supply, minting and burning, issuance rates and market cap, from the ledger',
  uses: { market: marketPort },
  metrics: {
    supply: { unit: 'tokens', description: 'minted − burned, genesis included' },
    circulating: { unit: 'tokens', description: 'tokens in accounts that circulate (agents\' liquid balances, pools); not staked, locked, vesting, escrowed or in the treasury' },
    minted: { unit: 'tokens', description: 'tokens minted since genesis (genesis allocation excluded)' },
    burned: { unit: 'tokens', description: 'tokens burned since genesis' },
    emission: { unit: 'tokens', kind: 'flow', description: 'tokens minted since the previous row, by every block' },
    burn: { unit: 'tokens', kind: 'flow', description: 'tokens burned since the previous row, by every block' },
    net_emission: { unit: 'tokens', kind: 'flow', description: 'minted − burned since the previous row' },
    issuance_rate: { unit: '1/year', description: "the tick's minting, annualised, as a share of supply (0 at genesis)" },
    net_issuance_rate: { unit: '1/year', description: "the tick's minting net of burns, annualised, as a share of supply (0 at genesis)" },
    market_cap: { unit: 'USD', description: 'price × circulating supply' },
  },
  kpis: {
    final_supply: { unit: 'tokens', description: 'supply at the last tick' },
    inflation: { unit: '1/year', description: 'realised annual supply growth net of burns, (S_end / S_0)^(1/years) − 1' },
    total_minted: { unit: 'tokens', description: 'tokens minted over the run (genesis excluded)' },
    total_burned: { unit: 'tokens', description: 'tokens burned over the run' },
    mean_issuance_rate: { unit: '1/year', description: 'mean issuance rate after genesis' },
    mean_net_issuance_rate: { unit: '1/year', description: 'mean net issuance rate after genesis' },
    final_circulating: { unit: 'tokens', description: 'circulating supply at the last tick' },
  },
  build(ctx) {
    const { ledger, world } = ctx;
    const market = ctx.deps.market;
    const atGenesis = () => world.tick === 0;
    return {
      api: undefined,
      metrics: {
        supply: () => ledger.supply,
        circulating: () => ledger.circulating(),
        minted: () => (atGenesis() ? 0 : ledger.minted - ledger.genesisMinted),
        burned: () => ledger.burned,
        emission: () => ledger.mintedThisTick,
        burn: () => ledger.burnedThisTick,
        net_emission: () => ledger.mintedThisTick - ledger.burnedThisTick,
        issuance_rate: () => (atGenesis() ? 0 : (ledger.mintedThisTick * world.ticksPerYear) / ledger.supply),
        net_issuance_rate: () => (atGenesis() ? 0 : ((ledger.mintedThisTick - ledger.burnedThisTick) * world.ticksPerYear) / ledger.supply),
        market_cap: () => (market ? market.price * ledger.circulating() : 0),
      },
      summary: ({ series, ticks }) => {
        const years = spanYears(ticks, world.ticksPerYear);
        const s0 = series.supply[0];
        return {
          final_supply: last(series, 'supply'),
          inflation: years > 0 && s0 > 0 ? Math.pow(last(series, 'supply') / s0, 1 / years) - 1 : 0,
          total_minted: last(series, 'minted'),
          total_burned: last(series, 'burned'),
          mean_issuance_rate: meanAfterGenesis(series, 'issuance_rate'),
          mean_net_issuance_rate: meanAfterGenesis(series, 'net_issuance_rate'),
          final_circulating: last(series, 'circulating'),
        };
      },
    };
  },
});

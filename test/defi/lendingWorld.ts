import { Ledger } from '../../src/core/ledger';
import { Population } from '../../src/core/population';
import { tokenAsset, usdAsset } from '../../src/defi/asset';
import { lendingColumns, type LendingAccount } from '../../src/defi/lendingAccount';
import { LendingMarket, type MarketParams } from '../../src/defi/lendingMarket';
import { defaultMarkets } from '../../src/defi/lendingParams';
import { LendingPool, type LiquidationRules } from '../../src/defi/lendingPool';

/** A small lending world: a ledger, a token market and a USD market with a settable token price, and one population of agents. */
export interface LendingWorld {
  ledger: Ledger;
  pool: LendingPool;
  pop: Population<typeof lendingColumns>;
  acc: LendingAccount;
  /** Sets the token's oracle price, USD per token. */
  setPrice(p: number): void;
  /** Gives agent i `tokens` tokens and `usd` USD from outside the pool (minted / entering the model). */
  endow(i: number, tokens: number, usd: number): void;
  token: number;
  usd: number;
}

/** Returns a lending world of `agents` agents with the token at `price`, the given market parameters and liquidation rules. */
export function lendingWorld(opts: { agents?: number; price?: number; token?: Partial<MarketParams>; usd?: Partial<MarketParams>; rules?: Partial<LiquidationRules> } = {}): LendingWorld {
  const ledger = new Ledger();
  let price = opts.price ?? 1;
  const tokenParams: MarketParams = { ...defaultMarkets.token, ...opts.token };
  const usdParams: MarketParams = { ...defaultMarkets.usd, ...opts.usd };
  const rules: LiquidationRules = { closeFactor: 0.5, fullCloseHealthFactor: 0.95, ...opts.rules };
  const markets = [
    new LendingMarket('token', tokenAsset(ledger), ledger.open('lending.token', { owner: 'lending', circulating: true }), () => tokenParams, () => price),
    new LendingMarket('usd', usdAsset(ledger), ledger.open('lending.usd', { owner: 'lending', circulating: true }), () => usdParams, () => 1),
  ];
  const pool = new LendingPool(markets, () => rules);
  const pop = new Population('agents', lendingColumns);
  pop.add(opts.agents ?? 3);
  const account = ledger.openPopulation(pop, { owner: 'agents', circulating: true });
  const acc = pool.attach(pop);
  const mint = ledger.route('mint', ledger.pocket(account, pop, 'tokens'), 'genesis');
  const cash = ledger.route('outside', ledger.pocket(account, pop, 'usd', 'usd'), 'genesis', 'usd');
  return {
    ledger,
    pool,
    pop,
    acc,
    setPrice: (p) => (price = p),
    endow(i, tokens, usd) {
      if (tokens > 0) mint.pay(i, tokens);
      if (usd > 0) cash.pay(i, usd);
    },
    token: 0,
    usd: 1,
  };
}

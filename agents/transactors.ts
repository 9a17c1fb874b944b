import { z } from '../src/core/zod';
import { defineBlock } from '../src/core/block';
import { distributionSchema, type Distribution } from '../src/core/distributions';
import { addEndowed, drawTrait } from '../src/core/genesis';
import type { Population } from '../src/core/population';
import type { AgentClass, World } from '../src/core/world';
import { gasPort, TX_KINDS, type GasMarket, type GasPayer } from '../src/fees/gasPort';
import { marketPort } from '../src/market/amm';
import type { ConstantProductPool } from '../src/market/constantProductPool';
import { buyTokens } from '../src/market/trade';
import type { Rng } from '../src/core/rng';

const WEI_PER_TOKEN = 1e18;

/** Parameters of the transactors class. */
export const transactorsParamsSchema = z
  .object({
    count: z.number().int().min(0),
    initialTokens: distributionSchema,
    initialUsd: distributionSchema,
    /** Probability an agent has a transaction to send in a tick. */
    activity: z.number().min(0).max(1),
    /** What its transaction is worth to the agent, in USD (a trait): it sends only when the quoted fee is at most this. */
    valueUsd: distributionSchema,
    /** Kind of the agent's transactions, as an index into transfer, swap, stake, call (a trait, rounded and clipped). */
    kind: distributionSchema,
    /** Priority fee the agent offers under EIP-1559, in gwei per gas (a trait). */
    tipGwei: distributionSchema,
    /** Blocks the agent waits for inclusion before giving up (a trait). */
    patienceBlocks: distributionSchema,
    /** When its tokens fall below this many quoted fees, the agent buys tokens on the AMM for `topUpUsd`. */
    reserveFees: z.number().min(0),
    topUpUsd: z.number().min(0),
  })
  .strict();
export type TransactorsParams = z.infer<typeof transactorsParamsSchema>;

/** The transactors' columns: their traits and what they did this tick. */
export const transactorsSchema = { valueUsd: 'f64', kind: 'u8', tipWei: 'f64', patience: 'f64', sent: 'u8' } as const;
type TransactorsPopulation = Population<typeof transactorsSchema>;

/**
 * Transactors: agents that use the chain and pay gas for it, the model's
 * own demand for block space read through the gas port. Each tick an
 * active agent has a transaction to send with probability `activity`,
 * worth v USD to it (fee cap v / (gas(kind) · price) wei per gas). It
 * sends when that cap reaches the lowest price that can be included now
 * (the base fee, or the producers' minimum bid) and it holds the quoted
 * fee (gas × the suggested price), with its `tipGwei` as priority fee;
 * else it is priced out: fee policy feeds back on activity. An agent
 * whose tokens fall below `reserveFees` quotes buys tokens with up to
 * `topUpUsd` on the AMM. Gas is paid from its tokens when a block
 * includes the transaction.
 */
export class Transactors implements AgentClass {
  readonly name: string;
  /** Transactions sent and agents priced out this tick. */
  sentThisTick = 0;
  pricedOutThisTick = 0;
  private readonly payer: GasPayer;

  constructor(
    readonly population: TransactorsPopulation,
    private readonly params: () => TransactorsParams,
    private readonly pool: ConstantProductPool,
    private readonly gas: GasMarket,
    private readonly rng: Rng,
  ) {
    this.name = population.name;
    this.payer = gas.payer(population);
  }

  /** Creates the agents with their traits and balances. */
  init(world: World, rng: Rng): void {
    const p = this.params();
    const pop = this.population;
    const [first, end] = addEndowed(world.ledger, pop, p.count, p.initialTokens, p.initialUsd, rng);
    drawTrait(pop.cols.valueUsd, first, end, p.valueUsd, rng);
    drawTrait(pop.cols.tipWei, first, end, p.tipGwei, rng);
    drawTrait(pop.cols.patience, first, end, p.patienceBlocks, rng);
    const tmp = new Float64Array(end - first);
    drawTrait(tmp, 0, tmp.length, p.kind, rng);
    for (let i = first; i < end; i++) {
      pop.cols.tipWei[i] = Math.max(0, Math.round(pop.cols.tipWei[i] * 1e9));
      pop.cols.kind[i] = Math.min(TX_KINDS.length - 1, Math.max(0, Math.round(tmp[i - first])));
    }
  }

  act(_world: World, order: Int32Array | null, count: number): void {
    const p = this.params();
    const pop = this.population;
    const { active, valueUsd, kind, tipWei, patience, tokens, sent } = pop.cols;
    const price = this.pool.price;
    const perGas = this.gas.gasPriceWei();
    const floor = this.gas.floorPriceWei();
    this.sentThisTick = 0;
    this.pricedOutThisTick = 0;
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      sent[i] = 0;
      if (active[i] === 0 || !this.rng.chance(p.activity)) continue;
      const kindName = TX_KINDS[kind[i]];
      const g = this.gas.gasOf(kindName);
      const quoteTokens = (g * perGas) / WEI_PER_TOKEN;
      if (tokens[i] < p.reserveFees * quoteTokens && p.topUpUsd > 0) buyTokens(this.pool, pop, i, p.topUpUsd);
      const capWei = Math.floor((valueUsd[i] / price / g) * WEI_PER_TOKEN);
      if (capWei < floor || tokens[i] < quoteTokens) {
        this.pricedOutThisTick++;
        continue;
      }
      this.payer.submit(i, kindName, capWei, tipWei[i], patience[i]);
      sent[i] = 1;
      this.sentThisTick++;
    }
  }
}

/** Default transactors: 500 agents with $1–$5 transactions, each active one tick in fifty. */
export const transactorsDefaults: TransactorsParams = {
  count: 500,
  initialTokens: { dist: 'lognormal', mu: Math.log(200), sigma: 0.5 } as Distribution,
  initialUsd: { dist: 'lognormal', mu: Math.log(500), sigma: 0.5 } as Distribution,
  activity: 0.02,
  valueUsd: { dist: 'uniform', min: 1, max: 5 } as Distribution,
  kind: { dist: 'uniform', min: -0.5, max: 3.5 } as Distribution,
  tipGwei: { dist: 'uniform', min: 10, max: 100 } as Distribution,
  patienceBlocks: { dist: 'uniform', min: 10, max: 100 } as Distribution,
  reserveFees: 5,
  topUpUsd: 20,
};

/** The transactors agent block: send a transaction when its value covers the quoted gas fee. */
export const transactors = defineBlock({
  key: 'transactors',
  kind: 'agents',
  description: 'transactors: send a transaction when the quoted gas fee is at most its value, pay gas from their tokens',
  sources: ['users with private values who transact when value ≥ fee: Roughgarden (2020), arXiv:2012.00854; Huberman, Leshno and Moallemi (2021), Review of Economic Studies 88(6)'],
  params: { schema: transactorsParamsSchema, defaults: transactorsDefaults },
  needs: { market: marketPort, gas: gasPort },
  population: { schema: transactorsSchema, count: (p) => p.count },
  metrics: {
    transactor_tx_sent: { unit: 'transactions', kind: 'flow', description: "transactors' transactions sent since the previous row" },
    transactor_priced_out: { unit: 'transactions', kind: 'flow', description: 'transactions transactors did not send because the lowest includable price exceeded their value (or the fee their tokens)' },
  },
  build(ctx) {
    const { pop } = ctx.population(transactorsSchema);
    const cls = new Transactors(pop, ctx.params, ctx.deps.market, ctx.deps.gas, ctx.rng.fork('act'));
    return {
      api: cls,
      agents: cls,
      genesis: (w) => cls.init(w, ctx.rng.fork('genesis')),
      metrics: { transactor_tx_sent: () => cls.sentThisTick, transactor_priced_out: () => cls.pricedOutThisTick },
    };
  },
});

import { z } from '../src/core/zod';
import type { Account } from '../src/core/account';
import { distributionSchema, type Distribution } from '../src/core/distributions';
import { addEndowed, drawTrait } from '../src/core/genesis';
import type { Ledger } from '../src/core/ledger';
import type { Population } from '../src/core/population';
import type { Rng } from '../src/core/rng';
import type { Route } from '../src/core/route';
import { defineBlock } from '../src/core/block';
import type { AgentClass, World } from '../src/core/world';
import { marketPort } from '../src/market/amm';
import { exchange } from '../src/market/exchange';
import { OrderRouter } from '../src/market/orderRouter';
import { spanYears, total, last } from '../src/metrics/series';
import { depinRewards } from '../src/mechanisms/depinRewards';
import { green } from '../src/mechanisms/greenIncentives';
import { nodeRewards } from '../src/mechanisms/nodeRewards';
import { service } from '../src/mechanisms/serviceMarket';
import { treasury } from '../src/mechanisms/treasury';
import type { ConstantProductPool } from '../src/market/constantProductPool';
import type { ServedWork } from '../src/mechanisms/servedWork';
import { carbonKg, nodeEnergyKwh } from '../src/mechanisms/energy';
import { carbonFeeUsd, greenMultiplier, noGreenIncentives, offsetCostUsd, type GreenIncentivesParams } from '../src/mechanisms/greenIncentives';
import { nodeRewardColumns, type NodeAccount, type NodeRewards } from '../src/mechanisms/nodeRewards';
import type { ServiceMarket } from '../src/mechanisms/serviceMarket';
import type { Treasury } from '../src/mechanisms/treasury';
import { carbonPricing } from '../src/policy/carbonPricing';
import type { PolicyEmitters, UnitPolicyCost } from '../src/policy/emitters';
import { renewableMandate } from '../src/policy/renewableMandate';
import { ACCESS, accessRules, type AccessRules } from '../src/policy/accessRules';
import { taxRules, type TaxPayer } from '../src/policy/taxRules';

/** Parameters of the DePIN node operators class. Optional fields default to no energy, no downtime and one unit per operator. */
export const nodeOperatorsParamsSchema = z
  .object({
    /** Potential operators (online or not). */
    candidates: z.number().int().min(0),
    /** Operators online at the start (the first ones). */
    initialNodes: z.number().int().min(0),
    initialTokens: distributionSchema,
    initialUsd: distributionSchema,
    /** Capacity per hardware unit (e.g. GPU-hours per tick). */
    capacity: distributionSchema,
    /** Hardware cost per unit, in USD, paid when the unit is bought and depreciated in the books over `amortisationTicks`. */
    hardwareUsd: distributionSchema,
    amortisationTicks: z.number().int().min(1),
    /** Operating cost besides electricity (bandwidth, hosting), in USD per tick per unit. */
    opexUsdPerTick: distributionSchema,
    /** Annual return on hardware, after depreciation, an operator requires to add a unit. */
    hurdle: distributionSchema,
    /** Consecutive ticks of an expected cash margin below the exit trigger after which an operator retires a unit (its last: goes offline). */
    patienceTicks: distributionSchema,
    /** Share of a unit's book value its hardware fetches when retired, in [0, 1] (USD from outside the model). */
    salvageShare: z.number().min(0).max(1),
    /** Unpaid costs an operator may owe, in ticks of its cash cost, before its creditors force it out. */
    creditTicks: z.number().min(0).max(100_000),
    /** Half-life of the token price operators plan with (an EWMA), in ticks. */
    priceHalfLifeTicks: z.number().positive().max(10_000),
    /** Probability per tick that an operator considers adding a unit (joining, when offline). */
    considerProbability: z.number().min(0).max(1),
    /** Most hardware units one operator runs (default 1: join or leave, no expansion). */
    maxUnits: z.number().int().min(1).optional(),
    /** Electricity of one unit at full load, in kWh per tick (default 0). */
    energyKwhPerTick: distributionSchema.optional(),
    /** Power when idle as a share of full load, in [0, 1] (default 0.3). */
    idleShare: z.number().min(0).max(1).optional(),
    /** Electricity price each operator pays, in USD per kWh (default 0). */
    electricityUsdPerKwh: distributionSchema.optional(),
    /** Carbon intensity of each operator's grid, in gCO2/kWh (default 480, world average). */
    gridIntensity: distributionSchema.optional(),
    /** Share of operators running on their own renewables (0 gCO2/kWh), in [0, 1] (default 0). */
    renewableShare: z.number().min(0).max(1).optional(),
    /** Share of the other operators that buy offsets for all their CO2, in [0, 1] (default 0). */
    offsetShare: z.number().min(0).max(1).optional(),
    /** Probability per tick that an online node is down (serves nothing), per operator (default 0). */
    downtime: distributionSchema.optional(),
    /** Collateral staked per unit to run it, in tokens; bought on the AMM when short (default 0). */
    collateralTokens: z.number().min(0).optional(),
    /** Share of collateral burned for each tick a node is down, in [0, 1] (default 0). */
    slashShare: z.number().min(0).max(1).optional(),
    /** Share of each tick's token income sold once costs are paid, in [0, 1] (default 0). */
    sellRewardsShare: z.number().min(0).max(1).optional(),
  })
  .strict()
  .refine((p) => p.initialNodes <= p.candidates, { message: 'initialNodes must not exceed candidates', path: ['initialNodes'] });
export type NodeOperatorsParams = z.infer<typeof nodeOperatorsParamsSchema>;

const ZERO: Distribution = { dist: 'constant', value: 0 };
const WORLD_GRID: Distribution = { dist: 'constant', value: 480 };

/** Returns the optional operator parameters with their defaults filled in. */
export function operatorOptions(p: NodeOperatorsParams) {
  return {
    maxUnits: p.maxUnits ?? 1,
    energyKwhPerTick: p.energyKwhPerTick ?? ZERO,
    idleShare: p.idleShare ?? 0.3,
    electricityUsdPerKwh: p.electricityUsdPerKwh ?? ZERO,
    gridIntensity: p.gridIntensity ?? WORLD_GRID,
    renewableShare: p.renewableShare ?? 0,
    offsetShare: p.offsetShare ?? 0,
    downtime: p.downtime ?? ZERO,
    collateralTokens: p.collateralTokens ?? 0,
    slashShare: p.slashShare ?? 0,
    sellRewardsShare: p.sellRewardsShare ?? 0,
  };
}

/**
 * Returns the payback period of hardware worth `hardwareUsd` earning a cash
 * margin of `marginUsdPerTick`, in years: hardware / (margin × ticksPerYear);
 * Infinity when the margin is not positive.
 */
export function paybackYears(hardwareUsd: number, marginUsdPerTick: number, ticksPerYear: number): number {
  return marginUsdPerTick > 0 ? hardwareUsd / (marginUsdPerTick * ticksPerYear) : Infinity;
}

/**
 * Returns the longest payback an operator accepts, in years: requiring an
 * annual return h after straight-line depreciation over A years means
 * 1/payback − 1/A > h, i.e. payback < 1 / (h + 1/A).
 */
export function maxPaybackYears(hurdle: number, amortisationYears: number): number {
  return 1 / (hurdle + 1 / amortisationYears);
}

/** What the DePIN model adds to the operators: a served-work stream, a market, green incentives and an income estimate. */
export interface OperatorServices {
  /** Pays served work (tokens by weight, USD by capacity) to nodes that are up. */
  served?: ServedWork;
  /** Utilisation of up capacity this tick, in [0, 1] (1 when omitted). */
  utilisation?: () => number;
  green?: () => GreenIncentivesParams;
  /** Expected USD income per tick of a new unit of capacity c and weight w at token price `price`. */
  incomeUsd?: (c: number, w: number, price: number) => number;
  /** Policies that charge operators for their grid electricity (carbon pricing, a renewable mandate): their cost enters the unit's cash cost. */
  policies?: readonly UnitPolicyCost[];
  /** Access rules for a restricted jurisdiction: who may run a node. */
  access?: AccessRules;
  /** Tax rules: each operator's jurisdiction, the tax on its node income and the credit on renewable hardware. */
  tax?: TaxPayer;
}

/** The node operators' columns: the node-reward stream's and their own. */
export const nodeOperatorsSchema = {
  ...nodeRewardColumns,
  capacity: 'f64',
  unitCapacity: 'f64',
  units: 'i32',
  rewardWeight: 'f64',
  hardwareUsd: 'f64',
  /** Cash operating cost of one unit besides electricity, in USD per tick. */
  costUsdPerTick: 'f64',
  hurdle: 'f64',
  patience: 'f64',
  lossTicks: 'i32',
  /** Book value of the operator's hardware (cost less straight-line depreciation), in USD. */
  bookValueUsd: 'f64',
  /** Costs the operator could not pay, owed to creditors outside the model, in USD. */
  debtUsd: 'f64',
  online: 'u8',
  up: 'u8',
  energyKwh: 'f64',
  electricityUsd: 'f64',
  gridIntensity: 'f64',
  renewable: 'u8',
  offsets: 'u8',
  /** Share of its grid electricity bought as certified renewable this tick for a policy, in [0, 1] (0 without one). */
  greenShare: 'f64',
  downtime: 'f64',
  collateral: 'f64',
} as const;

/** The routes an operator's money moves along besides trades and rewards. */
interface OperatorRoutes {
  /** USD costs paid to the outside world (opex, electricity, offsets). */
  costs: Route;
  /** Hardware bought (USD out at once), salvage of retired hardware (USD in), unpaid costs paid late (USD out). */
  hardware: Route;
  salvage: Route;
  repay: Route;
  /** The carbon fee, paid to the treasury (or to the outside world without one). */
  carbonFee: Route;
  /** Collateral posted from the liquid balance, returned to it, and burned by slashing. */
  post: Route;
  unpost: Route;
  slash: Route;
  /** Genesis collateral minted for a node that starts online. */
  mintCollateral: Route;
}

/**
 * DePIN node operators. Operator i runs `units` hardware units of capacity
 * `unitCapacity` each. Buying a unit spends its `hardwareUsd` at once (USD
 * leaves the model: the cost is sunk); the books then depreciate it straight
 * line over `amortisationTicks` (`bookValueUsd`, the `depreciation_usd`
 * metric), and no cash moves for depreciation. A unit's cash cost per tick
 * is opex (`costUsdPerTick`) plus its electricity E · π (E: kWh at the
 * network's utilisation between idle and full load, π: its electricity
 * price) and, on grid power, either offsets for its CO2 (E · g / 1000 kg at
 * the offset price) or the carbon fee per tonne (paid to the treasury).
 *
 * Each tick an online operator settles its capacity rewards (tokens), claims
 * its served-work pay (tokens and USD), sells tokens to cover its cash costs
 * and any debt, and pays what it can; what it cannot pay is added to its
 * debt, repaid first out of later cash. Debt above `creditTicks` ticks of
 * its cash cost forces it out: every unit is retired, the salvage
 * (`salvageShare` of book value) goes to its creditors, and what is still
 * owed is written off. It then sells `sellRewardsShare` of the tick's token
 * income.
 *
 * Decisions look forward and keep sunk costs sunk, so entering and leaving
 * differ (Dixit, "Entry and exit decisions under uncertainty", J. Political
 * Economy 97, 1989): with I the expected income per tick of a unit at the
 * current reward rate and the planning price (an EWMA of the token price
 * with half-life `priceHalfLifeTicks`) and k its cash cost,
 * - an operator adds a unit (an offline one: joins) with probability
 *   `considerProbability` a tick when the unit pays back its hardware within
 *   its hurdle: hardwareUsd / ((I − k) · ticksPerYear) < 1 / (hurdle + 1 / amortisationYears);
 * - it retires a unit after `patience` consecutive ticks in which
 *   I − k < salvage · hurdle / ticksPerYear, i.e. the unit no longer earns
 *   what its salvage value would (its last unit: goes offline, collateral
 *   returned). Between the two it stays: a unit that covers its cash cost
 *   but not its hardware is kept.
 * Under tax rules (`taxRules`) both rules use the margin after node
 * income tax, m − t · max(0, m − hardware / amortisationTicks), the entry
 * rule the hardware less any renewable credit, and each tick the operator
 * pays the tax on its income less cash costs and depreciation.
 * Its reward weight is capacity × green multiplier. A node is down with
 * probability `downtime` per tick: it serves and claims nothing, and
 * `slashShare` of its collateral is burned.
 */
export class NodeOperators implements AgentClass, PolicyEmitters {
  readonly name: string;
  /** Capacity of online nodes, in service units. */
  capacityOnline = 0;
  /** Electricity used this tick by up nodes, in kWh. */
  energyKwh = 0;
  /** CO2 emitted this tick (before offsets), in kg. */
  carbonKg = 0;
  /** CO2 emitted this tick and not offset, in kg. */
  carbonNetKg = 0;
  /** Renewable (0 gCO2/kWh) electricity this tick, in kWh. */
  renewableKwh = 0;
  /** Carbon fees paid to the treasury this tick, in USD. */
  carbonFeesUsd = 0;
  /** Offsets bought this tick, in USD. */
  offsetsUsd = 0;
  /** Collateral burned for downtime this tick, in tokens. */
  slashedTokens = 0;
  /** Hardware bought this tick, depreciation booked this tick, and debt written off this tick, in USD. */
  capexUsd = 0;
  depreciationUsd = 0;
  writtenOffUsd = 0;
  /** Operators forced out by their creditors this tick. */
  forcedExits = 0;
  /** Debt owed by all operators, in USD. */
  debtUsd = 0;
  /** The token price operators plan with, in USD per token (an EWMA). */
  planningPrice = NaN;
  private readonly nodes: NodeAccount;
  private readonly routes: OperatorRoutes;
  /** Each operator's standing under the access rules, plus 1 (0: not screened yet). */
  private standing = new Uint8Array(0);

  constructor(
    readonly population: Population<typeof nodeOperatorsSchema>,
    private readonly params: () => NodeOperatorsParams,
    private readonly router: OrderRouter,
    private readonly stream: NodeRewards,
    private readonly rng: Rng,
    ledger: Ledger,
    /** The account that holds posted collateral (column `collateral`). */
    private readonly collateralAccount: Account,
    treasury: Treasury | null,
    private readonly services: OperatorServices = {},
  ) {
    this.name = population.name;
    this.nodes = stream.attach(population);
    const pop = population;
    const usd = ledger.pocket(pop.account!, pop, 'usd', 'usd');
    const tokens = ledger.pocket(pop.account!, pop, 'tokens');
    const posted = ledger.pocket(collateralAccount, pop, 'collateral');
    this.routes = {
      costs: ledger.route(usd, 'outside', 'operating costs', 'usd'),
      hardware: ledger.route(usd, 'outside', 'hardware', 'usd'),
      salvage: ledger.route('outside', usd, 'hardware salvage', 'usd'),
      repay: ledger.route(usd, 'outside', 'debt repayment', 'usd'),
      carbonFee: treasury ? treasury.incomeFromAgents(pop, 'carbon fee', 'usd') : ledger.route(usd, 'outside', 'carbon fee', 'usd'),
      post: ledger.route(tokens, posted, 'collateral'),
      unpost: ledger.route(posted, tokens, 'collateral returned'),
      slash: ledger.route(posted, 'burn', 'slash'),
      mintCollateral: ledger.route('mint', tokens, 'genesis'),
    };
  }

  /** Returns the number of nodes online. */
  get nodeCount(): number {
    return this.stream.nodes;
  }

  /** Returns collateral staked by all operators, in tokens. */
  get collateral(): number {
    return this.collateralAccount.tokens;
  }

  /** Creates the candidates with their traits and balances and brings the first `initialNodes` online. */
  init(world: World, rng: Rng): void {
    const p = this.params();
    const o = operatorOptions(p);
    const pop = this.population;
    const [first, end] = addEndowed(world.ledger, pop, p.candidates, p.initialTokens, p.initialUsd, rng);
    const c = pop.cols;
    drawTrait(c.unitCapacity, first, end, p.capacity, rng);
    drawTrait(c.hardwareUsd, first, end, p.hardwareUsd, rng);
    drawTrait(c.costUsdPerTick, first, end, p.opexUsdPerTick, rng);
    drawTrait(c.hurdle, first, end, p.hurdle, rng);
    drawTrait(c.patience, first, end, p.patienceTicks, rng);
    // Energy, grid and downtime traits come from their own stream: the other traits' draws do not depend on them.
    const extra = rng.fork('nodeOperators:energy');
    drawTrait(c.energyKwh, first, end, o.energyKwhPerTick, extra);
    drawTrait(c.electricityUsd, first, end, o.electricityUsdPerKwh, extra);
    drawTrait(c.gridIntensity, first, end, o.gridIntensity, extra);
    drawTrait(c.downtime, first, end, o.downtime, extra);
    for (let i = first; i < end; i++) {
      c.unitCapacity[i] = Math.max(0, c.unitCapacity[i]);
      c.energyKwh[i] = Math.max(0, c.energyKwh[i]);
      c.electricityUsd[i] = Math.max(0, c.electricityUsd[i]);
      c.gridIntensity[i] = Math.max(0, c.gridIntensity[i]);
      c.renewable[i] = o.renewableShare > 0 && extra.chance(o.renewableShare) ? 1 : 0;
      c.offsets[i] = c.renewable[i] === 0 && o.offsetShare > 0 && extra.chance(o.offsetShare) ? 1 : 0;
      c.units[i] = 0;
      c.capacity[i] = 0;
      if (i - first < p.initialNodes) this.addUnit(world, i, o.collateralTokens, true);
    }
  }

  /**
   * Draws which online nodes are down this tick, burns `slashShare` of a
   * down node's collateral, and tells the served-work stream the capacity
   * and weight that are up; updates the planning price with the last tick's
   * price. Call in the `exogenous` phase, before rewards.
   */
  beginTick(world: World): void {
    const p = this.params();
    const last = world.priceAt(world.tick - 1);
    const w = 1 - Math.pow(2, -1 / p.priceHalfLifeTicks);
    this.planningPrice = this.planningPrice === this.planningPrice ? (1 - w) * this.planningPrice + w * last : last;
    const o = operatorOptions(p);
    const pop = this.population;
    const { online, up, capacity, rewardWeight, downtime, collateral } = pop.cols;
    if (this.services.policies && this.services.policies.length > 0) pop.cols.greenShare.fill(0, 0, pop.size);
    let upCap = 0;
    let upW = 0;
    let slashed = 0;
    for (let i = 0; i < pop.size; i++) {
      if (online[i] === 0) {
        up[i] = 0;
        continue;
      }
      const down = downtime[i] > 0 && this.rng.next() < downtime[i];
      up[i] = down ? 0 : 1;
      if (down) {
        const s = collateral[i] * o.slashShare;
        if (s > 0) this.routes.slash.take(i, s);
        slashed += s;
      } else {
        upCap += capacity[i];
        upW += rewardWeight[i];
      }
    }
    this.slashedTokens = slashed;
    this.stream.upCapacity = upCap;
    this.stream.upWeight = upW;
  }

  /** Returns operator i's reward-weight multiplier under the green incentives in force. */
  private multiplier(i: number): number {
    const g = this.services.green ? this.services.green() : noGreenIncentives;
    const c = this.population.cols;
    return greenMultiplier(g, c.renewable[i] === 1, c.offsets[i] === 1);
  }

  /** Returns the grid electricity operator i's units draw this tick, in kWh: 0 offline, down or on its own renewables (for policy blocks, after uptime is drawn). */
  gridKwhThisTick(i: number): number {
    const c = this.population.cols;
    if (c.online[i] === 0 || c.up[i] === 0 || c.renewable[i] === 1 || !(c.energyKwh[i] > 0)) return 0;
    const u = this.services.utilisation ? this.services.utilisation() : 1;
    return c.units[i] * nodeEnergyKwh(c.energyKwh[i], this.params().idleShare ?? 0.3, u);
  }

  /**
   * Returns operator i's cash cost of one unit for one tick at utilisation
   * u, in USD: opex (`costUsdPerTick`) + electricity + offsets or carbon fee
   * + what the policies in force charge for its grid electricity.
   */
  private unitCostUsd(i: number, u: number, idle: number, g: GreenIncentivesParams): number {
    const c = this.population.cols;
    const kwh = nodeEnergyKwh(c.energyKwh[i], idle, u);
    const kg = c.renewable[i] === 1 ? 0 : carbonKg(kwh, c.gridIntensity[i]);
    const carbonUsd = c.offsets[i] === 1 ? offsetCostUsd(kg, g.offsetUsdPerTonne) : carbonFeeUsd(kg, g.carbonPriceUsdPerTonne);
    const cost = c.costUsdPerTick[i] + kwh * c.electricityUsd[i] + carbonUsd;
    const policies = this.services.policies;
    if (!policies || c.renewable[i] === 1) return cost;
    let extra = 0;
    for (let k = 0; k < policies.length; k++) extra += policies[k].unitCostUsd(i, kwh);
    return extra > 0 ? cost + extra : cost;
  }

  act(world: World, order: Int32Array | null, count: number): void {
    const p = this.params();
    const o = operatorOptions(p);
    const g = this.services.green ? this.services.green() : noGreenIncentives;
    const pop = this.population;
    const router = this.router;
    const served = this.services.served;
    const u = this.services.utilisation ? this.services.utilisation() : 1;
    const price = this.planningPrice;
    const reward = this.stream.offeredThisTick;
    const tpy = world.ticksPerYear;
    const maxPayback = (h: number) => maxPaybackYears(h, p.amortisationTicks / tpy);
    let energy = 0;
    let carbon = 0;
    let carbonNet = 0;
    let renewableKwh = 0;
    let fees = 0;
    let offsets = 0;
    let debt = 0;
    this.capexUsd = 0;
    this.writtenOffUsd = 0;
    this.forcedExits = 0;
    this.depreciationUsd = 0;
    const access = this.services.access;
    // Online operators are screened once, at the access rules' start tick.
    const screening = access !== undefined && access.active && access.screensIncumbents;
    const tax = this.services.tax;
    for (let k = 0; k < count; k++) {
      const i = order === null ? k : order[k];
      const c = pop.cols;
      if (c.active[i] === 0) continue;
      if (c.online[i] === 1) {
        let r = this.nodes.settle(i);
        if (served) r += served.claim(pop, i);
        const usdIn = served ? served.lastClaimUsd : 0;
        // Depreciation is booked, not paid: the hardware's cash left when it was bought.
        const dep = Math.min(c.bookValueUsd[i], (c.units[i] * c.hardwareUsd[i]) / p.amortisationTicks);
        c.bookValueUsd[i] -= dep;
        this.depreciationUsd += dep;
        // Electricity and carbon of the units that ran this tick.
        let kwh = 0;
        let kg = 0;
        if (c.up[i] === 1 && c.energyKwh[i] > 0) {
          kwh = c.units[i] * nodeEnergyKwh(c.energyKwh[i], o.idleShare, u);
          kg = c.renewable[i] === 1 ? 0 : carbonKg(kwh, c.gridIntensity[i]);
          energy += kwh;
          if (c.renewable[i] === 1) renewableKwh += kwh;
          else if (c.greenShare[i] > 0) {
            // Green power bought for a policy: that share of the grid electricity emits nothing.
            kg = carbonKg(kwh * (1 - c.greenShare[i]), c.gridIntensity[i]);
            renewableKwh += kwh * c.greenShare[i];
          }
          carbon += kg;
        }
        const carbonUsd = c.offsets[i] === 1 ? offsetCostUsd(kg, g.offsetUsdPerTonne) : carbonFeeUsd(kg, g.carbonPriceUsdPerTonne);
        const fee = c.offsets[i] === 1 ? 0 : carbonUsd;
        const cost = c.units[i] * c.costUsdPerTick[i] + kwh * c.electricityUsd[i] + carbonUsd;
        const owed = cost + c.debtUsd[i];
        if (c.usd[i] < owed && c.tokens[i] > 0) router.sell(pop, i, Math.min(c.tokens[i], (owed - c.usd[i]) / (router.price * (1 - 0.01))));
        const paid = c.usd[i] < cost ? c.usd[i] : cost;
        // The carbon fee is paid first and stays in the model (treasury); the rest leaves it.
        const feePaid = fee < paid ? fee : paid;
        if (paid > 0) this.routes.costs.takeSplit(i, paid, feePaid, this.routes.carbonFee);
        fees += feePaid;
        if (c.offsets[i] === 1) {
          const offPaid = carbonUsd < paid ? carbonUsd : paid;
          offsets += offPaid;
          carbonNet += kg * (carbonUsd > 0 ? 1 - offPaid / carbonUsd : 0);
        } else {
          carbonNet += kg;
        }
        c.debtUsd[i] += cost - paid;
        if (c.debtUsd[i] > 0 && c.usd[i] > 0) {
          const back = c.usd[i] < c.debtUsd[i] ? c.usd[i] : c.debtUsd[i];
          this.routes.repay.take(i, back);
          c.debtUsd[i] -= back;
        }
        if (c.debtUsd[i] > p.creditTicks * cost && c.debtUsd[i] > 0) {
          this.forceOut(i, p.salvageShare);
          continue;
        }
        debt += c.debtUsd[i];
        if (tax) tax.onNodeIncome(i, r * router.price + usdIn, cost, dep);
        if (o.sellRewardsShare > 0 && r > 0) router.sell(pop, i, r * o.sellRewardsShare);
        if (screening && this.screen(i) === ACCESS.barred) {
          // Barred at the rules' start: it retires its hardware and goes offline.
          while (c.units[i] > 0) this.retireUnit(i, p.salvageShare);
          c.lossTicks[i] = 0;
          continue;
        }
        const pretax = this.expectedIncome(i, price, reward) - this.unitCostUsd(i, u, o.idleShare, g);
        const margin = tax ? tax.afterTaxMargin(i, pretax, c.hardwareUsd[i] / p.amortisationTicks) : pretax;
        const salvage = (p.salvageShare * c.bookValueUsd[i]) / c.units[i];
        if (margin < (salvage * c.hurdle[i]) / tpy) c.lossTicks[i]++;
        else c.lossTicks[i] = 0;
        if (c.lossTicks[i] >= c.patience[i]) {
          this.retireUnit(i, p.salvageShare);
          c.lossTicks[i] = 0;
        } else if (c.units[i] < o.maxUnits && this.rng.next() < p.considerProbability) {
          if (this.wouldAdd(i, price, reward, u, o.idleShare, g, maxPayback, tpy)) this.addUnit(world, i, o.collateralTokens, false);
        }
      } else if (this.rng.next() < p.considerProbability) {
        if (this.wouldAdd(i, price, reward, u, o.idleShare, g, maxPayback, tpy) && this.mayJoin(i)) this.addUnit(world, i, o.collateralTokens, false);
      }
    }
    this.energyKwh = energy;
    this.carbonKg = carbon;
    this.carbonNetKg = carbonNet;
    this.renewableKwh = renewableKwh;
    this.carbonFeesUsd = fees;
    this.offsetsUsd = offsets;
    this.debtUsd = debt;
  }

  /** Screens operator i under the access rules (once) and returns its standing (`ACCESS`). */
  private screen(i: number): number {
    if (this.standing.length < this.population.size) {
      const grown = new Uint8Array(this.population.capacity);
      grown.set(this.standing);
      this.standing = grown;
    }
    if (this.standing[i] === 0) {
      const c = this.population.cols;
      this.standing[i] = this.services.access!.screen(this.population, i, c.usd[i] + c.tokens[i] * this.router.price) + 1;
    }
    return this.standing[i] - 1;
  }

  /** Returns whether offline operator i may join under the access rules in force (screening it the first time). */
  private mayJoin(i: number): boolean {
    const access = this.services.access;
    if (access === undefined || !access.active) return true;
    return this.screen(i) !== ACCESS.barred;
  }

  /** Returns what operator i's units are expected to earn a tick at planning price `price`, in USD: its share of the node rewards offered, or the DePIN model's estimate. */
  private expectedIncome(i: number, price: number, reward: number): number {
    const c = this.population.cols;
    const w = c.rewardWeight[i];
    if (this.services.incomeUsd) return this.services.incomeUsd(c.capacity[i], w, price) / c.units[i];
    const total = this.stream.totalCapacity;
    return total > 0 ? ((reward * w) / total) * price / c.units[i] : 0;
  }

  /** Creditors force operator i out: every unit retired, the salvage paid to them, what remains owed written off. */
  private forceOut(i: number, salvageShare: number): void {
    const c = this.population.cols;
    while (c.units[i] > 0) this.retireUnit(i, salvageShare);
    const back = c.usd[i] < c.debtUsd[i] ? c.usd[i] : c.debtUsd[i];
    if (back > 0) this.routes.repay.take(i, back);
    this.writtenOffUsd += c.debtUsd[i] - back;
    c.debtUsd[i] = 0;
    c.lossTicks[i] = 0;
    this.forcedExits++;
  }

  /** Returns whether operator i's next unit pays back within its hurdle at the current state. */
  private wouldAdd(
    i: number,
    price: number,
    reward: number,
    u: number,
    idle: number,
    g: GreenIncentivesParams,
    maxPayback: (h: number) => number,
    tpy: number,
  ): boolean {
    const c = this.population.cols;
    const cap = c.unitCapacity[i];
    const w = cap * this.multiplier(i);
    const income = this.services.incomeUsd ? this.services.incomeUsd(cap, w, price) : ((reward * w) / (this.stream.totalCapacity + w)) * price;
    const cashCost = this.unitCostUsd(i, u, idle, g);
    const tax = this.services.tax;
    if (tax) {
      // After tax: the margin less the tax on it above depreciation, against the hardware less any renewable credit.
      const credit = c.renewable[i] === 1 ? tax.hardwareCreditShare(i) : 0;
      const margin = tax.afterTaxMargin(i, income - cashCost, c.hardwareUsd[i] / this.params().amortisationTicks);
      if (!(paybackYears(c.hardwareUsd[i] * (1 - credit), margin, tpy) < maxPayback(c.hurdle[i]))) return false;
    } else if (!(paybackYears(c.hardwareUsd[i], income - cashCost, tpy) < maxPayback(c.hurdle[i]))) return false;
    // The hardware is paid now, in cash: an operator short of USD sells tokens for it, and cannot buy without them.
    const short = c.hardwareUsd[i] - c.usd[i];
    if (short > 0 && c.tokens[i] > 0) this.router.sell(this.population, i, Math.min(c.tokens[i], short / (this.router.price * (1 - 0.01))));
    return c.usd[i] >= c.hardwareUsd[i];
  }

  /**
   * Adds one unit to operator i (bringing it online if it was not): posts
   * its collateral (buying the tokens it lacks), then pays the hardware in
   * USD (at genesis both were had before the model starts: collateral is
   * minted, the hardware is owned). Returns false, adding nothing, when it
   * cannot post the collateral or pay the hardware.
   */
  private addUnit(world: World, i: number, collateralPerUnit: number, genesis: boolean): boolean {
    const pop = this.population;
    const c = pop.cols;
    const hardware = c.hardwareUsd[i];
    if (collateralPerUnit > 0) {
      const short = collateralPerUnit - c.tokens[i];
      if (short > 0) {
        if (genesis) {
          // Genesis collateral is minted with the node, like any other genesis balance.
          this.routes.mintCollateral.pay(i, short);
        } else {
          const budget = c.usd[i] - hardware;
          if (budget > 0) this.router.buy(pop, i, Math.min(budget, short * this.router.price * 1.05));
          if (c.tokens[i] < collateralPerUnit * (1 - 1e-9)) return false;
        }
      }
    }
    if (!genesis && c.usd[i] < hardware) return false;
    if (collateralPerUnit > 0) {
      const posted = collateralPerUnit < c.tokens[i] ? collateralPerUnit : c.tokens[i];
      this.routes.post.within(i, posted);
    }
    if (!genesis && hardware > 0) {
      this.routes.hardware.take(i, hardware);
      this.capexUsd += hardware;
      if (this.services.tax && c.renewable[i] === 1) this.services.tax.onRenewableHardware(i, hardware);
    }
    c.bookValueUsd[i] += hardware;
    if (c.online[i] === 1) this.nodes.leave(i);
    c.units[i]++;
    c.capacity[i] = c.units[i] * c.unitCapacity[i];
    c.rewardWeight[i] = c.capacity[i] * this.multiplier(i);
    this.capacityOnline += c.unitCapacity[i];
    c.online[i] = 1;
    this.nodes.join(i);
    return true;
  }

  /**
   * Retires one unit of operator i, selling its hardware for `salvageShare`
   * of the unit's book value (USD from outside); with its last unit it goes
   * offline and takes back its collateral.
   */
  private retireUnit(i: number, salvageShare: number): void {
    const pop = this.population;
    const c = pop.cols;
    const book = c.bookValueUsd[i] / c.units[i];
    c.bookValueUsd[i] -= book;
    const salvage = salvageShare * book;
    if (salvage > 0) this.routes.salvage.pay(i, salvage);
    this.nodes.leave(i);
    c.units[i]--;
    this.capacityOnline -= c.unitCapacity[i];
    if (c.units[i] <= 0) {
      c.units[i] = 0;
      c.capacity[i] = 0;
      c.rewardWeight[i] = 0;
      c.online[i] = 0;
      c.bookValueUsd[i] = 0;
      if (c.collateral[i] > 0) this.routes.unpost.within(i, c.collateral[i]);
      if (this.stream.nodes === 0) this.capacityOnline = 0;
      return;
    }
    const per = c.collateral[i] / (c.units[i] + 1);
    if (per > 0) this.routes.unpost.within(i, per);
    c.capacity[i] = c.units[i] * c.unitCapacity[i];
    c.rewardWeight[i] = c.capacity[i] * this.multiplier(i);
    this.nodes.join(i);
  }
}

/** Default node operators: 300 candidates (100 online) with $8k–20k hardware depreciated over three years. */
export const nodeOperatorsDefaults: NodeOperatorsParams = {
  candidates: 300,
  initialNodes: 100,
  initialTokens: { dist: 'constant', value: 0 },
  // Enough for most candidates to pay a unit of hardware in cash (8,000–20,000 USD).
  initialUsd: { dist: 'uniform', min: 2000, max: 25000 },
  capacity: { dist: 'lognormal', mu: Math.log(4), sigma: 0.5 },
  hardwareUsd: { dist: 'uniform', min: 8000, max: 20000 },
  amortisationTicks: 3 * 365,
  opexUsdPerTick: { dist: 'uniform', min: 2, max: 8 },
  hurdle: { dist: 'uniform', min: 0.05, max: 0.4 },
  patienceTicks: { dist: 'uniform', min: 14, max: 60 },
  salvageShare: 0.3,
  creditTicks: 30,
  priceHalfLifeTicks: 30,
  considerProbability: 0.05,
  maxUnits: 1,
  energyKwhPerTick: ZERO,
  idleShare: 0.3,
  electricityUsdPerKwh: ZERO,
  gridIntensity: WORLD_GRID,
  renewableShare: 0,
  offsetShare: 0,
  downtime: ZERO,
  collateralTokens: 0,
  slashShare: 0,
  sellRewardsShare: 0,
};

/**
 * The node-operators agent block. With a DePIN reward model in the model it
 * is paid for served work and estimates income from it; with a service
 * market its energy follows utilisation; with green incentives its reward
 * weight and carbon costs follow them.
 */
export const nodeOperators = defineBlock({
  key: 'nodeOperators',
  kind: 'agents',
  description: 'DePIN node operators: hardware paid up front, entry by payback against a hurdle, exit by forward cash margin (hysteresis), debt and forced exit; energy, carbon, collateral',
  sources: [
    'entry and exit with sunk costs: Dixit (1989), "Entry and exit decisions under uncertainty", J. Political Economy 97; Dixit & Pindyck (1994), Investment under Uncertainty',
    'DePIN operator economics as in Helium and io.net operator docs',
  ],
  params: { schema: nodeOperatorsParamsSchema, defaults: nodeOperatorsDefaults },
  needs: { market: marketPort, nodeRewards },
  uses: { treasury, depinRewards, service, green, exchange, carbonPricing, renewableMandate, accessRules, taxRules },
  population: { schema: nodeOperatorsSchema, count: (p) => p.candidates },
  holders: { collateral: { circulating: false, description: "operators' posted collateral" } },
  metrics: {
    capacity: { unit: 'service units/tick', description: 'capacity of the nodes online' },
    collateral: { unit: 'tokens', description: 'collateral posted by operators' },
    hardware_energy_kwh: { unit: 'kWh', kind: 'flow', description: "node hardware's electricity since the previous row" },
    renewable_kwh: { unit: 'kWh', kind: 'flow', description: 'of which from own renewables' },
    hardware_carbon_kg: { unit: 'kg CO2', kind: 'flow', description: "node hardware's CO2 before offsets since the previous row" },
    offsets_usd: { unit: 'USD', kind: 'flow', description: 'offsets bought by operators since the previous row' },
    slashed: { unit: 'tokens', kind: 'flow', description: 'collateral burned for downtime since the previous row' },
    hardware_capex_usd: { unit: 'USD', kind: 'flow', description: 'hardware bought (paid at once, out of the model) since the previous row' },
    depreciation_usd: { unit: 'USD', kind: 'flow', description: "hardware depreciation booked (not paid) since the previous row" },
    operator_debt_usd: { unit: 'USD', description: "operators' unpaid costs owed to creditors outside the model" },
    forced_exits: { unit: 'operators', kind: 'flow', description: 'operators forced out by their creditors since the previous row' },
    debt_written_off_usd: { unit: 'USD', kind: 'flow', description: 'debt written off at forced exits since the previous row' },
    energy_kwh_per_unit: { unit: 'kWh/service unit', description: 'hardware electricity per unit served this tick' },
  },
  kpis: {
    final_capacity: { unit: 'service units/tick', description: 'capacity online at the last tick' },
    hardware_energy_mwh_per_year: { unit: 'MWh/year', description: "node hardware's electricity per year" },
    hardware_carbon_t_per_year: { unit: 't CO2/year', description: "node hardware's CO2 per year (before offsets)" },
    hardware_g_per_kwh: { unit: 'g CO2/kWh', description: "CO2 intensity of the nodes' electricity" },
    renewable_share: { unit: 'share', description: "share of the nodes' electricity from own renewables" },
    offsets_usd: { unit: 'USD', description: 'offsets bought over the run' },
    total_slashed: { unit: 'tokens', description: 'collateral slashed over the run' },
    total_hardware_capex_usd: { unit: 'USD', description: 'hardware bought over the run' },
    total_forced_exits: { unit: 'operators', description: 'operators forced out by creditors over the run' },
    total_debt_written_off_usd: { unit: 'USD', description: 'debt written off over the run' },
  },
  build(ctx) {
    const { pop } = ctx.population(nodeOperatorsSchema);
    const d = ctx.deps;
    const market: ServiceMarket | null = d.service;
    const rewards = d.depinRewards;
    const router = new OrderRouter(d.market, d.exchange);
    const policies: UnitPolicyCost[] = [];
    if (d.renewableMandate) policies.push(d.renewableMandate);
    if (d.carbonPricing) policies.push(d.carbonPricing);
    const cls = new NodeOperators(pop, ctx.params, router, d.nodeRewards, ctx.rng, ctx.ledger, ctx.account('collateral'), d.treasury, {
      served: rewards?.byServed,
      utilisation: market ? () => market.utilisation : undefined,
      green: d.green ? d.green.params : undefined,
      incomeUsd: rewards ? (c, w, price) => rewards.expectedIncomeUsd(c, w, price, ctx.world.ticksPerYear, ctx.world.tick) : undefined,
      policies: policies.length > 0 ? policies : undefined,
      access: d.accessRules ?? undefined,
      tax: d.taxRules?.attach(pop, (i, t) => router.sell(pop, i, t), () => router.price, (i) => pop.cols.tokens[i] + pop.cols.collateral[i]) ?? undefined,
    });
    d.renewableMandate?.attach(cls);
    d.carbonPricing?.attach(cls);
    return {
      api: cls,
      agents: cls,
      hooks: { exogenous: (w) => cls.beginTick(w) },
      genesis: (w) => cls.init(w, ctx.rng.fork('genesis')),
      metrics: {
        capacity: () => cls.capacityOnline,
        collateral: () => cls.collateral,
        hardware_energy_kwh: () => cls.energyKwh,
        renewable_kwh: () => cls.renewableKwh,
        hardware_carbon_kg: () => cls.carbonKg,
        offsets_usd: () => cls.offsetsUsd,
        slashed: () => cls.slashedTokens,
        hardware_capex_usd: () => cls.capexUsd,
        depreciation_usd: () => cls.depreciationUsd,
        operator_debt_usd: () => cls.debtUsd,
        forced_exits: () => cls.forcedExits,
        debt_written_off_usd: () => cls.writtenOffUsd,
        energy_kwh_per_unit: () => (market && market.served > 0 ? cls.energyKwh / market.served : 0),
      },
      summary: ({ series, ticks, world }) => {
        const years = spanYears(ticks, world.ticksPerYear);
        const perYear = (x: number) => (years > 0 ? x / years : 0);
        const kwh = total(series, 'hardware_energy_kwh');
        const kg = total(series, 'hardware_carbon_kg');
        return {
          final_capacity: last(series, 'capacity'),
          hardware_energy_mwh_per_year: perYear(kwh / 1000),
          hardware_carbon_t_per_year: perYear(kg / 1000),
          hardware_g_per_kwh: kwh > 0 ? (kg * 1000) / kwh : 0,
          renewable_share: kwh > 0 ? total(series, 'renewable_kwh') / kwh : 0,
          offsets_usd: total(series, 'offsets_usd'),
          total_slashed: total(series, 'slashed'),
          total_hardware_capex_usd: total(series, 'hardware_capex_usd'),
          total_forced_exits: total(series, 'forced_exits'),
          total_debt_written_off_usd: total(series, 'debt_written_off_usd'),
        };
      },
    };
  },
});

import { z } from '../core/zod';

/**
 * Grid carbon intensities, in gCO2 per kWh (operational, location-based).
 * - world 480: global average of 2023 (Ember, Global Electricity Review 2024).
 * - usa 370: 0.81 lb CO2/kWh in 2023 (US EIA, "How much carbon dioxide is
 *   produced per kilowatthour of U.S. electricity generation?").
 * - eu 240: EU-27 average of 2023 (Ember, European Electricity Review 2024).
 * - coalHeavy 700: grids with most power from coal (Ember country data,
 *   e.g. India ~710 in 2023).
 * - ownRenewables 0: on-site solar or wind emits no CO2 in operation
 *   (life-cycle medians are 48 g/kWh utility PV and 11 g/kWh onshore wind,
 *   IPCC AR5 WG3 Annex III; add them through `gridIntensity` if wanted).
 */
export const GRID_INTENSITY_G_PER_KWH = { world: 480, usa: 370, eu: 240, coalHeavy: 700, ownRenewables: 0 } as const;

/**
 * Power usage effectiveness (facility energy / IT energy).
 * - dataCentre 1.58: industry average (Uptime Institute Global Data Center Survey 2023).
 * - home 1.0: a machine at home has no separate cooling plant.
 * - miningFarm 1.1: air-cooled mining sites (an assumption in the range the
 *   Cambridge Bitcoin Electricity Consumption Index uses, 1.01–1.2).
 */
export const PUE = { dataCentre: 1.58, home: 1.0, miningFarm: 1.1 } as const;

/** Joules in one kWh. */
export const JOULES_PER_KWH = 3.6e6;

/** Returns the CO2 emitted by `energyKwh` at `gPerKwh`, in kg: kWh × g/kWh / 1000. */
export function carbonKg(energyKwh: number, gPerKwh: number): number {
  return (energyKwh * gPerKwh) / 1000;
}

/** Returns `kg` in tonnes (kg / 1000). */
export function kgToTonnes(kg: number): number {
  return kg / 1000;
}

/** Returns `kwh` in MWh (kWh / 1000). */
export function kwhToMwh(kwh: number): number {
  return kwh / 1000;
}

/** Returns `joules` in kWh (J / 3.6e6). */
export function joulesToKwh(joules: number): number {
  return joules / JOULES_PER_KWH;
}

/** Returns the seconds in one tick when a year of 365 days has `ticksPerYear` ticks. */
export function secondsPerTick(ticksPerYear: number): number {
  return (365 * 86_400) / ticksPerYear;
}

/**
 * Returns the energy of a node over one tick, in kWh: its full-load energy
 * scaled between idle and full by utilisation u:
 * E = E_full · (idle + (1 − idle) · u).
 */
export function nodeEnergyKwh(fullLoadKwh: number, idleShare: number, utilisation: number): number {
  return fullLoadKwh * (idleShare + (1 - idleShare) * utilisation);
}

/** Parameters of proof-of-work mining. */
export const powParamsSchema = z
  .object({
    /** Energy per hash of the fleet, in J per TH (21.5: Bitmain Antminer S19 XP spec sheet; the fleet average is higher). */
    efficiencyJPerTh: z.number().positive(),
    /** Price miners pay for electricity, in USD per kWh (0.05: the CBECI's default assumption). */
    electricityUsdPerKwh: z.number().positive(),
    /** Share of mining revenue spent on electricity when entry and exit balance, in (0, 1]. */
    electricityCostShare: z.number().gt(0).max(1),
    /** Share of the gap to the equilibrium hashrate closed each tick (hardware takes time to deploy or retire), in (0, 1]. */
    adjustPerTick: z.number().gt(0).max(1),
    /** Hashrate at tick 0, in TH/s; null starts at the equilibrium of the first tick. */
    initialHashrateTh: z.number().min(0).nullable(),
    /** Power usage effectiveness of mining sites. */
    pue: z.number().min(1),
  })
  .strict();
export type PowParams = z.infer<typeof powParamsSchema>;

/** Parameters of proof-of-stake validation. */
export const posParamsSchema = z
  .object({
    /** Power of one validator node, in kW. */
    powerKwPerNode: z.number().min(0),
    /** Power usage effectiveness where validators run. */
    pue: z.number().min(1),
    /** Validator nodes that run whatever the stake. */
    minNodes: z.number().min(0),
    /** Stake per validator node, in tokens; nodes = max(minNodes, staked / stakePerNode); null keeps minNodes. */
    stakePerNode: z.number().positive().nullable(),
  })
  .strict();
export type PosParams = z.infer<typeof posParamsSchema>;

/** Parameters of the consensus energy model. */
export const consensusParamsSchema = z
  .object({
    /** `pow`, `pos`, `purePos` (PoS with light nodes run by many holders) or `hybrid` (PoW and PoS together). */
    kind: z.enum(['pow', 'pos', 'purePos', 'hybrid']),
    /** Tokens per year paid for consensus: block subsidy to miners and/or staking rewards. */
    rewardPerYear: z.number().min(0),
    /** Share of consensus rewards paid to miners in a hybrid (pow: 1, pos: 0). */
    powShare: z.number().min(0).max(1),
    pow: powParamsSchema,
    pos: posParamsSchema,
    /** Carbon intensity of the electricity consensus runs on, in gCO2/kWh. */
    gridIntensity: z.number().min(0),
    /** On-chain transactions per tick besides the model's own AMM trades. */
    txPerTick: z.number().min(0),
  })
  .strict();
export type ConsensusParams = z.infer<typeof consensusParamsSchema>;

/** Returns the share of consensus rewards paid to miners: 1 for pow, 0 for pos and purePos, powShare for hybrid. */
export function minerShare(p: ConsensusParams): number {
  return p.kind === 'pow' ? 1 : p.kind === 'hybrid' ? p.powShare : 0;
}

/**
 * Returns the energy of a hashrate over one tick, in kWh:
 * E = H [TH/s] · e [J/TH] · s [s/tick] · PUE / 3.6e6.
 */
export function powEnergyKwh(hashrateTh: number, p: PowParams, seconds: number): number {
  return (hashrateTh * p.efficiencyJPerTh * seconds * p.pue) / JOULES_PER_KWH;
}

/**
 * Returns the hashrate at which miners' electricity bill is the share c of
 * their revenue R (USD per tick), in TH/s:
 * H* = c · R / (π · e · s · PUE / 3.6e6), with π the all-in price per kWh
 * (electricity plus any carbon fee). Its energy is c · R / π kWh per tick,
 * whatever the hardware's efficiency.
 */
export function equilibriumHashrate(revenueUsd: number, p: PowParams, seconds: number, usdPerKwh = p.electricityUsdPerKwh): number {
  const kwhPerTh = (p.efficiencyJPerTh * seconds * p.pue) / JOULES_PER_KWH;
  return (p.electricityCostShare * revenueUsd) / (usdPerKwh * kwhPerTh);
}

/** Returns the validator nodes running, nodes = max(minNodes, staked / stakePerNode). */
export function posNodes(p: PosParams, staked: number): number {
  if (p.stakePerNode === null) return p.minNodes;
  const n = staked / p.stakePerNode;
  return n > p.minNodes ? n : p.minNodes;
}

/** Returns the energy of PoS validation over one tick, in kWh: nodes × kW per node × hours per tick × PUE. */
export function posEnergyKwh(nodes: number, p: PosParams, seconds: number): number {
  return (nodes * p.powerKwPerNode * seconds * p.pue) / 3600;
}

/**
 * Consensus energy, tick by tick. Proof of work: the hashrate moves toward
 * the equilibrium of this tick's mining revenue by a share a per tick,
 * H_t = H_{t−1} + a · (H*_t − H_{t−1}) (so with constant revenue
 * H_t = H* + (H_0 − H*)(1 − a)^t), and energy follows the hashrate.
 * Proof of stake: energy per node × nodes × PUE. A hybrid runs both.
 */
export class ConsensusEnergy {
  /** Hashrate, in TH/s. */
  hashrateTh: number;
  /** PoS validator nodes running this tick. */
  nodes = 0;
  /** Consensus energy this tick, in kWh. */
  energyKwh = 0;
  /** Of which proof of work, in kWh. */
  powKwh = 0;
  private started = false;

  constructor(private readonly params: () => ConsensusParams) {
    this.hashrateTh = params().pow.initialHashrateTh ?? 0;
    this.started = params().pow.initialHashrateTh !== null;
  }

  /**
   * Advances one tick given miners' revenue (USD), staked tokens and the
   * tick length; `carbonUsdPerTonne` raises miners' all-in electricity
   * price by intensity × fee. Returns this tick's energy in kWh.
   */
  step(minerRevenueUsd: number, staked: number, seconds: number, carbonUsdPerTonne = 0): number {
    const p = this.params();
    const share = minerShare(p);
    this.powKwh = 0;
    if (share > 0) {
      const allIn = p.pow.electricityUsdPerKwh + (p.gridIntensity * carbonUsdPerTonne) / 1e6;
      const target = equilibriumHashrate(minerRevenueUsd, p.pow, seconds, allIn);
      if (!this.started) {
        this.hashrateTh = target;
        this.started = true;
      } else {
        this.hashrateTh += p.pow.adjustPerTick * (target - this.hashrateTh);
      }
      this.powKwh = powEnergyKwh(this.hashrateTh, p.pow, seconds);
    } else {
      this.hashrateTh = 0;
    }
    this.nodes = p.kind === 'pow' ? 0 : posNodes(p.pos, staked);
    this.energyKwh = this.powKwh + posEnergyKwh(this.nodes, p.pos, seconds);
    return this.energyKwh;
  }
}

/**
 * Consensus presets for a daily-tick token economy paying 5M tokens a year
 * for consensus. Their differences are the machinery, not the reward.
 * - pow: Bitcoin-style mining; fleet 25 J/TH (between the S19 XP's 21.5 and
 *   older S19s' ~30, Bitmain spec sheets), electricity $0.05/kWh (CBECI),
 *   60% of revenue spent on power at equilibrium (an assumption), PUE 1.1.
 * - pos: validators on ~100 W machines (an assumption for a consumer PC
 *   running consensus and execution clients; CCRI, "The Merge" report 2022,
 *   put Ethereum's whole network at ~2,600 MWh a year after the switch, about
 *   0.3 MW on average), one node per 10,000 staked tokens, at least 500, at
 *   home (PUE 1).
 * - purePos: every holder with some stake may validate on a light node
 *   (Algorand-style): 30 W nodes, one per 2,000 staked tokens, at least 500.
 * - hybrid: half the reward to PoW miners, half to PoS validators (Decred-style).
 */
export const consensusPresets: Record<'pow' | 'pos' | 'purePos' | 'hybrid', ConsensusParams> = (() => {
  const pow: PowParams = {
    efficiencyJPerTh: 25,
    electricityUsdPerKwh: 0.05,
    electricityCostShare: 0.6,
    adjustPerTick: 1 / 30,
    initialHashrateTh: null,
    pue: PUE.miningFarm,
  };
  const pos: PosParams = { powerKwPerNode: 0.1, pue: PUE.home, minNodes: 500, stakePerNode: 10_000 };
  const base = { rewardPerYear: 5_000_000, powShare: 0.5, pow, pos, gridIntensity: GRID_INTENSITY_G_PER_KWH.world, txPerTick: 50_000 };
  return {
    pow: { ...base, kind: 'pow' },
    pos: { ...base, kind: 'pos' },
    purePos: { ...base, kind: 'purePos', pos: { powerKwPerNode: 0.03, pue: PUE.home, minNodes: 500, stakePerNode: 2_000 } },
    hybrid: { ...base, kind: 'hybrid' },
  };
})();

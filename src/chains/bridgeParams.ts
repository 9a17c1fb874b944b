import { z } from '../core/zod';

/** How a bridge moves tokens: lock on the source and mint a wrapped token, burn and mint the canonical token, or pay out of pools on each side. */
export const BRIDGE_DESIGNS = ['lockAndMint', 'burnAndMint', 'liquidityNetwork'] as const;
export type BridgeDesign = (typeof BRIDGE_DESIGNS)[number];

/** Parameters of a bridge between two chains of the model. */
export const bridgeParamsSchema = z
  .object({
    design: z.enum(BRIDGE_DESIGNS),
    /** The source chain (canonical home of the token for lock-and-mint). */
    from: z.string().min(1),
    /** The destination chain (where lock-and-mint's wrapped token lives). */
    to: z.string().min(1),
    /** Bridge fee on the amount sent, in basis points (kept by the bridge; for a liquidity network, by its pool on the source side). */
    feeBps: z.number().min(0).max(10_000),
    /** Ticks between sending and delivery; tokens in between are held in the destination's in-flight account. */
    delayTicks: z.number().int().min(0).max(365),
    /** Tokens that can be sent per tick in each direction (0 shuts the bridge). */
    capacityPerTick: z.number().min(0).max(1e15),
    /** Probability per tick that the bridge is exploited. */
    exploitRiskPerTick: z.number().min(0).max(1),
    /** Share stolen when it strikes: of the locked backing (lock-and-mint), of the destination's supply forged (burn-and-mint), of each pool (liquidity network). */
    exploitShare: z.number().min(0).max(1),
    /** Liquidity network: tokens in the bridge's pool on each side at genesis (its ideal balance); unused by the other designs. */
    poolTokens: z.number().min(0).max(1e15),
  })
  .strict();
export type BridgeParams = z.infer<typeof bridgeParamsSchema>;

/** Default bridge: lock-and-mint from the main chain to `side`, 10 bps, one tick of delay, no exploit risk. */
export const bridgeDefaults: BridgeParams = {
  design: 'lockAndMint',
  from: 'main',
  to: 'side',
  feeBps: 10,
  delayTicks: 1,
  capacityPerTick: 1e9,
  exploitRiskPerTick: 0,
  exploitShare: 0.5,
  poolTokens: 200_000,
};

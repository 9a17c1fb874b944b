import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import type { Rng } from '../core/rng';

/** The sybil filter's parameters. */
export const sybilFilterParamsSchema = z
  .object({
    /** Share of real users' wallets the filter flags by mistake, in [0, 1]. */
    falsePositiveRate: z.number().min(0).max(1),
    /** Share of farmers' wallets the filter misses, in [0, 1]. */
    falseNegativeRate: z.number().min(0).max(1),
    /**
     * Relative weights of the heuristics the filter scores wallets by, each ≥ 0
     * (not all 0): `funding` (wallets funded from one source, e.g. a shared
     * exchange deposit address or a funding chain — links a cluster, so its
     * verdict is shared by the cluster's wallets), `timing` (activity at the
     * same times) and `similarity` (the same sequence of actions) — both
     * judged wallet by wallet.
     */
    heuristics: z
      .object({ funding: z.number().min(0), timing: z.number().min(0), similarity: z.number().min(0) })
      .strict()
      .refine((h) => h.funding + h.timing + h.similarity > 0, { message: 'at least one heuristic needs a weight above 0' }),
    /** What happens to a flagged wallet: `exclude` (no allocation) or `haircut` (its points cut by `haircutShare`). */
    action: z.enum(['exclude', 'haircut']),
    /** Share of a flagged wallet's points removed under `haircut`, in [0, 1]. */
    haircutShare: z.number().min(0).max(1),
  })
  .strict();
export type SybilFilterParams = z.infer<typeof sybilFilterParamsSchema>;

/** Returns the share of a flagged wallet's points the filter removes: 1 under `exclude`, `haircutShare` under `haircut`. */
export function cutShare(p: SybilFilterParams): number {
  return p.action === 'exclude' ? 1 : p.haircutShare;
}

/** Returns the share of the filter's verdict taken from the cluster-level funding heuristic: ρ = w_funding / Σ w. */
export function clusterWeight(p: SybilFilterParams): number {
  const h = p.heuristics;
  return h.funding / (h.funding + h.timing + h.similarity);
}

/**
 * Writes into `flagged` (1 = flagged) the filter's verdict on wallets
 * [0, count) that take part (`eligible[i]` = 1), given which are farmers'
 * (`farmer[i]` = 1) and their clusters (`cluster[i]`, 0 … clusters − 1). Each
 * wallet's evidence u_i is uniform on [0, 1): with probability ρ (the
 * funding heuristic's weight) its cluster's draw, shared by the cluster's
 * wallets, else its own (timing, similarity). A farmer's wallet is flagged
 * when u_i < 1 − FNR, a real user's when u_i < FPR, so each wallet is
 * flagged with exactly the declared rate and the cluster's wallets are
 * caught or missed together as ρ → 1. Returns the number flagged.
 */
export function flagWallets(p: SybilFilterParams, farmer: Uint8Array, cluster: Int32Array, eligible: Uint8Array, count: number, clusters: number, rng: Rng, flagged: Uint8Array): number {
  const rho = clusterWeight(p);
  const shared = new Float64Array(clusters);
  for (let c = 0; c < clusters; c++) shared[c] = rng.next();
  let n = 0;
  for (let i = 0; i < count; i++) {
    const linked = rng.next() < rho;
    const own = rng.next();
    flagged[i] = 0;
    if (eligible[i] === 0) continue;
    const u = linked ? shared[cluster[i]] : own;
    const threshold = farmer[i] === 1 ? 1 - p.falseNegativeRate : p.falsePositiveRate;
    if (u < threshold) {
      flagged[i] = 1;
      n++;
    }
  }
  return n;
}

/** What the sybil filter gives the airdrop: its parameters in force and its verdict. */
export interface SybilFilterApi {
  params(): SybilFilterParams;
  flag(farmer: Uint8Array, cluster: Int32Array, eligible: Uint8Array, count: number, clusters: number, flagged: Uint8Array): number;
}

/**
 * The sybil-filter block: before the drop it scores the airdrop's wallets
 * by its heuristics and flags them with its declared false-positive and
 * false-negative rates (`flagWallets`); the airdrop excludes or haircuts
 * the flagged. Without this block nothing is filtered.
 */
export const sybilFilter = defineBlock({
  key: 'sybilFilter',
  kind: 'policy',
  description: 'sybil filter: flags airdrop wallets by funding-source, timing and similarity heuristics with declared false-positive and false-negative rates; excludes or haircuts them',
  sources: [
    'Arbitrum Foundation sybil detection (github.com/ArbitrumFoundation/sybil-detection, March 2023): clusters of wallets linked by funding and transfer graphs, removed from the ARB airdrop',
    'LayerZero sybil report programme (github.com/LayerZero-Labs/sybil-report, May 2024): clusters by shared exchange deposit/funding addresses, activity dates and volume similarity; self-reporting sybils kept 15% of their allocation',
    'ARTEMIS, a graph-learning detector of airdrop hunters on the Blur NFT airdrop (The Web Conference, WWW 2024): a learned filter has both error kinds (reported AUC about 0.8)',
  ],
  params: {
    schema: sybilFilterParamsSchema,
    defaults: { falsePositiveRate: 0.05, falseNegativeRate: 0.3, heuristics: { funding: 0.5, timing: 0.25, similarity: 0.25 }, action: 'exclude', haircutShare: 0.85 },
  },
  build(ctx) {
    const api: SybilFilterApi = {
      params: ctx.params,
      flag: (farmer, cluster, eligible, count, clusters, flagged) => flagWallets(ctx.params(), farmer, cluster, eligible, count, clusters, ctx.rng, flagged),
    };
    return { api };
  },
});

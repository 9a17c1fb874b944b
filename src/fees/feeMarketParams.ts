import { z } from '../core/zod';

/** Parameters of the fee market. */
export const feeMarketParamsSchema = z
  .object({
    /** `eip1559`: base fee burned, priority fees to block producers; `firstPrice`: the legacy auction, every bid paid to producers. */
    rule: z.enum(['eip1559', 'firstPrice']),
    /** Seconds between blocks; blocks per tick = round(seconds per tick / blockSeconds). */
    blockSeconds: z.number().positive().max(86_400),
    /** Gas limit of a block, in gas (EIP-1559's maximum: elasticity × target). */
    gasLimit: z.number().int().min(21_000).max(1e10),
    /** EIP-1559 elasticity multiplier: gas target = ⌊gasLimit / elasticity⌋. */
    elasticity: z.number().int().min(1).max(100),
    /** EIP-1559 base-fee change denominator: the fee moves by at most 1/denominator a block. */
    denominator: z.number().int().min(1).max(1_000_000),
    /** Base fee of the first block, in gwei of the model's token per gas (10^-9 token), rounded to the wei. */
    initialBaseFeeGwei: z.number().min(0).max(1e9),
    /** Priority fee a wallet adds by default under EIP-1559, in gwei per gas (what `gasPriceWei` adds to the base fee). */
    defaultTipGwei: z.number().min(0).max(1e9),
    /** First-price rule: the lowest bid producers include, in gwei per gas (go-ethereum's `miner.gasprice`). */
    minGasPriceGwei: z.number().min(0).max(1e9),
    /** First-price rule: what wallets add to the oracle's suggestion, as a share (0.1 = +10%). */
    walletPremium: z.number().min(0).max(10),
    /** Gas of one transaction of each kind, in gas. */
    gas: z.object({ transfer: z.number().int().min(21_000), swap: z.number().int().min(21_000), stake: z.number().int().min(21_000), call: z.number().int().min(21_000) }).strict(),
  })
  .strict();
export type FeeMarketParams = z.infer<typeof feeMarketParamsSchema>;

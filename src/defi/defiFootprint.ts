import { z } from '../core/zod';
import { defineBlock } from '../core/block';
import { lending } from './lending';
import { lstPort, rwaPort } from './ports';
import { marketPort } from '../market/amm';
import { consensus } from '../mechanisms/consensusRewards';
import { total } from '../metrics/series';

/** Relative gas of each kind of DeFi action against one of the chain's other transactions (1 each: allocation per transaction). */
export const defiFootprintParamsSchema = z
  .object({
    /** A lending deposit, withdrawal, borrow, repay or liquidation. */
    lending: z.number().min(0),
    /** A liquid-staking deposit, redemption request or payment. */
    liquidStaking: z.number().min(0),
    /** A mint or redemption request or settlement with the RWA fund. */
    rwa: z.number().min(0),
    /** A swap on the LST or RWA pool. */
    swap: z.number().min(0),
  })
  .strict();
export type DefiFootprintParams = z.infer<typeof defiFootprintParamsSchema>;

/**
 * Energy and carbon per DeFi action through the chain's consensus energy.
 * Each tick the consensus block's energy E (kWh) and CO2 C (kg) are
 * allocated over every transaction of the chain by gas weight: its other
 * transactions and AMM swaps weigh 1 each, a DeFi action of kind k weighs
 * w_k, so
 *
 *   energy per action of kind k = E · w_k / (n_chain + Σ_k w_k · n_k)
 *
 * and the DeFi share is E · Σ_k w_k n_k / (n_chain + Σ_k w_k n_k) (the
 * attributional, gas-based allocation of the CCRI and of Kyle McDonald's
 * per-transaction estimates; with all weights 1, per transaction). Without
 * a consensus block every figure is 0.
 */
export const defiFootprint = defineBlock({
  key: 'defiFootprint',
  kind: 'metrics',
  description: "energy and carbon per DeFi action, allocated from the chain's consensus energy by gas weight",
  sources: [
    'CCRI, "The Merge – Implications on the Electricity Consumption and Carbon Footprint of the Ethereum Network" (2022): allocation per transaction and by gas',
    'McDonald (2022), "Ethereum Emissions: A Bottom-up Estimate", arXiv:2112.01238',
  ],
  params: { schema: defiFootprintParamsSchema, defaults: { lending: 1, liquidStaking: 1, rwa: 1, swap: 1 } },
  needs: { market: marketPort },
  uses: { consensus, lending, lst: lstPort, rwa: rwaPort },
  metrics: {
    defi_actions: { unit: 'transactions', kind: 'flow', description: 'lending, liquid-staking and RWA-fund actions and LST/RWA pool swaps since the previous row' },
    defi_energy_kwh: { unit: 'kWh', kind: 'flow', description: 'consensus electricity allocated to DeFi actions since the previous row' },
    defi_carbon_kg: { unit: 'kg CO2', kind: 'flow', description: 'consensus CO2 allocated to DeFi actions since the previous row' },
    energy_kwh_per_defi_action: { unit: 'kWh/transaction', description: 'consensus electricity per DeFi action this tick (weight-averaged over kinds)' },
    carbon_kg_per_defi_action: { unit: 'kg CO2/transaction', description: 'consensus CO2 per DeFi action this tick' },
  },
  kpis: {
    total_defi_actions: { unit: 'transactions', description: 'DeFi actions over the run' },
    defi_energy_kwh_per_action: { unit: 'kWh/transaction', description: 'Σ DeFi energy / Σ DeFi actions over the run (0 with none)' },
    defi_carbon_kg_per_action: { unit: 'kg CO2/transaction', description: 'Σ DeFi CO2 / Σ DeFi actions over the run (0 with none)' },
  },
  build(ctx) {
    const amm = ctx.deps.market;
    const { consensus: chain, lending: lend, lst, rwa } = ctx.deps;
    let actions = 0;
    let weighted = 0;
    let energy = 0;
    let carbon = 0;
    const observe = () => {
      const w = ctx.params();
      const n = [lend?.actions ?? 0, lst?.provider.actions ?? 0, rwa?.fund.actions ?? 0, (lst?.pool.trades ?? 0) + (rwa?.pool.trades ?? 0)];
      actions = n[0] + n[1] + n[2] + n[3];
      weighted = n[0] * w.lending + n[1] * w.liquidStaking + n[2] * w.rwa + n[3] * w.swap;
      energy = 0;
      carbon = 0;
      if (!chain) return;
      const all = ctx.world.params.consensus.txPerTick + amm.trades + weighted;
      if (!(all > 0)) return;
      energy = (chain.energy.energyKwh * weighted) / all;
      carbon = (chain.carbonKg * weighted) / all;
    };
    return {
      api: undefined,
      hooks: { observe },
      metrics: {
        defi_actions: () => actions,
        defi_energy_kwh: () => energy,
        defi_carbon_kg: () => carbon,
        energy_kwh_per_defi_action: () => (actions > 0 ? energy / actions : 0),
        carbon_kg_per_defi_action: () => (actions > 0 ? carbon / actions : 0),
      },
      summary: ({ series }) => {
        const n = total(series, 'defi_actions');
        return {
          total_defi_actions: n,
          defi_energy_kwh_per_action: n > 0 ? total(series, 'defi_energy_kwh') / n : 0,
          defi_carbon_kg_per_action: n > 0 ? total(series, 'defi_carbon_kg') / n : 0,
        };
      },
    };
  },
});

import { defineBlock, type Block } from '../core/block';
import { InputError } from '../core/errors';
import { meanAfterGenesis } from '../metrics/series';
import { chainKey, chainOf } from './chainRegistry';

/**
 * Returns a metric block (key `<a>To<B>Gap`, e.g. `farToMainGap`) for the
 * price dispersion between chains `a` and `b` of the model, whether or not
 * a bridge joins them directly:
 *
 *   gap_<a>_<b> = |ln(p_a / p_b)|   (log ratio; p the chains' pool prices, USD per token),
 *
 * per tick, with its mean after genesis and its maximum as KPIs
 * (`gap_<a>_<b>_mean`, `gap_<a>_<b>_max`). Over a path of bridges the gap
 * is bounded by the sum of each hop's no-arbitrage band (the triangle
 * inequality of |ln|), the measure of how far arbitrage reaches. The
 * model's check refuses a chain the model does not have.
 */
export function chainGap<const A extends string, const B extends string>(a: A, b: B): Block<`${A}To${Capitalize<B>}Gap`, undefined, void> {
  if ((a as string) === b) throw new InputError(`chainGap(${JSON.stringify(a)}, ${JSON.stringify(b)}): expected two different chains`);
  const key = `${a}To${b[0].toUpperCase()}${b.slice(1)}Gap` as `${A}To${Capitalize<B>}Gap`;
  const gap = `gap_${a}_${b}`;
  return defineBlock({
    key,
    kind: 'metrics',
    description: `price dispersion between chains ${a} and ${b}, |ln(p_${a} / p_${b})|, joined directly or over several bridges`,
    metrics: { [gap]: { unit: 'log ratio', description: `price dispersion between chains ${a} and ${b}, |ln(price on ${a} / price on ${b})|` } },
    kpis: {
      [`${gap}_mean`]: { unit: 'log ratio', description: `mean of ${gap} over the recorded rows after genesis` },
      [`${gap}_max`]: { unit: 'log ratio', description: `largest ${gap} over the recorded rows` },
    },
    check(_p, _all, blocks) {
      const chains = [...blocks].filter((k) => k.endsWith('Chain')).map((k) => k.slice(0, -'Chain'.length));
      return [a, b].filter((n) => !blocks.has(chainKey(n))).map((n) => ({ path: '', message: `no chain ${JSON.stringify(n)} in this model; expected one of ${chains.join(', ') || '(none: add chain blocks)'}` }));
    },
    build(ctx) {
      return {
        api: undefined,
        metrics: { [gap]: () => Math.abs(Math.log(chainOf(ctx.world, a).pool.price / chainOf(ctx.world, b).pool.price)) },
        summary: ({ series }) => ({
          [`${gap}_mean`]: meanAfterGenesis(series, gap),
          [`${gap}_max`]: series[gap].reduce((m, x) => (x > m ? x : m), 0),
        }),
      };
    },
  });
}

import { loadExperiment } from '../src/cli/loadExperiment';
import { pointRunner } from '../src/experiment/pointRunner';
import { priceMoments } from '../src/analysis/calibration/moments';
const names = ['volatility', 'abs_return_acf_1', 'abs_return_acf_5', 'excess_kurtosis', 'return_acf_1'];
const m = priceMoments(names);
const r = pointRunner(loadExperiment('scratch/market.ts'), { ticks: 500, seeds: 6, metrics: ['price'] });
const pts: Record<string, number>[] = JSON.parse(process.argv[2]);
for (const v of pts) {
  const ms = r.seeds.map((s) => m.compute(r.run({ values: v, seed: s }).series.price));
  const mean = names.map((_, i) => ms.reduce((a, x) => a + x[i], 0) / ms.length);
  const sd = names.map((_, i) => Math.sqrt(ms.reduce((a, x) => a + (x[i] - mean[i]) ** 2, 0) / (ms.length - 1)));
  console.log(JSON.stringify(v), names.map((n, i) => `${n}=${mean[i].toFixed(4)}±${sd[i].toFixed(4)}`).join(' '));
}

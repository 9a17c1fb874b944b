import { loadExperiment } from '../src/cli/loadExperiment';
import { pointRunner } from '../src/experiment/pointRunner';
const r = pointRunner(loadExperiment('experiments/baseline.ts'), { ticks: 365, seeds: 2, metrics: ['staking_ratio'] });
for (const rate of [1e6, 5e6, 2e7, 6e7]) {
  const res = r.seeds.map((seed) => r.run({ values: { 'emission.ratePerYear': rate }, seed }));
  console.log(rate, res.map((x) => [x.summary.final_staking_ratio?.toFixed(3), x.summary.mean_staking_ratio?.toFixed(3), x.summary.final_price?.toFixed(3)].join('/')).join('  '));
}

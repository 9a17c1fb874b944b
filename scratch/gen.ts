import { writeFileSync } from 'node:fs';
import { loadExperiment } from '../src/cli/loadExperiment';
import { pointRunner } from '../src/experiment/pointRunner';
const [file, out, ticks, seed, ...vals] = process.argv.slice(2);
const values: Record<string, number> = {};
for (const v of vals) { const [p, x] = v.split('='); values[p] = Number(x); }
const r = pointRunner(loadExperiment(file), { ticks: Number(ticks), seeds: 1, metrics: ['price'] });
const t0 = Date.now();
const res = r.run({ values, seed: Number(seed) });
console.error('ms', Date.now() - t0, res.status, res.error);
writeFileSync(out, 'day,price\n' + Array.from(res.series.price, (p, i) => `${i},${p}`).join('\n') + '\n');

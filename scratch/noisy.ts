import { minimise } from '../src/analysis/optimise/minimise';
import { Rng } from '../src/core/rng';
import { deriveSeed } from '../src/core/seeds';
(async () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
  const kpi = (x: Float64Array, s: number) => -((x[0] - 0.3) ** 2) - 2 * (x[1] - 0.7) ** 2 + 0.05 * new Rng(deriveSeed(s, x[0], x[1])).normal();
  const errs: string[] = [];
  for (let seed = 1; seed <= 10; seed++) {
    const r = await minimise({ ranges: { a: { min: 0, max: 1 }, b: { min: 0, max: 1 } }, budget: 1200, seed, evaluate: (batch) => batch.map((x) => -seeds.reduce((acc, s) => acc + kpi(x, s), 0) / seeds.length) });
    errs.push(`${Math.abs(r.centre.a - 0.3).toFixed(3)}/${Math.abs(r.centre.b - 0.7).toFixed(3)}`);
  }
  console.log(errs.join(' '));
})();

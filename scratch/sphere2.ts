import { minimise } from '../src/analysis/optimise/minimise';
import { deriveSeed } from '../src/core/seeds';
(async () => {
  for (const seed of [deriveSeed(1, 'optimize'), 1, 2, 3, 4, 5]) {
    const r = await minimise({ ranges: { x: { min: 0, max: 1 }, y: { min: 0, max: 1 } }, budget: 120, seed, start: { x: 0.8, y: 0.2 }, evaluate: (b) => b.map((p) => -(1 - (p[0] - 0.3) ** 2 - (p[1] - 0.7) ** 2)) });
    console.log(seed, r.best.params.x.toFixed(3), r.best.params.y.toFixed(3), r.history.map((h) => h.sigma.toFixed(2)).join(' '));
  }
})();

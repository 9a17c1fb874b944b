import { minimise } from '../src/analysis/optimise/minimise';
import { deriveSeed } from '../src/core/seeds';
(async () => {
  for (const c of [[0.3, 0.7], [0, 1], [0.02, 0.5]]) for (const seed of [deriveSeed(1, 'optimize'), 1, 2, 3]) {
    const r = await minimise({ ranges: { x: { min: 0, max: 1 }, y: { min: 0, max: 1 } }, budget: 120, seed, start: { x: 0.8, y: 0.2 }, evaluate: (b) => b.map((p) => (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2) });
    console.log(c, seed, r.best.params.x.toFixed(4), r.best.params.y.toFixed(4), r.history.filter((_, i) => i % 4 === 3).map((h) => h.sigma.toExponential(1)).join(' '));
  }
})();

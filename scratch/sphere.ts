import { minimise } from '../src/analysis/optimise/minimise';
(async () => {
  for (const start of [{ x: 0.8, y: 0.2 }, { x: 0.5, y: 0.5 }]) {
    const r = await minimise({ ranges: { x: { min: 0, max: 1 }, y: { min: 0, max: 1 } }, budget: 120, seed: 7, start, evaluate: (b) => b.map((p) => (p[0] - 0.3) ** 2 + (p[1] - 0.7) ** 2) });
    console.log(JSON.stringify(start), r.best.params, r.centre, r.history.map((h) => h.sigma.toFixed(2)).join(' '));
  }
})();

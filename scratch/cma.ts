import { CmaEs } from '../src/analysis/optimise/cmaes';
for (const seed of [2819447136, 2, 1]) {
  const cma = new CmaEs({ mean: Float64Array.from([0.8, 0.2]), sigma: 0.3, seed });
  const sig: string[] = [];
  for (let g = 0; g < 30; g++) {
    const xs = cma.ask();
    const f = xs.map((u) => (u[0] - 0.3) ** 2 + (u[1] - 0.7) ** 2);
    const order = f.map((_, i) => i).sort((a, b) => f[a] - f[b]);
    const ranks = new Array(f.length); order.forEach((i, r) => (ranks[i] = r));
    cma.tell(xs, ranks);
    sig.push(cma.sigma.toExponential(1));
  }
  console.log(seed, Array.from(cma.mean).map((x) => x.toFixed(4)), sig.join(' '));
}

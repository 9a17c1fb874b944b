import { readColumns } from './src/io/arrowReader';
const dir = process.argv[2];
const cols = process.argv.slice(3);
const runs = readColumns(`${dir}/runs.arrow`);
const sum = readColumns(`${dir}/summary.arrow`);
const by: Record<string, number[][]> = {};
runs.variant.forEach((v, k) => { (by[v as string] ??= []).push(cols.map((c) => Number(sum[c][k]))); });
console.log(['variant', ...cols].join('\t'));
for (const [v, rows] of Object.entries(by)) {
  const mean = cols.map((_, j) => rows.reduce((a, r) => a + r[j], 0) / rows.length);
  console.log([v.padEnd(26), ...mean.map((x) => x.toPrecision(3))].join('\t'));
}

import { join } from 'node:path';
import { analyseSensitivity, writeSensitivityTable, type SensitivityReport } from '../analysis/sensitivityAnalysis';

/** The parsed flags of `tokensim sensitivity`. */
export interface SensitivityFlags {
  kpi?: string[];
  variant?: string;
  bootstrap?: number;
  level?: number;
}

const f = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : x.toFixed(3)) : 'n/a');

/** Returns the sensitivity report as printed: per KPI, one line per parameter with its indices and intervals. */
export function formatSensitivity(report: SensitivityReport): string {
  const lines: string[] = [];
  const names = report.design.method === 'sobol' ? ['S1', 'ST'] : ['mu_star', 'mu', 'sigma'];
  const kpis = [...new Set(report.indices.map((x) => x.kpi))];
  for (const kpi of kpis) {
    lines.push(`${kpi}:`);
    const params = [...new Set(report.indices.filter((x) => x.kpi === kpi).map((x) => x.parameter))];
    const width = Math.max(...params.map((p) => p.length));
    for (const p of params) {
      const cells = names.map((n) => {
        const x = report.indices.find((i) => i.kpi === kpi && i.parameter === p && i.index === n)!;
        return `${n} ${f(x.value)} [${f(x.ciLo)}, ${f(x.ciHi)}]`;
      });
      lines.push(`  ${p.padEnd(width)}  ${cells.join('   ')}`);
    }
  }
  for (const s of report.skipped) lines.push(`skipped ${s.kpi}: ${s.reason}`);
  return lines.join('\n');
}

/** The `tokensim sensitivity DIR [--kpi K]... [--variant V] [--bootstrap N] [--level L]` command: prints the indices and writes DIR/sensitivity.arrow; returns the exit code 0. */
export async function sensitivityCommand(dir: string, flags: SensitivityFlags): Promise<number> {
  const { bootstrap, level } = flags;
  const report = analyseSensitivity(dir, { kpis: flags.kpi, variant: flags.variant, bootstrap, level });
  const out = join(dir, 'sensitivity.arrow');
  await writeSensitivityTable(out, report.indices);
  const d = report.design;
  const size = d.method === 'sobol' ? `n = ${d.n}` : `${d.trajectories} trajectories, ${d.levels} levels`;
  process.stdout.write(`${d.method} indices (${size}, ${d.paths.length} parameters, ${d.rows} points, variant ${report.variant}; intervals: bootstrap ${(level ?? 0.95) * 100}%)\n`);
  process.stdout.write(formatSensitivity(report) + '\n');
  process.stdout.write(`written: ${out}\n`);
  return 0;
}

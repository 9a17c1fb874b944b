import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../helpers/runProcess';
import { runExperiment } from '../../src/experiment/runExperiment';
import clusterSweep from '../fixtures/clusterSweep';

// The Slurm array job of docs/how-to/clusters.md, run for real on Debian's
// single-node Slurm (started by .ci/slurm-single-node.sh, as root), or
// skipped with the reason where Slurm cannot be started.

const ROOT = join(__dirname, '..', '..');
const SETUP = join(ROOT, '.ci', 'slurm-single-node.sh');
const DOC = join(ROOT, 'docs', 'how-to', 'clusters.md');
const EXPERIMENT = 'test/fixtures/clusterSweep.ts';
const SHARDS = 3;
const FILES = ['runs.arrow', 'timeseries.arrow', 'summary.arrow', 'events.arrow', 'unlocks.arrow'];
const DAEMON_PIDS = ['/run/slurmd.pid', '/run/slurmctld.pid', '/run/munge/munged.pid'];

/** Returns the how-to's sbatch script: the first bash block under "## Slurm job array". */
function documentedScript(): string {
  const doc = readFileSync(DOC, 'utf8');
  const section = doc.slice(doc.indexOf('## Slurm job array'));
  const m = /```bash\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error(`${DOC}: no bash block under "## Slurm job array"`);
  return m[1];
}

/** Returns the output of `cmd args`; throws with its stderr when it fails. */
function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.error?.message ?? r.stderr.trim()}`);
  return r.stdout.trim();
}

/** Returns the state of each task of job `id` still in the queue (none once it is done). */
function queued(id: string): string[] {
  const r = spawnSync('squeue', ['-h', '-j', id, '-o', '%T'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n').filter(Boolean) : [];
}

/** Resolves once `ready()` holds, polling; rejects naming `what` after `ms`. */
async function until(ready: () => boolean, what: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const running = (pidFile: string) => existsSync(pidFile) && spawnSync('kill', ['-0', readFileSync(pidFile, 'utf8').trim()]).status === 0;

/** Starts Slurm when this machine allows; returns why not (null when ready) and whether this test started the daemons. */
async function startSlurm(): Promise<{ skip: string | null; started: boolean }> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return { skip: 'starting Slurm needs root on Linux (as in CI)', started: false };
  const before = running('/run/slurmctld.pid');
  const r = await runProcess('bash', [SETUP], ROOT).catch((e: Error) => ({ status: null, stdout: '', stderr: e.message }));
  if (r.status !== 0 || !r.stdout.includes('slurm ready')) {
    const why = (r.stderr.trim().split('\n').pop() || `exit ${r.status}`).slice(0, 200);
    return { skip: `Slurm could not be started by .ci/slurm-single-node.sh (${why})`, started: false };
  }
  return { skip: null, started: !before };
}

const root = mkdtempSync(join(tmpdir(), 'tokensim-slurm-'));
const jobs: string[] = [];
let slurm: { skip: string | null; started: boolean } = { skip: 'not checked', started: false };

beforeAll(async () => {
  slurm = await startSlurm();
  if (slurm.skip) process.stderr.write(`Slurm test skipped: ${slurm.skip}\n`);
}, 320_000);

afterAll(() => {
  for (const id of jobs) spawnSync('scancel', [id]);
  // Only the daemons this test started, by their process ids.
  if (slurm.started) for (const f of DAEMON_PIDS) if (running(f)) spawnSync('kill', [readFileSync(f, 'utf8').trim()]);
  rmSync(root, { recursive: true, force: true });
});

describe('the documented Slurm array job', () => {
  it('runs the shards as array tasks, resumes one preempted midway, merges, and matches a local run byte for byte', async (ctx) => {
    if (slurm.skip) ctx.skip(slurm.skip);
    const local = await runExperiment(clusterSweep, { out: join(root, 'local'), log: null });
    const script = join(root, 'sweep.sbatch');
    writeFileSync(script, documentedScript());
    mkdirSync(join(root, 'logs'));
    const out = join(root, 'out');
    const small = ['--cpus-per-task=1', '--mem=1', `--chdir=${ROOT}`];

    const array = sh('sbatch', ['--parsable', `--array=1-${SHARDS}`, ...small, `--output=${root}/logs/%x-%a.log`, script, EXPERIMENT, out]);
    jobs.push(array);
    const merge = sh('sbatch', ['--parsable', `--dependency=afterok:${array}`, ...small, `--output=${root}/logs/merge.log`, '--wrap', `node bin/tokensim.js merge ${out}/shard-* --out ${out}/all`]);
    jobs.push(merge);

    // Preempt shard 2 once it has finished a run; lift the hold Slurm puts on a requeued job.
    const parts = join(out, 'shard-2', 'parts');
    await until(() => existsSync(parts) && readdirSync(parts).some((n) => /^\d+$/.test(n)), 'shard 2 to write a run', 120_000);
    sh('scontrol', ['requeue', `${array}_2`]);
    expect(readdirSync(parts).filter((n) => /^\d+$/.test(n)).length, 'shard 2 was preempted midway').toBeLessThan(16);
    await until(() => queued(`${array}_2`)[0] === 'PENDING', 'shard 2 to be requeued', 60_000);
    sh('scontrol', ['update', `JobId=${array}_2`, 'StartTime=now']);
    await until(() => queued(array).length === 0 && queued(merge).length === 0, 'the array and merge jobs to finish', 240_000);

    const log = readFileSync(join(root, 'logs', 'staking-sweep-2.log'), 'utf8');
    expect(log, 'the preempted attempt closed its files on SIGTERM').toMatch(/interrupted; finish with/);
    expect(log, 'the requeued attempt finished the shard').toMatch(/tiny-sweep: 16\/16 runs written .* \(partial\)/);
    expect(readFileSync(join(root, 'logs', 'merge.log'), 'utf8')).toMatch(/merged 3 directories: 48 runs, 0 failed \(complete\)/);
    for (const f of FILES) expect(readFileSync(join(out, 'all', f)).equals(readFileSync(join(local.dir, f))), f).toBe(true);
  }, 400_000);
});

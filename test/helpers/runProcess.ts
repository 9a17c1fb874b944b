import { spawn } from 'node:child_process';

/** What a finished process left: its exit status (null when a signal ended it) and its output. */
export interface ProcessResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `cmd args` in `cwd` and resolves once it exits, with its status and
 * output. Asynchronous on purpose: a test that blocks its thread on a long
 * child process (spawnSync) starves vitest's own messages on a busy machine.
 * Kills the process after `timeoutMs` (default 5 minutes).
 */
export function runProcess(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 300_000): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

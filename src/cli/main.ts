import { basename } from 'node:path';
import type { Experiment } from '../experiment/define';
import { InputError } from '../core/errors';
import { EXIT } from './exitCodes';

// Light on purpose: experiment files import this module (runIfMain) through
// the library's index, and `tokensim --help` should answer at once. Each
// command's module, commander included, loads only when it is needed.

/** The tokensim version, from package.json. */
function version(): string {
  return require('../../package.json').version;
}

/**
 * The `tokensim` command: parses `argv` (the arguments after `tokensim`),
 * runs the command and returns its exit code (see exitCodes.ts). Bad input
 * is printed as one line on stderr and returns 2.
 */
export async function main(argv: string[]): Promise<number> {
  const [{ buildProgram, commanderExitCode }, { COMMANDS }] = await Promise.all([import('./program'), import('./commands')]);
  const outcome: { code?: number } = {};
  try {
    await buildProgram(COMMANDS, version(), outcome).parseAsync(argv, { from: 'user' });
    return outcome.code ?? EXIT.ok;
  } catch (e) {
    return commanderExitCode(e) ?? reportError(e);
  }
}

/**
 * Prints an input problem (ours, a missing or unreadable file, a syntax
 * error in a TypeScript file) as one line and returns exit code 2; rethrows
 * anything else, which is a bug worth its stack.
 */
export function reportError(e: unknown): number {
  const err = e as Error & { code?: string };
  const oneLine = e instanceof InputError || err.code === 'TOKENSIM_TS_SYNTAX' || /^(no such file|not an Arrow IPC file)/.test(err.message ?? '');
  if (!oneLine) throw e;
  process.stderr.write(`tokensim: ${err.message}\n`);
  return EXIT.badInput;
}

/**
 * Runs `experiment` when its file is the program being run
 * (`npx ts-node experiments/<name>.ts [run flags]`), taking the flags of
 * `tokensim run`; does nothing when the file is imported.
 */
export function runIfMain(mod: NodeModule, experiment: Experiment<any>): void {
  if (require.main !== mod) return;
  runFile(mod.filename, experiment, process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: Error) => {
      process.stderr.write(`tokensim: ${e.stack}\n`);
      process.exitCode = 1;
    },
  );
}

async function runFile(file: string, experiment: Experiment<any>, argv: string[]): Promise<number> {
  const [{ specCommand, commanderExitCode }, { RUN_OPTIONS }, { runCommand }] = await Promise.all([import('./program'), import('./commands'), import('./run')]);
  const outcome: { code?: number } = {};
  const name = `ts-node ${basename(file)}`;
  const spec = { summary: `run ${experiment.name} (the flags of tokensim run)`, arguments: [], options: RUN_OPTIONS, examples: [`npx ${name} --seeds 10 --set emission.ratePerYear=8e6`] };
  try {
    await specCommand(name, `npx ${name}`, spec, outcome, (_args, flags) => runCommand(experiment, flags, file)).parseAsync(argv, { from: 'user' });
    return outcome.code ?? EXIT.ok;
  } catch (e) {
    return commanderExitCode(e) ?? reportError(e);
  }
}

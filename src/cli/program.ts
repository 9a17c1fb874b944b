import { Command, Option } from 'commander';
import { EXIT, EXIT_CODES_HELP } from './exitCodes';
import type { CommandSpec, Flags, OptionSpec } from './spec';

/** Where a parsed command's outcome goes: its exit code, once its action ran. */
export interface Outcome {
  code?: number;
}

/**
 * Returns commander's error text as one line: `tokensim: unknown option
 * '--tick' (did you mean --ticks?) (see tokensim run --help)`; a missing
 * argument gets the command's first example instead of the pointer to help.
 */
export function oneLine(message: string, helpName: string, example?: string): string {
  if (example && /missing required argument/.test(message)) return `tokensim: ${message.trim().replace(/^error: /, '')}, e.g. ${example}\n`;
  const text = message
    .trim()
    .replace(/^error: /, '')
    .replace(/\s*\n\(Did you mean (.*)\?\)/, ' (did you mean $1?)')
    .replace(/\s*\n\s*/g, ' ');
  return `tokensim: ${text} (see ${helpName} --help)\n`;
}

/** Adds `options` to `cmd`, each with its description, parser and choices. */
function addOptions(cmd: Command, options: readonly OptionSpec[]): void {
  for (const o of options) {
    const option = new Option(o.flags, o.description);
    if (o.choices) option.choices(o.choices);
    // After choices(), which installs a parser of its own: ours says what was expected in tokensim's words.
    if (o.parse) option.argParser(o.parse);
    cmd.addOption(option);
  }
}

function examples(lines: readonly string[]): string {
  return lines.length ? `\nexamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n` : '';
}

/**
 * Returns a commander command (named `name`; `helpName` is how error lines
 * point to its help, e.g. `tokensim run`) that parses
 * `options` and `spec`'s arguments, then calls `action` with the positional
 * arguments and flags and records its exit code in `outcome`. Errors are
 * printed as one line and thrown (exitOverride) for the caller to map to an
 * exit code.
 */
export function specCommand(
  name: string,
  helpName: string,
  spec: Pick<CommandSpec, 'summary' | 'arguments' | 'options' | 'examples'>,
  outcome: Outcome,
  action: (args: string[], flags: Flags) => Promise<number>,
): Command {
  const cmd = new Command(name).description(spec.summary).exitOverride();
  configure(cmd, helpName, spec.examples[0]);
  for (const a of spec.arguments) cmd.argument(a.syntax, a.description);
  addOptions(cmd, spec.options);
  cmd.addHelpText('after', examples(spec.examples));
  cmd.action(async function (this: Command) {
    outcome.code = await action(this.processedArgs.flat() as string[], this.opts());
  });
  return cmd;
}

function configure(cmd: Command, helpName: string, example?: string): void {
  cmd.configureOutput({ outputError: (message, write) => write(oneLine(message, helpName, example)) });
  cmd.showSuggestionAfterError(true);
}

/**
 * Returns the `tokensim` program: `--version`, `--help`, `help [command]`
 * and one subcommand per entry of `commands`, whose action records its exit
 * code in `outcome`.
 */
export function buildProgram(commands: readonly CommandSpec[], version: string, outcome: Outcome): Command {
  const program = new Command('tokensim')
    .description('tokensim: agent-based simulation of token economies, with seeded, reproducible sweeps and Arrow output')
    .version(version, '-V, --version', 'print the tokensim version')
    .exitOverride();
  configure(program, 'tokensim');
  program.helpCommand('help [command]', 'show the help of a command');
  for (const spec of commands) {
    program.addCommand(specCommand(spec.name, `tokensim ${spec.name}`, spec, outcome, spec.run));
  }
  program.addHelpText('after', `\nRun tokensim <command> --help for a command's arguments and options.\n\n${EXIT_CODES_HELP}\n`);
  return program;
}

/**
 * Returns the exit code for an error commander threw (through exitOverride):
 * 0 after `--help` or `--version`, else `EXIT.badInput` (the message is
 * already printed); null when `e` is not commander's.
 */
export function commanderExitCode(e: unknown): number | null {
  const err = e as { code?: unknown; exitCode?: unknown };
  if (typeof err?.code !== 'string' || !err.code.startsWith('commander.')) return null;
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
  if (err.code === 'commander.help') return err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  return EXIT.badInput;
}

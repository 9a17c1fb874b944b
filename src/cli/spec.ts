/**
 * The shape of the `tokensim` command table (see commands.ts): each command
 * is plain data — its name, what it does, its arguments and options with a
 * description each — plus a `run` that loads the command's module only when
 * the command is chosen, so `--help`, `--version` and light commands never
 * load the simulator, Arrow or the report.
 */

/** One option of a command, as commander spells it (`--ticks <n>`, `-q, --quiet`). */
export interface OptionSpec {
  /** Commander's flag syntax: `-q, --quiet`, `--ticks <n>`, `--set <path=value>`. */
  flags: string;
  /** One line for `--help`, defaults included. */
  description: string;
  /** Turns the text into the value handed to the command; throws an `InputError` naming the flag on a bad value. */
  parse?: (text: string, previous: unknown) => unknown;
  /** The allowed values, listed in `--help` and by shell completion (`parse` still checks them). */
  choices?: readonly string[];
}

/** One positional argument: commander's syntax (`<file>`, `<dir...>`) and a description. */
export interface ArgumentSpec {
  syntax: string;
  description: string;
}

/**
 * Parsed option values, by commander's camel-cased option name. Typed
 * loosely on purpose: the values are what each option's `parse` made, and
 * each command's module declares its flags' types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Flags = Record<string, any>;

/** One `tokensim` command. */
export interface CommandSpec {
  name: string;
  /** One line, shown in the command list and at the top of the command's `--help`. */
  summary: string;
  arguments: readonly ArgumentSpec[];
  options: readonly OptionSpec[];
  /** Lines shown under `examples:` in the command's `--help`. */
  examples: readonly string[];
  /** Runs the command with its positional arguments and parsed flags; resolves with the exit code. */
  run(args: string[], flags: Flags): Promise<number>;
}

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands';
import { completionScript } from '../../src/cli/completion';
import { main } from '../../src/cli/main';
import { captureOutput } from '../helpers/captureOutput';

const io = captureOutput();
const VERSION: string = require('../../package.json').version;

describe('tokensim --help and --version', () => {
  it.each(COMMANDS.map((c) => [c.name]))('%s --help exits 0 and describes every option and argument', async (name) => {
    const spec = COMMANDS.find((c) => c.name === name)!;
    expect(await main([name, '--help'])).toBe(0);
    const help = io.stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`Usage: tokensim ${name}`);
    for (const o of spec.options) {
      expect(help).toContain(o.flags);
      expect(help).toContain(o.description.replace(/\s+/g, ' '));
    }
    for (const a of spec.arguments) expect(help).toContain(a.description);
    expect(io.stderr).toBe('');
  });

  it('lists every command with its summary, and the exit codes', async () => {
    expect(await main(['--help'])).toBe(0);
    const help = io.stdout.replace(/\s+/g, ' ');
    for (const c of COMMANDS) expect(help).toContain(c.summary);
    expect(help).toMatch(/130 interrupted by SIGINT/);
    expect(help).toMatch(/143 interrupted by SIGTERM/);
  });

  it('help COMMAND shows the command help', async () => {
    expect(await main(['help', 'merge'])).toBe(0);
    expect(io.stdout).toContain('Usage: tokensim merge [options] <dirs...>');
  });

  it('--version prints the package version', async () => {
    expect(await main(['--version'])).toBe(0);
    expect(io.stdout).toBe(`${VERSION}\n`);
  });

  it('no command prints the help on stderr and exits 2', async () => {
    expect(await main([])).toBe(2);
    expect(io.stderr).toContain('Usage: tokensim');
  });
});

describe('misspelt commands and flags', () => {
  it.each([
    [['rn', 'x.ts'], /^tokensim: unknown command 'rn' \(did you mean run\?\) \(see tokensim --help\)\n$/],
    [['inspcet', 'x.arrow'], /\(did you mean inspect\?\)/],
    [['run', 'x.ts', '--tick', '3'], /^tokensim: unknown option '--tick' \(did you mean --ticks\?\) \(see tokensim run --help\)\n$/],
    [['merge', 'a', '--outt', 'b'], /unknown option '--outt' \(did you mean --out\?\)/],
    [['compare', 'DIR', '--formt', 'md'], /\(did you mean --format\?\)/],
    [['params'], /^tokensim: missing required argument 'experiment', e\.g\. tokensim params experiments\/baseline\.ts\n$/],
    [['inspect', 'a', 'b'], /too many arguments for 'inspect'/],
    [['run', 'x.ts', '--ticks', '0'], /^tokensim: --ticks 0: expected a positive integer\n$/],
    [['run', 'x.ts', '--shard', '3/2'], /^tokensim: --shard 3\/2: expected K\/N/],
    [['run', 'x.ts', '--seed', '-1'], /^tokensim: --seed -1: expected an integer in \[0, 4294967295\]\n$/],
    [['deviate', 'x.ts', '--level', '2'], /^tokensim: --level 2: expected a confidence level in \(0, 1\)\n$/],
  ])('%j gets one line and exit 2', async (args, message) => {
    expect(await main(args)).toBe(2);
    expect(io.stderr).toMatch(message);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('tokensim completion', () => {
  const script = completionScript(COMMANDS);
  /** Returns what bash completes for the words of a command line (the last word is being typed). */
  function complete(...words: string[]): string[] {
    const line = `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _tokensim; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return execFileSync('bash', ['-c', line], { cwd: __dirname }).toString().split('\n').filter(Boolean);
  }

  it('prints the script', async () => {
    expect(await main(['completion'])).toBe(0);
    expect(io.stdout).toBe(script);
  });

  it('completes commands, options and choices', () => {
    expect(complete('tokensim', 'r')).toEqual(['run', 'report']);
    expect(complete('tokensim', 'run', 'x.ts', '--ti')).toEqual(['--ticks']);
    expect(complete('tokensim', 'compare', 'dir', '--by', '')).toEqual(['variant', 'point']);
    expect(complete('tokensim', 'help', 'me')).toEqual(['merge']);
    expect(complete('tokensim', 'inspect', 'program.te')).toEqual(['program.test.ts']);
  });
});

/**
 * Returns `args` with every negative number that follows a `--flag` joined
 * to it (`--ticks -1` → `--ticks=-1`), so that the value reaches the flag's
 * check (`--ticks -1: expected a positive integer`) instead of being taken
 * for an unknown option, as node's argument parser does.
 */
export function joinNegativeValues(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = args[i + 1];
    if (/^--[\w-]+$/.test(a) && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

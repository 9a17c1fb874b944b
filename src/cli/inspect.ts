import { formatInspect } from '../io/inspect';

/** The parsed flags of `tokensim inspect`. */
export interface InspectFlags {
  rows?: number;
}

/** `tokensim inspect FILE [--rows N]`: prints the file's schema and first rows; returns the exit code 0. Throws on a missing or non-Arrow file. */
export async function inspectCommand(file: string, flags: InspectFlags): Promise<number> {
  process.stdout.write(formatInspect(file, flags.rows ?? 10) + '\n');
  return 0;
}

import { blockLibrary } from '../model/library';
import { blockReference } from '../model/blockReference';

/**
 * `tokensim blocks [--markdown]`: returns the blocks tokensim ships, one line
 * each (key, kind, what it models), or their full reference as markdown
 * (parameters and defaults, accounts, metrics and KPIs with units, sources).
 */
export function blocksCommand(flags: { markdown?: boolean }): string {
  if (flags.markdown) return blockReference(blockLibrary).trimEnd();
  const width = Math.max(...blockLibrary.map((b) => b.key.length));
  return blockLibrary.map((b) => `${b.key.padEnd(width)}  ${b.spec.kind.padEnd(9)}  ${b.spec.description}`).join('\n');
}

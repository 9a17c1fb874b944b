import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockReference } from '../../src/model/blockReference';
import { blockLibrary } from '../../src/model/library';

describe('docs/reference/blocks.md', () => {
  it('is what the block declarations say (regenerate with npx tokensim blocks --markdown > docs/reference/blocks.md)', () => {
    const page = readFileSync(join(__dirname, '..', '..', 'docs', 'reference', 'blocks.md'), 'utf8');
    expect(page.trimEnd()).toBe(blockReference(blockLibrary).trimEnd());
  });

  it('lists every block with a description, and every mechanism, market, policy and agent class with a source', () => {
    for (const b of blockLibrary) {
      expect(b.spec.description.length, b.key).toBeGreaterThan(10);
      if (b.spec.kind !== 'metrics') expect(b.spec.sources?.length ?? 0, `${b.key} names no source`).toBeGreaterThan(0);
    }
  });
});

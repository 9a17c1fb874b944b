import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatParams } from '../../src/cli/params';
import { loadExperiment } from '../../src/cli/loadExperiment';

const root = join(__dirname, '..', '..');

/** The listing between the page's first pair of ``` fences. */
const listing = (page: string) => page.split('```')[1].trim();

describe('the parameter reference pages', () => {
  for (const [page, experiment] of [
    ['parameters.md', 'baseline.ts'],
    ['depin-parameters.md', 'depin-bme.ts'],
    ['storage-parameters.md', 'storage-network.ts'],
  ]) {
    it(`docs/reference/${page} is what tokensim params experiments/${experiment} prints`, () => {
      const text = readFileSync(join(root, 'docs', 'reference', page), 'utf8');
      expect(listing(text)).toBe(formatParams(loadExperiment(join(root, 'experiments', experiment))).trim());
    });
  }
});

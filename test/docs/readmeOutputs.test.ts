import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fill, OUTPUTS, produce, regions } from '../../src/docs/readmeOutputs';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe("the README's shown outputs", () => {
  it('are regions the generator knows, each closed', () => {
    const ids = regions(readme, 'README.md').map((r) => r.id);
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) expect(OUTPUTS[id], id).toBeDefined();
  });

  it('show what the code prints now, for every cheap one (the rest: npm run docs -- --check, run by CI)', async () => {
    const cheap = regions(readme, 'README.md').filter((r) => OUTPUTS[r.id].cheap);
    expect(cheap.length).toBeGreaterThan(0);
    const produced = await produce(cheap.map((r) => r.id));
    for (const r of cheap) expect(readme.slice(r.start, r.end), r.id).toBe(produced.get(r.id)!.trimEnd() + '\n');
  });

  it('fill replaces only the regions it is given and keeps the rest byte for byte', () => {
    const text = 'a\n<!-- output: compare-tiny -->\nold\n<!-- /output -->\nb\n<!-- output: depin-bme -->\nkeep\n<!-- /output -->\n';
    expect(fill(text, 't.md', new Map([['compare-tiny', 'new']]))).toBe('a\n<!-- output: compare-tiny -->\nnew\n<!-- /output -->\nb\n<!-- output: depin-bme -->\nkeep\n<!-- /output -->\n');
    expect(() => regions('<!-- output: nope -->\nx\n<!-- /output -->', 't.md')).toThrow('t.md: unknown output region nope');
    expect(() => regions('<!-- output: depin-bme -->\nx\n', 't.md')).toThrow('t.md: output region depin-bme has no <!-- /output -->');
  });
});

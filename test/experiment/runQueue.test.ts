import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClaimSet, CLOSED } from '../../src/experiment/claims';
import { partDir, PARTS } from '../../src/experiment/parts';
import { RunQueue } from '../../src/experiment/runQueue';

const root = mkdtempSync(join(tmpdir(), 'tokensim-queue-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A fresh output directory with an empty parts/ and a way to make queues over its runs 0..count-1. */
function setup(count: number) {
  const dir = join(root, `d${n++}`);
  mkdirSync(join(dir, PARTS), { recursive: true });
  const ids = [...Array(count).keys()];
  const queue = (found: number[] = [], claims = new ClaimSet(dir)) => ({ claims, found, q: new RunQueue(ids, claims, (id) => existsSync(partDir(dir, id)), (id) => found.push(id), () => false) });
  const writePart = (id: number) => mkdirSync(partDir(dir, id));
  return { dir, queue, writePart };
}

describe('two processes taking runs of one directory', () => {
  it('never take the same run; the runs the other holds are set aside, then found once their parts land', () => {
    const { queue, writePart } = setup(10);
    const a = queue();
    const b = queue();
    const taken: Record<string, number[]> = { a: [], b: [] };
    for (let k = 0; k < 10; k++) {
      const from = k % 2 ? b : a;
      const id = from.q.take();
      if (id !== null) taken[k % 2 ? 'b' : 'a'].push(id);
    }
    // Taking in turn, each passes over the run the other has just claimed.
    expect(taken).toEqual({ a: [0, 2, 4, 6, 8], b: [1, 3, 5, 7, 9] });
    // b has passed over a's runs; once a writes them and lets go, b finds them.
    for (const id of taken.a) {
      writePart(id);
      a.claims.release(id);
    }
    while (b.q.take() !== null);
    expect(b.q.waiting).toBe(true);
    expect(b.q.retake()).toBeNull();
    expect(b.found).toEqual([0, 2, 4, 6, 8]);
    expect(b.q.waiting).toBe(false);
  });

  it('a run claimed by a process that died is taken over', () => {
    const { dir, queue } = setup(1);
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dir, PARTS, '.claim-000000'), JSON.stringify({ pid: dead, host: hostname(), startTicks: null, nonce: 'x' }));
    expect(queue().q.take()).toBe(0);
  });

  it('a set-aside run whose claimer stops without writing it is taken back', () => {
    const { queue } = setup(1);
    const a = queue();
    const b = queue();
    expect(a.q.take()).toBe(0);
    expect(b.q.take()).toBeNull();
    expect(b.q.waiting).toBe(true);
    a.claims.releaseAll();
    expect(b.q.retake()).toBe(0);
  });

  it('stops handing out runs once the writer has closed the directory', () => {
    const { dir, queue } = setup(3);
    writeFileSync(join(dir, PARTS, CLOSED), '');
    const a = queue();
    expect(a.q.take()).toBeNull();
    expect(a.q.closed).toBe(true);
    rmSync(join(dir, PARTS), { recursive: true });
    const b = queue();
    expect(b.q.take()).toBeNull();
    expect(b.q.closed).toBe(true);
  });
});

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { runExperiment } from '../../src/experiment/runExperiment';
import mini from '../fixtures/mini';
import { damagePart } from './damageParts';
import { partDir } from '../../src/experiment/parts';

/** One row of docs/reference/input-checks.md: what is wrong, the command, and the line tokensim prints. */
export interface InputCheck {
  what: string;
  command: string;
  message: string;
}

/** Returns the text of a markdown code span (`x` or `` x ``), or null when `cell` is not one. */
function codeSpan(cell: string): string | null {
  const m = /^(`+) ?(.+?) ?\1$/.exec(cell.trim());
  return m ? m[2].replace(/\\\|/g, '|') : null;
}

/** Returns the rows of the input-check table in the markdown `text`: rows of three cells whose last two are code spans. */
export function parseInputChecks(text: string): InputCheck[] {
  const rows: InputCheck[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) continue;
    const cells = line.slice(1, -1).split(/(?<!\\)\|/);
    if (cells.length !== 3) continue;
    const [command, message] = [codeSpan(cells[1]), codeSpan(cells[2])];
    if (command !== null && message !== null) rows.push({ what: cells[0].trim(), command, message });
  }
  return rows;
}

/** The placeholders of the table's commands and what each stands for in the tests. */
export type Places = Record<string, string>;

/**
 * Makes every directory and file the table's placeholders stand for, under
 * `root`: results of the mini experiment, its two shards, a damaged shard,
 * a directory of someone else's files, and so on. `<read-only>` is made
 * only where a tmpfs can be mounted (as root); returns the placeholders.
 */
export async function makePlaces(root: string): Promise<Places> {
  const p: Places = { '<experiment>': join(__dirname, '..', 'fixtures', 'mini.ts') };
  p['<file>'] = join(root, 'notes.txt');
  writeFileSync(p['<file>'], 'my notes\n');
  p['<notes>'] = join(root, 'notes');
  mkdirSync(p['<notes>']);
  writeFileSync(join(p['<notes>'], 'notes.txt'), 'my notes\n');
  p['<results>'] = (await runExperiment(mini, { out: join(root, 'results'), log: null })).dir;
  p['<shard1>'] = (await runExperiment(mini, { out: join(root, 'shard1'), log: null, shard: { index: 1, count: 2 } })).dir;
  p['<shard2>'] = (await runExperiment(mini, { out: join(root, 'shard2'), log: null, shard: { index: 2, count: 2 } })).dir;
  p['<other-plan>'] = (await runExperiment(mini, { out: join(root, 'other-plan'), log: null, ticks: 5, shard: { index: 2, count: 2 } })).dir;
  p['<damaged>'] = join(root, 'damaged');
  cpSync(p['<shard2>'], p['<damaged>'], { recursive: true });
  damagePart(partDir(p['<damaged>'], 1), 'bit-flipped');
  p['<corrupt>'] = join(root, 'corrupt');
  mkdirSync(p['<corrupt>']);
  writeFileSync(join(p['<corrupt>'], 'manifest.json'), '{"planHash": "3f2a", "status": ');
  p['<corrupt-results>'] = join(root, 'corrupt-results');
  cpSync(p['<results>'], p['<corrupt-results>'], { recursive: true });
  writeFileSync(join(p['<corrupt-results>'], 'manifest.json'), readFileSync(join(p['<results>'], 'manifest.json'), 'utf8').slice(0, 200));
  p['<locked>'] = join(root, 'locked');
  cpSync(p['<shard2>'], p['<locked>'], { recursive: true });
  writeFileSync(join(p['<locked>'], '.tokensim.lock'), JSON.stringify({ pid: 4242, host: 'elsewhere', startTicks: null, nonce: 'n', since: '2026-01-02T03:04:05.000Z', planHash: 'x', shard: null }));
  const ro = join(root, 'read-only');
  if (process.getuid?.() === 0) {
    try {
      mkdirSync(ro);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tokensim-ro', ro], { stdio: 'ignore' });
      cpSync(p['<shard1>'], join(ro, 'shard'), { recursive: true });
      execFileSync('mount', ['-o', 'remount,ro', ro], { stdio: 'ignore' });
      p['<read-only>'] = ro;
    } catch {
      // Left out: rows that need it are skipped.
    }
  }
  return p;
}

/** Unmounts what `makePlaces` mounted; returns nothing. */
export function removePlaces(p: Places): void {
  if (p['<read-only>']) execFileSync('umount', [p['<read-only>']]);
}

let fresh = 0;

/** What running one row's command gave: its exit code, what it printed on stderr, and the paths that were new. */
export interface Ran {
  code: number;
  stderr: string;
  /** Paths the command named that did not exist before it ran. */
  created: string[];
}

/**
 * Runs the table command `command` (arguments after `tokensim`, split on
 * spaces, placeholders replaced; each `<new>` a path that does not exist)
 * through `main`, capturing stderr; returns what it gave.
 */
export async function runRow(command: string, places: Places, root: string): Promise<Ran> {
  const fresh_ = () => join(root, `new-${fresh++}`);
  const news: string[] = [];
  const args = command.split(' ').map((a) =>
    a.replace(/<[\w-]+>/g, (ph) => {
      if (ph === '<new>') {
        news.push(fresh_());
        return news[news.length - 1];
      }
      if (!(ph in places)) throw new Error(`no placeholder ${ph}`);
      return places[ph];
    }),
  );
  let stderr = '';
  const write = process.stderr.write;
  const out = process.stdout.write;
  process.stderr.write = ((s: string) => ((stderr += String(s)), true)) as typeof process.stderr.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  let code: number;
  try {
    code = await main(args);
  } finally {
    process.stderr.write = write;
    process.stdout.write = out;
  }
  return { code, stderr, created: news.filter((n) => existsSync(n)) };
}

/** Returns the message pattern of a table row as a regular expression: literal text, each `<...>` standing for any text. */
export function messagePattern(message: string): RegExp {
  const parts = message.split(/<[^<>]*>/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}\\n$`);
}

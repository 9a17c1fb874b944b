import { cpSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The ways a part can go bad that tests reproduce. */
export type Damage = 'swapped' | 'truncated' | 'bit-flipped' | 'zero bytes' | 'empty directory' | 'garbage' | 'no record';

/** The words a report of each damage must contain. */
export const DAMAGE_MESSAGE: Record<Damage, RegExp> = {
  swapped: /it holds run \d+, not run \d+/,
  truncated: /timeseries\.arrow is \d+ bytes, \d+ recorded/,
  'bit-flipped': /summary\.arrow does not match its SHA-256/,
  'zero bytes': /runs\.arrow is 0 bytes, \d+ recorded/,
  'empty directory': /it has no part\.json/,
  garbage: /events\.arrow does not match its SHA-256/,
  'no record': /it has no part\.json/,
};

/** Damages the part directory `part` in the way `kind` says; `other` is the part a swap copies over it. */
export function damagePart(part: string, kind: Damage, other?: string): void {
  switch (kind) {
    case 'swapped':
      for (const f of readdirSync(part)) rmSync(join(part, f));
      cpSync(other!, part, { recursive: true });
      return;
    case 'truncated': {
      const f = join(part, 'timeseries.arrow');
      truncateSync(f, Math.floor(readFileSync(f).length / 2));
      return;
    }
    case 'bit-flipped': {
      const f = join(part, 'summary.arrow');
      const bytes = readFileSync(f);
      bytes[bytes.length >> 1] ^= 0x10;
      writeFileSync(f, bytes);
      return;
    }
    case 'zero bytes':
      writeFileSync(join(part, 'runs.arrow'), '');
      return;
    case 'empty directory':
      for (const f of readdirSync(part)) rmSync(join(part, f));
      return;
    case 'garbage': {
      const f = join(part, 'events.arrow');
      const n = readFileSync(f).length;
      writeFileSync(f, Buffer.alloc(n, 0x5a));
      return;
    }
    case 'no record':
      rmSync(join(part, 'part.json'));
      return;
  }
}

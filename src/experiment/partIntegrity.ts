import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file in each part directory that says what the part is. */
export const PART_RECORD = 'part.json';

/** What `part.json` records: the run, the plan it belongs to, and each file's size and SHA-256. */
export interface PartRecord {
  runId: number;
  planHash: string;
  files: Record<string, { bytes: number; sha256: string }>;
}

/** A part that is not what its name says: missing, cut short, altered, of another run or plan. */
export class DamagedPart extends Error {
  override readonly name = 'DamagedPart';
  constructor(
    readonly path: string,
    readonly runId: number,
    readonly problem: string,
  ) {
    super(`part ${path} is damaged: ${problem}`);
  }
}

/** Returns the SHA-256 of `bytes`, hex. */
function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Returns the record of a part holding run `runId` of plan `planHash`, made of `files` (file name → bytes). */
export function partRecord(runId: number, planHash: string, files: Record<string, Uint8Array>): PartRecord {
  const out: PartRecord['files'] = {};
  for (const [name, bytes] of Object.entries(files)) out[name] = { bytes: bytes.byteLength, sha256: sha256(bytes) };
  return { runId, planHash, files: out };
}

function readOrNull(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Returns the bytes of each of `fileNames` in the part directory `path`,
 * after checking them against its `part.json`: that the part holds run
 * `runId` of plan `planHash` and that every file has its recorded size and
 * SHA-256. Throws a `DamagedPart` naming the first thing wrong, so a part
 * copied over another, cut short, emptied or altered by one bit is never
 * taken for the run its directory name says.
 */
export function readVerifiedPart(path: string, runId: number, planHash: string, fileNames: string[]): Record<string, Buffer> {
  const text = readOrNull(join(path, PART_RECORD));
  if (text === null) throw new DamagedPart(path, runId, `it has no ${PART_RECORD}`);
  let record: PartRecord;
  try {
    record = JSON.parse(text.toString('utf8'));
    if (!Number.isInteger(record.runId) || typeof record.planHash !== 'string' || typeof record.files !== 'object' || record.files === null) throw new Error();
  } catch {
    throw new DamagedPart(path, runId, `its ${PART_RECORD} is unreadable`);
  }
  if (record.runId !== runId) throw new DamagedPart(path, runId, `it holds run ${record.runId}, not run ${runId}`);
  if (record.planHash !== planHash) throw new DamagedPart(path, runId, `it was written for another plan (plan hash ${record.planHash.slice(0, 12)}, expected ${planHash.slice(0, 12)})`);
  const out: Record<string, Buffer> = {};
  for (const name of fileNames) {
    const expected = record.files[name];
    if (!expected) throw new DamagedPart(path, runId, `its ${PART_RECORD} lists no ${name}`);
    const bytes = readOrNull(join(path, name));
    if (bytes === null) throw new DamagedPart(path, runId, `${name} is missing`);
    if (bytes.byteLength !== expected.bytes) throw new DamagedPart(path, runId, `${name} is ${bytes.byteLength} bytes, ${expected.bytes} recorded`);
    if (sha256(bytes) !== expected.sha256) throw new DamagedPart(path, runId, `${name} does not match its SHA-256`);
    out[name] = bytes;
  }
  return out;
}

/** Returns what is wrong with the part at `path` (as `readVerifiedPart` checks it), or null when it is sound. */
export function partProblem(path: string, runId: number, planHash: string, fileNames: string[]): DamagedPart | null {
  try {
    readVerifiedPart(path, runId, planHash, fileNames);
    return null;
  } catch (e) {
    if (e instanceof DamagedPart) return e;
    throw e;
  }
}

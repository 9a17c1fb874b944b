/** Whether an objective is to be made small or large. */
export type Sense = 'minimize' | 'maximize';

/**
 * `paretoFront(a, b, senses)` → the indices of the points (a_i, b_i) that no
 * other point dominates, sorted by the first objective from best to worst.
 * Point j dominates i when it is at least as good in both objectives and
 * strictly better in one (each objective read by its sense, default both
 * minimised). Equal points do not dominate each other, so both stay; points
 * with a NaN objective are left out. O(n log n): a sort on the first
 * objective, then one sweep keeping the best second objective so far.
 */
export function paretoFront(a: ArrayLike<number>, b: ArrayLike<number>, senses: readonly [Sense, Sense] = ['minimize', 'minimize']): number[] {
  if (a.length !== b.length) throw new RangeError(`objectives must have equal lengths, got ${a.length} and ${b.length}`);
  const sa = senses[0] === 'maximize' ? -1 : 1;
  const sb = senses[1] === 'maximize' ? -1 : 1;
  const idx: number[] = [];
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i]) && !Number.isNaN(b[i])) idx.push(i);
  idx.sort((i, j) => sa * a[i] - sa * a[j] || sb * b[i] - sb * b[j] || i - j);
  const front: number[] = [];
  let bestB = Infinity;
  let k = 0;
  while (k < idx.length) {
    // Points tied on the first objective: only those with the group's best
    // second objective can be on the front, and only if it beats every
    // earlier group's.
    const groupA = a[idx[k]];
    const groupBest = sb * b[idx[k]];
    while (k < idx.length && a[idx[k]] === groupA) {
      const v = sb * b[idx[k]];
      if (v === groupBest && v < bestB) front.push(idx[k]);
      k++;
    }
    bestB = Math.min(bestB, groupBest);
  }
  return front;
}

/** One flow to draw: an amount from one place to another for one reason, in the diagram's unit (tokens or USD). */
export interface SankeyFlow {
  from: string;
  to: string;
  reason: string;
  amount: number;
}

/** A place drawn as a bar: sources on the left, destinations on the right; y in pixels from the top. */
export interface SankeyNode {
  side: 'source' | 'target';
  name: string;
  total: number;
  y0: number;
  y1: number;
}

/** A flow drawn as a band from its source's bar (sy0…sy1) to its destination's (ty0…ty1); its width is amount × scale. */
export interface SankeyLink extends SankeyFlow {
  sy0: number;
  sy1: number;
  ty0: number;
  ty1: number;
}

/** A laid-out diagram: its bars, its bands and the height they take, in pixels. */
export interface SankeyLayout {
  nodes: SankeyNode[];
  links: SankeyLink[];
  height: number;
}

/** Places where value enters the model come first among sources, those where it leaves last among destinations. */
const ENTRY = new Set(['mint', 'outside']);
const EXIT = new Set(['burn', 'outside']);

function totals(flows: SankeyFlow[], side: 'from' | 'to'): Map<string, number> {
  const t = new Map<string, number>();
  for (const f of flows) t.set(f[side], (t.get(f[side]) ?? 0) + f.amount);
  return t;
}

/**
 * Returns the pixels per unit that fit the largest of several diagrams into
 * `height`: min over diagrams of (height − gap·(bars − 1)) / total, the
 * tallest column deciding. Drawing every diagram at one scale keeps their
 * band widths comparable.
 */
export function sankeyScale(diagrams: SankeyFlow[][], height: number, gap: number): number {
  let scale = Infinity;
  for (const flows of diagrams) {
    const positive = flows.filter((f) => f.amount > 0);
    for (const side of ['from', 'to'] as const) {
      const t = totals(positive, side);
      const sum = [...t.values()].reduce((a, b) => a + b, 0);
      if (sum > 0) scale = Math.min(scale, (height - gap * (t.size - 1)) / sum);
    }
  }
  return Number.isFinite(scale) ? scale : 0;
}

/**
 * Returns the two-column layout of `flows` (amounts ≤ 0 left out): every
 * source on the left and every destination on the right (a place that both
 * pays and receives appears on both sides, so the diagram has no cycles),
 * each a bar of height total × `scale` pixels, bars `gap` pixels apart, the
 * shorter column centred. Entry points (mint, outside) lead the sources,
 * exits (burn, outside) close the destinations, the rest by size. Bands
 * leave a source in the order of their destinations and enter a destination
 * in the order of their sources, so they cross as little as two ordered
 * columns allow. Each bar's bands fill it exactly.
 */
export function layoutSankey(flows: SankeyFlow[], scale: number, gap: number): SankeyLayout {
  const positive = flows.filter((f) => f.amount > 0);
  const order = (t: Map<string, number>, first: Set<string>, last: Set<string>) =>
    [...t.keys()].sort((a, b) => Number(last.has(a)) - Number(last.has(b)) || Number(first.has(b)) - Number(first.has(a)) || t.get(b)! - t.get(a)! || (a < b ? -1 : 1));
  const sourceTotals = totals(positive, 'from');
  const targetTotals = totals(positive, 'to');
  const sources = order(sourceTotals, ENTRY, new Set());
  const targets = order(targetTotals, new Set(), EXIT);
  const column = (names: string[], t: Map<string, number>) => names.reduce((h, n) => h + t.get(n)! * scale, 0) + gap * Math.max(0, names.length - 1);
  const height = Math.max(column(sources, sourceTotals), column(targets, targetTotals));

  const place = (names: string[], t: Map<string, number>, side: SankeyNode['side']): SankeyNode[] => {
    let y = (height - column(names, t)) / 2;
    return names.map((name) => {
      const node = { side, name, total: t.get(name)!, y0: y, y1: y + t.get(name)! * scale };
      y = node.y1 + gap;
      return node;
    });
  };
  const sourceNodes = place(sources, sourceTotals, 'source');
  const targetNodes = place(targets, targetTotals, 'target');
  const sourceRank = new Map(sources.map((n, i) => [n, i]));
  const targetRank = new Map(targets.map((n, i) => [n, i]));

  const links: SankeyLink[] = positive.map((f) => ({ ...f, sy0: 0, sy1: 0, ty0: 0, ty1: 0 }));
  const byReason = (a: SankeyLink, b: SankeyLink) => (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0);
  const sourceY = new Map(sourceNodes.map((n) => [n.name, n.y0]));
  for (const l of [...links].sort((a, b) => sourceRank.get(a.from)! - sourceRank.get(b.from)! || targetRank.get(a.to)! - targetRank.get(b.to)! || byReason(a, b))) {
    l.sy0 = sourceY.get(l.from)!;
    l.sy1 = l.sy0 + l.amount * scale;
    sourceY.set(l.from, l.sy1);
  }
  const targetY = new Map(targetNodes.map((n) => [n.name, n.y0]));
  for (const l of [...links].sort((a, b) => targetRank.get(a.to)! - targetRank.get(b.to)! || sourceRank.get(a.from)! - sourceRank.get(b.from)! || byReason(a, b))) {
    l.ty0 = targetY.get(l.to)!;
    l.ty1 = l.ty0 + l.amount * scale;
    targetY.set(l.to, l.ty1);
  }
  return { nodes: [...sourceNodes, ...targetNodes], links, height };
}

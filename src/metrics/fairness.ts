import { defineBlock, type TableRows } from '../core/block';
import { RunningSum } from '../core/sum';
import type { AnyWorld } from '../core/world';
import { marketPort } from '../market/amm';
import { readWealth, type WealthReading } from './agentWealth';
import { lorenzCurve, palmaRatio, theil, topShare } from './inequality';

/** Population shares the Lorenz table is written at (the report adds (0, 0) and (1, 1)). */
export const LORENZ_QUANTILES = Float64Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99);

/**
 * The agents present when a run starts, split by their initial wealth
 * w_0 = tokens · price + USD (ties by position): `small` the poorest
 * ⌊n/2⌋, `top` the richest ⌈n/10⌉, each as indices into the starting
 * reading, with the group's starting wealth.
 */
export interface WealthGroups {
  readonly small: Int32Array;
  readonly top: Int32Array;
  /** Σ w_0 of each group, in USD. */
  readonly smallStartUsd: number;
  readonly topStartUsd: number;
  /** Σ tokens of each group at the start. */
  readonly smallStartTokens: number;
  readonly topStartTokens: number;
  /** The reading the groups were drawn from. */
  readonly start: WealthReading;
}

/** Returns the small-holder (bottom 50 %) and top (richest 10 %) groups of `r` by wealth at `price` USD/token. */
export function wealthGroups(r: WealthReading, price: number): WealthGroups {
  const n = r.tokens.length;
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) w[k] = r.tokens[k] * price + r.usd[k];
  const order = Int32Array.from({ length: n }, (_, k) => k).sort((a, b) => w[a] - w[b] || a - b);
  const small = order.slice(0, Math.floor(n / 2));
  const top = order.slice(n - Math.ceil(n / 10));
  return { small, top, smallStartUsd: sumOver(small, w), topStartUsd: sumOver(top, w), smallStartTokens: sumOver(small, r.tokens), topStartTokens: sumOver(top, r.tokens), start: r };
}

/** Deciles the `impact` table splits the starting agents into by initial wealth. */
export const IMPACT_DECILES = 10;

/**
 * The groups of the `impact` table, each as indices into the starting
 * reading: every population's agents present at the start (`class`, named
 * by the population) and the ten deciles of those agents by initial wealth
 * w_0 = tokens · price + USD (`decile`, named d1 the poorest … d10; ties by
 * position), decile d holding the agents of rank ⌊(d−1)·n/10⌋ to
 * ⌊d·n/10⌋ − 1, so that with n < 10 some deciles are empty.
 */
export interface ImpactGroup {
  readonly kind: 'class' | 'decile';
  readonly name: string;
  readonly members: Int32Array;
  /** Σ w_0, in USD, and Σ tokens at the start. */
  readonly startUsd: number;
  readonly startTokens: number;
}

/** Returns the `impact` groups of `r` at `price` USD/token (see `ImpactGroup`). */
export function impactGroups(r: WealthReading, price: number, classNames: readonly string[]): ImpactGroup[] {
  const n = r.tokens.length;
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) w[k] = r.tokens[k] * price + r.usd[k];
  const group = (kind: ImpactGroup['kind'], name: string, members: Int32Array): ImpactGroup => ({ kind, name, members, startUsd: sumOver(members, w), startTokens: sumOver(members, r.tokens) });
  const out: ImpactGroup[] = classNames.map((name, c) => {
    const end = c + 1 < r.offset.length ? r.offset[c + 1] : n;
    return group('class', name, Int32Array.from({ length: end - r.offset[c] }, (_, k) => r.offset[c] + k));
  });
  const order = Int32Array.from({ length: n }, (_, k) => k).sort((a, b) => w[a] - w[b] || a - b);
  for (let d = 1; d <= IMPACT_DECILES; d++) {
    out.push(group('decile', `d${d}`, order.slice(Math.floor(((d - 1) * n) / IMPACT_DECILES), Math.floor((d * n) / IMPACT_DECILES))));
  }
  return out;
}

/**
 * Returns the rows of the `impact` table at the end of a run: per group its
 * agents, wealth in USD (tokens · `price` + USD) and tokens at the start
 * and now, the share of its members with a stake and its share of all
 * consensus stake now (`now` read after `indicesNow` moved the members).
 */
export function impactRows(groups: readonly ImpactGroup[], start: WealthReading, now: WealthReading, price: number): TableRows {
  const cols = { kind: [] as string[], group: [] as string[], agents: [] as number[], start_usd: [] as number[], end_usd: [] as number[], start_tokens: [] as number[], end_tokens: [] as number[], staking: [] as number[], stake_share: [] as number[] };
  for (const g of groups) {
    const at = indicesNow(g.members, start, now);
    const end = new RunningSum();
    for (let j = 0; j < at.length; j++) end.add(now.tokens[at[j]] * price + now.usd[at[j]]);
    cols.kind.push(g.kind);
    cols.group.push(g.name);
    cols.agents.push(at.length);
    cols.start_usd.push(g.startUsd);
    cols.end_usd.push(end.value);
    cols.start_tokens.push(g.startTokens);
    cols.end_tokens.push(sumOver(at, now.tokens));
    cols.staking.push(stakingParticipation(at, now));
    cols.stake_share.push(groupShare(at, now.stake));
  }
  return {
    data: {
      kind: cols.kind,
      group: cols.group,
      agents: Int32Array.from(cols.agents),
      start_usd: Float64Array.from(cols.start_usd),
      end_usd: Float64Array.from(cols.end_usd),
      start_tokens: Float64Array.from(cols.start_tokens),
      end_tokens: Float64Array.from(cols.end_tokens),
      staking: Float64Array.from(cols.staking),
      stake_share: Float64Array.from(cols.stake_share),
    },
    length: groups.length,
  };
}

/**
 * Returns the indices in `now` of the group members `group` (indices in
 * `start`): agent i of population c stays agent i of c, whatever the
 * populations before it added since.
 */
export function indicesNow(group: Int32Array, start: WealthReading, now: WealthReading): Int32Array {
  const out = new Int32Array(group.length);
  for (let j = 0; j < group.length; j++) {
    const c = start.classOf[group[j]];
    out[j] = now.offset[c] + group[j] - start.offset[c];
  }
  return out;
}

/** Returns Σ_{k in group} x[k]. */
function sumOver(group: Int32Array, x: Float64Array): number {
  const s = new RunningSum();
  for (let j = 0; j < group.length; j++) s.add(x[group[j]]);
  return s.value;
}

/** Returns Σ x. */
function sumAll(x: Float64Array): number {
  const s = new RunningSum();
  for (let k = 0; k < x.length; k++) s.add(x[k]);
  return s.value;
}

/**
 * Returns a group's return, in USD: Σ_g (tokens · p + USD) in `now` (the
 * group's indices there) over its starting wealth `startUsd`, minus 1 (0
 * when the group started with nothing).
 */
export function groupReturn(group: Int32Array, startUsd: number, now: WealthReading, price: number): number {
  if (!(startUsd > 0)) return 0;
  const end = new RunningSum();
  for (let j = 0; j < group.length; j++) end.add(now.tokens[group[j]] * price + now.usd[group[j]]);
  return end.value / startUsd - 1;
}

/** Returns a group's growth in tokens: Σ_g tokens in `now` over `startTokens`, minus 1 (0 when it started with none). */
export function groupTokenGrowth(group: Int32Array, startTokens: number, now: WealthReading): number {
  return startTokens > 0 ? sumOver(group, now.tokens) / startTokens - 1 : 0;
}

/** Returns the share of the group with a stake above 0, in [0, 1]. */
export function stakingParticipation(group: Int32Array, now: WealthReading): number {
  if (group.length === 0) return 0;
  let n = 0;
  for (let j = 0; j < group.length; j++) if (now.stake[group[j]] > 0) n++;
  return n / group.length;
}

/** Returns Σ_g x / Σ_all x, in [0, 1] (0 when nothing is held). */
export function groupShare(group: Int32Array, x: Float64Array): number {
  const all = sumAll(x);
  return all > 0 ? sumOver(group, x) / all : 0;
}

/** Returns the values of population c (`offset[c]`..next offset) of `x`. */
function classSlice(r: WealthReading, c: number, x: Float64Array): Float64Array {
  const end = c + 1 < r.offset.length ? r.offset[c + 1] : x.length;
  return x.subarray(r.offset[c], end);
}

/** The Lorenz and per-class wealth tables, appended at each sampled tick. */
class FairnessLog {
  readonly lorenz = { tick: [] as number[], cls: [] as string[], quantile: [] as number[], share: [] as number[] };
  readonly wealth = { tick: [] as number[], cls: [] as string[], tokens: [] as number[], usd: [] as number[], stake: [] as number[], share: [] as number[] };

  append(tick: number, world: AnyWorld, r: WealthReading): void {
    const total = sumAll(r.tokens);
    this.curve(tick, 'all', r.tokens);
    world.populations.forEach((p, c) => {
      const tokens = classSlice(r, c, r.tokens);
      if (tokens.length > 0) this.curve(tick, p.name, tokens);
      const w = this.wealth;
      const held = sumAll(tokens);
      w.tick.push(tick);
      w.cls.push(p.name);
      w.tokens.push(held);
      w.usd.push(sumAll(classSlice(r, c, r.usd)));
      w.stake.push(sumAll(classSlice(r, c, r.stake)));
      w.share.push(total > 0 ? held / total : 0);
    });
  }

  private curve(tick: number, cls: string, x: Float64Array): void {
    const l = lorenzCurve(x, LORENZ_QUANTILES);
    for (let q = 0; q < l.length; q++) {
      this.lorenz.tick.push(tick);
      this.lorenz.cls.push(cls);
      this.lorenz.quantile.push(LORENZ_QUANTILES[q]);
      this.lorenz.share.push(l[q]);
    }
  }

  lorenzRows(): TableRows {
    const l = this.lorenz;
    return { data: { tick: Int32Array.from(l.tick), class: l.cls, quantile: Float64Array.from(l.quantile), share: Float64Array.from(l.share) }, length: l.tick.length };
  }

  wealthRows(): TableRows {
    const w = this.wealth;
    return {
      data: { tick: Int32Array.from(w.tick), class: w.cls, tokens: Float64Array.from(w.tokens), usd: Float64Array.from(w.usd), stake: Float64Array.from(w.stake), share: Float64Array.from(w.share) },
      length: w.tick.length,
    };
  }
}

/**
 * Fairness and inclusion metrics of the agents' token holdings: the Theil
 * index, the top-1 % and top-10 % shares and the Palma ratio (see
 * `inequality.ts` for each formula), the Lorenz curve as a table, and the
 * outcomes of small holders — the poorest half of the agents present at the
 * start by wealth w_0 = tokens · price + USD: their share of all holdings,
 * their staking participation (share of them with a stake), their share of
 * consensus stake (the voting weight of proof-of-stake consensus), their
 * return in USD and their growth in tokens, against the richest 10 %'s.
 *
 * The inequality metrics are sampled (every `record.sampleEvery` ticks, at
 * tick 0 and at the last tick); at each sample the `lorenz` table gets the
 * curve of everyone (`class` = all) and of each population at
 * `LORENZ_QUANTILES`, and `class_wealth` each population's tokens, USD,
 * stake and share of all holdings. At the end `impact` gets, per
 * population and per decile of initial wealth, the group's wealth at the
 * start and the end (see `impactGroups`), from which `tokensim compare`
 * and the report draw who gains and who loses against a baseline variant.
 * Agents added during the run count in the
 * curves, not in the groups; in an open population (traders) a leaver's
 * slot goes to a later arrival, and the groups follow the slot.
 */
export const fairness = defineBlock({
  key: 'fairness',
  kind: 'metrics',
  description: 'Theil, Palma, top-1%/10% shares, the Lorenz curve per class as a table, and the share, staking, voting weight and return of small holders',
  sources: [
    'Theil, Economics and Information Theory (1967): the Theil T index',
    'Palma, "Homogeneous middles vs. heterogeneous tails", Development and Change 42 (2011); Cobham & Sumner (2013): the Palma ratio',
  ],
  uses: { market: marketPort },
  metrics: {
    holdings_theil: { unit: 'index', sampled: true, description: "Theil T index of all agents' token holdings, in [0, ln n]" },
    holdings_top1_share: { unit: 'share', sampled: true, description: 'share of all agent holdings held by the richest 1% of agents' },
    holdings_top10_share: { unit: 'share', sampled: true, description: 'share of all agent holdings held by the richest 10% of agents' },
    small_holders_share: { unit: 'share', sampled: true, description: 'share of all agent holdings held by the small holders (poorest half at the start)' },
    small_holders_stake_share: { unit: 'share', sampled: true, description: "small holders' share of consensus stake (their voting weight)" },
    small_holders_staking: { unit: 'share', sampled: true, description: 'share of small holders with a stake' },
  },
  kpis: {
    theil_holdings: { unit: 'index', description: "Theil T index of all agents' token holdings at the end" },
    palma_holdings: { unit: 'ratio', description: 'richest 10% share over poorest 40% share of holdings at the end (Infinity when the poorest 40% hold nothing)' },
    top1_share_holdings: { unit: 'share', description: 'richest 1% share of agent holdings at the end' },
    top10_share_holdings: { unit: 'share', description: 'richest 10% share of agent holdings at the end' },
    small_holders_share_end: { unit: 'share', description: "small holders' share of agent holdings at the end" },
    small_holders_share_change: { unit: 'share', description: "small holders' share of holdings at the end minus at the start" },
    small_holders_return: { unit: 'share', description: "small holders' return over the run, Σ(tokens·p + USD) end / start − 1" },
    top_holders_return: { unit: 'share', description: "the richest 10%'s return over the run, the same way" },
    small_holders_token_growth: { unit: 'share', description: "small holders' tokens at the end over at the start, minus 1 (rewards kept, whatever the price)" },
    top_holders_token_growth: { unit: 'share', description: "the richest 10%'s tokens at the end over at the start, minus 1" },
    small_holders_staking: { unit: 'share', description: 'share of small holders with a stake at the end' },
    small_holders_voting_share: { unit: 'share', description: "small holders' share of consensus stake at the end" },
  },
  tables: {
    impact: {
      description: "who gains and who loses: per population and per decile of initial wealth (agents present at the start), wealth and tokens at the start and the end, staking participation and share of stake at the end; one set of rows per run",
      columns: [
        { name: 'kind', kind: 'utf8' },
        { name: 'group', kind: 'utf8' },
        { name: 'agents', kind: 'int32' },
        { name: 'start_usd', kind: 'float64' },
        { name: 'end_usd', kind: 'float64' },
        { name: 'start_tokens', kind: 'float64' },
        { name: 'end_tokens', kind: 'float64' },
        { name: 'staking', kind: 'float64' },
        { name: 'stake_share', kind: 'float64' },
      ],
    },
    lorenz: {
      description: 'Lorenz curves of token holdings: one row per sampled tick, class (all, or a population) and population share',
      columns: [
        { name: 'tick', kind: 'int32' },
        { name: 'class', kind: 'utf8' },
        { name: 'quantile', kind: 'float64' },
        { name: 'share', kind: 'float64' },
      ],
    },
    class_wealth: {
      description: "each population's tokens, USD, stake and share of all agent holdings: one row per sampled tick and population",
      columns: [
        { name: 'tick', kind: 'int32' },
        { name: 'class', kind: 'utf8' },
        { name: 'tokens', kind: 'float64' },
        { name: 'usd', kind: 'float64' },
        { name: 'stake', kind: 'float64' },
        { name: 'share', kind: 'float64' },
      ],
    },
  },
  build(ctx) {
    const { world } = ctx;
    const price = () => ctx.deps.market?.price ?? 1;
    const log = new FairnessLog();
    let groups: WealthGroups | null = null;
    let impact: ImpactGroup[] = [];
    let startShare = 0;
    let readAt = -1;
    let reading: WealthReading | null = null;
    let small: Int32Array = new Int32Array(0);
    let top: Int32Array = new Int32Array(0);
    // One reading per tick serves every metric read at that tick; the groups follow their agents into it.
    const now = (): WealthReading => {
      if (reading !== null && readAt === world.tick) return reading;
      const r = readWealth(world);
      reading = r;
      readAt = world.tick;
      if (groups === null) {
        groups = wealthGroups(r, price());
        impact = impactGroups(r, price(), world.populations.map((p) => p.name));
        startShare = groupShare(groups.small, r.tokens);
      }
      small = indicesNow(groups.small, groups.start, r);
      top = indicesNow(groups.top, groups.start, r);
      return r;
    };
    return {
      api: undefined,
      metrics: {
        holdings_theil: () => theil(now().tokens),
        holdings_top1_share: () => topShare(now().tokens, 0.01),
        holdings_top10_share: () => {
          // Read at exactly the recorder's sampled ticks: the tables follow them.
          const r = now();
          log.append(world.tick, world, r);
          return topShare(r.tokens, 0.1);
        },
        small_holders_share: () => groupShare(small, now().tokens),
        small_holders_stake_share: () => groupShare(small, now().stake),
        small_holders_staking: () => stakingParticipation(small, now()),
      },
      summary: () => {
        const r = now();
        const g = groups!;
        const p = price();
        const shareEnd = groupShare(small, r.tokens);
        return {
          theil_holdings: theil(r.tokens),
          palma_holdings: palmaRatio(r.tokens),
          top1_share_holdings: topShare(r.tokens, 0.01),
          top10_share_holdings: topShare(r.tokens, 0.1),
          small_holders_share_end: shareEnd,
          small_holders_share_change: shareEnd - startShare,
          small_holders_return: groupReturn(small, g.smallStartUsd, r, p),
          top_holders_return: groupReturn(top, g.topStartUsd, r, p),
          small_holders_token_growth: groupTokenGrowth(small, g.smallStartTokens, r),
          top_holders_token_growth: groupTokenGrowth(top, g.topStartTokens, r),
          small_holders_staking: stakingParticipation(small, r),
          small_holders_voting_share: groupShare(small, r.stake),
        };
      },
      tables: {
        impact: () => impactRows(impact, groups!.start, now(), price()),
        lorenz: () => log.lorenzRows(),
        class_wealth: () => log.wealthRows(),
      },
    };
  },
});

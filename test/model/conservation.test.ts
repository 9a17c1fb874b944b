import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOverrides, type DeepPartial } from '../../src/experiment/define';
import { runOne } from '../../src/experiment/runOne';
import { launchEconomy, type LaunchEconomyParams } from '../../src/models/launchEconomy';
import { governedTokenEconomy, type GovernedTokenEconomyParams } from '../../src/models/governedTokenEconomy';

const SCHEDULES = ['constant', 'exponential', 'halving', 'linear', 'inflation', 'stakingTarget', 'formula'] as const;
const logUniform = (lo: number, hi: number) => fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((e) => 10 ** e);
const share = fc.double({ min: 0, max: 1, noNaN: true });

/** Parameters over their full legal ranges where the money moves: pool depth and fee, every schedule and cap, burns, buybacks, treasury spending. */
const economy = fc.record({
  feeBps: fc.integer({ min: 0, max: 10_000 }),
  tokenReserve: logUniform(1e-3, 1e12),
  usdReserve: logUniform(1e-3, 1e12),
  schedule: fc.constantFrom(...SCHEDULES),
  ratePerYear: logUniform(1, 1e9),
  maxSupply: fc.option(logUniform(1e6, 1e9), { nil: null }),
  capOn: fc.constantFrom('minted' as const, 'supply' as const),
  split: fc.tuple(share, share, share, share).map(([a, b, c, d]) => {
    const s = Math.max(1, a + b + c + d);
    return { stakers: a / s, nodes: b / s, treasury: c / s, lockers: d / s };
  }),
  feeShare: share,
  usdFees: fc.constantFrom('buyAndBurn' as const, 'treasury' as const),
  unbondingTicks: fc.integer({ min: 0, max: 40 }),
  buyback: fc.constantFrom('off' as const, 'fixed' as const, 'revenueShare' as const, 'priceFloor' as const),
  destination: fc.constantFrom('burn' as const, 'stakers' as const, 'treasury' as const),
  grantsUsdPerYear: logUniform(1, 1e8),
  subsidyTokensPerYear: logUniform(1, 1e8),
  scheduledBurnShare: share.map((x) => x * 0.01),
  seed: fc.integer({ min: 0, max: 2 ** 31 }),
});
type Case = typeof economy extends fc.Arbitrary<infer T> ? T : never;

function tokenCase(c: Case): GovernedTokenEconomyParams {
  const over: DeepPartial<GovernedTokenEconomyParams> = {
    amm: { feeBps: c.feeBps, tokenReserve: c.tokenReserve, usdReserve: c.usdReserve },
    emission: { schedule: c.schedule, ratePerYear: c.ratePerYear, maxSupply: c.maxSupply, capOn: c.capOn, split: c.split, halvingTicks: 7, linearTicks: 20 },
    feeBurn: { feeShare: c.feeShare, usdFees: c.usdFees },
    staking: { unbondingTicks: c.unbondingTicks },
    buyback: { policy: c.buyback, destination: c.destination, everyTicks: 3 },
    treasuryPolicy: { grantsUsdPerYear: c.grantsUsdPerYear, subsidyTokensPerYear: c.subsidyTokensPerYear },
    scheduledBurn: { everyTicks: 5, supplyShare: c.scheduledBurnShare },
    usageBurn: { demandUsdPerTick: 1000 },
    dynamicRewards: { enabled: true },
    stakers: { count: 30 },
    traders: { count: 30 },
    nodeOperators: { candidates: 20, initialNodes: 5 },
    voters: { count: 20, roles: { holder: 0.4, staker: 0.3, nodeOperator: 0.1, grantee: 0.2 }, proposeProbability: 0.05 },
    voteBuyer: { count: 1 },
    governance: { proposalEveryTicks: 4, votingTicks: 2, quorum: 0, timelockTicks: 0, scheduledKinds: { param: 1, grant: 1, buyback: 1, signal: 1 }, depositTokens: 10, proposalThreshold: 0 },
    vesting: {
      sectors: [
        { name: 'team', tokens: 1e6, startTick: 0, cliffTicks: 5, vestingTicks: 20, granularity: 'daily', tgeShare: 0.1, recipient: 'holders', holders: { count: 5, weight: { dist: 'constant', value: 1 }, sellShare: { dist: 'uniform', min: 0, max: 1 }, stakeShare: { dist: 'uniform', min: 0, max: 1 }, lockShare: { dist: 'uniform', min: 0, max: 1 }, lockTicks: { dist: 'uniform', min: 1, max: 20 }, sellPace: { dist: 'constant', value: 0.5 }, exitDrawdown: { dist: 'constant', value: 0.01 } } },
        { name: 'ecosystem', tokens: 5e5, startTick: 0, cliffTicks: 0, vestingTicks: 10, granularity: 'daily', tgeShare: 0, recipient: 'treasury' },
      ],
    },
  };
  return applyOverrides(governedTokenEconomy.defaults, over, 'test');
}

/** A failure a run may have with extreme parameters, that is not money appearing, vanishing or moving around the ledger. */
const HONEST_FAILURE = /price is|not finite|emission formula/;

describe('conservation over the full legal parameter ranges', () => {
  it('holds every tick for the governed token economy with every mechanism on (property, --check)', () => {
    fc.assert(
      fc.property(economy, (c) => {
        const params = tokenCase(c);
        governedTokenEconomy.schema.parse(params);
        const r = runOne(governedTokenEconomy, { runId: 0, variant: 'p', point: 0, replicate: 0, seed: c.seed, params } as never, { ticks: 25, every: 1, metrics: null, check: true });
        if (r.status === 'failed') expect(r.error).toMatch(HONEST_FAILURE);
      }),
      { numRuns: 40, seed: 42 },
    );
  });

  it('holds every tick for the launch economy (DePIN, vesting, burns, buybacks, governance) over its reward models and pool depths', () => {
    fc.assert(
      fc.property(
        fc.record({
          model: fc.constantFrom('fixedEmission' as const, 'utilisation' as const, 'burnAndMint' as const, 'hybrid' as const),
          feeBps: fc.integer({ min: 0, max: 10_000 }),
          tokenReserve: logUniform(1e-3, 1e12),
          usdReserve: logUniform(1e-3, 1e12),
          kind: fc.constantFrom('pow' as const, 'pos' as const, 'purePos' as const, 'hybrid' as const),
          cap: fc.option(logUniform(1, 1e7), { nil: null }),
          feeShare: share,
          seed: fc.integer({ min: 0, max: 2 ** 31 }),
        }),
        (c) => {
          const params = applyOverrides<LaunchEconomyParams>(launchEconomy.defaults, {
            amm: { feeBps: c.feeBps, tokenReserve: c.tokenReserve, usdReserve: c.usdReserve },
            depinRewards: { model: c.model, netEmissionCapPerYear: c.cap },
            consensus: { kind: c.kind },
            feeBurn: { feeShare: c.feeShare },
            nodeOperators: { candidates: 40, initialNodes: 10, collateralTokens: 10, slashShare: 0.1 },
            stakers: { count: 20 },
            traders: { count: 20 },
            voters: { count: 20 },
            governance: { proposalEveryTicks: 3, votingTicks: 2, quorum: 0, timelockTicks: 0 },
          }, 'test');
          launchEconomy.schema.parse(params);
          const r = runOne(launchEconomy, { runId: 0, variant: 'p', point: 0, replicate: 0, seed: c.seed, params } as never, { ticks: 25, every: 1, metrics: null, check: true });
          if (r.status === 'failed') expect(r.error).toMatch(HONEST_FAILURE);
        },
      ),
      { numRuns: 25, seed: 7 },
    );
  });
});

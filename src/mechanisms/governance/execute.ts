import type { World } from '../../core/world';
import type { Governance } from './governance';
import type { Proposal } from './proposal';

/**
 * Executes passed proposal `p` and returns null, or the reason it cannot be
 * executed (then nothing changes). Every token and USD stays on the ledger:
 *
 * - `param`: `world.changeParam(path, after)` (immer; validated against the
 *   schema again, since other changes may have landed in the timelock);
 * - `grant`: `amount` tokens move from the treasury to the recipient;
 * - `buyback`: min(amount, treasury USD) USD is swapped on the AMM; the
 *   tokens bought go to the treasury, or are burned when `buybackBurn`;
 * - `signal`: nothing.
 */
export function executeProposal(gov: Governance, world: World, p: Proposal): string | null {
  switch (p.kind) {
    case 'param': {
      if (!world.paramStore.wouldAccept(p.path!, p.after)) return `${p.path}=${p.after} is no longer accepted`;
      world.changeParam(p.path!, p.after, `proposal ${p.id}`);
      return null;
    }
    case 'grant': {
      if (gov.funds.tokens < p.amount) return `treasury holds ${gov.funds.tokens} tokens, grant needs ${p.amount}`;
      const { pop, i } = gov.locate(p.recipient);
      gov.routesOf(pop).grant.pay(i, p.amount);
      gov.stats.grantsTokens += p.amount;
      gov.stats.grantsThisTick += p.amount;
      return null;
    }
    case 'buyback': {
      const trade = gov.buyback;
      const usd = Math.min(p.amount, gov.funds.usd);
      if (!trade || !(usd > 0)) return 'treasury holds no USD to buy back with';
      (gov.params().buybackBurn ? trade.burn : trade.keep).buy(usd);
      gov.stats.buybackUsd += usd;
      gov.stats.buybackThisTick += usd;
      return null;
    }
    case 'signal':
      return null;
  }
}

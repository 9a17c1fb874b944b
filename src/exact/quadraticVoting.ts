import { isqrt } from './isqrt';
import { requireThat } from './revert';

/**
 * Quadratic voting with one voice-credit budget per voter across many
 * recipients, as Allo v2 `contracts/strategies/qv-simple/QVSimpleStrategy.sol`
 * (`_allocate`, `_hasVoiceCreditsLeft`) on `qv-base/QVBaseStrategy.sol`
 * (`_qv_allocate`, `_getPayout`, `_sqrt`):
 *
 *   votes to r   v_ir = ⌊√(C_ir · 10^18)⌋, C_ir the credits i has cast for r in all
 *   budget       Σ_r C_ir ≤ maxVoiceCreditsPerAllocator
 *   payout       ⌊pool · V_r / Σ V⌋,  V_r = Σ_i v_ir
 *
 * so casting v votes costs v² credits, the whole budget is shared by every
 * recipient (spreading it buys more votes in total, √k·√(B/k)·k = √(kB)
 * over k recipients), and votes carry 9 more decimals than credits.
 * Allocating in steps gives the same votes as at once: each step adds
 * ⌊√(C_new · 10^18)⌋ − v_old. Reverts are the contracts' custom errors:
 * `INVALID` (zero credits, or over the budget), `RECIPIENT_ERROR` (not an
 * accepted recipient).
 */
export class QuadraticVotingRound {
  /** Credits each voter has cast, in all. */
  readonly creditsUsed = new Map<string, bigint>();
  /** Votes received per recipient. */
  readonly votesReceived = new Map<string, bigint>();
  /** Σ votes over recipients (`totalRecipientVotes`). */
  totalRecipientVotes = 0n;
  private readonly cast = new Map<string, { credits: bigint; votes: bigint }>();

  constructor(readonly maxVoiceCreditsPerAllocator: bigint, recipients: readonly string[]) {
    for (const r of recipients) this.votesReceived.set(r, 0n);
  }

  /** Spends `credits` of `voter`'s budget on `recipient` and returns the votes it added. */
  allocate(voter: string, recipient: string, credits: bigint): bigint {
    // The contract's order of checks: accepted recipient, budget, then non-zero credits.
    const received = this.votesReceived.get(recipient);
    requireThat(received !== undefined, 'RECIPIENT_ERROR');
    const used = this.creditsUsed.get(voter) ?? 0n;
    requireThat(credits + used <= this.maxVoiceCreditsPerAllocator, 'INVALID');
    requireThat(credits > 0n, 'INVALID');
    const key = `${voter}\u0000${recipient}`;
    const prev = this.cast.get(key) ?? { credits: 0n, votes: 0n };
    const total = prev.credits + credits;
    const added = isqrt(total * 10n ** 18n) - prev.votes;
    this.creditsUsed.set(voter, used + credits);
    this.cast.set(key, { credits: total, votes: prev.votes + added });
    this.votesReceived.set(recipient, received + added);
    this.totalRecipientVotes += added;
    return added;
  }

  /** Returns `recipient`'s share of `poolAmount`, in the pool token's base units (`_getPayout`). */
  payout(recipient: string, poolAmount: bigint): bigint {
    const v = this.votesReceived.get(recipient) ?? 0n;
    return this.totalRecipientVotes === 0n ? 0n : (poolAmount * v) / this.totalRecipientVotes;
  }
}

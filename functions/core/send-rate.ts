/**
 * Pacing sends to the mail service's maximum rate. Pure: the caller passes the
 * time in and does the waiting, so the rules are testable without a clock.
 */

/**
 * A token bucket: `ratePerSecond` sends on average, at most `burst` at once.
 * Each send takes a token; a send that finds none is told how long to wait for
 * its turn. Turns are handed out in call order, so concurrent senders sharing
 * one bucket never exceed the rate together.
 */
export class SendRateLimiter {
  private tokens: number;
  private lastMs: number;
  private readonly burst: number;

  constructor(
    private readonly ratePerSecond: number,
    startMs: number,
    burst = Math.max(1, Math.floor(ratePerSecond)),
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError('the send rate must be above zero');
    this.burst = burst;
    this.tokens = burst;
    this.lastMs = startMs;
  }

  /** Reserves the next send at `nowMs`; returns how many milliseconds to wait before it. */
  reserve(nowMs: number): number {
    const elapsed = Math.max(0, nowMs - this.lastMs);
    this.lastMs = Math.max(this.lastMs, nowMs);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.ratePerSecond);
  }

  /**
   * The service said "too fast" (another sender shares the account's rate):
   * give up the saved burst, so the next sends queue at the steady rate.
   */
  drain(nowMs: number): void {
    this.reserve(nowMs);
    this.tokens = Math.min(this.tokens + 1, 0);
  }
}

/** How long to wait before retrying a throttled send: exponential, capped. */
export function throttleBackoffMs(attempt: number, baseMs = 200, capMs = 5_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * The share of the account's send rate the scheduled tick takes, leaving the
 * rest for confirmation and acknowledgement emails sent by other functions at
 * the same time.
 */
export const tickRateShare = 0.8;

/** The rate the tick sends at, from the account's maximum send rate. */
export function tickSendRate(accountMaxPerSecond: number): number {
  return Math.max(0.1, accountMaxPerSecond * tickRateShare);
}

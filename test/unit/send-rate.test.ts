import { describe, expect, it } from 'vitest';
import { pacedMailer } from '../../functions/app/paced-mailer.ts';
import type { OutgoingEmail } from '../../functions/core/compose.ts';
import { MailThrottledError } from '../../functions/core/errors.ts';
import {
  SendRateLimiter,
  throttleBackoffMs,
  tickSendRate,
} from '../../functions/core/send-rate.ts';
import type { Mailer } from '../../functions/ports/mail.ts';
import type { Timer } from '../../functions/ports/runtime.ts';

/**
 * Time that moves only when everyone waits: once pending work has settled, the
 * earliest sleeper wakes and the clock jumps to its time. The pacing is checked
 * without waiting for real.
 */
function virtualTimer(): Timer & { readonly now: number } {
  let now = 0;
  const sleepers: { at: number; wake: () => void }[] = [];
  let stepping = false;
  const step = () => {
    if (stepping) return;
    stepping = true;
    setImmediate(() => {
      stepping = false;
      sleepers.sort((a, b) => a.at - b.at);
      const next = sleepers.shift();
      if (!next) return;
      now = Math.max(now, next.at);
      next.wake();
      step();
    });
  };
  return {
    get now() {
      return now;
    },
    elapsedMs: () => now,
    sleep: (ms) =>
      new Promise<void>((wake) => {
        sleepers.push({ at: now + ms, wake });
        step();
      }),
  };
}

const email = (to: string): OutgoingEmail => ({
  to,
  from: 'coach@example.com',
  replyTo: 'reply@example.com',
  subject: 's',
  html: '<p>h</p>',
  text: 't',
  headers: [],
  tags: {},
});

/** The most sends within any window of `windowMs` starting at a send. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j < sorted.length && (sorted[j] as number) < (sorted[i] as number) + windowMs) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

describe('send rate limiter', () => {
  it('lets a burst through at once, then spaces sends at the rate', () => {
    const limiter = new SendRateLimiter(10, 0);
    const waits = Array.from({ length: 15 }, () => limiter.reserve(0));
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(waits.slice(10)).toEqual([100, 200, 300, 400, 500]);
  });

  it('refills with elapsed time, up to the burst', () => {
    const limiter = new SendRateLimiter(2, 0);
    expect([limiter.reserve(0), limiter.reserve(0), limiter.reserve(0)]).toEqual([0, 0, 500]);
    // Ten seconds idle earn two tokens (the burst), not twenty.
    expect([limiter.reserve(10_500), limiter.reserve(10_500), limiter.reserve(10_500)]).toEqual([
      0, 0, 500,
    ]);
  });

  it('paces below one email per second', () => {
    const limiter = new SendRateLimiter(0.5, 0);
    expect([limiter.reserve(0), limiter.reserve(0)]).toEqual([0, 2_000]);
  });

  it('after a throttle, queues the next send at the steady rate', () => {
    const limiter = new SendRateLimiter(10, 0);
    limiter.drain(0);
    expect(limiter.reserve(0)).toBe(100);
  });

  it('refuses a rate of zero', () => {
    expect(() => new SendRateLimiter(0, 0)).toThrow(RangeError);
  });

  it('backs off exponentially, capped', () => {
    expect([1, 2, 3, 4, 10].map((attempt) => throttleBackoffMs(attempt))).toEqual([
      200, 400, 800, 1_600, 5_000,
    ]);
  });

  it('leaves a share of the account rate to the other functions', () => {
    expect(tickSendRate(14)).toBeCloseTo(11.2);
    expect(tickSendRate(1)).toBeCloseTo(0.8);
  });
});

describe('paced mailer', () => {
  it('never exceeds the rate with many concurrent senders', async () => {
    const timer = virtualTimer();
    const times: number[] = [];
    const inner: Mailer = {
      send: async () => {
        times.push(timer.now);
        return { messageId: String(times.length) };
      },
    };
    const mailer = pacedMailer(inner, timer, { ratePerSecond: 5, maxAttempts: 1 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => mailer.send(email(`p${i}@x.test`))));
    expect(times).toHaveLength(40);
    // Burst of 5, then at most 5 per second in any one-second window.
    expect(busiestWindow(times, 1_000)).toBeLessThanOrEqual(5 + 5);
    expect(busiestWindow(times.slice(5), 1_000)).toBeLessThanOrEqual(5);
    expect(Math.max(...times)).toBe(7_000);
  });

  it('retries a throttled send after a back-off and gives up after the last try', async () => {
    const timer = virtualTimer();
    let calls = 0;
    const throttledTwice: Mailer = {
      send: async () => {
        calls++;
        if (calls <= 2) throw new MailThrottledError('TooManyRequestsException');
        return { messageId: 'm' };
      },
    };
    const mailer = pacedMailer(throttledTwice, timer, { ratePerSecond: 100, maxAttempts: 3 });
    await expect(mailer.send(email('a@x.test'))).resolves.toEqual({ messageId: 'm' });
    expect(calls).toBe(3);
    expect(timer.now).toBeGreaterThanOrEqual(200 + 400);

    const alwaysThrottled: Mailer = {
      send: async () => {
        throw new MailThrottledError('TooManyRequestsException');
      },
    };
    const giving = pacedMailer(alwaysThrottled, virtualTimer(), {
      ratePerSecond: 100,
      maxAttempts: 2,
    });
    await expect(giving.send(email('b@x.test'))).rejects.toBeInstanceOf(MailThrottledError);
  });

  it('does not retry other failures: the send may have gone out', async () => {
    let calls = 0;
    const failing: Mailer = {
      send: async () => {
        calls++;
        throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
      },
    };
    const mailer = pacedMailer(failing, virtualTimer(), { ratePerSecond: 100, maxAttempts: 3 });
    await expect(mailer.send(email('c@x.test'))).rejects.toThrow('socket hang up');
    expect(calls).toBe(1);
  });
});

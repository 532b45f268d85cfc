import { MailThrottledError } from '../core/errors.ts';
import { SendRateLimiter, throttleBackoffMs } from '../core/send-rate.ts';
import type { Mailer } from '../ports/mail.ts';
import type { Timer } from '../ports/runtime.ts';

/** How a paced mailer treats the mail service's rate. */
export interface PacingOptions {
  /** Emails per second, shared by everyone sending through this mailer. */
  ratePerSecond: number;
  /** Tries per email when the service throttles (1 = no retry here). */
  maxAttempts: number;
}

/**
 * Wraps a mailer so sends keep to a rate, and a throttled send is retried
 * after a back-off (a throttled send certainly did not go out). When the tries
 * run out the MailThrottledError goes to the caller, which leaves the send for
 * a later tick.
 */
export function pacedMailer(mailer: Mailer, timer: Timer, options: PacingOptions): Mailer {
  const limiter = new SendRateLimiter(options.ratePerSecond, timer.elapsedMs());
  return {
    async send(email, sendOptions) {
      for (let attempt = 1; ; attempt++) {
        const wait = limiter.reserve(timer.elapsedMs());
        if (wait > 0) await timer.sleep(wait);
        try {
          // The inner mailer confirms after the wait, so a change meanwhile still cancels.
          return await mailer.send(email, sendOptions);
        } catch (error) {
          if (!(error instanceof MailThrottledError) || attempt >= options.maxAttempts) throw error;
          limiter.drain(timer.elapsedMs());
          await timer.sleep(throttleBackoffMs(attempt));
        }
      }
    },
  };
}

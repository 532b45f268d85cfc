import type { OutgoingEmail } from '../core/compose.ts';
import { MailRetryLaterError } from '../core/errors.ts';
import type { Mailer, SendOptions } from '../ports/mail.ts';

/**
 * A mailer made on first use, once per process. The web function serves most
 * requests (the pages, the manage link) without sending anything, so its cold
 * start skips the SES client; the first request that sends loads it.
 */
export function lazyMailer(load: () => Promise<Required<Mailer>>): Required<Mailer> {
  let loading: Promise<Required<Mailer>> | undefined;
  const mailer = (): Promise<Required<Mailer>> => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      // Nothing was handed to the mail service, so sending later is safe.
      throw new MailRetryLaterError(
        `the mailer did not load: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    return loading;
  };
  return {
    send: async (email: OutgoingEmail, options?: SendOptions) =>
      (await mailer()).send(email, options),
    maxSendRate: async () => (await mailer()).maxSendRate(),
  };
}

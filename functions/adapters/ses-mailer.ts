import {
  GetAccountCommand,
  SESv2Client,
  type SESv2ClientConfig,
  SendEmailCommand,
  type SendEmailCommandInput,
} from '@aws-sdk/client-sesv2';
import type { OutgoingEmail } from '../core/compose.ts';
import {
  type MailError,
  MailOutcomeUnknownError,
  MailRejectedError,
  MailRetryLaterError,
  MailThrottledError,
  SendCancelledError,
} from '../core/errors.ts';
import type { Mailer, SendOptions } from '../ports/mail.ts';
import { sdkClientDefaults } from './sdk-clients.ts';

/**
 * An SES v2 client with our defaults; endpoint, region and credentials as the
 * SDK resolves them unless given. It lives with the SES adapter so that only
 * code which sends mail loads the SES client.
 */
export function sesClient(config: SESv2ClientConfig = {}): SESv2Client {
  return new SESv2Client({ ...sdkClientDefaults, ...config });
}

const throttleNames = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
]);

/** The SES v2 SendEmail request for an email: `Simple` content, so SES builds and signs the MIME. */
export function sendEmailInput(
  email: OutgoingEmail,
  configurationSet: string | undefined,
): SendEmailCommandInput {
  return {
    FromEmailAddress: email.from,
    Destination: { ToAddresses: [email.to] },
    ReplyToAddresses: [email.replyTo],
    ConfigurationSetName: configurationSet,
    EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value })),
    Content: {
      Simple: {
        Subject: { Data: email.subject, Charset: 'UTF-8' },
        Body: {
          Html: { Data: email.html, Charset: 'UTF-8' },
          Text: { Data: email.text, Charset: 'UTF-8' },
        },
        Headers: email.headers.map(({ name, value }) => ({ Name: name, Value: value })),
      },
    },
  };
}

/**
 * What an SDK error from SendEmail means for the send, in the port's terms:
 * throttled or answered with an error (the request certainly failed: retry
 * later), refused for good (MessageRejected), or no answer at all (a timeout,
 * a reset connection: it may have gone out).
 */
export function classifySendError(error: unknown): MailError {
  const name = (error as { name?: string } | null)?.name ?? '';
  const detail = error instanceof Error ? error.message : String(error);
  if (throttleNames.has(name)) return new MailThrottledError(name);
  if (name === 'MessageRejected') return new MailRejectedError(`MessageRejected: ${detail}`);
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata
    ?.httpStatusCode;
  if (typeof status === 'number') {
    return new MailRetryLaterError(`${name || 'Error'} (HTTP ${status}): ${detail}`);
  }
  return new MailOutcomeUnknownError(`${name || 'Error'}: ${detail}`);
}

/** Sends through SES v2 with `Simple` content, so SES builds and signs the MIME itself. */
export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESv2Client,
    private readonly configurationSet: string | undefined,
  ) {}

  async send(email: OutgoingEmail, options: SendOptions = {}): Promise<{ messageId: string }> {
    if (options.confirm && !(await options.confirm())) throw new SendCancelledError();
    let result: { MessageId?: string };
    try {
      result = await this.ses.send(
        new SendEmailCommand(sendEmailInput(email, this.configurationSet)),
      );
    } catch (error) {
      throw classifySendError(error);
    }
    // SES answered without an id: it may have taken the email all the same.
    if (!result.MessageId) throw new MailOutcomeUnknownError('SES returned no MessageId');
    return { messageId: result.MessageId };
  }

  async maxSendRate(): Promise<number> {
    const { SendQuota } = await this.ses.send(new GetAccountCommand({}));
    const rate = SendQuota?.MaxSendRate;
    if (typeof rate !== 'number' || !(rate > 0))
      throw new Error('SES GetAccount returned no maximum send rate');
    return rate;
  }
}

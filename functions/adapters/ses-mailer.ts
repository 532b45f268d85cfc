import {
  GetAccountCommand,
  type SESv2Client,
  SendEmailCommand,
  type SendEmailCommandInput,
} from '@aws-sdk/client-sesv2';
import {
  type Mailer,
  MailRejectedError,
  MailThrottledError,
  type OutgoingEmail,
  SendCancelledError,
  type SendOptions,
} from '../ports/ports.ts';

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

/** Sends through SES v2 with `Simple` content, so SES builds and signs the MIME itself. */
export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESv2Client,
    private readonly configurationSet: string | undefined,
  ) {}

  async send(email: OutgoingEmail, options: SendOptions = {}): Promise<{ messageId: string }> {
    if (options.confirm && !(await options.confirm())) throw new SendCancelledError();
    try {
      const result = await this.ses.send(
        new SendEmailCommand(sendEmailInput(email, this.configurationSet)),
      );
      if (!result.MessageId) throw new Error('SES returned no MessageId');
      return { messageId: result.MessageId };
    } catch (error) {
      const name = (error as { name?: string } | null)?.name ?? '';
      if (throttleNames.has(name)) throw new MailThrottledError(name);
      if (name === 'MessageRejected') {
        const detail = error instanceof Error ? error.message : '';
        throw new MailRejectedError(`MessageRejected: ${detail}`);
      }
      throw error;
    }
  }

  async maxSendRate(): Promise<number> {
    const { SendQuota } = await this.ses.send(new GetAccountCommand({}));
    const rate = SendQuota?.MaxSendRate;
    if (typeof rate !== 'number' || !(rate > 0))
      throw new Error('SES GetAccount returned no maximum send rate');
    return rate;
  }
}

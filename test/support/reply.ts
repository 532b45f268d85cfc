import nodemailer from 'nodemailer';
import type { LocalStack } from '../../local/stack.ts';
import type { StoredEmail } from './inbox.ts';

/** How a test reply looks on the wire. */
export interface ReplyOptions {
  from?: string;
  to?: string;
  subject?: string;
  headers?: Record<string, string>;
  messageId?: string;
  /** Quote the original below the reply, as mail clients do. */
  quote?: boolean;
  html?: string;
}

/**
 * Replies to an email the coach sent, through the local SMTP server, the way a
 * mail client would: to the Reply-To address, quoting the original.
 */
export async function replyTo(
  stack: LocalStack,
  original: StoredEmail,
  text: string,
  options: ReplyOptions = {},
) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: stack.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  const quoted = (original.body.text ?? '')
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  const body =
    options.quote === false
      ? text
      : `${text}\n\nOn Mon, 2 Mar 2026 at 09:00, Drip Coach <coach@drip-coach.test> wrote:\n${quoted}\n`;
  try {
    return await transport.sendMail({
      from: options.from ?? original.destination.to[0],
      to: options.to ?? original.replyTo[0],
      subject: options.subject ?? `Re: ${original.subject}`,
      text: body,
      ...(options.html ? { html: options.html } : {}),
      headers: { 'In-Reply-To': `<${original.messageId}@email.amazonses.com>`, ...options.headers },
      ...(options.messageId ? { messageId: options.messageId } : {}),
    });
  } finally {
    transport.close();
  }
}

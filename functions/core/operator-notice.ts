import type { OutgoingEmail, SenderSettings } from './compose.ts';
import { escapeHtml } from './render.ts';
import type { Subscriber } from './subscriber.ts';

/** What the operator needs to answer a subscriber's question. */
export interface QuestionNotice {
  subscriber: Pick<Subscriber, 'id' | 'email' | 'name' | 'courseId' | 'locale' | 'consent'>;
  /** The lesson the question came after, or null (a check-in, a follow-up). */
  step: number | null;
  /** The question sentences, as the reader found them. */
  question: string;
  /** The whole reply as read (quotes and signature removed): the subscriber's own words, untrusted. */
  text: string;
  /** The check-in it is logged as, to find it in the console. */
  checkInId: string;
}

/** Longest part of a question quoted to the operator; the rest is in the console. */
const quoteLimit = 2_000;

/**
 * The email that hands a subscriber's question to the operator: the coach
 * does not guess answers, a person reads it. Reply-To is the subscriber, so
 * answering is one click; the name shows only once confirmed (it is what the
 * form said otherwise).
 */
export function questionForOperator(
  notice: QuestionNotice,
  operatorEmail: string,
  settings: Pick<SenderSettings, 'fromAddress' | 'senderName'>,
): OutgoingEmail {
  const { subscriber, step, text, question } = notice;
  const who =
    subscriber.consent.confirmedAt && subscriber.name
      ? `${subscriber.name} <${subscriber.email}>`
      : subscriber.email;
  const where = step === null ? 'a check-in or follow-up' : `lesson ${step}`;
  const quoted = text.length > quoteLimit ? `${text.slice(0, quoteLimit)}…` : text;
  const lines = [
    `${who} asked a question in a reply to ${where} of the course "${subscriber.courseId}".`,
    'They were told a person will read it and answer by email. Reply to this email to answer them directly.',
    '',
    `The question: ${question}`,
    '',
    '--- their whole reply ---',
    quoted,
    '--- end ---',
    '',
    `Locale: ${subscriber.locale}. Check-in: ${notice.checkInId}.`,
    `Their whole timeline: coach subscriber ${subscriber.email}`,
  ];
  const html = lines
    .map((line) => (line === '' ? '<br>' : `<p style="margin:0 0 8px">${escapeHtml(line)}</p>`))
    .join('\n');
  return {
    to: operatorEmail,
    from: `${settings.senderName} <${settings.fromAddress}>`,
    replyTo: subscriber.email,
    // Single line, no subscriber text: a header must not carry what they wrote.
    subject: `Question from a subscriber (${where})`,
    html: `<!doctype html><html><body style="font-family:sans-serif">${html}</body></html>`,
    text: lines.join('\n'),
    headers: [
      { name: 'X-Coach-Course', value: subscriber.courseId },
      { name: 'X-Coach-Email', value: 'operator-question' },
    ],
    tags: { course: subscriber.courseId, email: 'operator-question' },
  };
}

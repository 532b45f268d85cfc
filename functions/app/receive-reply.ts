import { createHash } from 'node:crypto';
import { detectAutoReply, findReturnDate } from '../core/auto-reply.ts';
import { eventBase } from '../core/course-events.ts';
import { CoachError } from '../core/errors.ts';
import { type InboundNotice, replyToken, stepOfToken } from '../core/inbound.ts';
import { type QuestionNotice, questionForOperator } from '../core/operator-notice.ts';
import { pace } from '../core/pacing/index.ts';
import { understandReply } from '../core/reading/index.ts';
import type { InboundLogEntry } from '../core/records.ts';
import { extractReplyText } from '../core/reply-text.ts';
import { normalizeEmail, type Subscriber } from '../core/subscriber.ts';
import { verifyToken } from '../core/tokens.ts';
import type { InboundMail, MailParser, RawMailStore } from '../ports/raw-mail.ts';
import { changeSubscriber } from './change-subscriber.ts';
import { type CoachDeps, pacingContext, recordEvents } from './deps.ts';
import { type SentEmail, sendNow } from './run-due.ts';

/** What reading replies needs beyond the coach's usual dependencies. */
export interface ReplyDeps extends CoachDeps {
  rawMail: RawMailStore;
  parseMail: MailParser;
  /** Key prefix of raw messages in the raw mail store (the SES S3 action's prefix). */
  rawPrefix: string;
  maxRawBytes: number;
}

/** Longest check-in text kept. */
export const checkInLimit = 4_000;

/** Keep dedupe records long enough to outlive any redelivery. */
const dedupeDays = 30;

type Outcome = InboundLogEntry['outcome'];

/**
 * Reads one inbound message: finds the subscriber from the envelope's reply
 * token, checks the sender and the verdicts, drops duplicates and automatic
 * mail, logs the reply as a check-in and lets it change the pacing.
 */
export async function receiveReply(
  deps: ReplyDeps,
  notice: InboundNotice,
): Promise<{ outcome: Outcome; reason: string; sent: SentEmail[] }> {
  const now = deps.clock.now();
  const rawKey = `${deps.rawPrefix}${notice.messageId}`;
  // Whose reply it is, once known: the events count it under their course.
  let known: Subscriber | null = null;
  const log = async (
    outcome: Outcome,
    reason: string,
    subscriberId: string | null,
    id = notice.messageId,
    kept: string | null = rawKey,
    step: number | null = null,
  ) => {
    await deps.inbound.add({
      id,
      at: notice.receivedAt,
      subscriberId,
      outcome,
      reason,
      rawKey: kept,
    });
    deps.log.info('inbound message', {
      messageId: notice.messageId,
      outcome,
      reason,
      subscriberId,
    });
    await recordEvents(deps, [{ ...eventBase(known, now), type: 'reply', outcome, step }]);
    return { outcome, reason, sent: [] as SentEmail[] };
  };

  // A rejected message is nobody's check-in: its raw copy goes at once, so
  // nothing outlives an erasure (a reply to an erased subscriber's old email)
  // and no stranger's mail is kept. The log keeps the reason, not the text.
  const reject = async (reason: string) => {
    await deps.rawMail.delete(rawKey);
    return log('rejected', reason, null, notice.messageId, null);
  };

  const token = replyToken(notice.recipients, deps.settings.replyDomain);
  if (!token) return reject('no reply address of ours among the recipients');
  let claims: ReturnType<typeof verifyToken>;
  try {
    claims = verifyToken(deps.settings.keys, 'reply', token, now);
  } catch (error) {
    if (error instanceof CoachError) return reject(`reply token: ${error.message}`);
    throw error;
  }
  if (notice.spam === 'FAIL') return reject('SES marked it as spam');
  if (notice.virus === 'FAIL') return reject('SES found a virus');

  const raw = await deps.rawMail.get(rawKey, deps.maxRawBytes + 1);
  if (!raw) return reject('raw message not found');
  if (raw.length > deps.maxRawBytes) return reject(`message over ${deps.maxRawBytes} bytes`);
  let mail: InboundMail;
  try {
    mail = await deps.parseMail(raw);
  } catch (error) {
    return reject(error instanceof Error ? error.message : 'unreadable message');
  }

  const subscriber = await deps.subscribers.get(claims.subscriberId);
  if (!subscriber) return reject('the reply token names no subscriber');
  known = subscriber;
  if (!mail.from || normalizeEmail(mail.from) !== subscriber.email) {
    return reject('From does not match the subscriber');
  }

  // The same message delivered twice (SES retries, a client resending) counts once.
  const id = createHash('sha256')
    .update(mail.messageIdHeader ?? raw)
    .digest('hex')
    .slice(0, 24);
  const dedupeKey = `${subscriber.id}:${id}`;
  if (
    !(await deps.once.claim(
      'inbound',
      dedupeKey,
      new Date(now.getTime() + dedupeDays * 86_400_000),
    ))
  ) {
    return log('duplicate', 'already received', subscriber.id, id);
  }
  try {
    return await apply(deps, subscriber, mail, claims.data, id, rawKey, notice, log);
  } catch (error) {
    // Let a retry of this delivery handle the message again.
    await deps.once.release('inbound', dedupeKey).catch(() => {});
    throw error;
  }
}

async function apply(
  deps: ReplyDeps,
  subscriber: Subscriber,
  mail: InboundMail,
  tokenData: string,
  id: string,
  rawKey: string,
  notice: InboundNotice,
  log: (
    outcome: Outcome,
    reason: string,
    subscriberId: string | null,
    id?: string,
    kept?: string | null,
    step?: number | null,
  ) => Promise<{ outcome: Outcome; reason: string; sent: SentEmail[] }>,
) {
  const now = deps.clock.now();
  const ctx = pacingContext(deps, subscriber.courseId);
  const text = extractReplyText({ text: mail.text, html: mail.html }).slice(0, checkInLimit);
  const automatic = detectAutoReply({
    headers: mail.headers,
    subject: mail.subject,
    from: mail.from ?? '',
    contentType: mail.contentType,
  });
  if (automatic) {
    const returnDate = findReturnDate(text, now, subscriber.timezone, subscriber.locale);
    await changeSubscriber(deps, subscriber.id, (state) =>
      state ? pace(state, { type: 'auto-reply', returnDate }, now, ctx) : null,
    );
    return log(
      'auto-reply',
      returnDate ? `${automatic}; back on ${returnDate}` : automatic,
      subscriber.id,
      id,
    );
  }
  const step = stepOfToken(tokenData) ?? subscriber.awaiting?.step ?? null;
  const understood = understandReply(text, {
    step,
    now,
    timezone: subscriber.timezone,
    locale: subscriber.locale,
  });
  await deps.checkIns.add({
    subscriberId: subscriber.id,
    id,
    at: notice.receivedAt,
    step,
    text,
    understood: { ...understood },
    rawKey,
  });
  if (understood.question && !understood.command) {
    await forwardQuestion(deps, subscriber, {
      step,
      question: understood.question,
      text,
      checkInId: id,
    });
  }
  const result = await changeSubscriber(deps, subscriber.id, (state) =>
    state ? pace(state, { type: 'reply', step, facts: understood }, now, ctx) : null,
  );
  if (understood.command) {
    const base = eventBase(result.subscriber ?? subscriber, now);
    await recordEvents(deps, [{ ...base, type: 'command', command: understood.command }]);
  }
  // Acknowledgements and confirmations are due now: send them without waiting for the tick.
  const sent = result.subscriber ? await sendNow(deps, result.subscriber, result.emails) : [];
  const logged = await log(
    'check-in',
    understood.command ? `command: ${understood.command}` : `step ${step ?? '-'}`,
    subscriber.id,
    id,
    rawKey,
    step,
  );
  return { ...logged, sent };
}

/**
 * Hands a question to the operator before the reply changes anything, so the
 * subscriber is told "a person will read it" only once it is on its way. A
 * redelivery after a failure further on does not send it twice.
 */
async function forwardQuestion(
  deps: ReplyDeps,
  subscriber: Subscriber,
  notice: Omit<QuestionNotice, 'subscriber'>,
): Promise<void> {
  const key = `${subscriber.id}:${notice.checkInId}`;
  const keepUntil = new Date(deps.clock.now().getTime() + dedupeDays * 86_400_000);
  if (!(await deps.once.claim('operator-question', key, keepUntil))) return;
  try {
    const email = questionForOperator({ subscriber, ...notice }, deps.operatorEmail, deps.settings);
    await deps.mailer.send(email);
    deps.log.info('question forwarded to the operator', {
      subscriberId: subscriber.id,
      checkInId: notice.checkInId,
    });
  } catch (error) {
    await deps.once.release('operator-question', key).catch(() => {});
    throw error;
  }
}

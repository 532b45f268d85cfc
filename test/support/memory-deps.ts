import { MemoryEventSink } from '../../functions/adapters/course-event-sinks.ts';
import { memoryStores } from '../../functions/adapters/memory-stores.ts';
import type { CoachDeps } from '../../functions/app/deps.ts';
import { noHolidays } from '../../functions/core/calendar.ts';
import type { OutgoingEmail } from '../../functions/core/compose.ts';
import { SendCancelledError } from '../../functions/core/errors.ts';
import type { SigningKey } from '../../functions/core/tokens.ts';
import { compiledCourses } from '../../functions/generated/templates.ts';
import type { Mailer, SendOptions, SentMailRecord } from '../../functions/ports/mail.ts';
import type { RawMailStore } from '../../functions/ports/raw-mail.ts';
import type { Clock, Timer } from '../../functions/ports/runtime.ts';

/** Signing keys for use-case tests; they sign links to nowhere. */
export const memoryKeys: SigningKey[] = [{ id: 'k1', secret: 'u'.repeat(64) }];

/** A clock a test moves by hand. */
export class ManualClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
  set(at: Date): void {
    this.at = new Date(at);
  }
}

/** An email the recording mailer took, with the id it answered. */
export interface SentMail extends OutgoingEmail {
  messageId: string;
}

/**
 * A mail service that keeps what it is given, as the SES emulator's store
 * does, and is also SES's record of sends (matched by `X-Coach-Send`). A test
 * queues failures with `failNext` (thrown instead of sending) or
 * `loseAnswerNext` (sent, then no answer).
 */
export class RecordingMailer implements Mailer, SentMailRecord {
  readonly sent: SentMail[] = [];
  private readonly plans: (Error | 'lose-answer')[] = [];

  failNext(error: Error): void {
    this.plans.push(error);
  }

  loseAnswerNext(error: Error): void {
    this.plans.push('lose-answer', error);
  }

  async send(email: OutgoingEmail, options: SendOptions = {}): Promise<{ messageId: string }> {
    if (options.confirm && !(await options.confirm())) throw new SendCancelledError();
    const plan = this.plans.shift();
    if (plan instanceof Error) throw plan;
    const messageId = `mem-${this.sent.length + 1}`;
    this.sent.push({ ...email, messageId });
    if (plan === 'lose-answer') throw this.plans.shift() as Error;
    return { messageId };
  }

  async find(ref: string): Promise<string | null> {
    return this.sent.find((m) => header(m, 'X-Coach-Send') === ref)?.messageId ?? null;
  }

  /** What went to `to`, by `X-Coach-Email`. */
  to(address: string): string[] {
    return this.sent.filter((m) => m.to === address).map((m) => header(m, 'X-Coach-Email') ?? '');
  }
}

/** A header of an email, by name. */
export function header(email: OutgoingEmail, name: string): string | undefined {
  return email.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

/** Raw inbound messages in memory, as the S3 bucket would keep them. */
export class MemoryRawMail implements RawMailStore {
  readonly objects = new Map<string, Buffer>();
  async get(key: string, maxBytes: number): Promise<Buffer | null> {
    return this.objects.get(key)?.subarray(0, maxBytes) ?? null;
  }
  async delete(key: string): Promise<void> {
    this.objects.delete(key);
  }
}

/** Real elapsed time is not what use-case tests are about: sleeps return at once. */
const instantTimer: Timer = { elapsedMs: () => 0, sleep: async () => {} };

/**
 * The coach's dependencies on memory stores, a recording mailer and a manual
 * clock, for use-case tests that run in milliseconds. The same use cases run
 * on dynalite and the SES emulator in test/integration.
 */
export function memoryDeps(start = new Date('2026-03-02T10:00:00Z')) {
  const stores = memoryStores();
  const mailer = new RecordingMailer();
  const clock = new ManualClock(start);
  let ids = 0;
  const warnings: string[] = [];
  const events = new MemoryEventSink();
  const deps: CoachDeps = {
    ...stores,
    events,
    holidays: noHolidays,
    mailer,
    sentMail: mailer,
    clock,
    timer: instantTimer,
    ids: {
      subscriberId: () =>
        `mem${String(++ids)
          .padStart(13, 'a')
          .replace(/\d/g, (d) => 'bcdefghijk'[Number(d)]!)}`,
      nonce: () => `n${String(++ids).replace(/\d/g, (d) => 'bcdefghijk'[Number(d)]!)}`,
    },
    log: { info() {}, error() {}, warn: (message) => warnings.push(message) },
    courses: compiledCourses,
    settings: {
      baseUrl: 'https://coach.example.com',
      replyDomain: 'reply.example.com',
      fromAddress: 'coach@example.com',
      senderName: 'Drip Coach',
      postalAddress: '1 Example Street, Springfield',
      keys: memoryKeys,
    },
    operatorEmail: 'operator@example.com',
    defaultCourse: 'relationships',
    defaultTimezone: 'UTC',
    defaultLocale: 'en-US',
    answerFloorMs: 0,
  };
  return { deps, stores, mailer, clock, warnings, events: events.events };
}

import { ValidationError } from './errors.ts';
import { defaultLocale, maxLocaleLength, normalizeLocale } from './locale.ts';
import { isValidTimeZone } from './send-window.ts';

/**
 * Where a subscriber stands. `paused` keeps the course for later; `graduated` ends the
 * course by choice; `suppressed` is a permanent bounce or a complaint: never mail again.
 */
export type SubscriberStatus =
  | 'pending'
  | 'active'
  | 'paused'
  | 'unsubscribed'
  | 'graduated'
  | 'suppressed';

/** How fast the course moves: scales the gaps between emails. */
export type Pace = 'gentle' | 'normal' | 'intense';
export const paces: readonly Pace[] = ['gentle', 'normal', 'intense'];

/** What kind of email an agenda item sends. */
export type AgendaKind = 'lesson' | 'nudge' | 'follow-up' | 'check-in' | 'note';

/** One scheduled email. The earliest due item is the subscriber's one next thing. */
export interface AgendaItem {
  kind: AgendaKind;
  /** The email's id as in `X-Coach-Email`, e.g. `lesson-2`, `nudge-2`, `follow-up`. */
  emailId: string;
  /** The course email (template) it renders. */
  template: string;
  /** ISO instant it is due. */
  dueAt: string;
  /** Unique per subscriber and send; the ledger claims it so it goes out at most once. */
  sendKey: string;
  /** The course step a reply to this email answers, if any. */
  step: number | null;
  /** Values for the template's dynamic placeholders (escaped when rendered). */
  vars: Record<string, string>;
}

/** Someone on the subscriber's people list. */
export interface Person {
  name: string;
  met: boolean;
  addedAt: string;
  lastContactAt: string | null;
}

/** Meetings logged from one reply. */
export interface Meeting {
  at: string;
  names: string[];
}

/**
 * Something the person said they will do (a coffee booked, an event they will
 * go to): never a meeting until they say it happened.
 */
export interface PlannedMeeting {
  /** Who they will meet, as written. */
  names: string[];
  /** The event, when it is one. */
  event: string | null;
  /** The local date (YYYY-MM-DD), when they gave one. */
  date: string | null;
  /** When they told us. */
  at: string;
}

/** The lesson we last sent and whether its reply came. */
export interface Awaiting {
  step: number;
  sentAt: string;
  replied: boolean;
}

/** Consent trail: when and how the subscriber signed up, confirmed and left. */
export interface Consent {
  signedUpAt: string;
  source: SignupSource;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  /**
   * For an imported list with consent evidence (`coach import`): where that
   * consent was given, as the operator's file said; `signedUpAt` is when.
   */
  origin?: string;
  /** Earlier consents, oldest first, kept when the subscriber starts again (audit trail). */
  history?: PastConsent[];
}

/** A consent that a later restart replaced. */
export type PastConsent = Omit<Consent, 'history'>;

/**
 * One signup waiting for its confirmation: the single-use nonce bound into the
 * link it mailed, and what the form said, applied only once that link is used.
 */
export interface SignupRequest {
  nonce: string;
  at: string;
  source: SignupSource;
  name: string | null;
  timezone: string;
  /** Absent on requests stored before locales existed: the subscriber's own stays. */
  locale?: string;
}

/** A subscriber profile, as the core reasons about it. */
export interface Subscriber {
  id: string;
  email: string;
  name: string | null;
  timezone: string;
  /**
   * BCP 47 tag (normalized, see core/locale.ts) that decides how dates and
   * times are written in emails and pages: `en-GB`, `de-DE`, `pt-BR`...
   */
  locale: string;
  /** Local hour (0-23) emails go out at. */
  sendHour: number;
  skipWeekends: boolean;
  pace: Pace;
  courseId: string;
  status: SubscriberStatus;
  createdAt: string;
  consent: Consent;
  /**
   * Signups whose confirmation emails are still open, oldest first. What a
   * signup said takes effect only when its own emailed link is used.
   */
  signupRequests: SignupRequest[];
  /** Recent confirmation sends (ISO), for throttling repeated signups. */
  confirmSends: string[];
  /** Recent fresh-manage-link sends (ISO), throttled like confirmations. */
  manageLinkSends: string[];
  /** Counts course starts, so a resubscribe gets fresh send keys. */
  run: number;
  /** Counter for send keys of emails that can repeat (follow-ups, notes, check-ins). */
  seq: number;
  /** Index into the course sequence of the next course email. */
  position: number;
  agenda: AgendaItem[];
  /** A paused course resumes by itself at this instant, when set. */
  pausedUntil: string | null;
  awaiting: Awaiting | null;
  /** Lessons in a row that got no reply; slows the pace. */
  silentStreak: number;
  /** Check-ins in a row without a reply, in the repeat phase. */
  quietCheckIns: number;
  lastLessonAt: string | null;
  lastReplyAt: string | null;
  /** What the subscriber told us (untrusted text, length-capped). */
  why: string | null;
  offer: string | null;
  people: Person[];
  meetings: Meeting[];
  /** What they said they will do (coffees booked, events): plans, not meetings. */
  plans: PlannedMeeting[];
  /** When the last course email went (lessons, nudges, follow-ups, check-ins, answers): one a day. */
  lastCourseEmailAt: string | null;
  /** A discouraged reply holds the next lesson until they write again (or a week passes). */
  heldForReply: boolean;
  /** What replies said while the course was paused, acknowledged when it resumes. */
  heardWhilePaused: string[];
  /** Follow-ups asked or cancelled (date and who or what), so none is asked twice. */
  followUpsDone: string[];
  /** When the current course run started (confirmation, or a follow-on course begun). */
  courseStartedAt: string | null;
  /** Courses whose sequence this subscriber finished, oldest first. */
  coursesDone: string[];
  softBounces: number;
  /** Why sending stopped for good (bounce, complaint), or null. */
  suppressedReason: string | null;
  /** Optimistic-concurrency version, bumped on every save. */
  version: number;
}

type LaterFields =
  | 'skipWeekends'
  | 'pace'
  | 'seq'
  | 'agenda'
  | 'pausedUntil'
  | 'awaiting'
  | 'silentStreak'
  | 'quietCheckIns'
  | 'lastLessonAt'
  | 'lastReplyAt'
  | 'why'
  | 'offer'
  | 'people'
  | 'meetings'
  | 'softBounces'
  | 'suppressedReason'
  | 'manageLinkSends'
  | 'signupRequests'
  | 'locale'
  | 'plans'
  | 'lastCourseEmailAt'
  | 'heldForReply'
  | 'heardWhilePaused'
  | 'followUpsDone'
  | 'courseStartedAt'
  | 'coursesDone';

/**
 * Fresh defaults for the course-progress fields (also fills records stored
 * before they existed). `locale` is the deployment's default locale
 * (`DEFAULT_LOCALE`), for records stored before locales existed.
 */
export function subscriberDefaults(locale = defaultLocale): Pick<Subscriber, LaterFields> {
  return {
    skipWeekends: false,
    pace: 'normal',
    seq: 0,
    agenda: [],
    pausedUntil: null,
    awaiting: null,
    silentStreak: 0,
    quietCheckIns: 0,
    lastLessonAt: null,
    lastReplyAt: null,
    why: null,
    offer: null,
    people: [],
    meetings: [],
    softBounces: 0,
    suppressedReason: null,
    manageLinkSends: [],
    signupRequests: [],
    locale,
    plans: [],
    lastCourseEmailAt: null,
    heldForReply: false,
    heardWhilePaused: [],
    followUpsDone: [],
    courseStartedAt: null,
    coursesDone: [],
  };
}

/** The earliest agenda item, the subscriber's "next thing", whatever the status. */
export function nextItem(subscriber: Pick<Subscriber, 'agenda'>): AgendaItem | null {
  let first: AgendaItem | null = null;
  for (const item of subscriber.agenda) {
    if (!first || item.dueAt < first.dueAt) first = item;
  }
  return first;
}

/**
 * When the scheduler must next look at this subscriber, or null for never:
 * what the sparse due index holds. Paused subscribers are due for their notes
 * and for resuming; unsubscribed and suppressed ones never are.
 */
export function dueAt(subscriber: Subscriber): string | null {
  const { status, agenda, pausedUntil } = subscriber;
  if (status === 'active') return nextItem(subscriber)?.dueAt ?? null;
  if (status !== 'paused' && status !== 'graduated') return null;
  const times = agenda.filter((item) => item.kind === 'note').map((item) => item.dueAt);
  if (status === 'paused' && pausedUntil) times.push(pausedUntil);
  return times.sort()[0] ?? null;
}

/**
 * How a subscription started: the signup form, its JSON API, a resubscribe
 * from a signed manage link, or the operator's import of a list (`coach import`).
 */
export type SignupSource = 'form' | 'json' | 'manage-link' | 'import';

/** A validated signup request. */
export interface SignupInput {
  email: string;
  name: string | null;
  timezone: string;
  /** Normalized BCP 47 tag; {@link parseSignup} always sets it, absent means the default locale. */
  locale?: string;
}

export const limits = { email: 254, name: 80, timezone: 64, locale: maxLocaleLength } as const;

// Pragmatic address check: one @, a dotted domain, no spaces or angle brackets or quotes.
const emailPattern =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/** Lowercases and trims an address; the whole address is compared case-insensitively. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Reads and validates the `email` field of a form or JSON body, normalized.
 * Throws ValidationError naming `email`.
 */
export function parseEmailField(raw: Record<string, unknown>): string {
  const email = normalizeEmail(field(raw, 'email') ?? '');
  if (!email) throw new ValidationError('email', 'is required');
  if (email.length > limits.email) {
    throw new ValidationError('email', `must be at most ${limits.email} characters`);
  }
  const local = email.split('@')[0] ?? '';
  if (!emailPattern.test(email) || local.length > 64 || /\.\.|^\.|\.@/.test(email)) {
    throw new ValidationError('email', 'is not a valid email address');
  }
  return email;
}

function field(raw: Record<string, unknown>, name: string): string | undefined {
  const value = raw[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ValidationError(name, 'must be text');
  return value;
}

/**
 * Reads a `locale` field: a language tag `Intl` knows, normalized (`en-gb`
 * becomes `en-GB`), or undefined when the field is absent or empty. Throws
 * ValidationError naming `locale` otherwise.
 */
export function parseLocaleField(raw: Record<string, unknown>): string | undefined {
  const given = (field(raw, 'locale') ?? '').trim();
  if (!given) return undefined;
  const locale = normalizeLocale(given);
  if (!locale) {
    throw new ValidationError('locale', 'must be a language tag like en-GB, de-DE or pt-BR');
  }
  return locale;
}

/**
 * Validates a signup form or JSON body. Unknown time zones and locales and
 * over-long fields are rejected by name; a missing time zone or locale falls
 * back to the default.
 */
export function parseSignup(
  raw: Record<string, unknown>,
  defaultTimezone: string,
  fallbackLocale: string = defaultLocale,
): SignupInput {
  const email = parseEmailField(raw);
  const name = (field(raw, 'name') ?? '').trim().replace(/\s+/g, ' ');
  if (name.length > limits.name) {
    throw new ValidationError('name', `must be at most ${limits.name} characters`);
  }
  if (/[\p{Cc}\p{Cf}]/u.test(name)) throw new ValidationError('name', 'has control characters');
  const timezone = (field(raw, 'timezone') ?? '').trim() || defaultTimezone;
  if (timezone.length > limits.timezone || !isValidTimeZone(timezone)) {
    throw new ValidationError('timezone', 'is not a known IANA time zone');
  }
  const locale = parseLocaleField(raw) ?? fallbackLocale;
  return { email, name: name || null, timezone, locale };
}

/** The consent history after `consent` is replaced by a new one: earlier entries, then it. */
export function pastConsents(consent: Consent): PastConsent[] {
  const { history = [], ...current } = consent;
  return [...history, current];
}

/** The name used in greetings: the first word of the name, or a neutral fallback. */
export function firstName(subscriber: Pick<Subscriber, 'name'>): string {
  return subscriber.name?.split(' ')[0] || 'there';
}

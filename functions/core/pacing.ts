import type { CompiledCourse } from './course.ts';
import {
  clip,
  listNames,
  localDay,
  paceText,
  peopleQuote,
  tallyText,
  whyQuote,
} from './pacing-text.ts';
import type { ReplyCommand } from './reading/index.ts';
import {
  addLocalDays,
  defaultSendWindow,
  fromLocal,
  inSendWindow,
  nextSendAt,
  type SendWindow,
  toLocal,
} from './send-window.ts';
import {
  type AgendaItem,
  type AgendaKind,
  type Pace,
  paces,
  type Subscriber,
  subscriberDefaults,
} from './subscriber.ts';

export type { ReplyCommand };

/** What the reply reader understood, as far as pacing cares. */
export interface ReplyFacts {
  command: ReplyCommand | null;
  /** Local date (YYYY-MM-DD) to resume on, for "busy until" and "pause until". */
  until: string | null;
  /** Future dates mentioned, local YYYY-MM-DD, with the words that named them. */
  dates: { text: string; date: string }[];
  why: string | null;
  offer: string | null;
  people: string[];
  event: { name: string; date: string | null } | null;
  met: string[];
}

/** Reply facts with nothing understood but what `partial` says. */
export function replyFacts(partial: Partial<ReplyFacts> = {}): ReplyFacts {
  return {
    command: null,
    until: null,
    dates: [],
    why: null,
    offer: null,
    people: [],
    event: null,
    met: [],
    ...partial,
  };
}

/** What can happen to a subscriber's course. */
export type PacingEvent =
  | { type: 'confirmed' }
  /** The scheduler found something due. */
  | { type: 'due' }
  | { type: 'unsubscribed' }
  /** A reply, read; `step` is the course step the replied-to email asked about. */
  | { type: 'reply'; step: number | null; facts: ReplyFacts }
  /** An out-of-office or other automatic answer; never a check-in. */
  | { type: 'auto-reply'; returnDate: string | null }
  /** What SES reported about mail to the subscriber. */
  | {
      type: 'mail-event';
      kind: 'permanent-bounce' | 'transient-bounce' | 'complaint' | 'delivery' | 'other';
    }
  /** The subscriber changed settings on the manage page. */
  | {
      type: 'preferences';
      pace?: Pace;
      sendHour?: number;
      timezone?: string;
      skipWeekends?: boolean;
      /** How dates and times are written; changes no timing. */
      locale?: string;
    }
  | { type: 'pause'; until: string | null }
  | { type: 'resume' };

/** An email the pacing decided to send now. */
export interface PlannedEmail {
  emailId: string;
  template: string;
  sendKey: string;
  step: number | null;
  vars: Record<string, string>;
}

/** The pacing's answer: the new state and what to send now. */
export interface PacingResult {
  state: Subscriber;
  emails: PlannedEmail[];
}

/** Course facts the pacing needs, kept apart from content. */
export interface PacingContext {
  course: Pick<CompiledCourse, 'sequence'>;
  window?: SendWindow;
}

/** The default local send hour when a subscriber has not chosen one. */
export const defaultSendHour = 9;

/** Tunables of the adaptive pacing, in one place. */
export const pacingRules = {
  /** A nudge follows an unanswered lesson after this many days (if the next lesson is later). */
  nudgeAfterDays: 2,
  /** A reply to the current step brings the next lesson to the next send hour after this gap. */
  replyGapDays: 1,
  /** "not yet" gives this many more days. */
  notYetDays: 2,
  /** Check-ins in the repeat phase: 2-3 a month. */
  checkInDays: { gentle: 15, normal: 12, intense: 10 } as Record<Pace, number>,
  /** Unanswered check-ins before the course pauses with a "still want these?" email. */
  quietCheckInsBeforePause: 3,
  /** Transient bounces in a row before sending pauses. */
  softBouncesBeforePause: 3,
  /** Follow-ups waiting at once. */
  maxFollowUps: 3,
  maxPeople: 20,
  maxMeetings: 200,
  paceFactor: { gentle: 1.5, normal: 1, intense: 0.5 } as Record<Pace, number>,
} as const;

type Draft = Subscriber;

function key(state: Draft, name: string): string {
  return `r${state.run}-${name}`;
}

/** A unique send key for emails that may repeat (notes, follow-ups, check-ins). */
function uniqueKey(state: Draft, name: string): [Draft, string] {
  const seq = state.seq + 1;
  return [{ ...state, seq }, key(state, `${name}-${seq}`)];
}

/** The next send slot at or after `after`, `minDays` local days on, honouring skip-weekends. */
function slot(state: Draft, after: Date, minDays = 0): Date {
  let at = nextSendAt(after, state.timezone, state.sendHour, minDays);
  for (let i = 0; state.skipWeekends && i < 3; i++) {
    const { weekday } = toLocal(at, state.timezone);
    if (weekday !== 0 && weekday !== 6) break;
    at = nextSendAt(at, state.timezone, state.sendHour, 1);
  }
  return at;
}

/** Now, if inside the window (and not a skipped weekend day), else the next send slot. */
function soonest(state: Draft, now: Date, window: SendWindow): Date {
  const weekday = toLocal(now, state.timezone).weekday;
  const weekend = state.skipWeekends && (weekday === 0 || weekday === 6);
  return inSendWindow(now, state.timezone, window) && !weekend ? now : slot(state, now);
}

/** The instant a local date starts being "on": its send hour. */
function dateSlot(state: Draft, date: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return fromLocal({ year, month, day, hour: state.sendHour, minute: 0 }, state.timezone);
}

function gapDays(state: Draft, position: number, ctx: PacingContext): number {
  const base = ctx.course.sequence[position]?.gapDays ?? 0;
  if (base === 0) return 0;
  const silence = 1 + 0.5 * Math.min(state.silentStreak, 2);
  return Math.max(1, Math.round(base * pacingRules.paceFactor[state.pace] * silence));
}

function item(
  kind: AgendaKind,
  emailId: string,
  template: string,
  dueAt: Date,
  sendKey: string,
  step: number | null,
  vars: Record<string, string> = {},
): AgendaItem {
  return { kind, emailId, template, dueAt: dueAt.toISOString(), sendKey, step, vars };
}

function without(state: Draft, drop: (item: AgendaItem) => boolean): Draft {
  return { ...state, agenda: state.agenda.filter((i) => !drop(i)) };
}

function add(state: Draft, ...items: AgendaItem[]): Draft {
  return { ...state, agenda: [...state.agenda, ...items] };
}

function lessonItem(state: Draft): AgendaItem | undefined {
  return state.agenda.find((i) => i.kind === 'lesson');
}

/** Moves the pending lesson (or check-in) to `at`, when that is earlier. */
function bringForward(state: Draft, at: Date): Draft {
  return {
    ...state,
    agenda: state.agenda.map((i) =>
      (i.kind === 'lesson' || i.kind === 'check-in') && Date.parse(i.dueAt) > at.getTime()
        ? { ...i, dueAt: at.toISOString() }
        : i,
    ),
  };
}

/** Moves every item due before `at` to `at` (snooze). */
function holdUntil(state: Draft, at: Date, kinds?: AgendaKind[]): Draft {
  return {
    ...state,
    agenda: state.agenda.map((i) =>
      Date.parse(i.dueAt) < at.getTime() && (!kinds || kinds.includes(i.kind))
        ? { ...i, dueAt: at.toISOString() }
        : i,
    ),
  };
}

function lessonEntry(
  state: Draft,
  position: number,
  at: Date,
  ctx: PacingContext,
): AgendaItem | null {
  const entry = ctx.course.sequence[position];
  if (!entry) return null;
  return item('lesson', entry.emailId, entry.emailId, at, key(state, entry.emailId), entry.step);
}

function checkIn(state: Draft, after: Date): Draft {
  const [next, sendKey] = uniqueKey(state, 'check-in');
  const at = slot(next, after, pacingRules.checkInDays[state.pace]);
  return add(next, item('check-in', 'check-in', 'check-in', at, sendKey, 4));
}

/** A short confirmation email (a "note"), due now or at the next morning. */
function note(
  state: Draft,
  template: string,
  vars: Record<string, string>,
  now: Date,
  ctx: PacingContext,
  step: number | null = null,
): Draft {
  const [next, sendKey] = uniqueKey(state, template);
  const at = soonest(next, now, ctx.window ?? defaultSendWindow);
  return add(next, item('note', template, template, at, sendKey, step, vars));
}

/** "Lesson 3 arrives on Thursday 3 December." or the repeat-phase equivalent. */
function nextText(state: Draft, ctx: PacingContext): string {
  const upcoming = state.agenda
    .filter((i) => i.kind === 'lesson' || i.kind === 'check-in')
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  if (!upcoming) return 'Nothing else is scheduled.';
  const when = localDay(new Date(upcoming.dueAt), state);
  if (upcoming.kind === 'check-in') return `Your next check-in comes on ${when}.`;
  const entry = ctx.course.sequence.find((e) => e.emailId === upcoming.emailId);
  const label = entry?.step ? `Lesson ${entry.step}` : 'The closing email';
  return `${label} arrives on ${when}.`;
}

function sendLesson(
  state: Draft,
  due: AgendaItem,
  now: Date,
  ctx: PacingContext,
): [Draft, PlannedEmail] {
  const unanswered = state.awaiting !== null && !state.awaiting.replied;
  let next: Draft = {
    ...state,
    silentStreak: unanswered ? state.silentStreak + 1 : state.awaiting ? 0 : state.silentStreak,
    position: state.position + 1,
    lastLessonAt: now.toISOString(),
    awaiting: due.step ? { step: due.step, sentAt: now.toISOString(), replied: false } : null,
  };
  // A new lesson makes the previous step's nudge moot.
  next = without(next, (i) => i.kind === 'nudge' || i === due);
  const following = lessonEntry(
    next,
    next.position,
    slot(next, now, gapDays(next, next.position, ctx)),
    ctx,
  );
  if (following) next = add(next, following);
  else next = checkIn(next, now);
  if (due.step) {
    const nudgeAt = slot(next, now, pacingRules.nudgeAfterDays);
    if (!following || nudgeAt < new Date(following.dueAt)) {
      next = add(
        next,
        item(
          'nudge',
          `nudge-${due.step}`,
          'nudge',
          nudgeAt,
          key(next, `nudge-${due.step}`),
          due.step,
        ),
      );
    }
  }
  const vars = { whyQuote: whyQuote(next), peopleQuote: peopleQuote(next) };
  return [next, { ...plan(due), vars }];
}

function plan(due: AgendaItem): PlannedEmail {
  return {
    emailId: due.emailId,
    template: due.template,
    sendKey: due.sendKey,
    step: due.step,
    vars: due.vars,
  };
}

/** Handles a `due` tick: sends what is due, or holds it for the morning. */
function onDue(state: Draft, now: Date, ctx: PacingContext): PacingResult {
  const window = ctx.window ?? defaultSendWindow;
  let next = state;
  if (
    next.status === 'paused' &&
    next.pausedUntil &&
    Date.parse(next.pausedUntil) <= now.getTime()
  ) {
    next = holdUntil({ ...next, status: 'active', pausedUntil: null }, slot(next, now), [
      'lesson',
      'check-in',
      'follow-up',
      'nudge',
    ]);
  }
  const sendable = (i: AgendaItem) =>
    Date.parse(i.dueAt) <= now.getTime() && (next.status === 'active' || i.kind === 'note');
  // A note answers something the subscriber did (pause, resume, a new pace), so
  // it goes before course mail held for the same moment, such as the morning.
  const noteFirst = (i: AgendaItem) => (i.kind === 'note' ? 0 : 1);
  const due = next.agenda
    .filter(sendable)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || noteFirst(a) - noteFirst(b));
  if (due.length === 0) return { state: next, emails: [] };
  if (soonest(next, now, window) !== now) {
    // Late (an outage) and night-time there: hold everything due for the morning.
    const morning = slot(next, now);
    return {
      state: {
        ...next,
        agenda: next.agenda.map((i) =>
          due.includes(i) ? { ...i, dueAt: morning.toISOString() } : i,
        ),
      },
      emails: [],
    };
  }
  const emails: PlannedEmail[] = [];
  for (const current of due) {
    switch (current.kind) {
      case 'lesson': {
        const [after, email] = sendLesson(next, current, now, ctx);
        next = after;
        emails.push(email);
        break;
      }
      case 'nudge': {
        next = without(next, (i) => i === current);
        if (next.awaiting?.step === current.step && !next.awaiting.replied)
          emails.push(plan(current));
        break;
      }
      case 'check-in': {
        next = without(next, (i) => i === current);
        if (next.quietCheckIns >= pacingRules.quietCheckInsBeforePause) {
          // Long silence: ask once, then stop writing until they answer.
          const [paused, sendKey] = uniqueKey(next, 'still-there');
          next = {
            ...paused,
            status: 'paused',
            pausedUntil: null,
            agenda: paused.agenda.filter((i) => i.kind === 'note'),
          };
          emails.push({
            ...plan(current),
            emailId: 'still-there',
            template: 'still-there',
            sendKey,
          });
          return { state: next, emails };
        }
        next = checkIn({ ...next, quietCheckIns: next.quietCheckIns + 1 }, now);
        emails.push({
          ...plan(current),
          vars: {
            tallyText: tallyText(next, now),
            whyQuote: whyQuote(next),
            peopleQuote: peopleQuote(next),
          },
        });
        break;
      }
      default:
        next = without(next, (i) => i === current);
        emails.push(plan(current));
    }
  }
  return { state: next, emails };
}

function learn(state: Draft, facts: ReplyFacts, step: number | null, now: Date): Draft {
  let next = state;
  const nowIso = now.toISOString();
  if (step === 1 && facts.why) next = { ...next, why: clip(facts.why, 300) };
  if (step === 1 && facts.offer) next = { ...next, offer: clip(facts.offer, 300) };
  const known = new Map(next.people.map((p) => [p.name.toLowerCase(), p]));
  if (facts.people.length > 0) {
    const added = facts.people
      .map((name) => clip(name, 60))
      .filter((name) => !known.has(name.toLowerCase()))
      .map((name) => ({ name, met: false, addedAt: nowIso, lastContactAt: null }));
    next = { ...next, people: [...next.people, ...added].slice(0, pacingRules.maxPeople) };
  }
  if (facts.met.length > 0) {
    const met = facts.met.map((name) => clip(name, 60));
    const metLower = new Set(met.map((n) => n.toLowerCase()));
    const people = next.people.map((p) =>
      metLower.has(p.name.toLowerCase()) ? { ...p, met: true, lastContactAt: nowIso } : p,
    );
    const newcomers = met
      .filter((n) => !known.has(n.toLowerCase()))
      .map((name) => ({ name, met: true, addedAt: nowIso, lastContactAt: nowIso }));
    next = {
      ...next,
      people: [...people, ...newcomers].slice(0, pacingRules.maxPeople),
      meetings: [...next.meetings, { at: nowIso, names: met }].slice(-pacingRules.maxMeetings),
    };
  }
  return next;
}

/** Follow-ups the day after each date the reply names. */
function followUps(state: Draft, facts: ReplyFacts, now: Date): Draft {
  let next = state;
  const mentions = [...facts.dates];
  if (facts.event?.date && !mentions.some((m) => m.date === facts.event?.date)) {
    mentions.push({ text: facts.event.name, date: facts.event.date });
  }
  for (const mention of mentions) {
    const pending = next.agenda.filter((i) => i.kind === 'follow-up');
    if (pending.length >= pacingRules.maxFollowUps) break;
    const [y, m, d] = mention.date.split('-').map(Number) as [number, number, number];
    const after = addLocalDays({ year: y, month: m, day: d }, 1);
    const at = dateSlot(
      next,
      `${after.year}-${String(after.month).padStart(2, '0')}-${String(after.day).padStart(2, '0')}`,
    );
    if (at.getTime() <= now.getTime() || pending.some((i) => i.dueAt === at.toISOString()))
      continue;
    let text: string;
    if (facts.event && facts.event.date === mention.date) {
      text = `How was ${clip(facts.event.name, 80)}? Who did you meet? Just reply with their names.`;
    } else if (facts.people.length > 0) {
      text = `How did coffee with ${listNames(facts.people.map((p) => clip(p, 40)))} go? Reply with a line or two.`;
    } else {
      text = `You mentioned “${clip(mention.text, 60)}”. How did it go? Reply with a line or two.`;
    }
    const [withSeq, sendKey] = uniqueKey(next, 'follow-up');
    next = add(
      withSeq,
      item('follow-up', 'follow-up', 'follow-up', at, sendKey, 4, { followUpText: text }),
    );
  }
  return next;
}

function ackText(facts: ReplyFacts, step: number | null): string {
  if (step === 1 && facts.why)
    return `Your why is logged: “${clip(facts.why)}”. I will bring it back when it helps.`;
  if (step === 2 && facts.people.length)
    return `Your people are logged: ${listNames(facts.people.map((p) => clip(p, 40)))}. Time to send those coffee invitations.`;
  if (step === 3 && facts.event) {
    return facts.event.date
      ? `Logged: ${clip(facts.event.name, 80)}. I will check in the day after.`
      : `Logged: ${clip(facts.event.name, 80)}. Reply with its date and I will check in the day after.`;
  }
  if (facts.met.length) return `Logged: you met ${listNames(facts.met.map((p) => clip(p, 40)))}.`;
  return 'Your reply is logged. Thank you for writing back.';
}

/** A reply to the current step: the course moves on sooner. */
function answered(
  state: Draft,
  now: Date,
  ctx: PacingContext,
  vars: Record<string, string> | null,
): Draft {
  const step = state.awaiting?.step ?? null;
  let next: Draft = {
    ...state,
    awaiting: state.awaiting ? { ...state.awaiting, replied: true } : null,
    silentStreak: 0,
  };
  next = without(next, (i) => i.kind === 'nudge');
  next = bringForward(next, slot(next, now, pacingRules.replyGapDays));
  if (vars && step !== null) {
    const ackKey = key(next, `ack-${step}`);
    if (!next.agenda.some((i) => i.sendKey === ackKey)) {
      const at = soonest(next, now, ctx.window ?? defaultSendWindow);
      next = add(
        next,
        item('note', `ack-${step}`, 'ack', at, ackKey, step, {
          ...vars,
          nextText: nextText(next, ctx),
        }),
      );
    }
  }
  return next;
}

function command(state: Draft, facts: ReplyFacts, now: Date, ctx: PacingContext): PacingResult {
  const window = ctx.window ?? defaultSendWindow;
  switch (facts.command) {
    case 'stop': {
      const stopped = onUnsubscribed(state, now);
      if (!inSendWindow(now, state.timezone, window)) return { state: stopped, emails: [] };
      const [withSeq, sendKey] = uniqueKey(stopped, 'stopped');
      return {
        state: withSeq,
        emails: [{ emailId: 'stopped', template: 'stopped', sendKey, step: null, vars: {} }],
      };
    }
    case 'pause':
      return { state: pause(state, facts.until, now, ctx), emails: [] };
    case 'resume':
      return { state: resume(state, now, ctx), emails: [] };
    case 'faster':
    case 'slower': {
      const index = paces.indexOf(state.pace) + (facts.command === 'faster' ? 1 : -1);
      const pace = paces[Math.max(0, Math.min(paces.length - 1, index))] ?? state.pace;
      const next = reschedule({ ...state, pace, silentStreak: 0 }, now, ctx);
      return {
        state: note(
          next,
          'pace-changed',
          { paceText: paceText(pace), nextText: nextText(next, ctx) },
          now,
          ctx,
        ),
        emails: [],
      };
    }
    case 'skip':
    case 'done': {
      if (state.status === 'graduated') return { state, emails: [] };
      if (state.status === 'active' && !lessonItem(state) && facts.command === 'done') {
        // In the repeat phase, "done" means they have the habit: graduate.
        const graduated = {
          ...state,
          status: 'graduated' as const,
          agenda: state.agenda.filter((i) => i.kind === 'note'),
        };
        return { state: note(graduated, 'graduated', {}, now, ctx), emails: [] };
      }
      let next = answered(state, now, ctx, null);
      if (facts.command === 'skip') next = bringForward(next, slot(next, now));
      return {
        state: note(next, 'skipped', { nextText: nextText(next, ctx) }, now, ctx),
        emails: [],
      };
    }
    case 'not-yet': {
      let next = without(state, (i) => i.kind === 'nudge');
      const lesson = lessonItem(next);
      if (lesson) {
        const later = slot(next, new Date(lesson.dueAt), pacingRules.notYetDays);
        next = {
          ...next,
          agenda: next.agenda.map((i) => (i === lesson ? { ...i, dueAt: later.toISOString() } : i)),
        };
      }
      return {
        state: note(next, 'not-yet', { nextText: nextText(next, ctx) }, now, ctx),
        emails: [],
      };
    }
    default:
      return { state, emails: [] };
  }
}

/** Re-times the pending lesson from the last one with the current pace; never into the past. */
function reschedule(state: Draft, now: Date, ctx: PacingContext): Draft {
  const lesson = lessonItem(state);
  if (!lesson || !state.lastLessonAt) return state;
  const base = slot(state, new Date(state.lastLessonAt), gapDays(state, state.position, ctx));
  const at = base.getTime() < now.getTime() ? slot(state, now) : base;
  return {
    ...state,
    agenda: state.agenda.map((i) => (i === lesson ? { ...i, dueAt: at.toISOString() } : i)),
  };
}

function pause(state: Draft, until: string | null, now: Date, ctx: PacingContext): Draft {
  if (state.status !== 'active' && state.status !== 'paused') return state;
  const resumeAt = until ? dateSlot(state, until) : null;
  const valid = resumeAt && resumeAt.getTime() > now.getTime() ? resumeAt : null;
  const paused: Draft = { ...state, status: 'paused', pausedUntil: valid?.toISOString() ?? null };
  const untilText = valid
    ? `Your course is paused until ${localDay(valid, state)}. It picks up again by itself then.`
    : 'Your course is paused until you say so.';
  return note(paused, 'paused', { untilText }, now, ctx);
}

function resume(state: Draft, now: Date, ctx: PacingContext): Draft {
  if (state.status !== 'paused') return state;
  let next: Draft = { ...state, status: 'active', pausedUntil: null, quietCheckIns: 0 };
  next = holdUntil(next, slot(next, now), ['lesson', 'check-in', 'follow-up', 'nudge']);
  if (!next.agenda.some((i) => i.kind === 'lesson' || i.kind === 'check-in'))
    next = checkIn(next, now);
  return note(next, 'resumed', { nextText: nextText(next, ctx) }, now, ctx);
}

function onUnsubscribed(state: Draft, now: Date): Draft {
  return {
    ...state,
    status: 'unsubscribed',
    agenda: [],
    pausedUntil: null,
    signupRequests: [],
    consent: { ...state.consent, unsubscribedAt: now.toISOString() },
  };
}

function onReply(
  state: Draft,
  step: number | null,
  facts: ReplyFacts,
  now: Date,
  ctx: PacingContext,
): PacingResult {
  if (!['active', 'paused', 'graduated'].includes(state.status)) return { state, emails: [] };
  let next: Draft = { ...state, lastReplyAt: now.toISOString(), quietCheckIns: 0 };
  if (facts.command) return command(next, facts, now, ctx);
  // Any ordinary reply wakes a paused or graduated course.
  if (next.status === 'paused') next = resume(next, now, ctx);
  if (next.status === 'graduated') next = checkIn({ ...next, status: 'active' }, now);
  next = learn(next, facts, step, now);
  next = followUps(next, facts, now);
  if (step !== null && next.awaiting?.step === step && !next.awaiting.replied) {
    next = answered(next, now, ctx, { ackText: ackText(facts, step) });
  }
  return { state: next, emails: [] };
}

function onMailEvent(
  state: Draft,
  kind: Extract<PacingEvent, { type: 'mail-event' }>['kind'],
): Draft {
  if (state.status === 'suppressed') return state;
  switch (kind) {
    case 'permanent-bounce':
    case 'complaint':
      return {
        ...state,
        status: 'suppressed',
        agenda: [],
        pausedUntil: null,
        suppressedReason: kind === 'complaint' ? 'complaint' : 'permanent bounce',
      };
    case 'transient-bounce': {
      const softBounces = state.softBounces + 1;
      if (softBounces < pacingRules.softBouncesBeforePause || state.status !== 'active')
        return { ...state, softBounces };
      return {
        ...state,
        softBounces,
        status: 'paused',
        pausedUntil: null,
        suppressedReason: 'repeated soft bounces',
      };
    }
    case 'delivery':
      return state.softBounces === 0 ? state : { ...state, softBounces: 0 };
    default:
      return state;
  }
}

function onPreferences(
  state: Draft,
  prefs: Extract<PacingEvent, { type: 'preferences' }>,
  now: Date,
  ctx: PacingContext,
): Draft {
  const next: Draft = {
    ...state,
    pace: prefs.pace ?? state.pace,
    sendHour: prefs.sendHour ?? state.sendHour,
    timezone: prefs.timezone ?? state.timezone,
    skipWeekends: prefs.skipWeekends ?? state.skipWeekends,
    locale: prefs.locale ?? state.locale,
  };
  const timingChanged =
    next.sendHour !== state.sendHour ||
    next.timezone !== state.timezone ||
    next.skipWeekends !== state.skipWeekends;
  const retimed: Draft = timingChanged
    ? {
        ...next,
        // Keep each item's day, move it to the new hour (never into the past).
        agenda: next.agenda.map((i) => {
          if (i.kind === 'note') return i;
          const { year, month, day } = toLocal(new Date(i.dueAt), state.timezone);
          const sameDay = slot(
            next,
            fromLocal({ year, month, day, hour: 0, minute: 0 }, next.timezone),
          );
          const at = sameDay.getTime() < now.getTime() ? slot(next, now) : sameDay;
          return { ...i, dueAt: at.toISOString() };
        }),
      }
    : next;
  return next.pace !== state.pace ? reschedule(retimed, now, ctx) : retimed;
}

/**
 * The heart of the coach: given a subscriber, an event and the current time,
 * returns the subscriber's next state and the emails to send now. Pure: the
 * caller persists the state and sends the emails.
 */
export function pace(
  state: Subscriber,
  event: PacingEvent,
  now: Date,
  ctx: PacingContext,
): PacingResult {
  const window = ctx.window ?? defaultSendWindow;
  switch (event.type) {
    case 'confirmed': {
      if (state.status !== 'pending') return { state, emails: [] };
      const started: Draft = {
        ...state,
        ...subscriberDefaults(),
        sendHour: state.sendHour,
        timezone: state.timezone,
        locale: state.locale,
        skipWeekends: state.skipWeekends,
        pace: state.pace,
        people: state.people,
        meetings: state.meetings,
        why: state.why,
        offer: state.offer,
        seq: state.seq,
        status: 'active',
        run: state.run + 1,
        position: 0,
        consent: { ...state.consent, confirmedAt: now.toISOString(), unsubscribedAt: null },
      };
      // Lesson 1 follows the confirmation at once, unless that would be at night.
      const first = lessonEntry(started, 0, soonest(started, now, window), ctx);
      return { state: first ? add(started, first) : started, emails: [] };
    }
    case 'unsubscribed':
      return state.status === 'unsubscribed'
        ? { state, emails: [] }
        : { state: onUnsubscribed(state, now), emails: [] };
    case 'due':
      return onDue(state, now, ctx);
    case 'reply':
      return onReply(state, event.step, event.facts, now, ctx);
    case 'auto-reply': {
      if (state.status !== 'active' || !event.returnDate) return { state, emails: [] };
      const back = dateSlot(state, event.returnDate);
      if (back.getTime() <= now.getTime()) return { state, emails: [] };
      // Out of office: hold everything until they are back; a nudge would only land in the pile.
      return {
        state: holdUntil(
          without(state, (i) => i.kind === 'nudge'),
          back,
        ),
        emails: [],
      };
    }
    case 'mail-event':
      return { state: onMailEvent(state, event.kind), emails: [] };
    case 'preferences':
      return { state: onPreferences(state, event, now, ctx), emails: [] };
    case 'pause':
      return { state: pause(state, event.until, now, ctx), emails: [] };
    case 'resume':
      return { state: resume(state, now, ctx), emails: [] };
  }
}

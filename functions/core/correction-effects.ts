import type { Logged, LoggedPlan } from './check-in-logged.ts';
import { type PacingContext, type PlannedEmail, pace, pacingRules } from './pacing/index.ts';
import { moveLesson } from './pacing/lessons.ts';
import { aboutOf } from './pacing/replies.ts';
import {
  add,
  dateSlot,
  dayAfter,
  item,
  lessonItem,
  localDayOf,
  slot,
  uniqueKey,
} from './pacing/schedule.ts';
import { clip } from './pacing-text.ts';
import type { CheckIn } from './records.ts';
import type { AgendaItem, Person, Subscriber } from './subscriber.ts';

/**
 * What a correction does to the subscriber's record: the pure steps behind
 * core/corrections.ts `applyCorrection`. Each undoes or changes only what the
 * corrected reply taught (core/pacing/replies.ts and the course's `learn`),
 * and each is idempotent: done twice, it changes nothing the second time.
 */

/** The subscriber after a correction, and what to send now (a pause undone says so). */
export interface CorrectedEffect {
  state: Subscriber;
  emails: PlannedEmail[];
}

/** The reply being corrected, with what it logged before this correction. */
export interface ReplyRef {
  checkIn: CheckIn;
  logged: Logged;
  now: Date;
  ctx: PacingContext;
}

/** A plan or event a reply logged: who or what, and its day. */
interface Mention {
  text: string;
  people: string[];
  event: string | null;
  date: string | null;
}

/** Name lengths the course rules keep (templates/<course>/rules.ts). */
const kept = { name: 60, event: 80, text: 300 } as const;

/**
 * Meetings and plans carry the time the reply was read, not its id: what
 * this reply logged is what was stamped from its receipt until Lambda gives
 * up retrying the event (six hours), give or take a little clock skew.
 */
const readWithin = { beforeMs: 5 * 60_000, afterMs: 6 * 3_600_000 } as const;

function fromReply(at: string, checkIn: CheckIn): boolean {
  const delta = Date.parse(at) - Date.parse(checkIn.at);
  return delta >= -readWithin.beforeMs && delta <= readWithin.afterMs;
}

const key = (name: string) => clip(name, kept.name).toLowerCase();
const same = (a: string, b: string) => key(a) === key(b);
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((n) => b.some((m) => same(n, m)));

function renameIn(list: readonly string[], from: string, to: string | null): string[] {
  const out: string[] = [];
  for (const name of list) {
    const next = same(name, from) ? (to === null ? null : clip(to, kept.name)) : name;
    if (next !== null && !out.some((n) => same(n, next))) out.push(next);
  }
  return out;
}

/** A person's met flag and last contact, from the meetings that name them. */
function withMeetings(state: Subscriber, person: Person): Person {
  const dates = state.meetings
    .filter((m) => m.names.some((n) => same(n, person.name)))
    .map((m) => m.at)
    .sort();
  return { ...person, met: dates.length > 0, lastContactAt: dates.at(-1) ?? null };
}

/** This reply's meetings with `from` renamed (or dropped: `to` null); empty meetings go. */
function renameMeetings(state: Subscriber, ref: ReplyRef, from: string, to: string | null) {
  return state.meetings.flatMap((m) => {
    if (!fromReply(m.at, ref.checkIn) || !m.names.some((n) => same(n, from))) return [m];
    const names = renameIn(m.names, from, to);
    return names.length > 0 ? [{ ...m, names }] : [];
  });
}

/** This reply's plans with `from` renamed (or dropped); a plan left with nobody and no event goes. */
function renamePlans(state: Subscriber, ref: ReplyRef, from: string, to: string | null) {
  return state.plans.flatMap((p) => {
    if (!fromReply(p.at, ref.checkIn) || !p.names.some((n) => same(n, from))) return [p];
    const names = renameIn(p.names, from, to);
    return names.length > 0 || p.event ? [{ ...p, names }] : [];
  });
}

function followUpOf(state: Subscriber, about: string): AgendaItem | undefined {
  return state.agenda.find((i) => i.kind === 'follow-up' && i.vars.followUpAbout === about);
}

/** Drops a follow-up and remembers its date and subject, so it is never asked again. */
function dropFollowUp(state: Subscriber, pending: AgendaItem | undefined): Subscriber {
  if (!pending) return state;
  const done = [...state.followUpsDone, pending.vars.followUpRef ?? ''];
  return {
    ...state,
    agenda: state.agenda.filter((i) => i !== pending),
    followUpsDone: done.slice(-pacingRules.maxFollowUpsDone),
  };
}

function followUpVars(mention: Mention, date: string, ctx: PacingContext) {
  const about = aboutOf(mention.people, mention.event);
  return {
    followUpText: ctx.rules.followUpText({
      people: mention.people.map((p) => clip(p, 40)),
      event: mention.event ? clip(mention.event, kept.event) : null,
      text: clip(mention.text, 60),
    }),
    followUpAbout: about,
    followUpRef: `${date}|${about}`,
  };
}

/**
 * The follow-up of a plan whose people changed: the question names the
 * people as corrected, or goes when nobody is left.
 */
function reword(state: Subscriber, ref: ReplyRef, plan: LoggedPlan, people: string[]): Subscriber {
  const pending = followUpOf(state, aboutOf(plan.people, null));
  if (!pending) return state;
  if (people.length === 0) return dropFollowUp(state, pending);
  const date = (pending.vars.followUpRef ?? '').split('|')[0] || (plan.date ?? '');
  const vars = followUpVars({ ...plan, people, event: null }, date, ref.ctx);
  return {
    ...state,
    agenda: state.agenda.map((i) => (i === pending ? { ...i, vars: { ...i.vars, ...vars } } : i)),
  };
}

/**
 * A follow-up on a plan's new day, as a reply with that day would have
 * asked it: the morning after, never for a day already past, never twice
 * for the same day and subject, at most a few waiting.
 */
function refollow(state: Subscriber, ref: ReplyRef, mention: Mention, date: string): Subscriber {
  const pending = followUpOf(state, aboutOf(mention.people, mention.event));
  if (date < localDayOf(state, ref.now)) return dropFollowUp(state, pending);
  const at = slot(state, dateSlot(state, dayAfter(date)), ref.ctx).toISOString();
  const vars = followUpVars(mention, date, ref.ctx);
  if (pending) {
    return {
      ...state,
      agenda: state.agenda.map((i) =>
        i === pending ? { ...i, dueAt: at, vars: { ...i.vars, ...vars } } : i,
      ),
    };
  }
  const waiting = state.agenda.filter((i) => i.kind === 'follow-up').length;
  const named = mention.people.length > 0 || mention.event !== null;
  if (
    !named ||
    waiting >= pacingRules.maxFollowUps ||
    state.followUpsDone.includes(vars.followUpRef)
  ) {
    return state;
  }
  const [next, sendKey] = uniqueKey(state, 'follow-up');
  return add(next, item('follow-up', 'follow-up', 'follow-up', new Date(at), sendKey, null, vars));
}

/**
 * A name misread: renamed on the people list (merged into the person of
 * that name when there is one), in this reply's meetings and plans, and in
 * the follow-up that asks about them.
 */
export function renamePerson(
  state: Subscriber,
  ref: ReplyRef,
  from: string,
  to: string,
): Subscriber {
  const name = clip(to, kept.name);
  let next: Subscriber = {
    ...state,
    meetings: renameMeetings(state, ref, from, to),
    plans: renamePlans(state, ref, from, to),
  };
  const old = next.people.find((p) => same(p.name, from));
  const other = next.people.find((p) => p !== old && same(p.name, to));
  if (old && other) {
    // The right name is on the list already: one person, who met if either did.
    const merged: Person = {
      ...other,
      met: other.met || old.met,
      addedAt: [other.addedAt, old.addedAt].sort()[0] as string,
      lastContactAt:
        [other.lastContactAt, old.lastContactAt]
          .filter((at): at is string => at !== null)
          .sort()
          .at(-1) ?? null,
    };
    next = {
      ...next,
      people: next.people.filter((p) => p !== old).map((p) => (p === other ? merged : p)),
    };
  } else if (old) {
    next = { ...next, people: next.people.map((p) => (p === old ? { ...p, name } : p)) };
  }
  for (const plan of ref.logged.plans.filter((p) => p.people.some((n) => same(n, from)))) {
    next = reword(next, ref, plan, renameIn(plan.people, from, to));
  }
  return next;
}

/**
 * Not a person at all ("Saw them on Monday"): off the list when this reply
 * put them there, out of its meetings (the tally) and plans, and out of the
 * follow-up that names them.
 */
export function forgetPerson(state: Subscriber, ref: ReplyRef, name: string): Subscriber {
  let next: Subscriber = {
    ...state,
    meetings: renameMeetings(state, ref, name, null),
    plans: renamePlans(state, ref, name, null),
  };
  const metChanged = JSON.stringify(next.meetings) !== JSON.stringify(state.meetings);
  next = {
    ...next,
    people: next.people.flatMap((p) => {
      if (!same(p.name, name)) return [p];
      // Someone another reply or the person named stays; only this reply's doing is undone.
      if (fromReply(p.addedAt, ref.checkIn)) return [];
      return [metChanged ? withMeetings(next, p) : p];
    }),
  };
  for (const plan of ref.logged.plans.filter((p) => p.people.some((n) => same(n, name)))) {
    next = reword(next, ref, plan, renameIn(plan.people, name, null));
  }
  return next;
}

/** Named, but not met: this reply's meeting leaves the tally, and the met flag follows the rest. */
export function forgetMet(state: Subscriber, ref: ReplyRef, name: string): Subscriber {
  const meetings = renameMeetings(state, ref, name, null);
  if (
    meetings.length === state.meetings.length &&
    meetings.every((m, i) => m === state.meetings[i])
  ) {
    return state;
  }
  const next = { ...state, meetings };
  return {
    ...next,
    people: next.people.map((p) => (same(p.name, name) ? withMeetings(next, p) : p)),
  };
}

/**
 * A plan or event removed (`date` null) or moved to another day: the plan
 * this reply logged goes or moves, its follow-up is dropped or asked the
 * morning after the new day, and a lesson waiting for it waits for the new day.
 */
export function movePlan(
  state: Subscriber,
  ref: ReplyRef,
  mention: Mention,
  date: string | null,
): Subscriber {
  const names = mention.people.map((n) => clip(n, kept.name));
  const event = mention.event ? clip(mention.event, kept.event) : null;
  const index = state.plans.findIndex(
    (p) =>
      fromReply(p.at, ref.checkIn) &&
      (event
        ? p.event !== null && same(p.event, event)
        : p.event === null && sameSet(p.names, names)),
  );
  const plans =
    index < 0
      ? state.plans
      : date === null
        ? state.plans.filter((_, i) => i !== index)
        : state.plans.map((p, i) => (i === index ? { ...p, date } : p));
  let next: Subscriber = { ...state, plans };
  if (date === null) {
    return dropFollowUp(next, followUpOf(next, aboutOf(mention.people, mention.event)));
  }
  next = refollow(next, ref, mention, date);
  const lesson = lessonItem(next);
  if (lesson && Date.parse(lesson.dueAt) > ref.now.getTime()) {
    next = moveLesson(next, new Date(lesson.dueAt), ref.now, ref.ctx);
  }
  return next;
}

/** The why or offer as corrected, when it is still the one this reply set. */
export function retext(
  state: Subscriber,
  field: 'why' | 'offer',
  from: string | null,
  to: string | null,
): Subscriber {
  if (from === null || state[field] !== clip(from, kept.text)) return state;
  return { ...state, [field]: to === null ? null : clip(to, kept.text) };
}

/**
 * A pause the person did not ask for is undone (they resume, with the
 * "resumed" note), or runs to the corrected day. A pause set since, on the
 * manage page or by another reply, is theirs and stays.
 */
export function undoPause(
  state: Subscriber,
  until: string | null,
  logged: Logged,
  now: Date,
  ctx: PacingContext,
): CorrectedEffect {
  if (state.status !== 'paused') return { state, emails: [] };
  const set = logged.until ? dateSlot(state, logged.until).toISOString() : null;
  if (state.pausedUntil && set && state.pausedUntil !== set) return { state, emails: [] };
  if (until === null) return pace(state, { type: 'resume' }, now, ctx);
  if (state.pausedUntil === dateSlot(state, until).toISOString()) return { state, emails: [] };
  return pace(state, { type: 'pause', until }, now, ctx);
}

import {
  addLocalDays,
  defaultSendWindow,
  fromLocal,
  inSendWindow,
  nextSendAt,
  toLocal,
} from '../send-window.ts';
import type { AgendaItem, AgendaKind, Subscriber } from '../subscriber.ts';
import type { PacingContext } from './types.ts';

/** `YYYY-MM-DD` of a local calendar date. */
export function isoDay(date: { year: number; month: number; day: number }): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** The subscriber's local calendar day of an instant. */
export function localDayOf(state: Subscriber, at: Date): string {
  return isoDay(toLocal(at, state.timezone));
}

/** Whether course mail may land on this instant's local day: not a skipped weekend, not a holiday. */
export function isCourseDay(state: Subscriber, at: Date, ctx: PacingContext): boolean {
  const local = toLocal(at, state.timezone);
  if (state.skipWeekends && (local.weekday === 0 || local.weekday === 6)) return false;
  return !ctx.holidays?.isHoliday(isoDay(local), state);
}

/**
 * The next send slot at or after `after`, `minDays` local days on, at the
 * subscriber's send hour. Course mail also skips skipped weekends and public
 * holidays; a note (the answer to a command) only skips skipped weekends.
 */
export function slot(
  state: Subscriber,
  after: Date,
  ctx: PacingContext,
  minDays = 0,
  courseMail = true,
): Date {
  let at = nextSendAt(after, state.timezone, state.sendHour, minDays);
  for (let i = 0; i < 14; i++) {
    const local = toLocal(at, state.timezone);
    const weekend = state.skipWeekends && (local.weekday === 0 || local.weekday === 6);
    if (!weekend && (!courseMail || isCourseDay(state, at, ctx))) break;
    at = nextSendAt(at, state.timezone, state.sendHour, 1);
  }
  return at;
}

/** Now, if inside the send window (and not a skipped weekend day), else the next slot. */
export function soonest(state: Subscriber, now: Date, ctx: PacingContext): Date {
  const weekday = toLocal(now, state.timezone).weekday;
  const weekend = state.skipWeekends && (weekday === 0 || weekday === 6);
  return inSendWindow(now, state.timezone, ctx.window ?? defaultSendWindow) && !weekend
    ? now
    : slot(state, now, ctx, 0, false);
}

/** The instant a local date starts being "on": its send hour. */
export function dateSlot(state: Subscriber, date: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return fromLocal({ year, month, day, hour: state.sendHour, minute: 0 }, state.timezone);
}

/** The local date `days` after a local `YYYY-MM-DD`. */
export function dayAfter(date: string, days = 1): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return isoDay(addLocalDays({ year, month, day }, days));
}

/** Send keys are per course run, so a restarted course sends its lessons again. */
export function key(state: Subscriber, name: string): string {
  return `r${state.run}-${name}`;
}

/** A unique send key for emails that may repeat (notes, follow-ups, check-ins). */
export function uniqueKey(state: Subscriber, name: string): [Subscriber, string] {
  const seq = state.seq + 1;
  return [{ ...state, seq }, key(state, `${name}-${seq}`)];
}

export function item(
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

export function without(state: Subscriber, drop: (item: AgendaItem) => boolean): Subscriber {
  return { ...state, agenda: state.agenda.filter((i) => !drop(i)) };
}

export function add(state: Subscriber, ...items: AgendaItem[]): Subscriber {
  return { ...state, agenda: [...state.agenda, ...items] };
}

export function lessonItem(state: Subscriber): AgendaItem | undefined {
  return state.agenda.find((i) => i.kind === 'lesson');
}

/** Moves every item due before `at` to `at` (snooze), only of `kinds` when given. */
export function holdUntil(state: Subscriber, at: Date, kinds?: AgendaKind[]): Subscriber {
  return {
    ...state,
    agenda: state.agenda.map((i) =>
      Date.parse(i.dueAt) < at.getTime() && (!kinds || kinds.includes(i.kind))
        ? { ...i, dueAt: at.toISOString() }
        : i,
    ),
  };
}

/** A short note (a confirmation or an answer), due now or at the next morning. */
export function note(
  state: Subscriber,
  template: string,
  vars: Record<string, string>,
  now: Date,
  ctx: PacingContext,
  step: number | null = null,
): Subscriber {
  const [next, sendKey] = uniqueKey(state, template);
  return add(next, item('note', template, template, soonest(next, now, ctx), sendKey, step, vars));
}

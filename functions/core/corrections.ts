import { type Logged, type LoggedPlan, loggedOf, sameName } from './check-in-logged.ts';
import {
  type CorrectedEffect,
  forgetMet,
  forgetPerson,
  movePlan,
  type ReplyRef,
  renamePerson,
  retext,
  undoPause,
} from './correction-effects.ts';
import { ValidationError } from './errors.ts';
import { parsePause } from './manage.ts';
import type { PacingContext, PlannedEmail } from './pacing/index.ts';
import { cleanPersonName } from './people.ts';
import type { CheckIn, CorrectionRecord } from './records.ts';
import { addLocalDays } from './send-window.ts';
import type { Subscriber } from './subscriber.ts';
import * as z from './zod.ts';

/**
 * Corrections: the subscriber fixes what the reply reader logged from one of
 * their replies (a name misread, a meeting that was only a plan, a wrong
 * date, a pause they did not ask for). The check-in keeps what the reader
 * understood as it was and gains a list of corrections; what the reply
 * taught the subscriber's record is corrected with it (core/correction-effects.ts).
 */

/** One correction, as the manage page's form asks for it. */
export type Correction = { checkInId: string } & (
  | { field: 'people' | 'met'; op: 'remove'; name: string }
  | { field: 'people' | 'met'; op: 'rename'; name: string; to: string }
  | { field: 'plan'; op: 'remove'; index: number }
  | { field: 'plan'; op: 'date'; index: number; date: string }
  | { field: 'event'; op: 'remove' }
  | { field: 'event'; op: 'date'; date: string }
  | { field: 'why' | 'offer'; op: 'remove' }
  | { field: 'why' | 'offer'; op: 'edit'; text: string }
  | { field: 'command'; op: 'remove' }
  | { field: 'command'; op: 'date'; date: string }
);

/** The longest why or offer kept, as the course rules clip them. */
export const correctedTextLimit = 300;

const ops = {
  people: ['remove', 'rename'],
  met: ['remove', 'rename'],
  plan: ['remove', 'date'],
  event: ['remove', 'date'],
  why: ['remove', 'edit'],
  offer: ['remove', 'edit'],
  command: ['remove', 'date'],
} as const;

// The form's envelope; every message completes "<field label> ..." (handlers/http/copy.ts).
const envelope = z.object({
  checkIn: z
    .string({ error: 'is missing' })
    .check(z.regex(/^[A-Za-z0-9._-]{1,80}$/, { error: 'does not name one of your replies' })),
  field: z.enum(Object.keys(ops) as (keyof typeof ops)[], {
    error: 'is not something a reply logs',
  }),
  op: z.enum(['remove', 'rename', 'date', 'edit'], { error: 'is not a known change' }),
});

function invalid(error: z.ZodError): ValidationError {
  const issue = error.issues[0];
  return new ValidationError(
    String(issue?.path[0] ?? 'correction'),
    issue?.message ?? 'is invalid',
  );
}

/** A real calendar day `YYYY-MM-DD`; throws ValidationError naming `date`. */
function dateField(raw: unknown): string {
  const value = typeof raw === 'string' ? raw.trim() : '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) {
    const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
    try {
      // Impossible days (2026-02-30) throw rather than roll over.
      addLocalDays({ year, month, day }, 0);
      return value;
    } catch {
      // Falls through to the same refusal as any other bad date.
    }
  }
  throw new ValidationError('date', 'must be a date like 2026-03-14');
}

/** A why or offer as typed: one line of at most {@link correctedTextLimit} characters. */
function textField(raw: unknown): string {
  const text = typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ') : '';
  if (!text) throw new ValidationError('text', 'is required (or remove it instead)');
  if (text.length > correctedTextLimit) {
    throw new ValidationError('text', `must be at most ${correctedTextLimit} characters`);
  }
  if (/[\p{Cc}\p{Cf}]/u.test(text)) throw new ValidationError('text', 'has control characters');
  return text;
}

/**
 * Reads a correction form: `checkIn` (the reply's id), `field` (what it logged:
 * people, met, plan, event, why, offer, command), `op` (remove, rename, date,
 * edit) and what the change needs: `name` and `to` for a person, `index` for
 * a plan, `date`, or `text`. Throws ValidationError naming the field at fault.
 */
export function parseCorrection(fields: Record<string, unknown>): Correction {
  const parsed = envelope.safeParse(fields);
  if (!parsed.success) throw invalid(parsed.error);
  const { checkIn: checkInId, field, op } = parsed.data;
  if (!(ops[field] as readonly string[]).includes(op)) {
    throw new ValidationError('op', `is not a change a logged ${field} takes`);
  }
  switch (field) {
    case 'people':
    case 'met': {
      const name = cleanPersonName(fields.name);
      return op === 'rename'
        ? { checkInId, field, op, name, to: cleanPersonName(fields.to, 'to') }
        : { checkInId, field, op: 'remove', name };
    }
    case 'plan': {
      const raw = typeof fields.index === 'string' ? fields.index.trim() : '';
      if (!/^\d{1,2}$/.test(raw)) throw new ValidationError('index', 'does not name a plan');
      const index = Number(raw);
      return op === 'date'
        ? { checkInId, field, op, index, date: dateField(fields.date) }
        : { checkInId, field, op: 'remove', index };
    }
    case 'event':
    case 'command':
      return op === 'date'
        ? { checkInId, field, op, date: dateField(fields.date) }
        : { checkInId, field, op: 'remove' };
    default:
      return op === 'edit'
        ? { checkInId, field, op, text: textField(fields.text) }
        : { checkInId, field, op: 'remove' };
  }
}

/** What applying a correction gives: the subscriber and the check-in to save. */
export interface CorrectionResult {
  state: Subscriber;
  emails: PlannedEmail[];
  checkIn: CheckIn;
  /** The correction as recorded, or null when it changed nothing (already made, or no change). */
  record: CorrectionRecord | null;
}

const commandHints: Record<string, string> = {
  stop: 'A stop cannot be undone here: use Resubscribe on this page to come back',
  faster: 'Change your pace under Preferences instead',
  slower: 'Change your pace under Preferences instead',
};

type Draft = Omit<CorrectionRecord, 'at'>;

/**
 * The record a correction adds, checked against what the check-in logs now.
 * Null when there is nothing to do: the same correction was already made (a
 * second press, a stale tab) or it changes nothing. Throws ValidationError
 * (field `item`, a whole sentence) when the item is no longer logged.
 */
function draftOf(
  checkIn: CheckIn,
  logged: Logged,
  c: Correction,
  now: Date,
  state: Subscriber,
): Draft | null {
  const made = (d: Draft) =>
    (checkIn.corrections ?? []).some(
      (r) =>
        r.field === d.field &&
        r.index === d.index &&
        r.to === d.to &&
        (d.from === null || (r.from !== null && sameName(r.from, d.from))),
    );
  const gone = (d: Draft, what: string) => {
    if (made(d)) return null;
    throw new ValidationError('item', `${what} is no longer logged for this reply`);
  };
  switch (c.field) {
    case 'people':
    case 'met': {
      const list = c.field === 'people' ? logged.people : logged.met;
      const to = c.op === 'rename' ? c.to : null;
      const found = list.find((n) => sameName(n, c.name));
      if (!found) return gone({ field: c.field, from: c.name, to }, `“${c.name}”`);
      return found === to ? null : { field: c.field, from: found, to };
    }
    case 'plan': {
      const plan = logged.plans.find((p) => p.index === c.index);
      const draft = { field: c.op === 'date' ? 'plan-date' : 'plan', index: c.index };
      if (!plan)
        return gone({ ...draft, from: null, to: c.op === 'date' ? c.date : null }, 'That plan');
      if (c.op === 'remove') return { ...draft, from: plan.text || null, to: null };
      return plan.date === c.date ? null : { ...draft, from: plan.date, to: c.date };
    }
    case 'event': {
      const event = logged.event;
      if (!event) {
        const draft =
          c.op === 'remove' ? { field: 'event', to: null } : { field: 'event-date', to: c.date };
        return gone({ ...draft, from: null }, 'That event');
      }
      if (c.op === 'remove') return { field: 'event', from: event.name, to: null };
      return event.date === c.date ? null : { field: 'event-date', from: event.date, to: c.date };
    }
    case 'why':
    case 'offer': {
      const was = logged[c.field];
      const to = c.op === 'edit' ? c.text : null;
      if (was === null)
        return gone(
          { field: c.field, from: null, to },
          c.field === 'why' ? 'Your why' : 'Your offer',
        );
      return was === to ? null : { field: c.field, from: was, to };
    }
    case 'command': {
      const command = logged.command;
      if (command === null) {
        const draft =
          c.op === 'remove' ? { field: 'command', to: null } : { field: 'pause-end', to: c.date };
        return gone({ ...draft, from: null }, 'That command');
      }
      if (command !== 'pause') {
        throw new ValidationError(
          'item',
          commandHints[command] ?? `“${command}” cannot be undone here`,
        );
      }
      if (c.op === 'remove') return { field: 'command', from: command, to: null };
      // The same range as the pause form: tomorrow to a year ahead, in their zone.
      parsePause({ until: c.date }, now, state.timezone);
      return logged.until === c.date
        ? null
        : { field: 'pause-end', from: logged.until, to: c.date };
    }
  }
}

/**
 * Applies one correction to one of the subscriber's check-ins. Pure. The
 * check-in keeps its `understood` and gains the correction (at, field, from,
 * to); the subscriber's record is corrected with it: a person renamed or
 * taken off the list, a meeting taken out of the tally (and the met flag
 * with it), a plan or event removed or moved, with its follow-up dropped or
 * moved to the morning after the new date, the why or offer changed, an
 * unwanted pause undone. Only what this reply taught is undone: a person or
 * meeting another reply logged stays. Applying the same correction twice
 * changes nothing the second time. Throws ValidationError for an item no
 * longer logged or a command that cannot be undone here.
 */
export function applyCorrection(
  state: Subscriber,
  checkIn: CheckIn,
  correction: Correction,
  now: Date,
  ctx: PacingContext,
): CorrectionResult {
  const logged = loggedOf(checkIn);
  const draft = draftOf(checkIn, logged, correction, now, state);
  if (!draft) return { state, emails: [], checkIn, record: null };
  const effect = effectOf(state, { checkIn, logged, now, ctx }, draft);
  const record: CorrectionRecord = { at: now.toISOString(), ...draft };
  const unchanged = JSON.stringify(effect.state) === JSON.stringify(state);
  return {
    state: unchanged ? state : effect.state,
    emails: unchanged ? [] : effect.emails,
    checkIn: { ...checkIn, corrections: [...(checkIn.corrections ?? []), record] },
    record,
  };
}

/** What the correction does to the subscriber's record, by what it corrects. */
function effectOf(state: Subscriber, reply: ReplyRef, draft: Draft): CorrectedEffect {
  const { logged, now, ctx } = reply;
  const from = draft.from ?? '';
  switch (draft.field) {
    case 'people':
    case 'met':
      if (draft.to !== null) {
        return { state: renamePerson(state, reply, from, draft.to), emails: [] };
      }
      return {
        state:
          draft.field === 'met' ? forgetMet(state, reply, from) : forgetPerson(state, reply, from),
        emails: [],
      };
    case 'plan':
    case 'plan-date': {
      const plan = logged.plans.find((p) => p.index === draft.index) as LoggedPlan;
      return { state: movePlan(state, reply, { ...plan, event: null }, draft.to), emails: [] };
    }
    case 'event':
    case 'event-date': {
      const event = logged.event as NonNullable<Logged['event']>;
      const mention = { text: event.name, people: [], date: event.date, event: event.name };
      return { state: movePlan(state, reply, mention, draft.to), emails: [] };
    }
    case 'why':
    case 'offer':
      return { state: retext(state, draft.field, draft.from, draft.to), emails: [] };
    case 'command':
    case 'pause-end':
      return undoPause(state, draft.to, logged, now, ctx);
    default:
      return { state, emails: [] };
  }
}

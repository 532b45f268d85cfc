import type { CheckIn, CorrectionRecord } from './records.ts';

/**
 * What a check-in logged, as the manage page lists it and corrections check
 * against: the reader's understanding as stored, with the subscriber's
 * corrections (core/corrections.ts) replayed over it, oldest first.
 */

/** A plan of the reply, with its place in `understood.plans` (which corrections name). */
export interface LoggedPlan {
  index: number;
  text: string;
  people: string[];
  date: string | null;
}

/** What a check-in logged, with the subscriber's corrections applied: what the manage page lists. */
export interface Logged {
  why: string | null;
  offer: string | null;
  /** Everyone the reply named (picked, planned, met). */
  people: string[];
  /** Only those it says were met. */
  met: string[];
  plans: LoggedPlan[];
  event: { name: string; date: string | null } | null;
  command: string | null;
  /** The day a pause runs to. */
  until: string | null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() ? value : null;
const names = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((n): n is string => typeof n === 'string' && !!n.trim()) : [];
const record = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;

/** Names compared as the course rules keep them: case-blind, whitespace collapsed. */
export function sameName(a: string, b: string): boolean {
  const key = (n: string) => n.replace(/\s+/g, ' ').trim().toLowerCase();
  return key(a) === key(b);
}

function renamed(list: readonly string[], from: string, to: string | null): string[] {
  const out: string[] = [];
  for (const name of list) {
    const next = sameName(name, from) ? to : name;
    if (next !== null && !out.some((n) => sameName(n, next))) out.push(next);
  }
  return out;
}

/** The understanding as stored; read defensively, since older check-ins hold less. */
function understoodOf(raw: Record<string, unknown>): Logged {
  const event = record(raw.event);
  const plans = Array.isArray(raw.plans) ? raw.plans : [];
  return {
    why: text(raw.why),
    offer: text(raw.offer),
    people: names(raw.people),
    met: names(raw.met),
    plans: plans.flatMap((p, index) => {
      const plan = record(p);
      return plan
        ? [
            {
              index,
              text: text(plan.text) ?? '',
              people: names(plan.people),
              date: text(plan.date),
            },
          ]
        : [];
    }),
    event:
      event && text(event.name) ? { name: event.name as string, date: text(event.date) } : null,
    command: text(raw.command),
    until: text(raw.until),
  };
}

/** Applies one stored correction to the logged view (the same rules as {@link applyCorrection}). */
function replay(logged: Logged, c: CorrectionRecord): Logged {
  const plan = (change: (p: LoggedPlan) => LoggedPlan | null) => ({
    ...logged,
    plans: logged.plans.flatMap((p) => {
      const next = p.index === c.index ? change(p) : p;
      return next ? [next] : [];
    }),
  });
  switch (c.field) {
    case 'people':
    case 'met': {
      if (c.from === null) return logged;
      if (c.field === 'met' && c.to === null) {
        return { ...logged, met: renamed(logged.met, c.from, null) };
      }
      // A rename is a misread name, wherever it was logged; "not a person" likewise.
      const from = c.from;
      return {
        ...logged,
        people: renamed(logged.people, from, c.to),
        met: renamed(logged.met, from, c.to),
        // A plan whose only person was not a person goes with them (as the subscriber's does).
        plans: logged.plans.flatMap((p) => {
          if (!p.people.some((n) => sameName(n, from))) return [p];
          const people = renamed(p.people, from, c.to);
          return people.length > 0 ? [{ ...p, people }] : [];
        }),
      };
    }
    case 'plan':
      return plan(() => null);
    case 'plan-date':
      return plan((p) => ({ ...p, date: c.to }));
    case 'event':
      return { ...logged, event: null };
    case 'event-date':
      return logged.event ? { ...logged, event: { ...logged.event, date: c.to } } : logged;
    case 'why':
    case 'offer':
      return { ...logged, [c.field]: c.to };
    case 'command':
      return { ...logged, command: null, until: null };
    case 'pause-end':
      return { ...logged, until: c.to };
    default:
      return logged;
  }
}

/** What a check-in logged, after the subscriber's corrections. */
export function loggedOf(checkIn: Pick<CheckIn, 'understood' | 'corrections'>): Logged {
  return (checkIn.corrections ?? []).reduce(replay, understoodOf(checkIn.understood ?? {}));
}

/** Whether the view holds anything a person could correct. */
export function hasLogged(logged: Logged): boolean {
  return Boolean(
    logged.why ||
      logged.offer ||
      logged.people.length ||
      logged.met.length ||
      logged.plans.length ||
      logged.event ||
      logged.command,
  );
}

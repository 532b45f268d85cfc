import { cachedFormatter, toLocal } from './send-window.ts';
import type { Meeting, Pace, Subscriber } from './subscriber.ts';

/** Longest piece of subscriber text quoted back in an email. */
export const quoteLimit = 200;

/** Shortens subscriber text for quoting, on a word boundary. */
export function clip(text: string, limit = quoteLimit): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= limit) return flat;
  const cut = flat.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > limit / 2 ? space : limit)}…`;
}

/** "Sam", "Sam and Priya", "Sam, Priya and Jordan". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** How the coach writes dates and times for a subscriber (en-GB). */
const localStyles = {
  /** "Thursday 3 December" */
  day: { weekday: 'long', day: 'numeric', month: 'long' },
  /** "09:00" */
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  /** "3 Dec 2026" */
  shortDate: { day: 'numeric', month: 'short', year: 'numeric' },
  /** "December" */
  month: { month: 'long' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/** `instant` as the subscriber reads it in their zone, in one of {@link localStyles}. */
export function localText(
  instant: Date,
  timezone: string,
  style: keyof typeof localStyles,
): string {
  return cachedFormatter(
    `${style}|${timezone}`,
    () => new Intl.DateTimeFormat('en-GB', { ...localStyles[style], timeZone: timezone }),
  ).format(instant);
}

/** A date as the subscriber reads it in their zone: "Thursday 3 December". */
export function localDay(instant: Date, timezone: string): string {
  return localText(instant, timezone, 'day');
}

/** Meetings logged in the subscriber's current local month. */
export function meetingsThisMonth(meetings: readonly Meeting[], now: Date, timezone: string) {
  const here = toLocal(now, timezone);
  const names = meetings
    .filter((m) => {
      const at = toLocal(new Date(m.at), timezone);
      return at.year === here.year && at.month === here.month;
    })
    .flatMap((m) => m.names);
  return { count: names.length, names };
}

/** The monthly tally against the 2-3 meetings target, in words. */
export function tallyText(
  subscriber: Pick<Subscriber, 'meetings' | 'timezone'>,
  now: Date,
): string {
  const { count, names } = meetingsThisMonth(subscriber.meetings, now, subscriber.timezone);
  const month = localText(now, subscriber.timezone, 'month');
  if (count === 0) {
    return `No meetings logged for ${month} yet. The target is 2-3 a month: who could you ask for a coffee this week?`;
  }
  const logged = `${count} meeting${count === 1 ? '' : 's'} logged for ${month} (${listNames(names.map((n) => clip(n, 40)))})`;
  if (count === 1) return `${logged}. One or two more and you hit the 2-3 a month target.`;
  if (count <= 3) return `${logged}. That is the 2-3 a month target: well done.`;
  return `${logged}. That is past the 2-3 a month target: you are building real momentum.`;
}

/** The "quote your why back" sentence for later lessons, or empty. */
export function whyQuote(subscriber: Pick<Subscriber, 'why'>): string {
  return subscriber.why ? `You told me your why: “${clip(subscriber.why)}”. Keep it close.` : '';
}

/** The "your people" sentence for later lessons, or empty. */
export function peopleQuote(subscriber: Pick<Subscriber, 'people'>): string {
  const open = subscriber.people.filter((p) => !p.met).map((p) => clip(p.name, 40));
  const met = subscriber.people.filter((p) => p.met).map((p) => clip(p.name, 40));
  if (open.length === 0 && met.length === 0) return '';
  const parts = [];
  if (met.length) parts.push(`you have met ${listNames(met.slice(0, 5))}`);
  if (open.length)
    parts.push(
      `${listNames(open.slice(0, 5))} ${open.length === 1 ? 'is' : 'are'} still on your coffee list`,
    );
  return `On your people list: ${parts.join(', and ')}.`;
}

/** How the pace reads in a confirmation. */
export function paceText(pace: Pace): string {
  return {
    gentle: 'Your pace is now gentle: a little more time between emails.',
    normal: 'Your pace is now normal.',
    intense: 'Your pace is now intense: emails come closer together.',
  }[pace];
}

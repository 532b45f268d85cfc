import type {
  Acknowledgement,
  CourseRules,
  SequenceEntry,
} from '../../functions/core/course-rules.ts';
import { isoDay as isoDate } from '../../functions/core/pacing/schedule.ts';
import type { ReplyFacts } from '../../functions/core/pacing/types.ts';
import { clip, listNames, localText, meetingsThisMonth } from '../../functions/core/pacing-text.ts';
import { addLocalDays, fromLocal, toLocal } from '../../functions/core/send-window.ts';
import type { Person, PlannedMeeting, Subscriber } from '../../functions/core/subscriber.ts';

/** Limits on what the course remembers of one person. */
const limits = { people: 20, meetings: 200, plans: 20, name: 60 } as const;

/** Coffees booked within this many days hold the events lesson and the last one until after them. */
const bookedWithinDays = 14;

/** The closing comes no sooner than the third week of the course. */
const closingAfterDays = 14;

const lower = (name: string) => name.toLowerCase();

/** Their words in quotation marks, inside a sentence of ours: its own full stop dropped. */
const quote = (text: string) => `“${clip(text).replace(/[.!?…。]+$/u, '')}”`;

/**
 * The one person a name means: "Sam" is "Sam Okafor" when no other Sam is
 * known (and "Sam Okafor" is the "Sam" picked earlier); otherwise the name as written.
 */
function canonical(people: readonly Person[], name: string): string {
  const first = (n: string) => lower(n).split(/\s+/)[0] ?? '';
  if (people.some((p) => lower(p.name) === lower(name))) return name;
  const same = people.filter((p) => first(p.name) === first(name));
  return same.length === 1 && same[0] ? same[0].name : name;
}

function addPeople(people: readonly Person[], given: readonly string[], at: string, met: boolean) {
  const names = given.map((n) => canonical(people, n));
  const known = new Map(people.map((p) => [lower(p.name), p]));
  const updated = people.map((p) =>
    met && names.some((n) => lower(n) === lower(p.name))
      ? { ...p, met: true, lastContactAt: at }
      : p,
  );
  const added = names
    .filter((n) => !known.has(lower(n)))
    .map((name) => ({ name, met, addedAt: at, lastContactAt: met ? at : null }));
  return [...updated, ...added].slice(0, limits.people);
}

/** What a reply teaches: the why and offer (lesson 1), people picked, plans, and who was met. */
function learn(state: Subscriber, facts: ReplyFacts, step: number | null, now: Date) {
  const at = now.toISOString();
  let next = state;
  if (step === 1 && facts.why) next = { ...next, why: clip(facts.why, 300) };
  if (step === 1 && facts.offer) next = { ...next, offer: clip(facts.offer, 300) };
  const named = facts.people.map((n) => clip(n, limits.name));
  if (named.length > 0) next = { ...next, people: addPeople(next.people, named, at, false) };
  const met = facts.met.map((n) => canonical(next.people, clip(n, limits.name)));
  if (met.length > 0) {
    next = {
      ...next,
      people: addPeople(next.people, met, at, true),
      meetings: [...next.meetings, { at, names: met }].slice(-limits.meetings),
    };
  }
  const plans: PlannedMeeting[] = (facts.plans ?? [])
    .filter((p) => p.people.length > 0 || p.date)
    .map((p) => ({
      names: p.people.map((n) => clip(n, limits.name)),
      event: null,
      date: p.date,
      at,
    }));
  if (facts.event) {
    plans.push({ names: [], event: clip(facts.event.name, 80), date: facts.event.date, at });
  }
  const cancelled = new Set((facts.negated ?? []).flatMap((n) => n.people.map(lower)));
  const kept = next.plans.filter((p) => !p.names.some((n) => cancelled.has(lower(n))));
  if (plans.length > 0 || kept.length !== next.plans.length) {
    next = { ...next, plans: [...kept, ...plans].slice(-limits.plans) };
  }
  return { state: next, ack: acknowledgement(facts, step, named, met) };
}

/** Says what was logged, in the person's own words, or nothing when nothing was. */
function acknowledgement(
  facts: ReplyFacts,
  step: number | null,
  named: readonly string[],
  met: readonly string[],
): Acknowledgement {
  const names = (list: readonly string[]) => listNames(list.map((n) => clip(n, 40)));
  if (met.length > 0) {
    return {
      text: `You met ${names(met)}: that is exactly the habit, well done. It is on your tally for the month.`,
      celebrate: true,
    };
  }
  if (step === 1 && facts.why) {
    return {
      text: `Your why is logged: ${quote(facts.why)}. I will bring it back when it helps.`,
      celebrate: false,
    };
  }
  const plans = (facts.plans ?? []).filter((p) => p.people.length > 0);
  if (plans.length > 0) {
    const who = names([...new Set(plans.flatMap((p) => p.people))]);
    const dated = plans.some((p) => p.date);
    return {
      text: dated
        ? `Meeting ${who} is in your plans. I will ask how it went the day after.`
        : `Meeting ${who} is in your plans. Reply with the day once it is set and I will ask how it went.`,
      celebrate: false,
    };
  }
  if (facts.event) {
    // "the meetup" opens a sentence here: "The meetup is in your calendar."
    const name = clip(facts.event.name, 80).replace(/^\p{Ll}/u, (c) => c.toUpperCase());
    return {
      text: facts.event.date
        ? `${name} is in your calendar. I will check in the day after.`
        : `${name} is noted. Reply with its date and I will check in the day after.`,
      celebrate: false,
    };
  }
  if (named.length > 0) {
    return {
      text: `Your people are logged: ${names(named)}. Time to send those invitations.`,
      celebrate: false,
    };
  }
  return { text: null, celebrate: false };
}

function localDate(state: Subscriber, at: Date) {
  return toLocal(at, state.timezone);
}

/** Noon of the day after a local date, so the lesson comes after the coffee, not on its morning. */
function dayAfter(state: Subscriber, date: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const next = addLocalDays({ year, month, day }, 1);
  return fromLocal({ ...next, hour: 0, minute: 0 }, state.timezone);
}

/**
 * Progress unlocks lessons: the events lesson (3) and the last one (4) wait
 * until after the coffees booked for the next two weeks; the closing comes no
 * sooner than the third week.
 */
function holdUntil(state: Subscriber, entry: SequenceEntry, now: Date): Date | null {
  if (entry.step === 3 || entry.step === 4) {
    const horizon = now.getTime() + bookedWithinDays * 86_400_000;
    const booked = state.plans
      .filter((p) => p.names.length > 0 && p.date)
      .map((p) => dayAfter(state, p.date as string))
      .filter((d) => d.getTime() > now.getTime() && d.getTime() <= horizon + 86_400_000);
    return booked.length > 0 ? new Date(Math.max(...booked.map((d) => d.getTime()))) : null;
  }
  const started = state.courseStartedAt ?? state.consent.confirmedAt;
  if (entry.step === null && started) {
    return new Date(Date.parse(started) + closingAfterDays * 86_400_000);
  }
  return null;
}

const met = (s: Subscriber) => s.people.filter((p) => p.met).map((p) => clip(p.name, 40));
const open = (s: Subscriber) => s.people.filter((p) => !p.met).map((p) => clip(p.name, 40));

/** Each lesson opens with what the person actually reported, and nothing they did not. */
function opening(s: Subscriber, emailId: string, now: Date): string {
  const whoMet = met(s);
  const picked = open(s);
  const today = isoDate(localDate(s, now));
  // A coffee whose day has passed unreported is not "booked": it may or may not have happened.
  const metNames = new Set(whoMet.map((n) => n.toLowerCase()));
  const ahead = s.plans.filter((p) => p.names.length > 0 && (!p.date || p.date >= today));
  const booked = [...new Set(ahead.flatMap((p) => p.names))].filter(
    (n) => !metNames.has(n.toLowerCase()),
  );
  const lapsed = s.plans
    .filter((p) => p.names.length > 0 && p.date && p.date < today)
    .flatMap((p) => p.names)
    .filter((n) => !metNames.has(n.toLowerCase()));
  const event = s.plans.find((p) => p.event && (!p.date || p.date >= today))?.event;
  switch (emailId) {
    case 'lesson-2':
      return s.why
        ? `You have your why. Now let's put it to work with the people around you.`
        : `Even without a why written down, the next step works: it starts with the people around you.`;
    case 'lesson-3':
      if (whoMet.length) return `You have met ${listNames(whoMet)}: that is the hardest part done.`;
      if (booked.length)
        return `You are meeting ${listNames(booked.slice(0, 3))} soon: keep those dates.`;
      if (lapsed.length)
        return `Did your meeting with ${listNames([...new Set(lapsed)].slice(0, 3))} happen? Whatever the answer, reply and tell me. Meanwhile, this lesson gives you another way in.`;
      if (picked.length)
        return `You picked ${listNames(picked.slice(0, 3))}. If the coffees are not set yet, this lesson gives you another way in.`;
      return `If no coffee has happened yet, that is common, and this lesson gives you another way in: places where meeting people is the point.`;
    case 'lesson-4': {
      const done: string[] = [];
      if (s.why) done.push('a why');
      if (whoMet.length) done.push(`a first meeting behind you with ${listNames(whoMet)}`);
      else if (booked.length) done.push(`a meeting booked with ${listNames(booked.slice(0, 3))}`);
      if (event) done.push(`${event} in your calendar`);
      return done.length
        ? `You have ${listNames(done)}. That's a real start, and it's only a start.`
        : `Whatever you have managed so far, this is the step that makes it last.`;
    }
    default:
      return '';
  }
}

/** The closing says what the person did, truthfully, and only that. */
function closing(s: Subscriber, now: Date): string {
  const lines: string[] = [];
  if (s.why) lines.push('- a clear reason for building relationships');
  if (s.offer) lines.push('- something you can offer the people you meet');
  const whoMet = met(s);
  if (whoMet.length) lines.push(`- time with ${listNames(whoMet.slice(0, 5))}, face to face`);
  else if (open(s).length) lines.push(`- ${listNames(open(s).slice(0, 5))} on your list to invite`);
  const today = isoDate(localDate(s, now));
  const planned = s.plans.find((p) => p.event);
  if (planned?.event) {
    const ahead = !planned.date || planned.date >= today;
    lines.push(
      ahead
        ? `- ${planned.event} in your calendar`
        : `- ${planned.event}, an event you picked and planned for`,
    );
  }
  if (lines.length === 0) {
    return 'You have read the whole course. Whenever you are ready, the first step is still the smallest: one coffee with one person you already know.';
  }
  return `Here is what you have put in place:\n${lines.join('\n')}`;
}

/** The month's tally against 2-3 meetings; never "none yet" in the month's first week. */
function tally(s: Subscriber, now: Date): string {
  const local = localDate(s, now);
  if (local.day <= 7) {
    const lastMonth = new Date(
      fromLocal({ ...local, day: 1, hour: 12, minute: 0 }, s.timezone).getTime() - 86_400_000,
    );
    const { count } = meetingsThisMonth(s.meetings, lastMonth, s.timezone);
    const month = localText(lastMonth, s, 'month');
    return count > 0
      ? `A new month. In ${month} you logged ${count} meeting${count === 1 ? '' : 's'}. The target is 2-3 a month.`
      : 'A new month, and a fresh start: the target is 2-3 meetings.';
  }
  const { count, names } = meetingsThisMonth(s.meetings, now, s.timezone);
  const month = localText(now, s, 'month');
  if (count === 0)
    return `No meetings logged for ${month} yet. Who could you ask for a coffee this week?`;
  const logged = `${count} meeting${count === 1 ? '' : 's'} logged for ${month} (${listNames(names.map((n) => clip(n, 40)))})`;
  if (count === 1) return `${logged}. One or two more and you hit the 2-3 a month target.`;
  if (count <= 3) return `${logged}. That is the 2-3 a month target: well done.`;
  return `${logged}. That is past the 2-3 a month target: you are building real momentum.`;
}

function whyQuote(s: Subscriber): string {
  return s.why ? `You told me your why: ${quote(s.why)}. Keep it close.` : '';
}

function peopleQuote(s: Subscriber): string {
  const parts: string[] = [];
  if (met(s).length) parts.push(`you have met ${listNames(met(s).slice(0, 5))}`);
  const waiting = open(s);
  if (waiting.length) {
    parts.push(
      `${listNames(waiting.slice(0, 5))} ${waiting.length === 1 ? 'is' : 'are'} still on your coffee list`,
    );
  }
  return parts.length ? `On your people list: ${parts.join(', and ')}.` : '';
}

/** The relationships course's own rules ("People Over Job Boards"). */
export const relationshipsRules: CourseRules = {
  id: 'relationships',
  learn,
  holdUntil,
  vars(state, emailId, now): Record<string, string> {
    switch (emailId) {
      case 'lesson-2':
      case 'lesson-3':
        return {
          openingText: opening(state, emailId, now),
          peopleQuote: '',
          whyQuote: emailId === 'lesson-3' ? '' : whyQuote(state),
        };
      case 'lesson-4':
        // The why is quoted where it helps a decision: making the habit last.
        return {
          openingText: opening(state, emailId, now),
          whyQuote: whyQuote(state),
          peopleQuote: peopleQuote(state),
        };
      case 'closing':
        return { openingText: closing(state, now), whyQuote: '', peopleQuote: '' };
      case 'check-in':
        return { tallyText: tally(state, now), whyQuote: '', peopleQuote: peopleQuote(state) };
      default:
        return {};
    }
  },
  doneMeans: () => 'ask',
  encouragement(state) {
    const picked = open(state);
    const lead = picked.length
      ? `It is fine if ${listNames(picked.slice(0, 2))} ${picked.length === 1 ? 'is' : 'are'} not the right start.`
      : 'It is fine not to know who to ask yet: most people feel that way at this point.';
    return [
      `${lead} Finding this hard is normal, and it does not mean the course is not for you.`,
      'Try a smaller step this week, whichever feels easiest:',
      '- one former classmate or colleague you liked, for a short call, with no agenda',
      '- one peer, someone at your own level, rather than someone senior',
      '- an event or meetup where nobody needs an introduction, because meeting people is the point',
      'There is no new lesson until you write back or a week has passed. Tell me how it went, or what is in the way.',
    ].join('\n');
  },
  followUpText({ people, event, text }) {
    if (event) return `How was ${event}? Who did you meet? Just reply with their names.`;
    if (people.length > 0)
      return `How did it go with ${listNames(people)}? Reply with a line or two.`;
    return `How did “${text}” go? Reply with a line or two.`;
  },
};

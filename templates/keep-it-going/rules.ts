import type { CourseRules } from '../../functions/core/course-rules.ts';
import { clip, listNames } from '../../functions/core/pacing-text.ts';
import type { Subscriber } from '../../functions/core/subscriber.ts';
import { relationshipsRules } from '../relationships/rules.ts';

/** The follow-on's last email comes no sooner than this many days after it began. */
const closingAfterDays = 20;

const since = (s: Subscriber) => (s.courseStartedAt ? Date.parse(s.courseStartedAt) : 0);

/** Everyone met since the follow-on began, newest last, each name once. */
function metSinceStart(s: Subscriber): string[] {
  const names = s.meetings.filter((m) => Date.parse(m.at) >= since(s)).flatMap((m) => m.names);
  return [...new Map(names.map((n) => [n.toLowerCase(), clip(n, 40)])).values()];
}

/** Who they met in the course before, the natural people for a second coffee. */
function metBefore(s: Subscriber): string[] {
  return s.people
    .filter((p) => p.met && p.lastContactAt && Date.parse(p.lastContactAt) < since(s))
    .map((p) => clip(p.name, 40));
}

/** Each email opens with what the person actually reported, and nothing they did not. */
function opening(s: Subscriber, emailId: string): string {
  const before = metBefore(s);
  const recent = metSinceStart(s);
  switch (emailId) {
    case 'keep-1':
      return before.length > 0
        ? `In the course you met ${listNames(before.slice(0, 3))}. This month is about going back: the second conversation is where a relationship starts.`
        : 'You have the four steps behind you. This month is about turning first conversations into relationships that last.';
    case 'keep-2':
      return recent.length > 0
        ? `Since we started this follow-on you have met ${listNames(recent.slice(0, 3))}: that is the habit working.`
        : 'If no coffee has happened since my last email, that is fine: this one is about giving, which you can do by email in five minutes.';
    case 'keep-3': {
      const count = recent.length;
      return count > 0
        ? `This month you logged time with ${listNames(recent.slice(0, 5))}. ${count >= 2 ? 'That is the 2-3 a month habit, kept going.' : 'One more next month and you are at the 2-3 a month habit.'}`
        : 'This month was quiet on my side: no meetings reached me. The habit restarts with one invitation, whenever you send it.';
    }
    default:
      return '';
  }
}

/**
 * "Keep It Going", the short follow-on offered to those who finish the
 * relationships course: three emails over a month. What a reply teaches and
 * how it is acknowledged are the same as in that course (people, meetings,
 * plans, events), read as check-ins rather than lesson answers; only its
 * openings, its one hold (the last email after the third week) and what a
 * bare "done" means are its own.
 */
export const keepItGoingRules: CourseRules = {
  id: 'keep-it-going',
  // No why or offer to capture here: a reply is read for people, meetings and plans.
  learn: (state, facts, _step, now) => relationshipsRules.learn(state, facts, null, now),
  holdUntil(state, entry) {
    if (entry.step !== null || !state.courseStartedAt) return null;
    return new Date(since(state) + closingAfterDays * 86_400_000);
  },
  vars(state, emailId, now) {
    if (emailId === 'check-in') return relationshipsRules.vars(state, emailId, now);
    return { openingText: opening(state, emailId), whyQuote: '', peopleQuote: '' };
  },
  // Step 1 asks for a name: "done" alone does not give one. Step 2 asks whether they gave: "done" says so.
  doneMeans: (step) => (step === 2 ? 'answered' : 'ask'),
  encouragement: (state) => relationshipsRules.encouragement(state),
  followUpText: (about) => relationshipsRules.followUpText(about),
};

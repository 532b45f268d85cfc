import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLocalDays, toLocal } from '../../functions/core/send-window.ts';
import { header, inbox, type StoredEmail } from '../support/inbox.ts';
import { advance, confirmFromInbox, signup, startTestStack } from '../support/local-stack.ts';
import { silentCourse } from '../support/pacing-driver.ts';
import { type ReplyOptions, replyTo } from '../support/reply.ts';

/**
 * Five subscribers live through the course on the local stack, driven by the
 * dev clock, each replying (or not) the way a kind of person does.
 */
type Action = { afterHours: number; text: string; options?: ReplyOptions };
interface Persona {
  name: string;
  email: string;
  timezone: string;
  /** What this person does when an email arrives, or nothing. */
  onEmail(emailId: string, localDate: string): Action | null;
}

const day = (date: string, days: number) => {
  const [year, month, d] = date.split('-').map(Number) as [number, number, number];
  const next = addLocalDays({ year, month, day: d }, days);
  return `${next.year}-${String(next.month).padStart(2, '0')}-${String(next.day).padStart(2, '0')}`;
};

const personas: Persona[] = [
  {
    name: 'eager',
    email: 'eager@example.com',
    timezone: 'America/New_York',
    onEmail: (id, date) =>
      ({
        'lesson-1': {
          afterHours: 1,
          text: 'My why: I want to move into product management. I can offer help with data analysis.',
        },
        'lesson-2': { afterHours: 1, text: 'Sam, Priya and Jordan' },
        'lesson-3': {
          afterHours: 1,
          text: `I am going to the Product Design Meetup on ${day(date, 4)}.`,
        },
        'lesson-4': { afterHours: 1, text: 'I met Sam and Priya this month.' },
      })[id] ?? null,
  },
  {
    name: 'slow',
    email: 'slow@example.com',
    timezone: 'Europe/Berlin',
    onEmail: (id) =>
      id.startsWith('nudge-')
        ? { afterHours: 5, text: 'Sorry for the slow answer! I picked Sam and Alex.' }
        : null,
  },
  { name: 'silent', email: 'silent@example.com', timezone: 'Asia/Tokyo', onEmail: () => null },
  {
    name: 'vacationer',
    email: 'vacation@example.com',
    timezone: 'Europe/London',
    onEmail: (id, date) =>
      id === 'lesson-2'
        ? {
            afterHours: 0,
            text: `I am out of the office until ${day(date, 10)} and will reply when I am back.`,
            options: {
              subject: 'Automatic reply: Lesson 2',
              headers: { 'Auto-Submitted': 'auto-replied' },
              quote: false,
            },
          }
        : id === 'lesson-1'
          ? { afterHours: 2, text: 'My why: to find a mentor.' }
          : null,
  },
  {
    name: 'commander',
    email: 'commander@example.com',
    timezone: 'Australia/Sydney',
    onEmail: (id) =>
      ({
        'lesson-1': { afterHours: 1, text: 'pause' },
        paused: { afterHours: 72, text: 'resume' },
        'lesson-2': { afterHours: 1, text: 'faster' },
        'lesson-3': { afterHours: 1, text: 'stop' },
      })[id] ?? null,
  },
];

let stack: Awaited<ReturnType<typeof startTestStack>>;
const timeline = new Map<string, { emailId: string; local: string; at: number }[]>();

function localStamp(at: number, tz: string) {
  const l = toLocal(new Date(at), tz);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${l.year}-${pad(l.month)}-${pad(l.day)}`,
    time: `${pad(l.hour)}:${pad(l.minute)}`,
  };
}

/**
 * The next Monday at `hour` UTC after `now`: the run starts at the same weekday
 * and time whenever the suite runs, since the send window and the pacing
 * depend on the local time of day. 04:00 UTC has the commander's "resume"
 * arrive at night in Sydney, so the confirmation waits for the morning together
 * with lesson 2.
 */
function nextMondayAt(now: Date, hour: number): Date {
  const start = new Date(now);
  start.setUTCHours(hour, 0, 0, 0);
  const daysAhead = (8 - start.getUTCDay()) % 7 || 7;
  start.setUTCDate(start.getUTCDate() + daysAhead);
  return start;
}

beforeAll(async () => {
  stack = await startTestStack();
  stack.clock.advanceTo(nextMondayAt(stack.clock.now(), 4));
  for (const p of personas) {
    await signup(stack, { email: p.email, name: p.name, timezone: p.timezone });
    await confirmFromInbox(stack, p.email);
    timeline.set(p.name, []);
  }
  const seen = new Set<string>();
  const pending: { at: number; persona: Persona; mail: StoredEmail; action: Action }[] = [];
  // Six weeks in two-hour steps; replies go out when their time comes.
  for (let step = 0; step < 42 * 12; step++) {
    const { now } = await advance(stack, 2);
    const nowMs = Date.parse(now);
    for (const p of personas) {
      for (const mail of await inbox(stack.sesUrl, p.email)) {
        if (seen.has(mail.messageId)) continue;
        seen.add(mail.messageId);
        const emailId = header(mail, 'X-Coach-Email') ?? '?';
        if (emailId === 'confirm') continue;
        const stamp = localStamp(nowMs, p.timezone);
        timeline.get(p.name)?.push({ emailId, local: `${stamp.date} ${stamp.time}`, at: nowMs });
        const action = p.onEmail(emailId, stamp.date);
        if (action)
          pending.push({ at: nowMs + action.afterHours * 3_600_000, persona: p, mail, action });
      }
    }
    for (const due of pending.filter((r) => r.at <= nowMs)) {
      pending.splice(pending.indexOf(due), 1);
      await replyTo(stack, due.mail, due.action.text, due.action.options);
    }
  }
  const rows = [...timeline].flatMap(([persona, events]) =>
    events.map((e) => ({ persona, email: e.emailId, 'local time (received within 2h)': e.local })),
  );
  console.table(rows);
}, 600_000);

afterAll(async () => {
  await stack?.cleanup();
});

const ids = (name: string) => (timeline.get(name) ?? []).map((e) => e.emailId);
const when = (name: string, emailId: string) =>
  timeline.get(name)?.find((e) => e.emailId === emailId)?.at ?? Number.NaN;
const days = (ms: number) => ms / 86_400_000;

describe('personas', () => {
  it('the eager replier gets an acknowledgement for every step and the next lesson a day later', () => {
    const got = ids('eager');
    for (const step of [1, 2, 3, 4]) expect(got).toContain(`ack-${step}`);
    expect(got.some((id) => id.startsWith('nudge'))).toBe(false);
    for (const [a, b] of [
      ['lesson-1', 'lesson-2'],
      ['lesson-2', 'lesson-3'],
      ['lesson-3', 'lesson-4'],
    ] as const) {
      expect(days(when('eager', b) - when('eager', a))).toBeLessThan(2.1);
    }
    // The event named in step 3 brings a follow-up the day after it.
    expect(got).toContain('follow-up');
    expect(days(when('eager', 'follow-up') - when('eager', 'lesson-3'))).toBeGreaterThan(4);
  });

  it('the slow replier is nudged once per lesson and moves on after replying', () => {
    const got = ids('slow');
    expect(got.slice(0, 4)).toEqual(['lesson-1', 'nudge-1', 'ack-1', 'lesson-2']);
    for (const step of [1, 2, 3, 4])
      expect(got.filter((id) => id === `nudge-${step}`)).toHaveLength(1);
  });

  it('the silent reader is nudged, slowed down, and never mailed at night', () => {
    const got = ids('silent');
    expect(got.slice(0, silentCourse.length)).toEqual([...silentCourse]);
    expect(days(when('silent', 'lesson-4') - when('silent', 'lesson-3'))).toBeGreaterThan(
      days(when('silent', 'lesson-3') - when('silent', 'lesson-2')),
    );
    for (const e of timeline.get('silent') ?? []) {
      const hour = Number(e.local.slice(11, 13));
      expect(hour).toBeGreaterThanOrEqual(7);
      expect(hour).toBeLessThan(21);
    }
  });

  it('the vacationer is left alone until the out-of-office return date', () => {
    const got = ids('vacationer');
    const lesson2 = when('vacationer', 'lesson-2');
    const next = (timeline.get('vacationer') ?? []).find((e) => e.at > lesson2);
    expect(next).toBeDefined();
    expect(days((next?.at ?? 0) - lesson2)).toBeGreaterThan(9);
    expect(got).not.toContain('nudge-2');
  });

  it('the commander pauses, resumes, speeds up and stops, each confirmed', () => {
    const got = ids('commander');
    expect(got.slice(0, 4)).toEqual(['lesson-1', 'paused', 'resumed', 'lesson-2']);
    expect(days(when('commander', 'resumed') - when('commander', 'paused'))).toBeGreaterThan(2.9);
    expect(got).toContain('pace-changed');
    expect(got.at(-1)).toBe('stopped');
    expect(got.filter((id) => id.startsWith('lesson'))).toEqual([
      'lesson-1',
      'lesson-2',
      'lesson-3',
    ]);
  });
});

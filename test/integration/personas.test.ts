import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInHolidays } from '../../functions/adapters/holiday-calendar.ts';
import { addLocalDays, toLocal } from '../../functions/core/send-window.ts';
import type { Subscriber } from '../../functions/core/subscriber.ts';
import { header, inbox, type StoredEmail } from '../support/inbox.ts';
import {
  advance,
  confirmFromInbox,
  signup,
  stackDeps,
  startTestStack,
} from '../support/local-stack.ts';
import { testKeysEnv } from '../support/manage.ts';
import { replyTo } from '../support/reply.ts';

/**
 * Six people live through 60 days of the course on the local stack (real
 * emulators, the real reader, the dev clock), each replying the way a kind
 * of person does: an eager graduate, a busy manager, a silent reader, a
 * traveller who pauses, someone who writes in German, and someone who gets
 * discouraged. Their transcripts are printed; the coach's rules are asserted.
 * The run starts on the first Monday of December, so Christmas and New Year
 * fall inside it whenever the suite runs.
 */

/** A reply: when (hours after the email arrived), what, and what the coach must answer within a day. */
interface Reply {
  afterHours: number;
  text: string;
  expect?: 'encourage' | 'question-received';
  options?: Parameters<typeof replyTo>[3];
}
/** What the person does when an email arrives: `dates(n)` writes the local date n days on. */
type Behaviour = (
  emailId: string,
  dates: (days: number) => LocalDate,
  count: number,
) => Reply | null;
interface LocalDate {
  en: string;
  de: string;
}
interface Persona {
  name: string;
  email: string;
  timezone: string;
  locale: string;
  onEmail: Behaviour;
}

const personas: Persona[] = [
  {
    name: 'eager graduate',
    email: 'eager@example.com',
    timezone: 'Europe/London',
    locale: 'en-GB',
    onEmail: (id, on, count) =>
      ({
        'lesson-1': {
          afterHours: 1,
          text: 'My why: I want to move from a junior developer job into data engineering within a year. I can offer help with SQL and dashboards.',
        },
        'lesson-2': {
          afterHours: 1,
          text: `I picked Sam Okafor, Priya and Jordan. Coffee with Sam is booked for ${on(3).en}.`,
        },
        'follow-up': {
          afterHours: 2,
          text:
            [
              'Had coffee with Sam yesterday, it went really well.',
              'The meetup was great. I met Chen and Alex there and we swapped numbers.',
            ][count - 1] ?? 'Nothing new since, busy week.',
        },
        'lesson-3': {
          afterHours: 1,
          text: `I signed up for the Data Engineering Meetup on ${on(6).en}.`,
        },
        'lesson-4': { afterHours: 1, text: 'I met Priya last week and Jordan yesterday.' },
        'check-in': {
          afterHours: 3,
          text:
            [
              'Had lunch with Alex from the meetup on Monday.',
              `Nobody new yet, but coffee with Chen is set for ${on(5).en}.`,
            ][count - 1] ?? 'Quiet few weeks, nothing to report.',
        },
      })[id] ?? null,
  },
  {
    name: 'busy manager',
    email: 'manager@example.com',
    timezone: 'America/New_York',
    locale: 'en-US',
    onEmail: (id) =>
      ({
        'nudge-1': {
          afterHours: 6,
          text: 'Sorry, crazy week. My why is to build a network outside my company before the reorg.',
        },
        'lesson-2': { afterHours: 2, text: 'slower please' },
        'nudge-2': {
          afterHours: 8,
          text: 'Nobody yet this month, everything is booked but nothing has happened.',
        },
        'lesson-3': { afterHours: 4, text: 'done' },
      })[id] ?? null,
  },
  {
    name: 'silent reader',
    email: 'silent@example.com',
    timezone: 'Asia/Tokyo',
    locale: 'ja-JP',
    onEmail: () => null,
  },
  {
    name: 'traveller',
    email: 'traveller@example.com',
    timezone: 'Australia/Sydney',
    locale: 'en-AU',
    onEmail: (id, on) =>
      ({
        'lesson-1': { afterHours: 2, text: 'My why: I want to find a mentor in climate tech.' },
        'lesson-2': {
          afterHours: 1,
          text: `I'm travelling for work, please pause until ${on(16).en}.`,
        },
        paused: { afterHours: 72, text: 'Quick update from the road: I picked Mia and Tom.' },
      })[id] ?? null,
  },
  {
    name: 'German writer',
    email: 'deutsch@example.com',
    timezone: 'Europe/Berlin',
    locale: 'de-DE',
    onEmail: (id, on) =>
      ({
        'lesson-1': {
          afterHours: 3,
          text: 'Mein Warum: Ich möchte in die Produktentwicklung wechseln. Ich kann bei Excel und Datenanalyse helfen.',
        },
        'lesson-2': {
          afterHours: 2,
          text: `Ich habe Anna Becker und Jonas ausgewählt. Kaffee mit Anna am ${on(4).de}. Kann ich die E-Mails auch auf Deutsch bekommen?`,
          expect: 'question-received' as const,
        },
        'follow-up': { afterHours: 2, text: 'Ich habe Anna getroffen, es war sehr hilfreich.' },
      })[id] ?? null,
  },
  {
    name: 'discouraged',
    email: 'discouraged@example.com',
    timezone: 'America/Chicago',
    locale: 'en-US',
    onEmail: (id, on, count) =>
      ({
        'lesson-1': {
          afterHours: 2,
          text: "I want a job in UX research. I've been applying for months.",
        },
        'lesson-2': {
          afterHours: 3,
          text: "Honestly I don't know anyone worth asking... not sure this is for me.",
          expect: 'encourage' as const,
        },
        encourage: {
          afterHours: 40,
          text:
            [
              `Ok, I messaged a former classmate, Dana. We are having coffee on ${on(4).en}.`,
              `Thanks. I will try the UX Research Meetup on ${on(6).en}, where nobody needs an introduction.`,
            ][count - 1] ?? 'Thanks, I will keep going.',
        },
        'check-in':
          count === 1
            ? {
                afterHours: 5,
                text: 'The job hunt is wearing me down, to be honest.',
                expect: 'encourage' as const,
              }
            : null,
      })[id] ?? null,
  },
];

/** Answers to what the person asked for: they go beside the day's one course email. */
const confirmations = new Set([
  ...['paused', 'resumed', 'stopped', 'pace-changed', 'skipped', 'not-yet', 'clarify', 'graduated'],
]);

interface Seen {
  emailId: string;
  subject: string;
  at: number;
  body: string;
}
interface Sent {
  at: number;
  text: string;
  expect?: Reply['expect'];
}
const got = new Map<string, Seen[]>();
const wrote = new Map<string, Sent[]>();
const finalState = new Map<string, Subscriber>();
let operatorMail: StoredEmail[] = [];
let stack: Awaited<ReturnType<typeof startTestStack>>;

const hour = 3_600_000;
const day = 24 * hour;

/** The first Monday of December at 06:00 UTC, this year's or next year's, never in the past. */
function firstMondayOfDecember(now: Date): Date {
  for (let year = now.getUTCFullYear(); ; year++) {
    const start = new Date(Date.UTC(year, 11, 1, 6));
    while (start.getUTCDay() !== 1) start.setUTCDate(start.getUTCDate() + 1);
    if (start.getTime() > now.getTime()) return start;
  }
}

function localDate(at: number, tz: string, plus = 0): LocalDate {
  const l = toLocal(new Date(at), tz);
  const d = addLocalDays({ year: l.year, month: l.month, day: l.day }, plus);
  const month = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(d.year, d.month - 1, 1)),
  );
  return { en: `${d.day} ${month}`, de: `${d.day}.${d.month}.` };
}

const stamp = (at: number, tz: string) => {
  const l = toLocal(new Date(at), tz);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${l.year}-${pad(l.month)}-${pad(l.day)} ${pad(l.hour)}:${pad(l.minute)}`;
};

/** The body's words after the greeting, for the transcript. */
function gist(mail: StoredEmail): string {
  const lines = (mail.body.text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const from = lines.findIndex((l) => /^(Hi|Hello)\b/.test(l));
  return lines
    .slice(from + 1, from + 4)
    .join(' ')
    .slice(0, 300);
}

beforeAll(async () => {
  stack = await startTestStack({ env: { TOKEN_KEYS: testKeysEnv } });
  const start = firstMondayOfDecember(stack.clock.now());
  stack.clock.advanceTo(start);
  for (const p of personas) {
    await signup(stack, { email: p.email, name: p.name, timezone: p.timezone, locale: p.locale });
    await confirmFromInbox(stack, p.email);
    got.set(p.email, []);
    wrote.set(p.email, []);
  }
  const known = new Set<string>();
  const counts = new Map<string, number>();
  const pending: { at: number; persona: Persona; mail: StoredEmail; reply: Reply }[] = [];
  const end = start.getTime() + 60 * day;
  let now = start.getTime();
  while (now < end) {
    const step = await advance(stack, 2);
    now = Date.parse(step.now);
    // Answers sent the moment a reply came in are not in the tick's report: look at every inbox.
    for (const p of personas) {
      for (const mail of await inbox(stack.sesUrl, p.email)) {
        if (known.has(mail.messageId)) continue;
        known.add(mail.messageId);
        const emailId = header(mail, 'X-Coach-Email') ?? '?';
        if (emailId === 'confirm') continue;
        got.get(p.email)?.push({ emailId, subject: mail.subject, at: now, body: gist(mail) });
        const count = (counts.get(`${p.email}:${emailId}`) ?? 0) + 1;
        counts.set(`${p.email}:${emailId}`, count);
        const reply = p.onEmail(emailId, (n) => localDate(now, p.timezone, n), count);
        if (reply) pending.push({ at: now + reply.afterHours * hour, persona: p, mail, reply });
      }
    }
    for (const due of pending.filter((r) => r.at <= now)) {
      pending.splice(pending.indexOf(due), 1);
      await replyTo(stack, due.mail, due.reply.text, due.reply.options);
      wrote.get(due.persona.email)?.push({
        at: now,
        text: due.reply.text,
        ...(due.reply.expect ? { expect: due.reply.expect } : {}),
      });
    }
  }
  const deps = stackDeps(stack, testKeysEnv);
  for (const p of personas) {
    const id = await deps.subscribers.findIdByEmail(p.email);
    const state = id ? await deps.subscribers.get(id) : null;
    if (state) finalState.set(p.email, state);
  }
  operatorMail = await inbox(stack.sesUrl, 'operator@drip-coach.test');
  for (const p of personas) {
    const lines = [
      ...(got.get(p.email) ?? []).map((e) => ({
        at: e.at,
        line: `  <- ${e.emailId}: "${e.subject}" ${e.body}`,
      })),
      ...(wrote.get(p.email) ?? []).map((w) => ({ at: w.at, line: `  -> ${w.text}` })),
    ].sort((a, b) => a.at - b.at);
    console.log(
      [
        `\n== ${p.name} (${p.timezone}, ${p.locale})`,
        ...lines.map((l) => `${stamp(l.at, p.timezone)}${l.line}`),
      ].join('\n'),
    );
  }
}, 900_000);

afterAll(async () => {
  await stack?.cleanup();
});

const emails = (p: Persona) => got.get(p.email) ?? [];
const course = (p: Persona) => emails(p).filter((e) => !confirmations.has(e.emailId));
const first = (p: Persona, id: string) => emails(p).find((e) => e.emailId === id);
const byName = (name: string) => personas.find((p) => p.name === name) as Persona;

describe('personas over 60 days', () => {
  it.each(personas.map((p) => [p.name, p]))(
    '%s: at most one course email a day and five a week, none at night',
    (_, p) => {
      const perDay = new Map<string, string[]>();
      for (const e of course(p)) {
        const date = stamp(e.at, p.timezone).slice(0, 10);
        perDay.set(date, [...(perDay.get(date) ?? []), e.emailId]);
      }
      for (const [date, ids] of perDay) expect(ids, `${p.name} on ${date}`).toHaveLength(1);
      for (const e of course(p)) {
        const week = course(p).filter((o) => o.at >= e.at && o.at < e.at + 7 * day);
        expect(
          week.length,
          `${p.name}: the week from ${stamp(e.at, p.timezone)}`,
        ).toBeLessThanOrEqual(5);
      }
      for (const e of emails(p)) {
        // Received within the two-hour step after it went: never between 21:00 and 07:00.
        const hourThere = Number(stamp(e.at - 2 * hour, p.timezone).slice(11, 13));
        expect(hourThere, `${e.emailId} at ${stamp(e.at, p.timezone)}`).toBeGreaterThanOrEqual(7);
        expect(hourThere).toBeLessThan(21);
      }
    },
  );

  it.each(personas.map((p) => [p.name, p]))(
    '%s: the course takes at least three weeks, lessons four days apart or more',
    (_, p) => {
      const lessons = emails(p).filter((e) => e.emailId.startsWith('lesson-'));
      const localDay = (at: number) =>
        Date.parse(`${stamp(at, p.timezone).slice(0, 10)}T00:00:00Z`) / day;
      for (let i = 1; i < lessons.length; i++) {
        const gap = localDay(lessons[i]!.at) - localDay(lessons[i - 1]!.at);
        expect(gap, `${lessons[i - 1]!.emailId} to ${lessons[i]!.emailId}`).toBeGreaterThanOrEqual(
          4,
        );
      }
      const closing = first(p, 'closing');
      const lesson1 = first(p, 'lesson-1');
      if (closing && lesson1) expect((closing.at - lesson1.at) / day).toBeGreaterThanOrEqual(14);
    },
  );

  it.each(personas.map((p) => [p.name, p]))(
    '%s: no course email on a public holiday of their country, no empty tally in a month’s first week',
    (_, p) => {
      for (const e of course(p)) {
        const date = stamp(e.at - 2 * hour, p.timezone).slice(0, 10);
        expect(builtInHolidays.isHoliday(date, p), `${e.emailId} on ${date}`).toBe(false);
        if (e.emailId === 'check-in' && Number(date.slice(8, 10)) <= 7) {
          expect(e.body).not.toMatch(/No meetings logged for/);
        }
      }
    },
  );

  it('every discouraged or questioning reply is answered within a day', () => {
    let checked = 0;
    for (const p of personas) {
      for (const w of (wrote.get(p.email) ?? []).filter((x) => x.expect)) {
        const answer = emails(p).find((e) => e.emailId === w.expect && e.at >= w.at);
        expect(answer, `${p.name}: answer to "${w.text}"`).toBeDefined();
        expect((answer!.at - w.at) / day, `${p.name}: "${w.text}"`).toBeLessThanOrEqual(1);
        checked++;
      }
    }
    expect(checked).toBe(3);
  });

  it('follow-ups only for dated plans and events, naming who or what, once each', () => {
    for (const p of personas) {
      const asked = emails(p).filter((e) => e.emailId === 'follow-up');
      for (const f of asked) expect(f.body).not.toMatch(/You mentioned/);
      expect(new Set(asked.map((f) => f.body)).size).toBe(asked.length);
    }
    expect(emails(byName('busy manager')).some((e) => e.emailId === 'follow-up')).toBe(false);
    expect(emails(byName('silent reader')).some((e) => e.emailId === 'follow-up')).toBe(false);
    expect(first(byName('eager graduate'), 'follow-up')?.body).toMatch(
      /How did it go with Sam( Okafor)?\?/,
    );
    expect(first(byName('German writer'), 'follow-up')?.body).toMatch(/Anna/);
  });

  it('plans are not meetings; meetings reported are counted and congratulated by name', () => {
    expect(finalState.get(byName('busy manager').email)?.meetings).toEqual([]);
    expect(finalState.get(byName('discouraged').email)?.meetings).toEqual([]);
    const eager = finalState.get(byName('eager graduate').email);
    // "Had coffee with Sam" is the Sam Okafor picked in lesson 2: one person, not two.
    expect(eager?.meetings.flatMap((m) => m.names)).toEqual(
      expect.arrayContaining(['Sam Okafor', 'Priya', 'Jordan', 'Chen', 'Alex']),
    );
    expect(eager?.people.filter((p) => /^sam\b/i.test(p.name))).toHaveLength(1);
    const congratulated = emails(byName('eager graduate')).find((e) =>
      /You met Sam Okafor: that is exactly the habit/.test(e.body),
    );
    expect(congratulated).toBeDefined();
  });

  it('"slower" slows everything; "done" that is unclear is asked about, not skipped', () => {
    const manager = byName('busy manager');
    const slower = wrote.get(manager.email)?.find((w) => w.text === 'slower please');
    expect(slower).toBeDefined();
    const after = course(manager).filter((e) => e.at > slower!.at && e.at <= slower!.at + 9 * day);
    expect(after.length).toBeLessThanOrEqual(3);
    expect(first(manager, 'clarify')).toBeDefined();
    expect(finalState.get(manager.email)?.pace).toBe('gentle');
  });

  it('the traveller comes back to one email that acknowledges what she sent meanwhile', () => {
    const traveller = byName('traveller');
    const resumed = first(traveller, 'resumed');
    expect(resumed).toBeDefined();
    expect(resumed?.body).toMatch(/Mia and Tom/);
    const sameDay = emails(traveller).filter(
      (e) =>
        stamp(e.at, traveller.timezone).slice(0, 10) ===
        stamp(resumed!.at, traveller.timezone).slice(0, 10),
    );
    expect(sameDay.map((e) => e.emailId)).toEqual(['resumed']);
    const next = emails(traveller).find((e) => e.at > resumed!.at);
    expect(next?.emailId).toBe('lesson-3');
  });

  it('a question goes to the operator, with the person told honestly', () => {
    const german = byName('German writer');
    expect(first(german, 'question-received')?.body).toMatch(/person who runs this course/);
    const forwarded = operatorMail.find((m) => (m.body.text ?? '').includes('auf Deutsch'));
    expect(forwarded).toBeDefined();
    expect(forwarded?.replyTo).toContain(german.email);
  });

  it('the silent reader is thanked for nothing they did not do', () => {
    const closing = first(byName('silent reader'), 'closing');
    expect(closing).toBeDefined();
    expect(closing?.body).toMatch(/read the whole course/);
  });
});

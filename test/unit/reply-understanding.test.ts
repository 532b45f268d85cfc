import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findDateMentions,
  type ReplyCommand,
  type Understanding,
  understandReply,
} from '../../functions/core/reading/index.ts';
import { toLocal } from '../../functions/core/send-window.ts';

// Tuesday 3 March 2026, 10:00 in New York: the morning lesson 2 went out.
const now = new Date('2026-03-03T15:00:00Z');
const ny = 'America/New_York';

const read = (text: string, step: number | null = null, timezone = ny, at = now): Understanding =>
  understandReply(text, { step, now: at, timezone });

describe('commands', () => {
  const commands: readonly [string, ReplyCommand | null, string | null][] = [
    ['Pause please.', 'pause', null],
    ['pause', 'pause', null],
    ['STOP', 'stop', null],
    ['Unsubscribe', 'stop', null],
    ['Please take me off your list, thanks', 'stop', null],
    ["I'm done with these emails", 'stop', null],
    ['can you slow down', 'slower', null],
    ['Slower please', 'slower', null],
    ['go faster', 'faster', null],
    ['Faster!', 'faster', null],
    ['skip this one', 'skip', null],
    ['Next lesson please', 'skip', null],
    ["I'm done", 'done', null],
    ['Done ✅', 'done', null],
    ['not yet', 'not-yet', null],
    ['Not yet, sorry!', 'not-yet', null],
    ['Resume please', 'resume', null],
    ["I'm back!", 'resume', null],
    ['pause until Jan 5', 'pause', '2027-01-05'],
    ['back on the 14th', 'pause', '2026-03-14'],
    // Next week starts on Monday (the old reader read a week from today, a day too long).
    ['busy until next week', 'pause', '2026-03-09'],
    ['Away until next Wednesday', 'pause', '2026-03-11'],
    ['Out of office until Monday 16 March', 'pause', '2026-03-16'],
    ['Pause for two weeks please', 'pause', '2026-03-17'],
    ['Can you pause the emails until April?', 'pause', '2026-04-01'],
    ['pause till after Easter', 'pause', null],
    ['Pause please, travelling until the 20th.', 'pause', '2026-03-20'],
    ['Not yet, busy until the 14th', 'pause', '2026-03-14'],
    ['Hi coach,\n\nPause please.\n\nThanks,\nDana', 'pause', null],
    // Not commands: the word appears, but the reply is not the command.
    ["I can't stop thinking about it", null, null],
    [
      'we paused the project last week because funding fell through, but it was a good lesson overall.',
      null,
      null,
    ],
    ["Don't stop, this is great", null, null],
    ['Stop by the office sometime', null, null],
    ["I'm done with my list: Sam and Priya", null, null],
    ["Next week I'm meeting Sam.", null, null],
    // A request to slow down is one wherever it stands (the old reader ignored it in a long reply).
    [
      'I have really enjoyed these lessons so far but honestly the pace is a lot for me at the moment, so can you slow down a bit if that is possible? Work is busy and I also have two small kids at home.',
      'slower',
      null,
    ],
    ['Busy week, but I picked Sam', null, null],
  ];

  it.each(commands)('%j -> %s until %s', (text, command, until) => {
    const u = read(text, 2);
    expect(u.command).toBe(command);
    expect(u.until).toBe(until);
  });

  it('reads a command line inside a longer answer, and the answer too', () => {
    const u = read(
      'I picked Sam and Priya. Sam is my old manager from the launch project and Priya runs supplier reviews; both are people I really look up to and I think they will say yes.\nSlow down please',
      2,
    );
    expect(u.command).toBe('slower');
    expect(u.people).toEqual(['Sam', 'Priya']);
  });

  it('leaves the step fields empty when the reply is only a command', () => {
    const u = read('Pause please, travelling until the 20th.', 2);
    expect(u.people).toEqual([]);
    // The end of a pause is its `until`, not a plan to follow up (the old reader listed it).
    expect(u.until).toBe('2026-03-20');
    expect(u.dates).toEqual([]);
  });
});

describe('step 1: why and offer', () => {
  it('splits the why from the offer', () => {
    const u = read(
      'I want to move from lab work into project management within a year. One thing I can offer: I am good at spreadsheets and data cleanup.',
      1,
    );
    expect(u.why).toBe('I want to move from lab work into project management within a year.');
    expect(u.offer).toBe('I am good at spreadsheets and data cleanup.');
  });

  it('reads labelled lines', () => {
    const u = read(
      "Why: I'm new in town and don't know anyone in my field.\nOffer: introductions to the local climbing gym crowd!",
      1,
    );
    expect(u.why).toBe("I'm new in town and don't know anyone in my field.");
    expect(u.offer).toBe('introductions to the local climbing gym crowd!');
  });

  it('finds an "I can help" offer after the why', () => {
    const u = read(
      "I'm changing industries and need people who can vouch for me. I can help anyone with Python scripting.",
      1,
    );
    expect(u.why).toBe("I'm changing industries and need people who can vouch for me.");
    expect(u.offer).toBe('I can help anyone with Python scripting.');
  });

  it('keeps a why without an offer, and trims the greeting and sign-off', () => {
    const u = read(
      'Hi!\n\nI want to be considered when the team lead role opens up.\n\nThanks,\nSam',
      1,
    );
    expect(u.why).toBe('I want to be considered when the team lead role opens up.');
    expect(u.offer).toBeNull();
  });

  it('caps a long why at 300 characters', () => {
    const u = read(
      `My why is simple: ${'I want the people who decide promotions to know my work, '.repeat(10)}.`,
      1,
    );
    expect(u.why?.length).toBeLessThanOrEqual(300);
    expect(u.why?.endsWith('…')).toBe(true);
  });

  it('finds nothing in pleasantries', () => {
    const u = read('Thanks! Will do.', 1);
    expect(u.why).toBeNull();
    expect(u.offer).toBeNull();
  });
});

describe('step 2: people', () => {
  const people: readonly [string, string[]][] = [
    ['Sam, Priya and Jordan', ['Sam', 'Priya', 'Jordan']],
    ['I picked Sam from marketing and Priya Shah', ['Sam', 'Priya Shah']],
    ['1. Sam (old boss)\n2. Priya Shah\n3. Jordan', ['Sam', 'Priya Shah', 'Jordan']],
    ['- Sam\n- Priya\n- Jordan', ['Sam', 'Priya', 'Jordan']],
    ['Sam Lee; Priya', ['Sam Lee', 'Priya']],
    ['sam, priya', ['Sam', 'Priya']],
    ['i picked sam and priya', ['Sam', 'Priya']],
    [
      'Hi! I picked Sam from the launch project and Priya Shah.\n\nCoffee with Sam is already booked for Thursday morning.\n\nThanks,\nDana',
      ['Sam', 'Priya Shah'],
    ],
    [
      "Hey coach,\n\nMy three: Alex (my old team lead), Maria from design, and Chris.\n\nI've already emailed Alex, fingers crossed.",
      ['Alex', 'Maria', 'Chris'],
    ],
    [
      "Hi,\n\nI've picked Tom and Anna. Tom said yes already, we're meeting on Monday.\n\nRegards,\nMarcus",
      ['Tom', 'Anna'],
    ],
    [
      'Thanks for this lesson.\n\nI’ve chosen Daniel and Mei Ling.\n\nGrace',
      ['Daniel', 'Mei Ling'],
    ],
    [
      'Zoë here — I picked José and Renée from my old team.\n\nJosé already replied: coffee on Wednesday!\n\nZoë',
      ['José', 'Renée'],
    ],
    ['Emily and Jack. Jack works at Northwind now.', ['Emily', 'Jack']],
    ['Barbara and Tom from church, and my neighbour Sue.', ['Barbara', 'Tom', 'Sue']],
    ['Greg and Paula, both from my old job at the bank.\n\nKevin', ['Greg', 'Paula']],
    [
      'My old boss Sarah, Tom (a peer in finance) and our supplier contact at Northwind, Raj.',
      ['Sarah', 'Tom', 'Raj'],
    ],
    [
      'Honestly I found this hard. Going with Dr. Patel and Ms. Nguyen.',
      ['Dr. Patel', 'Ms. Nguyen'],
    ],
    ['Sam Lee and Priya. Coffee with Sam on Tuesday.', ['Sam Lee', 'Priya']],
    ['May I ask a question first? I picked April and Maya.', ['April', 'Maya']],
    ["Bonjour ! J'ai choisi Camille et Théo.\n\nChloé", ['Camille', 'Théo']],
    ["Liam O'Connor and Siobhan", ["Liam O'Connor", 'Siobhan']],
    [
      'I picked Sam, Priya, Jordan, Alex, Maria and Chris',
      ['Sam', 'Priya', 'Jordan', 'Alex', 'Maria', 'Chris'],
    ],
    ['Still thinking about it, will reply on Monday.', []],
    ['Love this lesson!\nSam and Priya', ['Sam', 'Priya']],
    ['Will do! Coffee with Will on Friday, and May said yes too.', ['Will', 'May']],
    ['Priya and Jordan.\n\nThanks, Sam', ['Priya', 'Jordan']],
  ];

  it.each(people)('%j', (text, expected) => {
    expect(read(text, 2).people).toEqual(expected);
  });

  it('reads a booked coffee as a date', () => {
    expect(
      read('Picked Lena and Tobias.\n\nCoffee with Lena on Friday the 13th.', 2).dates,
    ).toEqual([{ text: 'Friday the 13th', date: '2026-03-13' }]);
  });
});

describe('step 3: event', () => {
  const events: readonly [string, { name: string; date: string | null } | null][] = [
    [
      "I'm going to the ASME product design meetup on March 12.",
      { name: 'the ASME product design meetup', date: '2026-03-12' },
    ],
    ['TechCrunch Disrupt, Oct 28', { name: 'TechCrunch Disrupt', date: '2026-10-28' }],
    [
      'Thanks! I signed up for TechCrunch Disrupt on Oct 28.',
      { name: 'TechCrunch Disrupt', date: '2026-10-28' },
    ],
    [
      'Signed up for the local chamber of commerce mixer. It is on the 19th.',
      { name: 'the local chamber of commerce mixer', date: '2026-03-19' },
    ],
    [
      'Women in Tech networking night next Thursday!',
      { name: 'Women in Tech networking night', date: '2026-03-12' },
    ],
    [
      "There's a meetup called Design Drinks on Friday the 13th",
      { name: 'Design Drinks', date: '2026-03-13' },
    ],
    [
      'The PyData London meetup on 24 March',
      { name: 'the PyData London meetup', date: '2026-03-24' },
    ],
    ['Going to a meetup on Thursday', { name: 'meetup', date: '2026-03-05' }],
    ['Web Summit 2026 in Lisbon', { name: 'Web Summit 2026', date: null }],
    ['Not found one yet, still looking.', null],
  ];

  it.each(events)('%j', (text, expected) => {
    expect(read(text, 3).event).toEqual(expected);
  });
});

describe('step 4: who they met', () => {
  const met: readonly [string, string[]][] = [
    ['I met Sam and Jordan this week', ['Sam', 'Jordan']],
    ['Met Priya for lunch on Monday. Was supposed to meet Tom but he cancelled.', ['Priya']],
    ['Coffee with Anna on Tuesday, lunch with Raj yesterday. Tom cancelled.', ['Anna', 'Raj']],
    ['Just one this month: Priya Shah.', ['Priya Shah']],
    ['Nobody yet, sorry.', []],
    ['met with alex and kim', ['Alex', 'Kim']],
  ];

  it.each(met)('%j', (text, expected) => {
    expect(read(text, 4).met).toEqual(expected);
  });
});

describe('replies outside a step', () => {
  // People, meetings and events are read whatever the step (the old reader read people only
  // in answer to lesson 2); the why and the offer only answer lesson 1.
  it('read people, plans and dates, but no why', () => {
    const u = read('Sam and Priya, coffee on Friday', null);
    expect(u).toMatchObject({
      command: null,
      until: null,
      dates: [{ text: 'on Friday', date: '2026-03-06' }],
      why: null,
      offer: null,
      people: ['Sam', 'Priya'],
      event: null,
      met: [],
    });
  });

  it('is empty for empty input or an invalid zone', () => {
    expect(read('', 2).people).toEqual([]);
    expect(read('pause until Jan 5', 2, 'Not/AZone')).toMatchObject({ dates: [] });
  });
});

describe('dates', () => {
  it('reads in the subscriber’s zone', () => {
    // 23:30 UTC on 3 March is already Wednesday 4 March in Auckland.
    const late = new Date('2026-03-03T23:30:00Z');
    expect(findDateMentions('tomorrow', late, 'Pacific/Auckland')[0]?.date).toBe('2026-03-05');
    expect(findDateMentions('tomorrow', late, 'America/Los_Angeles')[0]?.date).toBe('2026-03-04');
  });

  it('keeps today and the future, drops the past, and ignores bare times', () => {
    const mentions = findDateMentions(
      'today, on 2025-12-03, at 5pm, this week, on 2026-12-03, right now',
      now,
      ny,
    ).map((m) => m.date);
    expect(mentions).toEqual(['2026-03-03', '2026-12-03']);
  });

  it('does not read a month that is a name as a date', () => {
    expect(findDateMentions('April and Maya', now, ny)).toEqual([]);
    expect(findDateMentions('back in April', now, ny).map((m) => m.date)).toEqual(['2026-04-01']);
  });
});

describe('properties', () => {
  const zones = [
    'UTC',
    'America/New_York',
    'Europe/Berlin',
    'Pacific/Auckland',
    'Asia/Kolkata',
    'Pacific/Apia',
  ];
  const fragments = fc.constantFrom(
    'Sam',
    'Priya Shah',
    'and',
    ',',
    '.',
    '\n',
    'pause',
    'until',
    'the 14th',
    'Friday the 13th',
    'next week',
    'tomorrow',
    'Jan 5',
    '2026-12-03',
    '31/02',
    'meetup',
    'I met',
    'stop',
    'not yet',
    'May',
    'the',
    'at 5pm',
    '1. ',
    '- ',
    'Dr.',
    "O'Connor",
    'ZOË',
    '🙂',
  );
  const replies = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join(' ')),
  );
  const instants = fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2090-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
  const isValidDate = (value: string) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return false;
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  };

  it('never throws, caps people and met at five, and only yields valid dates from today on', () => {
    fc.assert(
      fc.property(
        replies,
        fc.constantFrom(null, 1, 2, 3, 4, 7),
        instants,
        fc.constantFrom(...zones),
        (text, step, at, timezone) => {
          const u = understandReply(text, { step, now: at, timezone });
          const local = toLocal(at, timezone);
          const today = `${String(local.year).padStart(4, '0')}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
          expect(u.people.length).toBeLessThanOrEqual(5);
          expect(u.met.length).toBeLessThanOrEqual(5);
          for (const d of u.dates) {
            expect(isValidDate(d.date), d.date).toBe(true);
            expect(d.date >= today, `${d.date} before ${today}`).toBe(true);
          }
          for (const date of [u.until, u.event?.date ?? null]) {
            if (date !== null) {
              expect(isValidDate(date)).toBe(true);
              expect(date >= today).toBe(true);
            }
          }
          if (u.why !== null) expect(u.why.length).toBeLessThanOrEqual(300);
          if (u.until !== null) expect(u.command).toBe('pause');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finishes quickly on huge and hostile input', () => {
    const inputs = [
      'x'.repeat(2_000_000),
      'Sam '.repeat(500_000),
      'the 14th '.repeat(200_000),
      `${'pause '.repeat(50)}until ${'x '.repeat(1000)}`,
      'A'.repeat(1_000_000),
      `${'On Monday, '.repeat(100_000)}`,
      `${'1. Sam\n'.repeat(100_000)}`,
      `going to ${'The '.repeat(100_000)}`,
    ];
    for (const text of inputs) {
      for (const step of [1, 2, 3, 4]) {
        const start = performance.now();
        understandReply(text, { step, now, timezone: ny });
        expect(performance.now() - start).toBeLessThan(1500);
      }
    }
  });
});

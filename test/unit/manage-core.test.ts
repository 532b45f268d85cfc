import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSameOrigin, formToken, verifyFormToken } from '../../functions/core/csrf.ts';
import { buildDataExport } from '../../functions/core/data-export.ts';
import { addressHash, addressHashes, rawKeysOf } from '../../functions/core/erasure.ts';
import { ForbiddenError, ValidationError } from '../../functions/core/errors.ts';
import {
  parsePause,
  parsePreferences,
  pauseRange,
  resubscribe,
} from '../../functions/core/manage.ts';
import { pace } from '../../functions/core/pacing/index.ts';
import { editPeople, parsePeopleEdit } from '../../functions/core/people.ts';
import { formatLocal, progressView } from '../../functions/core/progress.ts';
import { toLocal } from '../../functions/core/send-window.ts';
import { confirmSignup, decideSignup, throttleSend } from '../../functions/core/signup.ts';
import type { Subscriber } from '../../functions/core/subscriber.ts';
import { compiledCourses } from '../../functions/generated/templates.ts';
import { courseContext, facts, PacingDriver, pendingSubscriber } from '../support/pacing-driver.ts';

const t0 = new Date('2026-03-03T10:00:00Z'); // a Tuesday
const course = compiledCourses.relationships!;

function active(timezone = 'Europe/London'): Subscriber {
  return new PacingDriver(pendingSubscriber(timezone, t0), t0).apply({ type: 'confirmed' }).state;
}

function rejects(run: () => unknown, field: string) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  expect((caught as ValidationError).field).toBe(field);
}

describe('preferences input', () => {
  it('reads a full form and leaves absent fields unchanged', () => {
    expect(
      parsePreferences({
        pace: 'gentle',
        sendHour: '20',
        timezone: 'Asia/Tokyo',
        skipWeekends: 'yes',
      }),
    ).toEqual({
      type: 'preferences',
      pace: 'gentle',
      sendHour: 20,
      timezone: 'Asia/Tokyo',
      skipWeekends: true,
    });
    expect(parsePreferences({})).toEqual({ type: 'preferences' });
    expect(parsePreferences({ skipWeekends: 'no' })).toEqual({
      type: 'preferences',
      skipWeekends: false,
    });
  });

  it('accepts exactly the whole hours 7 to 20', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 30 }), (hour) => {
        const ok = hour >= 7 && hour <= 20;
        if (ok) expect(parsePreferences({ sendHour: String(hour) }).sendHour).toBe(hour);
        else rejects(() => parsePreferences({ sendHour: String(hour) }), 'sendHour');
      }),
    );
    for (const bad of ['7.5', '08:00', ' ', 'nine', '1e1', '0x9']) {
      if (bad.trim()) rejects(() => parsePreferences({ sendHour: bad }), 'sendHour');
    }
  });

  it('rejects unknown paces, zones and weekend values by name', () => {
    rejects(() => parsePreferences({ pace: 'warp' }), 'pace');
    rejects(() => parsePreferences({ timezone: 'Mars/Olympus' }), 'timezone');
    rejects(() => parsePreferences({ timezone: `Europe/${'x'.repeat(70)}` }), 'timezone');
    rejects(() => parsePreferences({ skipWeekends: 'maybe' }), 'skipWeekends');
    rejects(() => parsePreferences({ pace: ['gentle'] }), 'pace');
  });

  it('reads the locale normalized, and rejects a tag Intl does not know', () => {
    expect(parsePreferences({ locale: 'de-de' })).toEqual({ type: 'preferences', locale: 'de-DE' });
    expect(parsePreferences({ locale: ' pt_BR ' }).locale).toBe('pt-BR');
    expect(parsePreferences({ locale: '' })).toEqual({ type: 'preferences' });
    rejects(() => parsePreferences({ locale: 'not a locale' }), 'locale');
    rejects(() => parsePreferences({ locale: 'qaa' }), 'locale');
    rejects(() => parsePreferences({ locale: `de-${'x'.repeat(40)}` }), 'locale');
    rejects(() => parsePreferences({ locale: ['en-GB'] }), 'locale');
  });

  it('changes the locale from the form and nothing else', () => {
    const s = active('Europe/Paris');
    const next = pace(s, parsePreferences({ locale: 'fr-FR' }), t0, courseContext).state;
    expect(next).toEqual({ ...s, locale: 'fr-FR' });
  });

  it('keeps every scheduled send inside 07:00-21:00 local, whatever is chosen', () => {
    const zones = [
      'UTC',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
      'Asia/Kolkata',
      'America/St_Johns',
      'Australia/Lord_Howe',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 7, max: 20 }),
        fc.constantFrom(...zones),
        fc.boolean(),
        fc.constantFrom('gentle', 'normal', 'intense'),
        fc.integer({ min: 0, max: 24 * 20 }),
        (hour, timezone, weekends, chosenPace, laterHours) => {
          const driver = new PacingDriver(pendingSubscriber('Europe/Berlin', t0), t0)
            .apply({ type: 'confirmed' })
            .advance(laterHours);
          const event = parsePreferences({
            sendHour: String(hour),
            timezone,
            skipWeekends: weekends ? 'yes' : 'no',
            pace: chosenPace,
          });
          const from = driver.sent.length;
          driver.apply(event);
          for (const item of driver.state.agenda.filter((i) => i.kind !== 'note')) {
            expect(toLocal(new Date(item.dueAt), timezone).hour).toBe(hour);
          }
          driver.advance(24 * 30);
          for (const sent of driver.sent.slice(from)) {
            const local = toLocal(sent.at, timezone);
            expect(
              local.hour,
              `${sent.emailId} at ${sent.at.toISOString()}`,
            ).toBeGreaterThanOrEqual(7);
            expect(local.hour, `${sent.emailId} at ${sent.at.toISOString()}`).toBeLessThan(21);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('pause input', () => {
  it('takes an empty date as "until I resume" and a real date from tomorrow to a year ahead', () => {
    expect(parsePause({ until: '' }, t0, 'UTC')).toEqual({ type: 'pause', until: null });
    expect(parsePause({}, t0, 'UTC')).toEqual({ type: 'pause', until: null });
    expect(parsePause({ until: '2026-03-04' }, t0, 'UTC')).toEqual({
      type: 'pause',
      until: '2026-03-04',
    });
    expect(parsePause({ until: '2027-03-03' }, t0, 'UTC').until).toBe('2027-03-03');
    for (const bad of [
      '2026-03-03',
      '2025-12-31',
      '2027-03-04',
      '2026-02-30',
      '03/14/2026',
      '2026-3-4',
    ]) {
      rejects(() => parsePause({ until: bad }, t0, 'UTC'), 'until');
    }
  });

  it('counts "today" in the subscriber’s zone', () => {
    // 10:00 UTC is already the 4th in Kiritimati (UTC+14) and still the 2nd in Pago Pago (UTC-11).
    expect(pauseRange(t0, 'Pacific/Kiritimati').min).toBe('2026-03-05');
    expect(pauseRange(t0, 'Pacific/Pago_Pago').min).toBe('2026-03-03');
  });
});

describe('people edits', () => {
  const base = (): Subscriber => ({ ...active(), meetings: [] });

  it('adds, renames, marks met and removes, keeping names unique', () => {
    let s = editPeople(base(), parsePeopleEdit({ op: 'add', name: '  Sam   Lee ' }), t0);
    s = editPeople(s, { op: 'add', name: 'Priya' }, t0);
    expect(s.people.map((p) => p.name)).toEqual(['Sam Lee', 'Priya']);
    rejects(() => editPeople(s, { op: 'add', name: 'sam lee' }, t0), 'person');
    rejects(() => editPeople(s, { op: 'rename', name: 'Priya', to: 'SAM LEE' }, t0), 'person');
    s = editPeople(s, { op: 'rename', name: 'priya', to: 'Priya Shah' }, t0);
    expect(s.people[1]).toMatchObject({ name: 'Priya Shah', met: false });
    s = editPeople(s, { op: 'remove', name: 'PRIYA SHAH' }, t0);
    expect(s.people.map((p) => p.name)).toEqual(['Sam Lee']);
    rejects(() => editPeople(s, { op: 'remove', name: 'Priya Shah' }, t0), 'person');
  });

  it('logs a meeting when someone is marked met, once, and takes it back on undo', () => {
    let s = editPeople(base(), { op: 'add', name: 'Sam' }, t0);
    const later = new Date(t0.getTime() + 3_600_000);
    s = editPeople(s, { op: 'met', name: 'Sam', met: true }, later);
    expect(s.people[0]).toMatchObject({ met: true, lastContactAt: later.toISOString() });
    expect(s.meetings).toEqual([{ at: later.toISOString(), names: ['Sam'] }]);
    expect(editPeople(s, { op: 'met', name: 'Sam', met: true }, later)).toBe(s);
    const undone = editPeople(s, { op: 'met', name: 'Sam', met: false }, later);
    expect(undone.people[0]).toMatchObject({ met: false, lastContactAt: null });
    expect(undone.meetings).toEqual([]);
  });

  it('caps the list and rejects bad names and unknown changes', () => {
    let s = base();
    for (let i = 0; i < 20; i++) s = editPeople(s, { op: 'add', name: `Person ${i}` }, t0);
    rejects(() => editPeople(s, { op: 'add', name: 'One too many' }, t0), 'person');
    rejects(() => parsePeopleEdit({ op: 'add', name: 'x'.repeat(61) }), 'name');
    rejects(() => parsePeopleEdit({ op: 'add', name: 'a\u0000b' }), 'name');
    rejects(() => parsePeopleEdit({ op: 'add', name: '   ' }), 'name');
    rejects(() => parsePeopleEdit({ op: 'explode', name: 'Sam' }), 'op');
    rejects(() => parsePeopleEdit({ op: 'rename', name: 'Sam' }), 'to');
    expect(parsePeopleEdit({ op: 'met', name: 'Sam', met: 'false' })).toEqual({
      op: 'met',
      name: 'Sam',
      met: false,
    });
  });
});

describe('resubscribe from the manage link', () => {
  it('restarts an unsubscribed course at lesson 1 with a new consent, keeping the old one', () => {
    const gone = pace(active(), { type: 'unsubscribed' }, t0, courseContext).state;
    const later = new Date(t0.getTime() + 86_400_000);
    const { state } = resubscribe(gone, later, courseContext);
    expect(state).toMatchObject({ status: 'active', run: 2, position: 0 });
    expect(state.agenda.map((i) => i.sendKey)).toEqual(['r2-lesson-1']);
    expect(state.consent).toMatchObject({
      signedUpAt: later.toISOString(),
      confirmedAt: later.toISOString(),
      source: 'manage-link',
      unsubscribedAt: null,
    });
    expect(state.consent.history).toEqual([
      {
        signedUpAt: t0.toISOString(),
        source: 'form',
        confirmedAt: t0.toISOString(),
        unsubscribedAt: t0.toISOString(),
      },
    ]);
  });

  it('changes nothing for any other status', () => {
    for (const s of [
      active(),
      pendingSubscriber('UTC', t0),
      { ...active(), status: 'suppressed' as const },
    ]) {
      expect(resubscribe(s, t0, courseContext).state).toBe(s);
    }
  });

  it('keeps the consent history when a form signup follows an unsubscribe', () => {
    const gone = pace(active(), { type: 'unsubscribed' }, t0, courseContext).state;
    const later = new Date(t0.getTime() + 86_400_000);
    const input = { email: gone.email, name: 'Pat', timezone: 'UTC' };
    const back = decideSignup(
      gone,
      input,
      'json',
      later,
      { id: 'x', nonce: 'n2' },
      'relationships',
    );
    const confirmed = confirmSignup(back.state, 'n2', later, courseContext);
    if (confirmed.kind !== 'confirmed') throw new Error('expected a confirmation');
    const { consent } = confirmed.result.state;
    expect(consent).toMatchObject({
      signedUpAt: later.toISOString(),
      source: 'json',
      confirmedAt: later.toISOString(),
    });
    expect(consent.history).toEqual([
      {
        signedUpAt: t0.toISOString(),
        source: 'form',
        confirmedAt: t0.toISOString(),
        unsubscribedAt: t0.toISOString(),
      },
    ]);
  });
});

describe('throttling triggered mails', () => {
  it('allows one per ten minutes and three a day', () => {
    let sends: string[] = [];
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    const tries = [0, 5, 10, 11, 30, 60, 24 * 60 + 1].map((m) => {
      const result = throttleSend(sends, at(m));
      sends = result.sends;
      return result.allowed;
    });
    expect(tries).toEqual([true, false, true, false, true, false, true]);
  });
});

describe('progress view', () => {
  it('maps the course: not started, current step, done, repeat phase', () => {
    const fresh = progressView(active('Asia/Tokyo'), course, [], t0);
    expect(fresh.headline).toBe('Getting started');
    expect(fresh.steps.map((s) => s.state)).toEqual([
      'upcoming',
      'upcoming',
      'upcoming',
      'upcoming',
    ]);
    expect(fresh.next).toEqual({
      label: 'Lesson 1: Know why you are building relationships',
      when: formatLocal(t0, { timezone: 'Asia/Tokyo', locale: 'en-US' }),
    });

    const d = new PacingDriver(active('Europe/London'), t0);
    d.nextEmail();
    d.apply({ type: 'reply', step: 1, facts: facts({ why: 'growth' }) });
    d.nextEmail(); // lesson 2 (or the ack note first)
    while (d.state.position < 2) d.nextEmail();
    const second = progressView(d.state, course, [{ step: 1 }], d.now);
    expect(second.headline).toBe('Step 2 of 4: Two or three coffees');
    expect(second.steps.map((s) => [s.state, s.replied])).toEqual([
      ['done', true],
      ['current', false],
      ['upcoming', false],
      ['upcoming', false],
    ]);
    expect(second.next?.label).toBe('Lesson 3: Go where your industry meets');
    expect(second.next?.when).toMatch(/ at 9:00 AM$/);

    while (d.state.position < 5) d.nextEmail();
    const repeat = progressView(d.state, course, [], d.now);
    expect(repeat.headline).toBe('All 4 steps done');
    expect(repeat.steps.every((s) => s.state === 'done')).toBe(true);
    expect(repeat.repeatPhase).toBe('current');
    expect(repeat.next?.label).toBe('Your check-in: who did you meet?');
  });

  it('says what each status means, calmly', () => {
    const s = active();
    const paused = pace(s, { type: 'pause', until: '2026-03-10' }, t0, courseContext).state;
    const view = progressView(paused, course, [], t0);
    expect(view).toMatchObject({ statusLabel: 'Paused', next: null });
    expect(view.statusNote).toBe(
      'Paused until Tuesday, March 10 at 9:00 AM. The course picks up again by itself then.',
    );
    const inParis = pace(
      { ...s, locale: 'fr-FR' },
      { type: 'pause', until: '2026-03-10' },
      t0,
      courseContext,
    ).state;
    expect(progressView(inParis, course, [], t0).statusNote).toBe(
      'Paused until Tuesday 10 March at 09:00. The course picks up again by itself then.',
    );
    expect(
      progressView({ ...s, status: 'suppressed', suppressedReason: 'complaint' }, course, [], t0)
        .statusNote,
    ).toMatch(/reported as spam/);
    expect(progressView({ ...s, status: 'unsubscribed' }, course, [], t0)).toMatchObject({
      statusLabel: 'Unsubscribed',
      next: null,
    });
    expect(progressView(pendingSubscriber('UTC', t0), course, [], t0).headline).toBe(
      'Waiting for your confirmation',
    );
  });
});

describe('form tokens (CSRF)', () => {
  const keys = [
    { id: 'k2', secret: 'n'.repeat(64) },
    { id: 'k1', secret: 'o'.repeat(64) },
  ];

  it('binds a token to its manage link and its form, verifying in constant time', () => {
    const token = formToken(keys, 'manage-a', 'preferences');
    expect(token).toMatch(/^k2-[a-z2-7]{26}$/);
    expect(() => verifyFormToken(keys, 'manage-a', 'preferences', token)).not.toThrow();
    for (const [link, action, given] of [
      ['manage-b', 'preferences', token],
      ['manage-a', 'delete', token],
      ['manage-a', 'preferences', `${token.slice(0, -1)}a`],
      ['manage-a', 'preferences', `k9${token.slice(2)}`],
      ['manage-a', 'preferences', undefined],
      ['manage-a', 'preferences', 'x'.repeat(500)],
    ] as const) {
      expect(() => verifyFormToken(keys, link, action, given)).toThrow(ForbiddenError);
    }
  });

  it('keeps open pages working across a key rotation', () => {
    const old = formToken([keys[1]!], 'manage-a', 'pause');
    expect(() => verifyFormToken(keys, 'manage-a', 'pause', old)).not.toThrow();
    expect(() => verifyFormToken([keys[0]!], 'manage-a', 'pause', old)).toThrow(ForbiddenError);
  });

  it('checks Origin, then Referer, when present', () => {
    const own = 'https://coach.example.com';
    const origins = [own];
    expect(() => checkSameOrigin({ origin: own }, origins)).not.toThrow();
    expect(() => checkSameOrigin({ referer: `${own}/manage?t=1` }, origins)).not.toThrow();
    expect(() => checkSameOrigin({}, origins)).not.toThrow();
    for (const headers of [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'https://coach.example.com.evil.example' },
      { referer: 'https://evil.example/coach.example.com' },
      { referer: 'not a url' },
      { origin: 'https://evil.example', referer: `${own}/manage` },
    ]) {
      expect(() => checkSameOrigin(headers, origins), JSON.stringify(headers)).toThrow(
        ForbiddenError,
      );
    }
  });
});

describe('erasure', () => {
  const keys = [{ id: 'k1', secret: 'p'.repeat(64) }];

  it('keeps a keyed hash of the normalized address, nothing readable', () => {
    const one = addressHash(keys, 'Ada@Example.com ');
    expect(one).toEqual(addressHash(keys, 'ada@example.com'));
    expect(one.hash).toMatch(/^[a-z2-7]{52}$/);
    expect(one.hash).not.toContain('ada');
    expect(addressHash([{ id: 'k2', secret: 'q'.repeat(64) }], 'ada@example.com').hash).not.toBe(
      one.hash,
    );
    expect(
      addressHashes([{ id: 'k2', secret: 'q'.repeat(64) }, ...keys], 'ada@example.com')[1],
    ).toEqual(one);
  });

  it('finds every raw message once', () => {
    expect(
      rawKeysOf([{ rawKey: 'a' }, { rawKey: null }, { rawKey: 'b' }, { rawKey: 'a' }]),
    ).toEqual(['a', 'b']);
  });
});

describe('data export', () => {
  it('holds every section and leaves out the confirm nonce', () => {
    const s = { ...pendingSubscriber('UTC', t0), confirmNonce: 'secretnonce' };
    const data = buildDataExport({
      subscriber: s,
      courseTitle: 'People Over Job Boards',
      checkIns: [
        {
          subscriberId: s.id,
          id: 'c1',
          at: t0.toISOString(),
          step: 1,
          text: 'hi',
          understood: {},
          rawKey: 'inbound/c1',
        },
      ],
      sends: [
        {
          subscriberId: s.id,
          sendKey: 'b',
          emailId: 'lesson-1',
          status: 'sent',
          claimedAt: '2026-03-03T10:00:01Z',
          sentAt: '2026-03-03T10:00:02Z',
          messageId: 'm2',
        },
        {
          subscriberId: s.id,
          sendKey: 'a',
          emailId: 'confirm',
          status: 'sent',
          claimedAt: '2026-03-03T09:00:00Z',
        },
      ],
      inbound: [],
      now: t0,
    });
    expect(data.emailsSent).toEqual([
      {
        emailId: 'confirm',
        sendKey: 'a',
        status: 'sent',
        at: '2026-03-03T09:00:00Z',
        messageId: null,
      },
      {
        emailId: 'lesson-1',
        sendKey: 'b',
        status: 'sent',
        at: '2026-03-03T10:00:02Z',
        messageId: 'm2',
      },
    ]);
    expect(data.checkIns).toEqual([
      { id: 'c1', at: t0.toISOString(), step: 1, text: 'hi', understood: {}, corrections: [] },
    ]);
    expect(data.consent).toMatchObject({
      signedUpAt: t0.toISOString(),
      source: 'form',
      confirmedAt: null,
    });
    expect(JSON.stringify(data)).not.toMatch(/secretnonce|inbound\/c1/);
  });

  it('holds the locale with the preferences', () => {
    const s = { ...pendingSubscriber('Europe/Berlin', t0), locale: 'de-DE' };
    const data = buildDataExport({
      subscriber: s,
      courseTitle: 'People Over Job Boards',
      checkIns: [],
      sends: [],
      inbound: [],
      now: t0,
    });
    expect(data.preferences).toEqual({
      pace: 'normal',
      sendHour: 9,
      timezone: 'Europe/Berlin',
      locale: 'de-DE',
      skipWeekends: false,
    });
  });
});

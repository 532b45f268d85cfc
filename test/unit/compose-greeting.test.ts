import { describe, expect, it } from 'vitest';
import { composeEmail } from '../../functions/core/compose.ts';
import { decideSignup } from '../../functions/core/signup.ts';
import type { Subscriber } from '../../functions/core/subscriber.ts';
import { compiledCourses } from '../../functions/generated/templates.ts';

const course = compiledCourses.relationships!;
const settings = {
  baseUrl: 'https://coach.example.com',
  replyDomain: 'reply.example.com',
  fromAddress: 'coach@example.com',
  senderName: 'Coach',
  postalAddress: '1 Main St',
  keys: [{ id: 'k1', secret: 'k'.repeat(40) }],
};
const now = new Date('2026-06-01T09:00:00Z');
const hostileName = 'Visit https://evil.example';

function signUp(name: string, existing: Subscriber | null = null, at = now): Subscriber {
  return decideSignup(
    existing,
    { email: 'victim@example.com', name, timezone: 'UTC' },
    'form',
    at,
    { id: 'abcdefghijklmnop', nonce: 'nonce1' },
    'relationships',
  ).state;
}

function confirmed(subscriber: Subscriber): Subscriber {
  return {
    ...subscriber,
    status: 'active',
    signupRequests: [],
    consent: { ...subscriber.consent, confirmedAt: now.toISOString() },
  };
}

function compose(subscriber: Subscriber, template: string, step: number | null = null) {
  return composeEmail(
    subscriber,
    { emailId: template, template, sendKey: `${template}-1`, step, vars: {} },
    course,
    settings,
    now,
  );
}

describe('greetings', () => {
  it('never puts an unconfirmed signup name into the confirmation email', () => {
    // Prepare: the greeting uses the first word, so also try a name that is only a URL.
    const names = [hostileName, 'https://evil.example/login'];
    const pending = names.map((name) => signUp(name));

    // Act
    const mails = pending.map((subscriber) => compose(subscriber, 'confirm'));

    // Assess
    expect(pending.map((s) => s.name)).toEqual(names);
    for (const mail of mails) {
      for (const body of [mail.text, mail.html]) {
        expect(body).not.toContain('evil.example');
        expect(body).not.toContain('Visit');
        expect(body).toContain('Hi there,');
      }
      expect(mail.text).toContain('https://coach.example.com/confirm?t=');
    }
  });

  it('never puts an unconfirmed name into a fresh manage link email', () => {
    // Prepare
    const pending = signUp(hostileName);

    // Act
    const mail = compose(pending, 'manage-link');

    // Assess
    for (const body of [mail.text, mail.html]) {
      expect(body).not.toContain('Visit');
      expect(body).toContain('Hi there,');
    }
  });

  it('does not trust a new name given when a former subscriber signs up again', () => {
    // Prepare: Robin confirmed once and left; a stranger signs the address up again a day later.
    const left = { ...confirmed(signUp('Robin Smith')), status: 'unsubscribed' as const };
    const rejoining = signUp(hostileName, left, new Date(now.getTime() + 86_400_000));

    // Act
    const confirmation = compose(rejoining, 'confirm');
    const manageLink = compose(rejoining, 'manage-link');

    // Assess
    expect(confirmation.text).toContain('https://coach.example.com/confirm?t=');
    for (const body of [confirmation.text, confirmation.html, manageLink.text, manageLink.html]) {
      expect(body).not.toContain('Visit');
    }
  });

  it('does not count an earlier confirmation for a name given since', () => {
    // Prepare: a pending signup carrying a new name, its earlier consent confirmed.
    const pending = signUp(hostileName);
    const earlier = { ...pending.consent, confirmedAt: '2026-01-02T00:00:00.000Z' };
    const rejoined: Subscriber = {
      ...pending,
      consent: { ...pending.consent, confirmedAt: null, history: [earlier] },
    };

    // Act
    const manageLink = compose(rejoined, 'manage-link');
    const confirmation = compose(rejoined, 'confirm');

    // Assess
    for (const body of [confirmation.text, confirmation.html, manageLink.text, manageLink.html]) {
      expect(body).not.toContain('Visit');
      expect(body).toContain('Hi there,');
    }
  });

  it('greets a confirmed subscriber by first name in a lesson and a manage link email', () => {
    // Prepare
    const robin = confirmed(signUp('Robin Smith'));

    // Act
    const lesson = compose(robin, 'lesson-1', 1);
    const manageLink = compose(robin, 'manage-link');

    // Assess
    for (const body of [lesson.text, lesson.html, manageLink.text, manageLink.html]) {
      expect(body).toContain('Hi Robin,');
    }
  });
});

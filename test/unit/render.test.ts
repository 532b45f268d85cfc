import { describe, expect, it } from 'vitest';
import { composeEmail } from '../../functions/core/compose.ts';
import type { CompiledCourse } from '../../functions/core/course.ts';
import { escapeHtml, renderEmail } from '../../functions/core/render.ts';
import { decideSignup } from '../../functions/core/signup.ts';
import { verifyToken } from '../../functions/core/tokens.ts';

const email = {
  id: 'lesson-1',
  subject: 'Why you build relationships',
  html: '<p>Hi {{firstName}}</p><a href="{{manageUrl}}">Manage</a><a href="{{unsubscribeUrl}}">Unsubscribe</a>{{postalAddress}}',
  text: 'Hi {{firstName}}\nManage: {{manageUrl}}\nUnsubscribe: {{unsubscribeUrl}}\n{{postalAddress}}',
};
const course: CompiledCourse = {
  id: 'relationships',
  title: 'Course',
  about: 'About',
  confirmEmail: 'confirm',
  sequence: [{ emailId: 'lesson-1', step: 1, gapDays: 0 }],
  emails: { 'lesson-1': email },
};
const settings = {
  baseUrl: 'https://coach.example.com',
  replyDomain: 'reply.example.com',
  fromAddress: 'coach@example.com',
  senderName: 'Coach',
  postalAddress: '1 Main St',
  keys: [{ id: 'k1', secret: 'k'.repeat(40) }],
};
const now = new Date('2026-06-01T09:00:00Z');

describe('renderEmail', () => {
  it('escapes subscriber text in HTML and strips control characters in text', () => {
    const out = renderEmail(email, {
      firstName: '<img src=x onerror=alert(1)>"\'',
      manageUrl: 'https://x/?a=1&b=2',
      unsubscribeUrl: 'u',
      postalAddress: 'p',
    });
    expect(out.html).toContain('Hi &lt;img src=x onerror=alert(1)&gt;&quot;&#39;');
    expect(out.html).toContain('href="https://x/?a=1&amp;b=2"');
    expect(out.html).not.toContain('<img');
    const text = renderEmail(email, {
      firstName: 'A\r\nB\u202e',
      manageUrl: 'm',
      unsubscribeUrl: 'u',
      postalAddress: 'p',
    }).text;
    expect(text.split('\n')[0]).toBe('Hi A  B ');
  });

  it('fails loudly when a placeholder has no value', () => {
    expect(() => renderEmail(email, { firstName: 'x' })).toThrow(/manageUrl/);
  });

  it('escapes every HTML-significant character', () => {
    expect(escapeHtml(`<>&"'\``)).toBe('&lt;&gt;&amp;&quot;&#39;&#96;');
  });
});

describe('composeEmail', () => {
  it('adds one-click unsubscribe, Reply-To and correlation headers with working signed links', () => {
    const subscriber = decideSignup(
      null,
      { email: 'a@example.com', name: 'Ann\nBcc', timezone: 'UTC' },
      'form',
      now,
      { id: 'abcdefghijklmnop', nonce: 'n' },
      'relationships',
    ).state;
    const out = composeEmail(
      subscriber,
      { emailId: 'lesson-1', template: 'lesson-1', sendKey: 'r1-lesson-1', step: 1, vars: {} },
      course,
      settings,
      now,
    );
    const unsubscribe = out.headers.find((h) => h.name === 'List-Unsubscribe')?.value ?? '';
    expect(unsubscribe).toMatch(/^<https:\/\/coach\.example\.com\/unsubscribe\?t=[a-z0-9-]+>$/);
    expect(out.headers).toContainEqual({
      name: 'List-Unsubscribe-Post',
      value: 'List-Unsubscribe=One-Click',
    });
    expect(out.headers).toContainEqual({ name: 'X-Coach-Email', value: 'lesson-1' });
    expect(out.headers).toContainEqual({ name: 'X-Coach-Course', value: 'relationships' });
    // The send's ledger name, so SES's record of what it sent can settle a lost answer.
    expect(out.headers).toContainEqual({
      name: 'X-Coach-Send',
      value: 'abcdefghijklmnop_r1-lesson-1',
    });
    expect(out.tags).toMatchObject({ send: 'abcdefghijklmnop_r1-lesson-1', email: 'lesson-1' });
    expect(out.subject).toBe(email.subject);
    // Subscriber text never reaches a header.
    expect(out.headers.every((h) => !/Ann/.test(h.value))).toBe(true);
    const t = new URL(unsubscribe.slice(1, -1)).searchParams.get('t')!;
    expect(verifyToken(settings.keys, 'unsubscribe', t, new Date('2040-01-01')).subscriberId).toBe(
      'abcdefghijklmnop',
    );
    const replyToken = out.replyTo.slice('reply+'.length, out.replyTo.indexOf('@'));
    expect(verifyToken(settings.keys, 'reply', replyToken, now).subscriberId).toBe(
      'abcdefghijklmnop',
    );
    expect(out.text).toContain(unsubscribe.slice(1, -1));
  });
});

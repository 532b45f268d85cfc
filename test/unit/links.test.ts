import { describe, expect, it } from 'vitest';
import { checkConfirmLink, checkUnsubscribeLink } from '../../functions/app/links.ts';
import { signToken } from '../../functions/core/tokens.ts';

const keys = [{ id: 'k1', secret: 'l'.repeat(40) }];
const now = new Date('2030-01-01T12:00:00Z');
const deps = { settings: { keys }, clock: { now: () => now } };

function outcome(check: () => void): string {
  try {
    check();
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.name : String(error);
  }
}

describe('link checks', () => {
  it('accepts a live confirmation link and refuses an expired or foreign one', () => {
    // Prepare
    const link = (expiresAt: Date) =>
      signToken(keys, 'confirm', { subscriberId: 'abc', expiresAt, data: 'nonce' });
    const live = link(new Date('2030-01-02T00:00:00Z'));
    const expired = link(new Date('2030-01-01T00:00:00Z'));
    const unsubscribe = signToken(keys, 'unsubscribe', {
      subscriberId: 'abc',
      expiresAt: null,
      data: '',
    });

    // Act
    const results = [live, expired, unsubscribe].map((t) =>
      outcome(() => checkConfirmLink(deps, t)),
    );

    // Assess
    expect(results).toEqual(['ok', 'ExpiredTokenError', 'InvalidTokenError']);
  });

  it('accepts an unsubscribe link of any age and refuses a tampered one', () => {
    // Prepare
    const t = signToken(keys, 'unsubscribe', { subscriberId: 'abc', expiresAt: null, data: '' });
    const tampered = `${t.slice(0, -1)}${t.endsWith('a') ? 'b' : 'a'}`;

    // Act
    const results = [t, tampered].map((token) => outcome(() => checkUnsubscribeLink(deps, token)));

    // Assess
    expect(results).toEqual(['ok', 'InvalidTokenError']);
  });
});

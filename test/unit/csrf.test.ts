import { describe, expect, it } from 'vitest';
import {
  allowedOrigins,
  checkSameOrigin,
  formToken,
  verifyFormToken,
} from '../../functions/core/csrf.ts';
import { ForbiddenError } from '../../functions/core/errors.ts';

const keys = [{ id: 'k1', secret: 'f'.repeat(40) }];
const manageToken = 'k1-abcdefghij234567-tpcao0--xsatilqrj2ldiv7h6l5bo7xf7a';

function accepts(given: string): boolean {
  try {
    verifyFormToken(keys, manageToken, 'preferences', given);
    return true;
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error;
    return false;
  }
}

describe('form tokens', () => {
  it('accepts the token of its own form only', () => {
    // Prepare
    const token = formToken(keys, manageToken, 'preferences');
    const other = formToken(keys, manageToken, 'delete');

    // Act
    const results = [accepts(token), accepts(other)];

    // Assess
    expect(results).toEqual([true, false]);
  });

  it('refuses anything but exactly kid-mac: extra fields, case changes, single-character changes', () => {
    // Prepare
    const token = formToken(keys, manageToken, 'preferences');
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._ ';
    const variants = [
      `${token}-`,
      `${token}-extra`,
      `${token}-${token}`,
      ` ${token}`,
      `${token} `,
      token.toUpperCase(),
    ];
    for (let i = 0; i < token.length; i++) {
      for (const c of alphabet) {
        if (c !== token[i]) variants.push(token.slice(0, i) + c + token.slice(i + 1));
      }
    }

    // Act
    const accepted = variants.filter(accepts);

    // Assess
    expect(accepted).toEqual([]);
  });
});

describe('allowedOrigins', () => {
  it('accepts every loopback name on the same scheme and port for a loopback base URL', () => {
    // Prepare
    const bases = ['http://localhost:3000', 'http://127.0.0.1:3000/', 'http://[::1]:3000/x'];

    // Act
    const results = bases.map((base) => [...allowedOrigins(base)].sort());

    // Assess
    for (const origins of results) {
      expect(origins).toEqual(
        ['http://127.0.0.1:3000', 'http://[::1]:3000', 'http://localhost:3000'].sort(),
      );
    }
  });

  it('changes nothing for a public base URL', () => {
    // Prepare
    const base = 'https://coach.example.com';

    // Act
    const origins = allowedOrigins(base);

    // Assess
    expect(origins).toEqual(['https://coach.example.com']);
  });

  it('keeps the scheme and port: other ports and schemes stay foreign', () => {
    // Prepare
    const origins = allowedOrigins('http://localhost:3000');
    const foreign = [
      'http://localhost:3001',
      'https://localhost:3000',
      'http://127.0.0.1',
      'http://localhost.evil.example:3000',
    ];

    // Act
    const refused = foreign.filter((origin) => {
      try {
        checkSameOrigin({ origin }, origins);
        return false;
      } catch (error) {
        return error instanceof ForbiddenError;
      }
    });

    // Assess
    expect(refused).toEqual(foreign);
  });
});

describe('checkSameOrigin', () => {
  it('accepts the other loopback name by Origin and by Referer', () => {
    // Prepare
    const origins = allowedOrigins('http://localhost:3000');

    // Act
    const check = () => {
      checkSameOrigin({ origin: 'http://127.0.0.1:3000' }, origins);
      checkSameOrigin({ referer: 'http://[::1]:3000/manage?t=x' }, origins);
      checkSameOrigin({ origin: 'http://localhost:3000' }, origins);
    };

    // Assess
    expect(check).not.toThrow();
  });

  it('refuses a foreign origin, `null` and a foreign Referer', () => {
    // Prepare
    const origins = allowedOrigins('https://coach.example.com');
    const foreign = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'http://localhost:3000' },
      { referer: 'https://evil.example/page' },
      { referer: 'not a url' },
    ];

    // Act
    const refused = foreign.filter((headers) => {
      try {
        checkSameOrigin(headers, origins);
        return false;
      } catch (error) {
        return error instanceof ForbiddenError;
      }
    });

    // Assess
    expect(refused).toEqual(foreign);
  });
});

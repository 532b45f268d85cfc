import { ConfigError } from './core/errors.ts';
import { normalizeLocale } from './core/locale.ts';
import { isValidTimeZone } from './core/send-window.ts';

export { ConfigError };

import * as z from './core/zod.ts';

const keyList = z.pipe(
  z.string().check(
    // An empty list is too short, not also malformed.
    z.minLength(1, { abort: true }),
    z.refine(
      (value) =>
        value.split(',').every((entry) => {
          const [id = '', secret = ''] = entry.trim().split(':');
          return /^[a-z0-9]{1,4}$/.test(id) && secret.length >= 32;
        }),
      'expected "kid:secret[,kid:secret]" with kid [a-z0-9]{1,4} and secrets of 32+ chars',
    ),
  ),
  z.transform((value: string) =>
    value.split(',').map((entry) => {
      const [id = '', secret = ''] = entry.trim().split(':');
      return { id, secret };
    }),
  ),
);

/** Every setting the handlers read, validated once per process. */
export const configSchema = z
  .object({
    TABLE_NAME: z.string().check(z.minLength(1)),
    FROM_ADDRESS: z.email(),
    SENDER_NAME: z._default(
      z
        .string()
        .check(
          z.regex(
            /^[^<>"\r\n,;]{1,60}$/,
            'a plain display name (no quotes, brackets or line breaks)',
          ),
        ),
      'Drip Coach',
    ),
    REPLY_DOMAIN: z
      .string()
      .check(z.regex(/^[a-z0-9.-]+\.[a-z0-9-]+$|^localhost$/i, 'a domain name')),
    BASE_URL: z.pipe(
      z.url(),
      z.transform((url: string) => url.replace(/\/+$/, '')),
    ),
    POSTAL_ADDRESS: z.string().check(z.minLength(5), z.maxLength(300)),
    /** Where questions the coach cannot answer go: a person reads them (infra: `operatorEmail`). */
    OPERATOR_EMAIL: z.email(),
    DEFAULT_TIMEZONE: z._default(
      z.string().check(z.refine(isValidTimeZone, 'an IANA time zone')),
      'UTC',
    ),
    /** Locale (BCP 47) of signups whose browser named none; stored normalized. */
    DEFAULT_LOCALE: z._default(
      z.pipe(
        z
          .string()
          .check(z.refine((v) => normalizeLocale(v) !== null, 'a BCP 47 language tag like en-US')),
        z.transform((v: string) => normalizeLocale(v) as string),
      ),
      'en-US',
    ),
    DEFAULT_COURSE: z._default(z.string().check(z.minLength(1)), 'relationships'),
    /** Publish every course metric with its breakdown, not only those alarms watch (infra: `detailedMetrics`). */
    DETAILED_METRICS: z._default(
      z.pipe(
        z.enum(['true', 'false']),
        z.transform((v: 'true' | 'false') => v === 'true'),
      ),
      false,
    ),
    /**
     * How long signup and "email me a fresh link" take at least, whatever the
     * address: longer than their slowest path (a confirmation email sent), so
     * timing cannot tell who is subscribed.
     */
    ANSWER_FLOOR_MS: z._default(
      z.coerce.number().check(z.int(), z.minimum(0), z.maximum(5_000)),
      300,
    ),
    DUE_SHARDS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(64)), 1),
    SES_CONFIGURATION_SET: z.optional(z.string().check(z.minLength(1))),
    /**
     * The SES account's maximum send rate, emails per second (the tick takes a
     * share of it). Unset, the tick reads it from SES (GetAccount) per cold start.
     */
    SES_MAX_SEND_RATE: z.optional(z.coerce.number().check(z.positive(), z.maximum(10_000))),
    /** Where the SES receipt rule stores raw replies (the inbound function needs it). */
    RAW_MAIL_BUCKET: z.optional(z.string().check(z.minLength(3))),
    RAW_MAIL_PREFIX: z._default(z.string().check(z.regex(/^[A-Za-z0-9._/-]{0,100}$/)), 'inbound/'),
    /** Local and test stacks pass keys directly; Lambda reads them from Parameter Store. */
    TOKEN_KEYS: z.optional(keyList),
    /**
     * In AWS: the SSM Parameter Store SecureString parameter holding the key
     * list (`TOKEN_KEYS`' format), read once per cold start.
     */
    TOKEN_PARAMETER_NAME: z.optional(
      z.string().check(z.regex(/^\/?[A-Za-z0-9_.\-/]{1,1011}$/, 'an SSM parameter name')),
    ),
  })
  .check(
    z.refine((c) => c.TOKEN_KEYS !== undefined || c.TOKEN_PARAMETER_NAME !== undefined, {
      message: 'set TOKEN_KEYS or TOKEN_PARAMETER_NAME',
      path: ['TOKEN_KEYS'],
    }),
  );

export type Config = z.infer<typeof configSchema>;

/**
 * Parses settings from an environment map. Fails fast, naming each variable,
 * so a misconfigured function dies at cold start rather than on first use.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || 'config';
    return issue.code === 'invalid_type' && env[name] === undefined
      ? `${name} is missing`
      : `${name}: ${issue.message}`;
  });
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}

/** Parses a key list as TOKEN_KEYS accepts it (also the SSM parameter's format). */
export function parseKeyList(value: string): { id: string; secret: string }[] {
  return keyList.parse(value);
}

import { z } from 'zod';
import { isValidTimeZone } from './core/send-window.ts';

const keyList = z
  .string()
  .min(1)
  .transform((value, ctx) => {
    const keys = value.split(',').map((entry) => {
      const [id, secret] = entry.trim().split(':');
      return { id: id ?? '', secret: secret ?? '' };
    });
    for (const key of keys) {
      if (!/^[a-z0-9]{1,4}$/.test(key.id) || key.secret.length < 32) {
        ctx.addIssue({
          code: 'custom',
          message:
            'expected "kid:secret[,kid:secret]" with kid [a-z0-9]{1,4} and secrets of 32+ chars',
        });
        return z.NEVER;
      }
    }
    return keys;
  });

/** Every setting the handlers read, validated once per process. */
export const configSchema = z
  .object({
    TABLE_NAME: z.string().min(1),
    FROM_ADDRESS: z.string().email(),
    SENDER_NAME: z
      .string()
      .regex(/^[^<>"\r\n,;]{1,60}$/, 'a plain display name (no quotes, brackets or line breaks)')
      .default('Drip Coach'),
    REPLY_DOMAIN: z.string().regex(/^[a-z0-9.-]+\.[a-z0-9-]+$|^localhost$/i, 'a domain name'),
    BASE_URL: z.url().transform((url) => url.replace(/\/+$/, '')),
    POSTAL_ADDRESS: z.string().min(5).max(300),
    DEFAULT_TIMEZONE: z.string().refine(isValidTimeZone, 'an IANA time zone').default('UTC'),
    DEFAULT_COURSE: z.string().min(1).default('relationships'),
    DUE_SHARDS: z.coerce.number().int().min(1).max(64).default(1),
    SES_CONFIGURATION_SET: z.string().min(1).optional(),
    /** Where the SES receipt rule stores raw replies (the inbound function needs it). */
    RAW_MAIL_BUCKET: z.string().min(3).optional(),
    RAW_MAIL_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9._/-]{0,100}$/)
      .default('inbound/'),
    /** Local and test stacks pass keys directly; Lambda reads them from Secrets Manager. */
    TOKEN_KEYS: keyList.optional(),
    TOKEN_SECRET_ARN: z.string().startsWith('arn:').optional(),
  })
  .refine((c) => c.TOKEN_KEYS !== undefined || c.TOKEN_SECRET_ARN !== undefined, {
    message: 'set TOKEN_KEYS or TOKEN_SECRET_ARN',
    path: ['TOKEN_KEYS'],
  });

export type Config = z.infer<typeof configSchema>;

/** Thrown when the environment is incomplete; the message names every missing or bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

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

/** Parses a key list as TOKEN_KEYS accepts it (also the Secrets Manager secret's format). */
export function parseKeyList(value: string): { id: string; secret: string }[] {
  return keyList.parse(value);
}

import type { Construct } from 'constructs';

/**
 * Operator-facing settings, read from CDK context (`cdk.json` or `-c key=value`).
 * They become the functions' environment, so they use the same meaning as
 * `functions/config.ts`.
 */
export interface CoachSettings {
  /** Domain SES sends from; an SES domain identity is created for it. Context key `domain`. */
  readonly domain: string;
  /** Address in the From header; must be on `domain`. Context key `fromAddress`. */
  readonly fromAddress: string;
  /** Display name in the From header. Context key `senderName`. */
  readonly senderName: string;
  /** Domain of the per-subscriber `reply+<token>@` addresses. Context key `replyDomain`. */
  readonly replyDomain: string;
  /** The operator's postal address, printed in every email's footer. Context key `postalAddress`. */
  readonly postalAddress: string;
  /** Public origin of the web function, used to build links in emails. Context key `baseUrl`. */
  readonly baseUrl: string;
  /** IANA time zone for subscribers who did not choose one. Context key `defaultTimezone`. */
  readonly defaultTimezone: string;
}

/**
 * Placeholders that let `cdk synth` run with no context at all. They are not
 * deployable as-is: a real deployment sets at least `domain`, `fromAddress`,
 * `replyDomain`, `postalAddress` and `baseUrl`.
 */
export const defaultSettings: CoachSettings = {
  domain: 'example.com',
  fromAddress: 'coach@example.com',
  senderName: 'Drip Coach',
  replyDomain: 'reply.example.com',
  postalAddress: 'Drip Coach, 123 Example Street, Springfield, USA',
  baseUrl: 'https://coach.example.com',
  defaultTimezone: 'UTC',
};

const settingKeys = Object.keys(defaultSettings) as (keyof CoachSettings)[];

/** Thrown at synth time when a context value would produce a broken deployment. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/**
 * Reads the settings from the construct tree's context, falling back to
 * {@link defaultSettings}. Problems fail the synth here, naming the context key,
 * rather than surfacing later as a function that cannot start or send.
 */
export function readSettings(scope: Construct): CoachSettings {
  const problems: string[] = [];
  const values: Record<string, string> = {};
  for (const key of settingKeys) {
    const raw: unknown = scope.node.tryGetContext(key);
    if (raw === undefined) {
      values[key] = defaultSettings[key];
    } else if (typeof raw === 'string' && raw.trim() !== '') {
      values[key] = raw.trim();
    } else {
      problems.push(`context "${key}" must be a non-empty string`);
    }
  }
  const settings = values as unknown as CoachSettings;
  if (problems.length === 0) problems.push(...checkSettings(settings));
  if (problems.length > 0) {
    throw new SettingsError(`invalid drip-coach settings: ${problems.join('; ')}`);
  }
  return settings;
}

const domainPattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function checkSettings(s: CoachSettings): string[] {
  const problems: string[] = [];
  if (!domainPattern.test(s.domain)) problems.push(`"domain" is not a domain name: ${s.domain}`);
  if (!domainPattern.test(s.replyDomain)) {
    problems.push(`"replyDomain" is not a domain name: ${s.replyDomain}`);
  }
  // ses:SendEmail is granted on the domain identity only, so a From address on
  // any other domain would be refused by SES at send time.
  const at = s.fromAddress.lastIndexOf('@');
  const fromDomain = at > 0 ? s.fromAddress.slice(at + 1).toLowerCase() : '';
  if (fromDomain !== s.domain.toLowerCase()) {
    problems.push(`"fromAddress" (${s.fromAddress}) must be an address on "domain" (${s.domain})`);
  }
  if (s.senderName.length > 60) problems.push('"senderName" must be at most 60 characters');
  if (s.postalAddress.length < 5 || s.postalAddress.length > 300) {
    problems.push('"postalAddress" must be 5 to 300 characters');
  }
  if (!isHttpsUrl(s.baseUrl)) problems.push(`"baseUrl" must be an https URL: ${s.baseUrl}`);
  if (!isTimeZone(s.defaultTimezone)) {
    problems.push(`"defaultTimezone" is not an IANA time zone: ${s.defaultTimezone}`);
  }
  return problems;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

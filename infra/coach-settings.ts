import type { Construct } from 'constructs';
import { normalizeLocale } from '../functions/core/locale.ts';

/**
 * Operator-facing settings, read from CDK context (`cdk.context.json` or
 * `-c key=value`; deliberately not `cdk.json`, whose context would shadow
 * `cdk.context.json`). All but `tickMemoryMb` become the functions'
 * environment, so they use the same meaning as `functions/config.ts`.
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
  /**
   * The person who reads the questions subscribers ask in their replies (the
   * coach forwards them and tells the subscriber a person will answer).
   * Context key `operatorEmail`.
   */
  readonly operatorEmail: string;
  /** Public origin of the web function, used to build links in emails. Context key `baseUrl`. */
  readonly baseUrl: string;
  /** IANA time zone for subscribers who did not choose one. Context key `defaultTimezone`. */
  readonly defaultTimezone: string;
  /** BCP 47 locale for subscribers whose browser sent none. Context key `defaultLocale`. */
  readonly defaultLocale: string;
  /**
   * How many partitions the due index's entries are spread over (1 to 64), so
   * no single index partition takes every write at high send rates. Raise it
   * freely; never lower it on a running deployment, since entries in a dropped
   * shard are not read until their subscriber is written again. Context key `dueShards`.
   */
  readonly dueShards: string;
  /**
   * Memory of the tick function in MB (256 to 10240). Lambda gives CPU in
   * proportion to memory, and a tick is bound by the CPU its SDK calls take,
   * so this sets how many emails one tick can send per second; raise it when
   * the account's SES send rate is above what the default carries (see the
   * README's Performance section). Context key `tickMemoryMb`.
   */
  readonly tickMemoryMb: string;
}

/** A Route 53 public hosted zone the stack may write DNS records into. */
export interface HostedZoneSettings {
  /** The zone's id, e.g. `Z0123456789ABCDEFGHIJ`. Context key `hostedZoneId`. */
  readonly id: string;
  /** The zone's domain name, e.g. `example.com`. Context key `hostedZoneName`. */
  readonly name: string;
}

/** Settings that have no default: each feature is off unless its context is set. */
export interface OptionalSettings {
  /**
   * When set, the stack publishes the DKIM CNAMEs and the reply domain's MX
   * record in this zone; otherwise the operator adds them by hand.
   * @default - no DNS records are managed
   */
  readonly hostedZone?: HostedZoneSettings;
  /**
   * Address subscribed (after it confirms) to an SNS topic that every alarm
   * notifies. Context key `alarmEmail`.
   * @default - alarms only show in CloudWatch
   */
  readonly alarmEmail?: string;
  /**
   * Create the CloudWatch dashboard (functions, mail, reputation, dead
   * letters, the coach's own metrics, web requests). A dashboard costs $3 a
   * month beyond an account's first three, more than the rest of the stack at
   * rest, so it is opt-in. Context key `dashboard` (`true` or `false`).
   * @default false
   */
  readonly dashboard?: boolean;
  /**
   * Publish the breakdowns (emails by kind, replies by outcome, commands by
   * kind, signups, meetings...) as CloudWatch metrics too, about 20 series
   * at $0.30 a month each while published. Off, only the metrics an alarm or
   * an operator acts on are published (unknown and unresolved sends, reader
   * corrections, bounces, complaints); the breakdowns stay in `coach stats`.
   * Context key `detailedMetrics` (`true` or `false`).
   * @default false
   */
  readonly detailedMetrics?: boolean;
}

/** Everything the stack is configured with. */
export type StackSettings = CoachSettings & OptionalSettings;

/**
 * Placeholders that let `cdk synth` run with no context at all. They are not
 * deployable as-is: a real deployment sets at least `domain`, `fromAddress`,
 * `replyDomain`, `postalAddress`, `operatorEmail` and `baseUrl`.
 */
export const defaultSettings: CoachSettings = {
  domain: 'example.com',
  fromAddress: 'coach@example.com',
  senderName: 'Drip Coach',
  replyDomain: 'reply.example.com',
  postalAddress: 'Drip Coach, 123 Example Street, Springfield, USA',
  operatorEmail: 'operator@example.com',
  baseUrl: 'https://coach.example.com',
  defaultTimezone: 'UTC',
  defaultLocale: 'en-US',
  dueShards: '4',
  tickMemoryMb: '256',
};

const settingKeys = Object.keys(defaultSettings) as (keyof CoachSettings)[];

/** Thrown at synth time when a context value would produce a broken deployment. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Context keys of {@link OptionalSettings}. */
const optionalKeys = ['hostedZoneId', 'hostedZoneName', 'alarmEmail'] as const;

/** Settings an operator may write as a JSON number in `cdk.context.json`. */
const numericKeys = new Set<string>(['dueShards', 'tickMemoryMb']);

function contextString(scope: Construct, key: string, problems: string[]): string | undefined {
  const raw: unknown = scope.node.tryGetContext(key);
  if (raw === undefined) return undefined;
  if (typeof raw === 'string' && raw.trim() !== '') return raw.trim();
  if (typeof raw === 'number' && numericKeys.has(key)) return String(raw);
  problems.push(`context "${key}" must be a non-empty string`);
  return undefined;
}

/** A yes/no setting: JSON `true`/`false` in `cdk.context.json`, or `-c key=true|false`. */
function contextFlag(scope: Construct, key: string, problems: string[]): boolean {
  const raw: unknown = scope.node.tryGetContext(key);
  if (raw === undefined || raw === false || raw === 'false') return false;
  if (raw === true || raw === 'true') return true;
  problems.push(`context "${key}" must be true or false`);
  return false;
}

/**
 * Reads the settings from the construct tree's context, falling back to
 * {@link defaultSettings}. Problems fail the synth here, naming the context key,
 * rather than surfacing later as a function that cannot start or send.
 */
export function readSettings(scope: Construct): StackSettings {
  const problems: string[] = [];
  const values: Record<string, string> = {};
  for (const key of settingKeys) {
    values[key] = contextString(scope, key, problems) ?? defaultSettings[key];
  }
  const [zoneId, zoneName, alarmEmail] = optionalKeys.map((key) =>
    contextString(scope, key, problems),
  );
  const dashboard = contextFlag(scope, 'dashboard', problems);
  const detailedMetrics = contextFlag(scope, 'detailedMetrics', problems);
  const settings: StackSettings = {
    ...(values as unknown as CoachSettings),
    ...(zoneId && zoneName
      ? { hostedZone: { id: zoneId, name: zoneName.replace(/\.$/, '') } }
      : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(dashboard ? { dashboard } : {}),
    ...(detailedMetrics ? { detailedMetrics } : {}),
  };
  if ((zoneId === undefined) !== (zoneName === undefined)) {
    problems.push('set both "hostedZoneId" and "hostedZoneName", or neither');
  }
  if (problems.length === 0) problems.push(...checkSettings(settings));
  if (problems.length > 0) {
    throw new SettingsError(`invalid drip-coach settings: ${problems.join('; ')}`);
  }
  return settings;
}

/** True when `name` is `parent` or one of its subdomains (case-insensitive). */
export function isWithinDomain(name: string, parent: string): boolean {
  const n = name.toLowerCase();
  const p = parent.toLowerCase();
  return n === p || n.endsWith(`.${p}`);
}

const domainPattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function checkSettings(s: StackSettings): string[] {
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
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(s.operatorEmail)) {
    problems.push(`"operatorEmail" is not an email address: ${s.operatorEmail}`);
  }
  if (!isHttpsUrl(s.baseUrl)) problems.push(`"baseUrl" must be an https URL: ${s.baseUrl}`);
  if (!isTimeZone(s.defaultTimezone)) {
    problems.push(`"defaultTimezone" is not an IANA time zone: ${s.defaultTimezone}`);
  }
  if (normalizeLocale(s.defaultLocale) === null) {
    problems.push(`"defaultLocale" is not a BCP 47 locale: ${s.defaultLocale}`);
  }
  if (!/^([1-9]|[1-5][0-9]|6[0-4])$/.test(s.dueShards)) {
    problems.push(`"dueShards" must be a whole number from 1 to 64: ${s.dueShards}`);
  }
  const tickMemory = Number(s.tickMemoryMb);
  if (!/^\d+$/.test(s.tickMemoryMb) || tickMemory < 256 || tickMemory > 10240) {
    problems.push(`"tickMemoryMb" must be a whole number from 256 to 10240: ${s.tickMemoryMb}`);
  }
  if (s.hostedZone) {
    const zone = s.hostedZone;
    if (!/^Z[A-Z0-9]{1,32}$/.test(zone.id)) {
      problems.push(`"hostedZoneId" is not a Route 53 zone id: ${zone.id}`);
    }
    if (!domainPattern.test(zone.name)) {
      problems.push(`"hostedZoneName" is not a domain name: ${zone.name}`);
    }
    // Records can only be written into the zone that holds the names.
    for (const key of ['domain', 'replyDomain'] as const) {
      if (!isWithinDomain(s[key], zone.name)) {
        problems.push(`"${key}" (${s[key]}) is not in the hosted zone "${zone.name}"`);
      }
    }
  }
  if (s.alarmEmail !== undefined && !/^[^\s@<>"]+@[^\s@<>"]+\.[a-z]{2,63}$/i.test(s.alarmEmail)) {
    problems.push(`"alarmEmail" is not an email address: ${s.alarmEmail}`);
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

import { type CompiledCourse, dynamicPlaceholderNames, type Placeholders } from './course.ts';
import { renderEmail } from './render.ts';
import { sendRef } from './send-ref.ts';
import { firstName, type Subscriber } from './subscriber.ts';
import { type SigningKey, signToken } from './tokens.ts';

/** A message header as SES v2 `Simple` content takes it. */
export interface MailHeader {
  name: string;
  value: string;
}

/** An email ready to hand to the mail service. */
export interface OutgoingEmail {
  to: string;
  from: string;
  replyTo: string;
  subject: string;
  html: string;
  text: string;
  headers: MailHeader[];
  /** Tags SES attaches to its events, to correlate sends, bounces and complaints. */
  tags: Record<string, string>;
}

/** Operator settings every email needs. */
export interface SenderSettings {
  baseUrl: string;
  replyDomain: string;
  fromAddress: string;
  senderName: string;
  postalAddress: string;
  keys: readonly SigningKey[];
}

/** How long emailed links stay valid. */
export const linkLifetimes = { confirmMs: 7 * 86_400_000, manageMs: 30 * 86_400_000 } as const;

/** Signed links for one subscriber. */
export interface SubscriberLinks {
  manageUrl: string;
  unsubscribeUrl: string;
  confirmUrl: string | null;
  replyAddress: string;
}

/** Builds a subscriber's signed links; the confirm link only while a confirmation is open. */
export function subscriberLinks(
  subscriber: Subscriber,
  settings: SenderSettings,
  now: Date,
  replyStep: number | null = null,
): SubscriberLinks {
  const sign = (
    purpose: 'manage' | 'unsubscribe' | 'reply' | 'confirm',
    ttl: number | null,
    data = '',
  ) =>
    signToken(settings.keys, purpose, {
      subscriberId: subscriber.id,
      expiresAt: ttl === null ? null : new Date(now.getTime() + ttl),
      data,
    });
  const openSignup = subscriber.signupRequests.at(-1);
  return {
    manageUrl: `${settings.baseUrl}/manage?t=${sign('manage', linkLifetimes.manageMs)}`,
    unsubscribeUrl: `${settings.baseUrl}/unsubscribe?t=${sign('unsubscribe', null)}`,
    // The newest open signup's link: the one the confirmation being sent belongs to.
    confirmUrl: openSignup
      ? `${settings.baseUrl}/confirm?t=${sign('confirm', linkLifetimes.confirmMs, openSignup.nonce)}`
      : null,
    // The reply token names the step the email asked about, so a reply to an old lesson is read as such.
    replyAddress: `reply+${sign('reply', null, replyStep === null ? '' : `s${replyStep}`)}@${settings.replyDomain}`,
  };
}

/**
 * The name to greet with. A signup form proves nothing about who owns the
 * mailbox, so a name goes into an email only once the current consent is
 * confirmed: until then anyone could have typed it (a link, say) into a mail
 * to someone else's address, and the neutral greeting is used. An earlier,
 * confirmed consent does not count: the name may have been given since.
 */
export function greetingName(subscriber: Pick<Subscriber, 'name' | 'consent'>): string {
  return firstName(subscriber.consent.confirmedAt ? subscriber : { name: null });
}

/** Which email to compose: a template, its header id, its step and dynamic values. */
export interface EmailSpec {
  emailId: string;
  template: string;
  /** The ledger key this email is sent under; named in its `X-Coach-Send` header. */
  sendKey: string;
  step: number | null;
  vars: Record<string, string>;
}

/**
 * Renders one course email for a subscriber with every header the coach
 * promises: one-click unsubscribe (RFC 8058), per-subscriber Reply-To and the
 * correlation headers.
 */
export function composeEmail(
  subscriber: Subscriber,
  spec: EmailSpec,
  course: CompiledCourse,
  settings: SenderSettings,
  now: Date,
): OutgoingEmail {
  const template = course.emails[spec.template];
  if (!template) throw new Error(`course ${course.id} has no email ${spec.template}`);
  const links = subscriberLinks(subscriber, settings, now, spec.step);
  const entry = spec.step === null ? undefined : course.sequence.find((e) => e.step === spec.step);
  const dynamic: Placeholders = Object.fromEntries(
    dynamicPlaceholderNames.map((name) => [name, '']),
  );
  const rendered = renderEmail(template, {
    ...dynamic,
    lessonTitle: entry ? (course.emails[entry.emailId]?.subject ?? '') : '',
    replyAsk: entry?.replyAsk ?? '',
    ...spec.vars,
    firstName: greetingName(subscriber),
    courseTitle: course.title,
    manageUrl: links.manageUrl,
    unsubscribeUrl: links.unsubscribeUrl,
    postalAddress: settings.postalAddress,
    senderName: settings.senderName,
    ...(links.confirmUrl ? { confirmUrl: links.confirmUrl } : {}),
  });
  return {
    to: subscriber.email,
    from: `${settings.senderName} <${settings.fromAddress}>`,
    replyTo: links.replyAddress,
    ...rendered,
    headers: [
      { name: 'List-Unsubscribe', value: `<${links.unsubscribeUrl}>` },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      { name: 'X-Coach-Course', value: course.id },
      { name: 'X-Coach-Email', value: spec.emailId },
      { name: 'X-Coach-Send', value: sendRef(subscriber.id, spec.sendKey) },
    ],
    tags: { course: course.id, email: spec.emailId, send: sendRef(subscriber.id, spec.sendKey) },
  };
}

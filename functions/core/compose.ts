import type { OutgoingEmail } from '../ports/ports.ts';
import type { CompiledCourse } from './course.ts';
import { renderEmail } from './render.ts';
import { firstName, type Subscriber } from './subscriber.ts';
import { type SigningKey, signToken } from './tokens.ts';

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
  return {
    manageUrl: `${settings.baseUrl}/manage?t=${sign('manage', linkLifetimes.manageMs)}`,
    unsubscribeUrl: `${settings.baseUrl}/unsubscribe?t=${sign('unsubscribe', null)}`,
    confirmUrl: subscriber.confirmNonce
      ? `${settings.baseUrl}/confirm?t=${sign('confirm', linkLifetimes.confirmMs, subscriber.confirmNonce)}`
      : null,
    replyAddress: `reply+${sign('reply', null)}@${settings.replyDomain}`,
  };
}

/**
 * Renders one course email for a subscriber with every header the coach
 * promises: one-click unsubscribe (RFC 8058), per-subscriber Reply-To and the
 * correlation headers.
 */
export function composeEmail(
  subscriber: Subscriber,
  emailId: string,
  course: CompiledCourse,
  settings: SenderSettings,
  now: Date,
): OutgoingEmail {
  const template = course.emails[emailId];
  if (!template) throw new Error(`course ${course.id} has no email ${emailId}`);
  const links = subscriberLinks(subscriber, settings, now);
  const rendered = renderEmail(template, {
    firstName: firstName(subscriber),
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
      { name: 'X-Coach-Email', value: emailId },
    ],
    tags: { course: course.id, email: emailId },
  };
}

import { Aws, CfnOutput, type Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { isWithinDomain, type StackSettings } from './coach-settings.ts';

/** What {@link addMailIdentities} made. */
export interface MailIdentities {
  /** SES domain identity for `settings.domain`. */
  readonly emailIdentity: ses.EmailIdentity;
  /** SES domain identity for `settings.replyDomain`, when `domain` does not cover it. */
  readonly replyIdentity?: ses.EmailIdentity;
  /** The hosted zone the records are written into, when one is set. */
  readonly zone?: route53.IPublicHostedZone;
}

/**
 * The mail domains and their DNS: an Easy DKIM (2048-bit) identity for the
 * sending domain (and one for the reply domain when it is not within it),
 * and either the DKIM CNAMEs and the reply MX record in the hosted zone, or,
 * without one, stack outputs naming each record to add by hand.
 *
 * Everything is created in the stack's own scope, with the ids it always had:
 * a moved identity would get a new logical id, and CloudFormation would
 * replace it (new DKIM tokens, verification from scratch) or fail to create a
 * record set that already exists.
 */
export function addMailIdentities(
  stack: Stack,
  settings: StackSettings,
  configurationSet: ses.IConfigurationSet,
): MailIdentities {
  const zone = settings.hostedZone
    ? route53.PublicHostedZone.fromPublicHostedZoneAttributes(stack, 'HostedZone', {
        hostedZoneId: settings.hostedZone.id,
        zoneName: settings.hostedZone.name,
      })
    : undefined;
  const emailIdentity = domainIdentity(stack, 'EmailIdentity', settings.domain, zone, {
    configurationSet,
  });
  // SES treats subdomains of a verified domain as verified; anything else needs its own.
  const replyIdentity = isWithinDomain(settings.replyDomain, settings.domain)
    ? undefined
    : domainIdentity(stack, 'ReplyIdentity', settings.replyDomain, zone);
  const mxValue = `inbound-smtp.${Aws.REGION}.amazonaws.com`;

  if (zone) {
    new route53.MxRecord(stack, 'ReplyMx', {
      zone,
      recordName: `${settings.replyDomain}.`,
      values: [{ priority: 10, hostName: mxValue }],
      comment: 'drip-coach: replies go to SES receiving in this region',
    });
  } else {
    // CloudFormation takes only literal strings as output descriptions: the
    // domain comes from the settings, never from the identity (a Ref), and
    // every token stays in the value.
    const identities: [string, string, ses.EmailIdentity | undefined][] = [
      ['DkimRecord', settings.domain, emailIdentity],
      ['DkimRecordReply', settings.replyDomain, replyIdentity],
    ];
    for (const [outputId, domain, identity] of identities) {
      identity?.dkimRecords.forEach((record, index) => {
        new CfnOutput(stack, `${outputId}${index + 1}`, {
          description: `CNAME to publish for ${domain} (Easy DKIM)`,
          value: `${record.name} CNAME ${record.value}`,
        });
      });
    }
    new CfnOutput(stack, 'ReplyMxRecord', {
      description: 'MX record to publish for the reply domain',
      value: `${settings.replyDomain} MX 10 ${mxValue}`,
    });
  }
  return { emailIdentity, ...(replyIdentity ? { replyIdentity } : {}), ...(zone ? { zone } : {}) };
}

/**
 * An Easy DKIM (2048-bit) domain identity; with a hosted zone, its three
 * DKIM CNAMEs are written there (which also verifies the domain).
 */
function domainIdentity(
  stack: Stack,
  id: string,
  domain: string,
  zone: route53.IPublicHostedZone | undefined,
  options: { configurationSet?: ses.IConfigurationSet } = {},
): ses.EmailIdentity {
  const apex = zone && domain.toLowerCase() === zone.zoneName.toLowerCase();
  const identity = new ses.EmailIdentity(stack, id, {
    // At the zone apex CDK writes the DKIM records itself.
    identity: apex ? ses.Identity.publicHostedZone(zone) : ses.Identity.domain(domain),
    configurationSet: options.configurationSet,
    dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
  });
  if (zone && !apex) {
    // A subdomain of the zone: the same records CDK writes at the apex, by hand.
    identity.dkimRecords.forEach((record, index) => {
      new route53.CfnRecordSet(identity, `DkimDnsToken${index + 1}`, {
        hostedZoneId: zone.hostedZoneId,
        name: record.name,
        type: 'CNAME',
        resourceRecords: [record.value],
        ttl: '1800',
      });
    });
  }
  return identity;
}

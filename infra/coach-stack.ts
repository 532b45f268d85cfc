import { fileURLToPath } from 'node:url';
import {
  Aws,
  CfnOutput,
  type CfnResource,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { tableSchema } from '../functions/adapters/table-schema.ts';
import type { eventBridgeDetailTypes } from '../functions/handlers/events/ses-sending-event.ts';
import { CoachFunction } from './coach-function.ts';
import { CoachMonitoring } from './coach-monitoring.ts';
import { isWithinDomain, readSettings, type StackSettings } from './coach-settings.ts';
import { InboundMail } from './inbound-mail.ts';
import { TokenSigningKeys } from './token-signing-keys.ts';
import { WebApi } from './web-api.ts';

/** Properties of a {@link CoachStack}. */
export interface CoachStackProps extends StackProps {
  /**
   * Settings to deploy with.
   * @default - read from CDK context, see `readSettings`
   */
  readonly settings?: StackSettings;
}

/** How often the tick function looks for due work. */
export const tickRate = Duration.minutes(5);

/** Key prefix of raw replies in the bucket; also the functions' RAW_MAIL_PREFIX. */
export const rawMailPrefix = 'inbound/';

/**
 * The SES events the configuration set publishes. At least these: sends,
 * deliveries, hard and soft bounces, complaints, rejections (virus),
 * rendering failures and delays.
 */
export const publishedSesEvents = [
  ses.EmailSendingEvent.SEND,
  ses.EmailSendingEvent.DELIVERY,
  ses.EmailSendingEvent.BOUNCE,
  ses.EmailSendingEvent.COMPLAINT,
  ses.EmailSendingEvent.REJECT,
  ses.EmailSendingEvent.RENDERING_FAILURE,
  ses.EmailSendingEvent.DELIVERY_DELAY,
];

/**
 * The EventBridge detail types routed to the ses-events function: every
 * published event. `Email Sent` is SES's own record that it accepted an
 * email, which resolves a send whose outcome the tick could not record.
 */
export const routedSesDetailTypes: (keyof typeof eventBridgeDetailTypes)[] = [
  'Email Sent',
  'Email Delivered',
  'Email Bounced',
  'Email Complaint Received',
  'Email Rejected',
  'Email Rendering Failed',
  'Email Delivery Delayed',
];

/**
 * Data-plane actions the functions need on the table. Spelled out instead of
 * `grantReadWriteData` so the index grant can name our index rather than
 * `index/*`, and to leave out stream actions for a table without a stream.
 */
const tableDataActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:DescribeTable',
];

const handlerEntry = (name: string): string =>
  fileURLToPath(new URL(`../functions/handlers/${name}.ts`, import.meta.url));

/**
 * drip-coach in one stack: the table, the token signing keys, SES sending
 * (identity, configuration set, events) and receiving (bucket, receipt rule),
 * the four functions with their dead-letter queues, the public HTTP API, and
 * alarms with a dashboard.
 */
export class CoachStack extends Stack {
  /** The single table. */
  public readonly table: dynamodb.Table;
  /** Link token signing keys. */
  public readonly tokenKeys: TokenSigningKeys;
  /** SES v2 configuration set every email is sent with. */
  public readonly configurationSet: ses.ConfigurationSet;
  /** Publishes the configuration set's events to the default event bus. */
  public readonly eventDestination: ses.ConfigurationSetEventDestination;
  /** SES domain identity for `settings.domain`. */
  public readonly emailIdentity: ses.EmailIdentity;
  /** SES domain identity for `settings.replyDomain`, when `domain` does not cover it. */
  public readonly replyIdentity?: ses.EmailIdentity;
  /** Serves the signup, confirm, manage and unsubscribe pages. */
  public readonly web: CoachFunction;
  /** The web function's public, throttled HTTP API. */
  public readonly webApi: WebApi;
  /** Sends whatever is due, every {@link tickRate}. */
  public readonly tick: CoachFunction;
  /** Reads replies the receipt rule stored. */
  public readonly inbound: CoachFunction;
  /** Applies SES bounces, complaints and deliveries. */
  public readonly sesEvents: CoachFunction;
  /** Dead-letter queues of the asynchronously invoked functions, by function. */
  public readonly deadLetterQueues: { tick: sqs.Queue; inbound: sqs.Queue; sesEvents: sqs.Queue };
  /** Reply bucket, receipt rule set and its activation. */
  public readonly inboundMail: InboundMail;
  /** Routes the configuration set's events to {@link sesEvents}. */
  public readonly sesEventsRule: events.Rule;
  /** Alarms and dashboard. */
  public readonly monitoring: CoachMonitoring;

  constructor(scope: Construct, id: string, props: CoachStackProps = {}) {
    super(scope, id, props);
    const settings = props.settings ?? readSettings(this);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: tableSchema.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: tableSchema.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: tableSchema.ttlAttribute,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: tableSchema.dueIndex.name,
      partitionKey: {
        name: tableSchema.dueIndex.partitionKey,
        type: dynamodb.AttributeType.STRING,
      },
      sortKey: { name: tableSchema.dueIndex.sortKey, type: dynamodb.AttributeType.STRING },
      // The tick reads keys from the index, then the item itself under a claim.
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });

    this.tokenKeys = new TokenSigningKeys(this, 'TokenSigningKeys');
    for (const secret of [this.tokenKeys.secret, this.tokenKeys.seed]) {
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'Token keys rotate by prepending a new key id and keeping the old ones ("k2:new,k1:old"): unsubscribe links never expire, so a rotation Lambda that replaces the value would break them.',
      });
    }

    // ---- sending ----------------------------------------------------------
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      // Lessons quote subscribers' own replies back to them: never in clear text.
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });
    // SES publishes to the default bus only; no topic to encrypt or subscribe.
    const defaultBus = events.EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    this.eventDestination = this.configurationSet.addEventDestination('ToEventBridge', {
      destination: ses.EventDestination.eventBus(defaultBus),
      events: publishedSesEvents,
    });

    const zone = settings.hostedZone
      ? route53.PublicHostedZone.fromPublicHostedZoneAttributes(this, 'HostedZone', {
          hostedZoneId: settings.hostedZone.id,
          zoneName: settings.hostedZone.name,
        })
      : undefined;
    this.emailIdentity = this.domainIdentity('EmailIdentity', settings.domain, zone, {
      configurationSet: this.configurationSet,
    });
    // SES treats subdomains of a verified domain as verified; anything else needs its own.
    if (!isWithinDomain(settings.replyDomain, settings.domain)) {
      this.replyIdentity = this.domainIdentity('ReplyIdentity', settings.replyDomain, zone);
    }
    if (zone) {
      new route53.MxRecord(this, 'ReplyMx', {
        zone,
        recordName: `${settings.replyDomain}.`,
        values: [{ priority: 10, hostName: `inbound-smtp.${Aws.REGION}.amazonaws.com` }],
        comment: 'drip-coach: replies go to SES receiving in this region',
      });
    }

    // ---- functions ----------------------------------------------------------
    const deadLetterQueue = (queueId: string) =>
      new sqs.Queue(this, queueId, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // The longest SQS allows: time to notice the alarm and replay by hand.
        retentionPeriod: Duration.days(14),
      });
    this.deadLetterQueues = {
      tick: deadLetterQueue('TickDeadLetters'),
      inbound: deadLetterQueue('InboundDeadLetters'),
      sesEvents: deadLetterQueue('SesEventsDeadLetters'),
    };

    const environment: Record<string, string> = {
      TABLE_NAME: this.table.tableName,
      FROM_ADDRESS: settings.fromAddress,
      SENDER_NAME: settings.senderName,
      REPLY_DOMAIN: settings.replyDomain,
      BASE_URL: settings.baseUrl,
      POSTAL_ADDRESS: settings.postalAddress,
      DEFAULT_TIMEZONE: settings.defaultTimezone,
      DUE_SHARDS: settings.dueShards,
      TOKEN_SECRET_ARN: this.tokenKeys.secret.secretArn,
      SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
    };

    this.inbound = new CoachFunction(this, 'Inbound', {
      entry: handlerEntry('inbound'),
      description: 'drip-coach: reads replies SES stored in S3',
      // Parsing a message and answering it can take a few seconds on a cold start.
      timeout: Duration.seconds(30),
      memorySize: 512,
      deadLetterQueue: this.deadLetterQueues.inbound,
      asyncRetryAttempts: 2,
    });
    this.inboundMail = new InboundMail(this, 'InboundMail', {
      replyDomain: settings.replyDomain,
      handler: this.inbound.function,
      objectKeyPrefix: rawMailPrefix,
    });
    const rawMailEnvironment = {
      RAW_MAIL_BUCKET: this.inboundMail.bucket.bucketName,
      RAW_MAIL_PREFIX: this.inboundMail.objectKeyPrefix,
    };
    for (const [name, value] of Object.entries({ ...environment, ...rawMailEnvironment })) {
      this.inbound.function.addEnvironment(name, value);
    }

    this.web = new CoachFunction(this, 'Web', {
      entry: handlerEntry('web'),
      description: 'drip-coach: signup, confirm, manage and unsubscribe pages',
      environment: { ...environment, ...rawMailEnvironment },
    });
    this.webApi = new WebApi(this, 'WebApi', { handler: this.web.function });

    this.tick = new CoachFunction(this, 'Tick', {
      entry: handlerEntry('tick'),
      description: 'drip-coach: sends whatever is due',
      environment,
      // Most of the schedule interval, so a backlog drains at close to the
      // tick's full speed, yet ending before the next tick starts.
      timeout: Duration.minutes(4),
      memorySize: Number(settings.tickMemoryMb),
      deadLetterQueue: this.deadLetterQueues.tick,
      // A failed tick is not retried: the next one, minutes later, finds the same
      // due work, and a retry would only overlap it. It is dead-lettered for the alarm.
      asyncRetryAttempts: 0,
    });
    new events.Rule(this, 'TickSchedule', {
      description: 'drip-coach: run the tick function',
      schedule: events.Schedule.rate(tickRate),
      targets: [
        new targets.LambdaFunction(this.tick.function, {
          deadLetterQueue: this.deadLetterQueues.tick,
          retryAttempts: 0,
        }),
      ],
    });

    this.sesEvents = new CoachFunction(this, 'SesEvents', {
      entry: handlerEntry('ses-events'),
      description: 'drip-coach: applies SES bounces, complaints and deliveries',
      environment,
      deadLetterQueue: this.deadLetterQueues.sesEvents,
      asyncRetryAttempts: 2,
    });
    this.sesEventsRule = new events.Rule(this, 'SesEventsRule', {
      description: 'drip-coach: SES events of the configuration set, to the ses-events function',
      eventPattern: {
        source: ['aws.ses'],
        detailType: routedSesDetailTypes,
        // Other senders in the account may publish to the default bus too.
        detail: {
          mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } },
        },
      },
      targets: [
        new targets.LambdaFunction(this.sesEvents.function, {
          deadLetterQueue: this.deadLetterQueues.sesEvents,
          maxEventAge: Duration.hours(24),
          retryAttempts: 8,
        }),
      ],
    });

    // ---- permissions ----------------------------------------------------------
    const sendEmail = new iam.PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [
        this.formatArn({ service: 'ses', resource: 'identity', resourceName: settings.domain }),
        this.formatArn({
          service: 'ses',
          resource: 'configuration-set',
          resourceName: this.configurationSet.configurationSetName,
        }),
      ],
    });
    const tableArns = [
      this.table.tableArn,
      `${this.table.tableArn}/index/${tableSchema.dueIndex.name}`,
    ];
    const tableAccess = new iam.PolicyStatement({
      actions: tableDataActions,
      resources: tableArns,
    });
    // ses-events reads and writes subscribers only: it sends nothing and verifies no token.
    for (const fn of [this.web, this.tick, this.inbound, this.sesEvents]) {
      fn.role.addToPrincipalPolicy(tableAccess);
    }
    // The inbound function acknowledges replies at once, without waiting for the tick.
    for (const fn of [this.web, this.tick, this.inbound]) {
      fn.role.addToPrincipalPolicy(sendEmail);
      this.tokenKeys.secret.grantRead(fn.role);
    }
    // The tick paces itself to the account's maximum send rate, read at cold start.
    // A policy of its own, so the acknowledgement below cannot cover another grant.
    const readSendQuota = new iam.Policy(this, 'TickReadsSendQuota', {
      statements: [new iam.PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] })],
      roles: [this.tick.role],
    });
    Validations.of(readSendQuota).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ses:GetAccount (read the account sending quota) supports no resource-level permissions; "*" is the only resource it accepts. It reads, never changes, the account.',
    });
    this.inboundMail.grantRead(this.inbound.role);
    // Deleting a subscriber's data deletes their stored replies too.
    this.inboundMail.grantDelete(this.inbound.role);
    this.inboundMail.grantDelete(this.web.role);
    // The one wildcard left: object keys under the reply prefix (SES message ids,
    // unknown in advance). Acknowledged as that exact finding on each policy.
    const bucketId = this.getLogicalId(this.inboundMail.bucket.node.defaultChild as CfnResource);
    for (const fn of [this.inbound, this.web]) {
      Validations.of(fn.role.node.findChild('DefaultPolicy')).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${rawMailPrefix}*]`,
        reason: `Object-level S3 access (GetObject, DeleteObject) on the raw-reply prefix "${rawMailPrefix}" only; object keys are SES message ids, unknown in advance.`,
      });
    }

    // ---- monitoring ----------------------------------------------------------
    const apiMetric = (metricName: string, label: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiId: this.webApi.api.apiId, Stage: '$default' },
        statistic: 'Sum',
        period: Duration.minutes(5),
        label,
      });
    this.monitoring = new CoachMonitoring(this, 'Monitoring', {
      functions: {
        Web: this.web,
        Tick: this.tick,
        Inbound: this.inbound,
        SesEvents: this.sesEvents,
      },
      deadLetterQueues: {
        Tick: this.deadLetterQueues.tick,
        Inbound: this.deadLetterQueues.inbound,
        SesEvents: this.deadLetterQueues.sesEvents,
      },
      alarmEmail: settings.alarmEmail,
      extraWidgets: [
        new cloudwatch.GraphWidget({
          title: 'Web requests',
          left: [
            apiMetric('Count', 'requests'),
            apiMetric('4xx', '4xx (incl. throttled)'),
            apiMetric('5xx', '5xx'),
          ],
          width: 24,
        }),
      ],
    });

    // ---- outputs ----------------------------------------------------------
    new CfnOutput(this, 'WebUrl', {
      description: 'Public URL of the pages; set baseUrl to it (or to your domain in front of it)',
      value: this.webApi.url,
    });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'TokenSecretArn', { value: this.tokenKeys.secret.secretArn });
    new CfnOutput(this, 'RawReplyBucket', { value: this.inboundMail.bucket.bucketName });
    new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName });
    if (!zone) {
      // CloudFormation takes only literal strings as output descriptions: the
      // domain comes from the settings, never from the identity (a Ref), and
      // every token stays in the value.
      const identities: [string, string, ses.EmailIdentity | undefined][] = [
        ['DkimRecord', settings.domain, this.emailIdentity],
        ['DkimRecordReply', settings.replyDomain, this.replyIdentity],
      ];
      for (const [outputId, domain, identity] of identities) {
        identity?.dkimRecords.forEach((record, index) => {
          new CfnOutput(this, `${outputId}${index + 1}`, {
            description: `CNAME to publish for ${domain} (Easy DKIM)`,
            value: `${record.name} CNAME ${record.value}`,
          });
        });
      }
      new CfnOutput(this, 'ReplyMxRecord', {
        description: 'MX record to publish for the reply domain',
        value: `${settings.replyDomain} MX 10 inbound-smtp.${Aws.REGION}.amazonaws.com`,
      });
    }
  }

  /**
   * An Easy DKIM (2048-bit) domain identity; with a hosted zone, its three
   * DKIM CNAMEs are written there (which also verifies the domain).
   */
  private domainIdentity(
    id: string,
    domain: string,
    zone: route53.IPublicHostedZone | undefined,
    options: { configurationSet?: ses.IConfigurationSet } = {},
  ): ses.EmailIdentity {
    const apex = zone && domain.toLowerCase() === zone.zoneName.toLowerCase();
    const identity = new ses.EmailIdentity(this, id, {
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
}

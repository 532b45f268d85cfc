import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { tableSchema } from '../functions/adapters/table-schema.ts';
import type { eventBridgeDetailTypes } from '../functions/handlers/events/ses-sending-event.ts';
import { CoachFunction } from './coach-function.ts';
import { CoachMonitoring } from './coach-monitoring.ts';
import { grantCoachPermissions } from './coach-permissions.ts';
import { readSettings, type StackSettings } from './coach-settings.ts';
import { InboundMail } from './inbound-mail.ts';
import { addMailIdentities } from './mail-identities.ts';
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

/**
 * The tick's time budget: most of the schedule interval, so a backlog drains
 * at close to the tick's full speed, yet ending before the next tick starts.
 */
export const tickTimeout = Duration.minutes(4);

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

const handlerEntry = (name: string): string =>
  fileURLToPath(new URL(`../functions/handlers/${name}.ts`, import.meta.url));

/**
 * drip-coach in one stack: the table, the token signing keys, SES sending
 * (identity, configuration set, events) and receiving (bucket, receipt rule),
 * the four functions with their dead-letter queues, the public HTTP API, and
 * alarms (with a dashboard when the `dashboard` setting asks for one).
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

    const identities = addMailIdentities(this, settings, this.configurationSet);
    this.emailIdentity = identities.emailIdentity;
    this.replyIdentity = identities.replyIdentity;

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
      OPERATOR_EMAIL: settings.operatorEmail,
      DEFAULT_TIMEZONE: settings.defaultTimezone,
      DEFAULT_LOCALE: settings.defaultLocale,
      DUE_SHARDS: settings.dueShards,
      ...(settings.detailedMetrics ? { DETAILED_METRICS: 'true' } : {}),
      // The custom resource's Ref: the functions wait for the parameter to exist.
      TOKEN_PARAMETER_NAME: this.tokenKeys.resource.ref,
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
      timeout: tickTimeout,
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

    grantCoachPermissions(this, settings);

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
      tick: { rate: tickRate, timeout: tickTimeout },
      replies: this.inbound,
      alarmEmail: settings.alarmEmail,
      dashboard: settings.dashboard ?? false,
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
    new CfnOutput(this, 'TokenParameterName', {
      description:
        'SSM SecureString parameter holding the link signing keys (kept on stack deletion)',
      value: this.tokenKeys.parameterName,
    });
    new CfnOutput(this, 'RawReplyBucket', { value: this.inboundMail.bucket.bucketName });
    new CfnOutput(this, 'ConsoleSettings', {
      description: 'The settings the functions run with, as JSON, for the console: coach --stack',
      value: this.toJsonString({ ...environment, ...rawMailEnvironment }),
    });
    if (this.monitoring.dashboard) {
      new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName });
    }
  }
}

import { fileURLToPath } from 'node:url';
import {
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { tableSchema } from '../functions/adapters/table-schema.ts';
import { CoachFunction } from './coach-function.ts';
import { type CoachSettings, readSettings } from './coach-settings.ts';
import { TokenSigningKeys } from './token-signing-keys.ts';

/** Properties of a {@link CoachStack}. */
export interface CoachStackProps extends StackProps {
  /**
   * Settings to deploy with.
   * @default - read from CDK context, see `readSettings`
   */
  readonly settings?: CoachSettings;
}

/** How often the tick function looks for due work. */
export const tickRate = Duration.minutes(5);

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
 * drip-coach in one stack: the table, the token signing keys, the SES identity
 * and configuration set, the public web function and the scheduled tick.
 */
export class CoachStack extends Stack {
  /** The single table. */
  public readonly table: dynamodb.Table;
  /** Link token signing keys. */
  public readonly tokenKeys: TokenSigningKeys;
  /** SES v2 configuration set every email is sent with. */
  public readonly configurationSet: ses.ConfigurationSet;
  /** SES domain identity for `settings.domain`. */
  public readonly emailIdentity: ses.EmailIdentity;
  /** Serves the signup, confirm, manage and unsubscribe pages. */
  public readonly web: CoachFunction;
  /** Public URL of the web function. */
  public readonly webUrl: lambda.FunctionUrl;
  /** Sends whatever is due, every {@link tickRate}. */
  public readonly tick: CoachFunction;

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

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      // Lessons quote subscribers' own replies back to them: never in clear text.
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });

    this.emailIdentity = new ses.EmailIdentity(this, 'EmailIdentity', {
      identity: ses.Identity.domain(settings.domain),
      configurationSet: this.configurationSet,
      dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
    });

    const environment: Record<string, string> = {
      TABLE_NAME: this.table.tableName,
      FROM_ADDRESS: settings.fromAddress,
      SENDER_NAME: settings.senderName,
      REPLY_DOMAIN: settings.replyDomain,
      BASE_URL: settings.baseUrl,
      POSTAL_ADDRESS: settings.postalAddress,
      DEFAULT_TIMEZONE: settings.defaultTimezone,
      TOKEN_SECRET_ARN: this.tokenKeys.secret.secretArn,
      SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
    };

    this.web = new CoachFunction(this, 'Web', {
      entry: handlerEntry('web'),
      description: 'drip-coach: signup, confirm, manage and unsubscribe pages',
      environment,
    });
    // Public pages (signup, one-click unsubscribe from any mail client) cannot
    // carry AWS credentials; every state change is authorised by a signed token.
    this.webUrl = this.web.function.addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.NONE,
    });

    this.tick = new CoachFunction(this, 'Tick', {
      entry: handlerEntry('tick'),
      description: 'drip-coach: sends whatever is due',
      environment,
      // Well under the schedule interval, so ticks do not pile up.
      timeout: Duration.minutes(2),
    });
    // A failed tick is not retried: the next one, minutes later, finds the same
    // due work, and a retry would only overlap it.
    this.tick.function.configureAsyncInvoke({ retryAttempts: 0 });
    new events.Rule(this, 'TickSchedule', {
      description: 'drip-coach: run the tick function',
      schedule: events.Schedule.rate(tickRate),
      targets: [new targets.LambdaFunction(this.tick.function)],
    });

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
    for (const fn of [this.web, this.tick]) {
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: tableDataActions, resources: tableArns }),
      );
      fn.role.addToPrincipalPolicy(sendEmail);
      this.tokenKeys.secret.grantRead(fn.role);
    }

    new CfnOutput(this, 'WebUrl', {
      description: 'Function URL of the web function; point baseUrl (or a CDN) at it',
      value: this.webUrl.url,
    });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'TokenSecretArn', { value: this.tokenKeys.secret.secretArn });
    this.emailIdentity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        description: `CNAME to publish in DNS for ${settings.domain} (Easy DKIM)`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
  }
}

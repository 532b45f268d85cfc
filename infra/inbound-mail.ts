import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/** Properties of {@link InboundMail}. */
export interface InboundMailProps {
  /** Domain of the `reply+<token>@` addresses; the receipt rule takes all mail for it. */
  readonly replyDomain: string;
  /** Invoked asynchronously for every reply, after the raw message is in S3. */
  readonly handler: lambda.IFunction;
  /**
   * Key prefix of raw messages in the bucket; the functions get it as `RAW_MAIL_PREFIX`.
   * @default 'inbound/'
   */
  readonly objectKeyPrefix?: string;
  /**
   * How long a raw reply is kept. The inbound function reads it within
   * seconds; the rest is a window for investigating a failed delivery.
   * @default Duration.days(90)
   */
  readonly retention?: Duration;
}

/**
 * Receiving replies: an encrypted, private bucket for raw messages, a receipt
 * rule set whose single rule (TLS required, spam and virus scanning on) first
 * stores each message and then invokes the inbound function, and the custom
 * resource that makes that rule set the account's active one.
 */
export class InboundMail extends Construct {
  /** Raw replies, as SES stored them. */
  public readonly bucket: s3.Bucket;
  /** Server access logs of {@link bucket}: who read or deleted which reply. */
  public readonly accessLogs: s3.Bucket;
  /** Key prefix of raw replies in {@link bucket}. */
  public readonly objectKeyPrefix: string;
  /** The receipt rule set, made active by {@link activation}. */
  public readonly ruleSet: ses.ReceiptRuleSet;
  /** The rule: S3 action, then Lambda action. */
  public readonly rule: ses.ReceiptRule;
  /** Calls `SetActiveReceiptRuleSet` on create and update, and deactivates on delete. */
  public readonly activation: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    this.objectKeyPrefix = props.objectKeyPrefix ?? 'inbound/';

    const privateBucket = {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Not versioned: "delete everything" must really delete a subscriber's replies.
      versioned: false,
      // Replies are personal data: a stack deletion must not take them without a decision.
      removalPolicy: RemovalPolicy.RETAIN,
    } satisfies s3.BucketProps;

    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      ...privateBucket,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    // No access logs of its own: cdk-nag's S1 accepts a bucket that receives another's logs.

    this.bucket = new s3.Bucket(this, 'RawReplies', {
      ...privateBucket,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'raw-replies/',
      lifecycleRules: [
        {
          expiration: props.retention ?? Duration.days(90),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });

    this.ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet');
    this.rule = this.ruleSet.addRule('Replies', {
      recipients: [props.replyDomain],
      enabled: true,
      // Replies quote lessons and carry the subscriber's own words: never in clear text.
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      // SES adds spam and virus verdicts to the event; the inbound handler honours them.
      scanEnabled: true,
      actions: [
        // First store: the Lambda action's event carries headers only, never the body.
        // The action adds the bucket policy for ses.amazonaws.com, conditioned on
        // aws:SourceAccount and limited to this prefix.
        new actions.S3({ bucket: this.bucket, objectKeyPrefix: this.objectKeyPrefix }),
        new actions.Lambda({
          function: props.handler,
          invocationType: actions.LambdaInvocationType.EVENT,
        }),
      ],
    });

    const activationLogs = new logs.LogGroup(this, 'ActivationLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // A role of our own, so the provider function gets no AWSLambdaBasicExecutionRole.
    const activationRole = new iam.Role(this, 'ActivationRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'drip-coach: makes the reply receipt rule set the active one',
    });
    activationLogs.grantWrite(activationRole);
    const setActive = {
      service: 'SES',
      action: 'setActiveReceiptRuleSet',
      parameters: { RuleSetName: this.ruleSet.receiptRuleSetName },
      physicalResourceId: cr.PhysicalResourceId.of(this.ruleSet.receiptRuleSetName),
    } satisfies cr.AwsSdkCall;
    this.activation = new cr.AwsCustomResource(this, 'Activation', {
      resourceType: 'Custom::SesActiveReceiptRuleSet',
      onCreate: setActive,
      onUpdate: setActive,
      // No name deactivates receiving; CloudFormation cannot delete an active rule set.
      onDelete: { service: 'SES', action: 'setActiveReceiptRuleSet', parameters: {} },
      role: activationRole,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['ses:SetActiveReceiptRuleSet'],
          // SES receipt rule set actions have no resource-level permissions.
          resources: ['*'],
        }),
      ]),
      logGroup: activationLogs,
      installLatestAwsSdk: false,
      timeout: Duration.minutes(1),
    });
    // Activate once the rule exists; on deletion, deactivate before the rule set goes.
    this.activation.node.addDependency(this.rule);
    Validations.of(this.activation.node.findChild('CustomResourcePolicy')).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ses:SetActiveReceiptRuleSet supports no resource-level permissions (the Service Authorization Reference lists no resource type for it); the role can do nothing else.',
    });
  }

  /**
   * Lets `grantee` read raw replies: s3:GetObject on the reply prefix only. Not
   * `bucket.grantRead`, which adds listing and bucket-level reads nobody needs.
   */
  grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grantOnReplies(grantee, 's3:GetObject');
  }

  /** Lets `grantee` delete raw replies (data deletion): s3:DeleteObject on the reply prefix only. */
  grantDelete(grantee: iam.IGrantable): iam.Grant {
    return this.grantOnReplies(grantee, 's3:DeleteObject');
  }

  private grantOnReplies(grantee: iam.IGrantable, action: string): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: [action],
      resourceArns: [this.bucket.arnForObjects(`${this.objectKeyPrefix}*`)],
    });
  }
}

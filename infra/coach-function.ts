import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { bundleFileName } from './bundling/bundler.ts';
import { bundledCode } from './bundling/function-code.ts';

/** Properties of a {@link CoachFunction}. */
export interface CoachFunctionProps {
  /** Absolute path of the TypeScript handler module to bundle. */
  readonly entry: string;
  /**
   * Name of the exported handler function in `entry`.
   * @default 'handler'
   */
  readonly handler?: string;
  /** What the function does, shown in the Lambda console. */
  readonly description?: string;
  /**
   * Environment variables for the handler. `NODE_OPTIONS` is set by this
   * construct and must not be passed here.
   * @default - none besides NODE_OPTIONS
   */
  readonly environment?: Record<string, string>;
  /**
   * Maximum run time of one invocation.
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /**
   * Memory in MB; also scales the CPU share.
   * @default 256
   */
  readonly memorySize?: number;
  /**
   * How long CloudWatch keeps the function's logs.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Where asynchronous invocations go once Lambda has given up on them (after
   * `asyncRetryAttempts` retries). Every function invoked asynchronously
   * (by SES, EventBridge or SNS) has one, so no event is silently lost.
   * @default - none: for synchronously invoked functions only
   */
  readonly deadLetterQueue?: sqs.IQueue;
  /**
   * Retries Lambda makes of a failed asynchronous invocation, 0 to 2.
   * @default - Lambda's default (2)
   */
  readonly asyncRetryAttempts?: number;
}

/**
 * A Node.js Lambda function with drip-coach's defaults: Node 22 on arm64, a
 * minified ESM bundle built locally by esbuild (no Docker) with the AWS SDK v3
 * inside it (see `bundling/bundler.ts`), source maps, an explicit log group
 * with retention, and a role that has no managed policies.
 */
export class CoachFunction extends Construct {
  /** The underlying Lambda function. */
  public readonly function: lambda.Function;
  /** The execution role; grant to this (or to `function`) for data access. */
  public readonly role: iam.Role;
  /** The log group the function writes to. */
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: CoachFunctionProps) {
    super(scope, id);

    if (props.environment && 'NODE_OPTIONS' in props.environment) {
      throw new Error('CoachFunction sets NODE_OPTIONS itself; do not pass it in environment');
    }

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
    });

    // A role of our own instead of the default one: the default attaches the
    // AWSLambdaBasicExecutionRole managed policy, which may write to any log
    // group in the account. This one may write to its own log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${this.node.path}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new lambda.Function(this, 'Function', {
      code: bundledCode(props.entry),
      handler: `${bundleFileName.replace(/\.mjs$/, '')}.${props.handler ?? 'handler'}`,
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        ...props.environment,
        // Stack traces through the bundle's source map point at our TypeScript.
        NODE_OPTIONS: '--enable-source-maps',
      },
      deadLetterQueue: props.deadLetterQueue,
    });
    if (props.asyncRetryAttempts !== undefined) {
      this.function.configureAsyncInvoke({ retryAttempts: props.asyncRetryAttempts });
    }
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is pinned on purpose: it is the runtime the project targets (esbuild target node22) and is supported by Lambda until 2027; moving to Node.js 24 is a deliberate upgrade, not a drift to follow automatically.',
    });
  }
}

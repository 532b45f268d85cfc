import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Steady-state and burst request rates of the public API, per second. */
export interface WebThrottle {
  /** Requests per second sustained. */
  readonly rateLimit: number;
  /** Requests accepted at once above the rate, from the token bucket. */
  readonly burstLimit: number;
}

/**
 * Generous for people signing up, confirming and managing (a few requests
 * each), and for mail providers posting one-click unsubscribes; low enough
 * that a flood costs little and cannot exhaust the account's Lambda concurrency.
 */
export const defaultWebThrottle: WebThrottle = { rateLimit: 20, burstLimit: 50 };

/** Properties of {@link WebApi}. */
export interface WebApiProps {
  /** The web function; it receives payload format 2.0 events, as from a function URL. */
  readonly handler: lambda.IFunction;
  /**
   * Throttling of the default stage.
   * @default defaultWebThrottle
   */
  readonly throttle?: WebThrottle;
  /**
   * How long access logs are kept.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly accessLogRetention?: logs.RetentionDays;
}

/**
 * The public entry point of the web function: an HTTP API (not a function URL)
 * because a stage can be throttled and access-logged, where a function URL can
 * only be limited through reserved concurrency, which new accounts (concurrency
 * quota 10) cannot reserve. Payload format 2.0 gives the handler the same event
 * a function URL would: rawPath, rawQueryString, headers, requestContext.http,
 * body and isBase64Encoded.
 */
export class WebApi extends Construct {
  /** The HTTP API; every route goes to the web function. */
  public readonly api: apigw.HttpApi;
  /** The `$default` stage, throttled and access-logged. */
  public readonly stage: apigw.HttpStage;
  /** Access logs of {@link stage}, one JSON line per request. */
  public readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WebApiProps) {
    super(scope, id);
    const throttle = props.throttle ?? defaultWebThrottle;

    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'drip-coach: signup, confirm, manage and unsubscribe pages',
      // Created below with throttling and access logs; CDK's default stage has neither.
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration('Web', props.handler, {
        payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
      }),
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        // The path, never the query string: links carry their tokens in `?t=`.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            path: '$context.path',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    for (const route of this.api.node.findAll()) {
      if (route instanceof apigw.HttpRoute) {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            'Public pages: signup, and links opened from emails (confirm, manage, one-click unsubscribe from any mail client) cannot carry AWS or OAuth credentials. Every state change is authorised by an HMAC-signed, purpose-bound token; the stage is throttled.',
        });
      }
    }
  }

  /** The public URL, ending in `/`. */
  get url(): string {
    return this.stage.url;
  }
}

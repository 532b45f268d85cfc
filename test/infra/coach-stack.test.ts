import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type CfnResource, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionMemoryMb } from '../../bench/lambda.ts';
import { tableSchema } from '../../functions/adapters/table-schema.ts';
import { sendRecordGraceMs } from '../../functions/app/deliver.ts';
import { defaultTickOptions } from '../../functions/app/run-due.ts';
import { metricNames, metricNamespace, metricService } from '../../functions/core/metric-names.ts';
import { buildApp, type CoachApp } from '../../infra/build-app.ts';
import { CoachFunction } from '../../infra/coach-function.ts';
import {
  readerCorrectionsJump,
  sesReviewThresholds,
  unresolvedSendsPeriods,
} from '../../infra/coach-monitoring.ts';
import { defaultSettings, readSettings, SettingsError } from '../../infra/coach-settings.ts';
import {
  type CoachStack,
  publishedSesEvents,
  rawMailPrefix,
  routedSesDetailTypes,
  tickRate,
  tickTimeout,
} from '../../infra/coach-stack.ts';
import { defaultWebThrottle } from '../../infra/web-api.ts';

/** The context `cdk synth` runs with, so the tests synthesize what the CLI does (feature flags included). */
const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

/** Skips esbuild for apps whose bundles these tests do not look at. */
const noBundling = { 'aws:cdk:bundling-stacks': [] };

const outdirs: string[] = [];
function freshOutdir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'drip-coach-cdk-'));
  outdirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

interface ReportedViolation {
  ruleName: string;
  severity: string;
  violatingConstructs: { constructPath: string }[];
}
interface ValidationReport {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    metadata?: { error?: string };
    violations: ReportedViolation[];
  }[];
}

/**
 * Synthesizes `app` and reads the validation report CDK writes into the cloud
 * assembly. cdk-nag 3 runs as a validation plugin: it reports nothing through
 * annotations, and acknowledged rules are left out of its report, so every
 * violation in the report is an unacknowledged finding. Under vitest
 * (NODE_ENV=test) CDK also throws when a plugin fails; the report is written
 * before that, so it is the one source of truth read here.
 */
function synthesizeWithReport(app: App, outdir: string) {
  let synthError: unknown;
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
  // A missing report must fail the test, not read as "no findings".
  const report = JSON.parse(
    readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'),
  ) as ValidationReport;
  const findings = (pluginName?: string): string[] =>
    report.pluginReports
      .filter((plugin) => pluginName === undefined || plugin.pluginName === pluginName)
      .flatMap((plugin) => [
        ...(plugin.metadata?.error ? [`${plugin.pluginName}: ${plugin.metadata.error}`] : []),
        ...plugin.violations.flatMap((v) =>
          v.violatingConstructs.map(
            (c) => `${plugin.pluginName}: ${v.ruleName} (${v.severity}) at ${c.constructPath}`,
          ),
        ),
      ]);
  return { synthError, report, findings };
}

/** The stack's template as written to `outdir`, available even when validation failed the synth. */
function writtenTemplate(outdir: string, stack: Stack): Template {
  return Template.fromJSON(JSON.parse(readFileSync(path.join(outdir, stack.templateFile), 'utf8')));
}

function logicalId(construct: IConstruct): string {
  const resource = (construct.node.defaultChild ?? construct) as CfnResource;
  return Stack.of(construct).getLogicalId(resource);
}

const ref = (construct: IConstruct) => ({ Ref: logicalId(construct) });
const arnOf = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });

/** Synthesizes the app with extra context and no bundling; returns its template. */
function synthWith(context: Record<string, unknown>) {
  const outdir = freshOutdir();
  const coach = buildApp({ context: { ...cdkJson.context, ...noBundling, ...context }, outdir });
  const synth = synthesizeWithReport(coach.app, outdir);
  return { ...coach, synth, template: writtenTemplate(outdir, coach.stack) };
}

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement): unknown[] =>
  Array.isArray(s.Resource) ? s.Resource : [s.Resource];

/** Resources a template references, by Ref, Fn::GetAtt or DependsOn, per resource. */
function dependencyGraph(template: Template): Map<string, Set<string>> {
  const resources = template.toJSON().Resources as Record<
    string,
    { Properties?: unknown; DependsOn?: string | string[] }
  >;
  const graph = new Map<string, Set<string>>();
  const collect = (value: unknown, into: Set<string>): void => {
    if (Array.isArray(value)) {
      for (const item of value) collect(item, into);
    } else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.Ref === 'string' && record.Ref in resources) into.add(record.Ref);
      const getAtt = record['Fn::GetAtt'];
      if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') into.add(getAtt[0]);
      for (const child of Object.values(record)) collect(child, into);
    }
  };
  for (const [id, resource] of Object.entries(resources)) {
    const edges = new Set<string>([resource.DependsOn ?? []].flat());
    collect(resource.Properties, edges);
    graph.set(id, edges);
  }
  return graph;
}

describe('CoachStack, synthesized as `cdk synth` does', () => {
  let coach: CoachApp;
  let stack: CoachStack;
  let template: Template;
  let outdir: string;
  let synth: ReturnType<typeof synthesizeWithReport>;
  let functions: Record<string, CoachFunction>;

  beforeAll(() => {
    outdir = freshOutdir();
    coach = buildApp({ context: cdkJson.context, outdir });
    stack = coach.stack;
    synth = synthesizeWithReport(coach.app, outdir);
    // Read from disk rather than Template.fromStack: templates are written
    // before validation runs, so a nag finding fails only the nag test below
    // instead of hiding every other assertion behind the same error.
    template = writtenTemplate(outdir, stack);
    functions = {
      Web: stack.web,
      Tick: stack.tick,
      Inbound: stack.inbound,
      SesEvents: stack.sesEvents,
    };
  });

  const resourceOf = (construct: IConstruct) =>
    template.toJSON().Resources[logicalId(construct)] as {
      Properties: Record<string, unknown>;
      DependsOn?: string[];
      DeletionPolicy?: string;
    };

  it('has no unacknowledged cdk-nag (AwsSolutions) errors or warnings', () => {
    expect(synth.findings('AwsSolutions')).toEqual([]);
    expect(synth.synthError).toBeUndefined();
  });

  it('has no findings from any other validation either (template checks, annotations)', () => {
    expect(synth.findings()).toEqual([]);
  });

  it('has no dependency cycle CloudFormation would refuse', () => {
    const graph = dependencyGraph(template);
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (id: string, trail: string[]): void => {
      state.set(id, 'open');
      for (const next of graph.get(id) ?? []) {
        if (state.get(next) === 'open') cycles.push([...trail, next].join(' -> '));
        else if (!state.has(next)) visit(next, [...trail, next]);
      }
      state.set(id, 'done');
    };
    for (const id of graph.keys()) if (!state.has(id)) visit(id, [id]);
    expect(cycles).toEqual([]);
  });

  it('runs every function on Node 22, arm64, with its own log group and role', () => {
    for (const fn of Object.values(functions)) {
      const props = resourceOf(fn.function).Properties as Record<string, unknown> & {
        LoggingConfig: { LogGroup: unknown };
      };
      expect(props.Runtime).toBe('nodejs22.x');
      expect(props.Architectures).toEqual(['arm64']);
      expect(props.Handler).toBe('index.handler');
      expect(props.LoggingConfig.LogGroup).toEqual(ref(fn.logGroup));
      expect(props.Role).toEqual(arnOf(fn.role));
    }
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    // No AWSLambdaBasicExecutionRole anywhere: logging is granted on each function's own log group.
    template.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });

  it("sizes the functions as the bench's Lambda figures assume", () => {
    const sizes = {
      web: stack.web,
      tick: stack.tick,
      inbound: stack.inbound,
      'ses-events': stack.sesEvents,
    };
    for (const [name, fn] of Object.entries(sizes)) {
      expect([name, resourceOf(fn.function).Properties.MemorySize]).toEqual([
        name,
        functionMemoryMb[name as keyof typeof functionMemoryMb],
      ]);
    }
  });

  it('keeps the table safe: PITR, AWS-managed encryption, deletion protection, retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, KMSMasterKeyId: Match.absent() },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: tableSchema.ttlAttribute, Enabled: true },
      },
    });
  });

  it('takes its keys and the due index from tableSchema', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: tableSchema.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableSchema.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: tableSchema.partitionKey, AttributeType: 'S' },
        { AttributeName: tableSchema.sortKey, AttributeType: 'S' },
        { AttributeName: tableSchema.dueIndex.partitionKey, AttributeType: 'S' },
        { AttributeName: tableSchema.dueIndex.sortKey, AttributeType: 'S' },
      ]),
      GlobalSecondaryIndexes: [
        {
          IndexName: tableSchema.dueIndex.name,
          KeySchema: [
            { AttributeName: tableSchema.dueIndex.partitionKey, KeyType: 'HASH' },
            { AttributeName: tableSchema.dueIndex.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
  });

  it('runs the tick every 5 minutes, without retries, dead-lettering failures', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: arnOf(stack.tick.function),
          DeadLetterConfig: { Arn: arnOf(stack.deadLetterQueues.tick) },
          RetryPolicy: { MaximumRetryAttempts: 0 },
        }),
      ],
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: ref(stack.tick.function),
      MaximumRetryAttempts: 0,
    });
  });

  it('gives the tick a time budget that ends before the next tick and fills most of the interval', () => {
    const timeout = resourceOf(stack.tick.function).Properties.Timeout as number;
    // Ticks do not pile up: each ends before the schedule starts the next.
    expect(timeout).toBeLessThan(tickRate.toSeconds());
    // The tick stops starting subscribers with reserveMs left. What remains sends
    // for most of each interval, so a backlog drains near the tick's full speed.
    const sending = timeout - defaultTickOptions.reserveMs / 1000;
    expect(sending).toBeGreaterThanOrEqual(0.7 * tickRate.toSeconds());
  });

  it('gives every asynchronously invoked function an encrypted, TLS-only dead-letter queue', () => {
    const asyncFunctions = [
      [stack.tick, stack.deadLetterQueues.tick],
      [stack.inbound, stack.deadLetterQueues.inbound],
      [stack.sesEvents, stack.deadLetterQueues.sesEvents],
    ] as const;
    for (const [fn, queue] of asyncFunctions) {
      expect(resourceOf(fn.function).Properties.DeadLetterConfig).toEqual({
        TargetArn: arnOf(queue),
      });
      expect(resourceOf(queue).Properties).toMatchObject({ SqsManagedSseEnabled: true });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [ref(queue)],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
    // The web function is invoked synchronously by the API: no dead letters to keep.
    expect(resourceOf(stack.web.function).Properties.DeadLetterConfig).toBeUndefined();
  });

  it('serves web through a throttled, access-logged HTTP API with payload 2.0, and no function URL', () => {
    template.resourcePropertiesCountIs('AWS::Lambda::Url', {}, 0);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ApiId: ref(stack.webApi.api),
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: arnOf(stack.web.function),
      PayloadFormatVersion: '2.0',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      ApiId: ref(stack.webApi.api),
      RouteKey: '$default',
    });
    const stage = resourceOf(stack.webApi.stage).Properties as {
      StageName: string;
      AutoDeploy: boolean;
      DefaultRouteSettings: Record<string, number>;
      AccessLogSettings: { DestinationArn: unknown; Format: string };
    };
    expect(stage.StageName).toBe('$default');
    expect(stage.AutoDeploy).toBe(true);
    expect(stage.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: defaultWebThrottle.rateLimit,
      ThrottlingBurstLimit: defaultWebThrottle.burstLimit,
    });
    expect(stage.AccessLogSettings.DestinationArn).toEqual(arnOf(stack.webApi.accessLogs));
    // Logged without query strings: links carry their tokens there.
    const format = JSON.parse(stage.AccessLogSettings.Format) as Record<string, string>;
    expect(format.requestId).toBe('$context.requestId');
    expect(Object.values(format).join(' ')).not.toMatch(/querystring|routeKey|rawPath/i);
  });

  it('gives each function the environment it reads', () => {
    const base = {
      TABLE_NAME: ref(stack.table),
      FROM_ADDRESS: defaultSettings.fromAddress,
      SENDER_NAME: defaultSettings.senderName,
      REPLY_DOMAIN: defaultSettings.replyDomain,
      BASE_URL: defaultSettings.baseUrl,
      POSTAL_ADDRESS: defaultSettings.postalAddress,
      OPERATOR_EMAIL: defaultSettings.operatorEmail,
      DEFAULT_TIMEZONE: defaultSettings.defaultTimezone,
      DEFAULT_LOCALE: defaultSettings.defaultLocale,
      DUE_SHARDS: defaultSettings.dueShards,
      // The custom resource's Ref is the parameter's name, and makes the functions wait for it.
      TOKEN_PARAMETER_NAME: ref(stack.tokenKeys.resource),
      SES_CONFIGURATION_SET: ref(stack.configurationSet),
      NODE_OPTIONS: '--enable-source-maps',
    };
    const rawMail = { RAW_MAIL_BUCKET: ref(stack.inboundMail.bucket), RAW_MAIL_PREFIX: 'inbound/' };
    const envOf = (fn: CoachFunction) =>
      (resourceOf(fn.function).Properties.Environment as { Variables: unknown }).Variables;
    expect(envOf(stack.tick)).toEqual(base);
    expect(envOf(stack.sesEvents)).toEqual(base);
    expect(envOf(stack.web)).toEqual({ ...base, ...rawMail });
    expect(envOf(stack.inbound)).toEqual({ ...base, ...rawMail });
  });

  describe('IAM', () => {
    const statementsOf = (role: IConstruct): Statement[] => {
      const policies = Object.values(
        template.findResources('AWS::IAM::Policy', {
          Properties: { Roles: Match.arrayWith([ref(role)]) },
        }),
      );
      expect(policies.length).toBeGreaterThan(0);
      return policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
    };
    const grantsOf = (fn: CoachFunction, prefix: string) =>
      statementsOf(fn.role).filter((s) => actionsOf(s).some((a) => a.startsWith(prefix)));

    it('grants Resource "*" only for ses:GetAccount (which takes no other), to the tick alone', () => {
      for (const [name, fn] of Object.entries(functions)) {
        for (const statement of statementsOf(fn.role)) {
          if (!resourcesOf(statement).includes('*')) continue;
          expect(name).toBe('Tick');
          expect(actionsOf(statement)).toEqual(['ses:GetAccount']);
          expect(resourcesOf(statement)).toEqual(['*']);
        }
      }
      // The tick reads its send rate from the account: the grant must be there.
      expect(grantsOf(stack.tick, 'ses:GetAccount')).toHaveLength(1);
    });

    it('lets the rule-set activation do exactly one thing', () => {
      const statements = statementsOf(
        stack.inboundMail.node.findChild('ActivationRole') as IConstruct,
      );
      expect(statements.flatMap(actionsOf).sort()).toEqual([
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'ses:SetActiveReceiptRuleSet',
      ]);
    });

    it('scopes ses:SendEmail to the domain identity and the configuration set', () => {
      for (const fn of [stack.web, stack.tick, stack.inbound]) {
        const send = grantsOf(fn, 'ses:SendEmail');
        expect(send).toHaveLength(1);
        expect(actionsOf(send[0] as Statement)).toEqual(['ses:SendEmail']);
        const resources = resourcesOf(send[0] as Statement).map((r) => JSON.stringify(r));
        expect(resources).toHaveLength(2);
        expect(resources.some((r) => r.includes(`:identity/${defaultSettings.domain}"`))).toBe(
          true,
        );
        expect(
          resources.some(
            (r) =>
              r.includes(':configuration-set/') &&
              r.includes(JSON.stringify(ref(stack.configurationSet))),
          ),
        ).toBe(true);
      }
      // Applying bounces sends nothing; only the tick reads the account's quota.
      expect(grantsOf(stack.sesEvents, 'ses:')).toEqual([]);
      for (const fn of [stack.web, stack.inbound]) {
        expect(grantsOf(fn, 'ses:').flatMap(actionsOf)).toEqual(['ses:SendEmail']);
      }
    });

    /** The parameter's ARN as the template writes it. */
    const parameterArn = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':ssm:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':parameter/DripCoach/token-signing-keys',
        ],
      ],
    };
    /** `action` on the AWS managed key, only through Parameter Store and only for this parameter. */
    const kmsViaSsmForParameter = (action: string) => ({
      Effect: 'Allow',
      Action: action,
      Resource: {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':kms:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            ':key/*',
          ],
        ],
      },
      Condition: {
        StringEquals: {
          'kms:ViaService': {
            'Fn::Join': ['', ['ssm.', { Ref: 'AWS::Region' }, '.amazonaws.com']],
          },
          'kms:EncryptionContext:PARAMETER_ARN': parameterArn,
        },
      },
    });

    it('lets the functions that verify tokens read the key parameter and decrypt it through SSM only', () => {
      for (const fn of [stack.web, stack.tick, stack.inbound]) {
        expect(grantsOf(fn, 'ssm:')).toEqual([
          { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: parameterArn },
        ]);
        expect(grantsOf(fn, 'kms:')).toEqual([kmsViaSsmForParameter('kms:Decrypt')]);
        // No cold start before the grant exists: each function waits for the policy.
        const readPolicy = Object.keys(
          template.findResources('AWS::IAM::Policy', {
            Properties: {
              PolicyDocument: {
                Statement: Match.arrayWith([Match.objectLike({ Action: 'ssm:GetParameter' })]),
              },
            },
          }),
        );
        expect(readPolicy).toHaveLength(1);
        expect(resourceOf(fn.function).DependsOn).toContain(readPolicy[0]);
      }
      // ses-events verifies no token: no keys for it, nor any other SSM or KMS right.
      expect(grantsOf(stack.sesEvents, 'ssm:')).toEqual([]);
      expect(grantsOf(stack.sesEvents, 'kms:')).toEqual([]);
    });

    it('lets the key provider create the parameter and nothing else: no read, no delete', () => {
      const statements = statementsOf(stack.tokenKeys.provider.role);
      expect(statements.flatMap(actionsOf).sort()).toEqual([
        'kms:Encrypt',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'ssm:PutParameter',
      ]);
      expect(statements).toEqual(
        expect.arrayContaining([
          { Effect: 'Allow', Action: 'ssm:PutParameter', Resource: parameterArn },
          kmsViaSsmForParameter('kms:Encrypt'),
        ]),
      );
    });

    it('grants table access on the table and the due index by name, not index/*', () => {
      for (const fn of Object.values(functions)) {
        const tableStatements = grantsOf(fn, 'dynamodb:');
        expect(tableStatements).toHaveLength(1);
        const statement = tableStatements[0] as Statement;
        expect(actionsOf(statement)).toEqual(
          expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']),
        );
        const tableArn = arnOf(stack.table);
        expect(resourcesOf(statement)).toEqual([
          tableArn,
          { 'Fn::Join': ['', [tableArn, `/index/${tableSchema.dueIndex.name}`]] },
        ]);
      }
    });

    it('grants S3 only on the raw-reply prefix: inbound reads and deletes, web deletes', () => {
      const prefixArn = {
        'Fn::Join': ['', [arnOf(stack.inboundMail.bucket), `/${rawMailPrefix}*`]],
      };
      const s3Grants = (fn: CoachFunction) =>
        grantsOf(fn, 's3:').map((s) => ({
          actions: actionsOf(s).sort(),
          resources: resourcesOf(s),
        }));
      expect(s3Grants(stack.inbound)).toEqual([
        { actions: ['s3:DeleteObject', 's3:GetObject'], resources: [prefixArn] },
      ]);
      expect(s3Grants(stack.web)).toEqual([
        { actions: ['s3:DeleteObject'], resources: [prefixArn] },
      ]);
      expect(s3Grants(stack.tick)).toEqual([]);
      expect(s3Grants(stack.sesEvents)).toEqual([]);
    });
  });

  it('keeps the signing keys in one SecureString parameter made at deploy time, retained, never in the template', () => {
    // Nothing that costs at rest: no Secrets Manager secret, no KMS key of our own.
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    template.resourceCountIs('AWS::KMS::Key', 0);
    // CloudFormation cannot create a SecureString: the provider does, once.
    template.resourceCountIs('AWS::SSM::Parameter', 0);
    const parameter = resourceOf(stack.tokenKeys.resource) as ReturnType<typeof resourceOf> & {
      Type: string;
      UpdateReplacePolicy?: string;
    };
    expect(parameter.Type).toBe('Custom::TokenSigningKeysParameter');
    expect(parameter.DeletionPolicy).toBe('Retain');
    expect(parameter.UpdateReplacePolicy).toBe('Retain');
    expect(parameter.Properties).toEqual({
      ServiceToken: arnOf(stack.tokenKeys.provider.function),
      ParameterName: '/DripCoach/token-signing-keys',
      KeyId: 'p1',
      Description: expect.stringContaining('Rotate by prepending a new key'),
    });
    expect(stack.tokenKeys.parameterName).toBe('/DripCoach/token-signing-keys');
    // The provider is invoked only once it may write.
    expect(parameter.DependsOn).toEqual([
      logicalId(stack.tokenKeys.node.findChild('ProviderWritesParameter')),
    ]);
    // No key material anywhere in the template: only the name and the key id.
    expect(JSON.stringify(template.toJSON())).not.toMatch(/p1:[A-Za-z0-9_-]{16}/);
    expect(template.toJSON().Outputs.TokenParameterName.Value).toBe(
      '/DripCoach/token-signing-keys',
    );
  });

  describe('SES sending', () => {
    it('sends through a configuration set that requires TLS, from a DKIM-signed domain', () => {
      template.hasResourceProperties('AWS::SES::ConfigurationSet', {
        DeliveryOptions: { TlsPolicy: 'REQUIRE' },
        ReputationOptions: { ReputationMetricsEnabled: true },
      });
      template.hasResourceProperties('AWS::SES::EmailIdentity', {
        EmailIdentity: defaultSettings.domain,
        ConfigurationSetAttributes: { ConfigurationSetName: ref(stack.configurationSet) },
        DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
      });
    });

    it('publishes send, delivery, bounce, complaint, reject, rendering failure and delay events to the default bus', () => {
      const destination = resourceOf(stack.eventDestination).Properties.EventDestination as {
        MatchingEventTypes: string[];
        EventBridgeDestination: { EventBusArn: unknown };
        Enabled: boolean;
      };
      expect(destination.Enabled).toBe(true);
      expect(destination.MatchingEventTypes).toEqual(
        expect.arrayContaining([
          'send',
          'delivery',
          'bounce',
          'complaint',
          'reject',
          'renderingFailure',
          'deliveryDelay',
        ]),
      );
      expect(destination.MatchingEventTypes).toHaveLength(publishedSesEvents.length);
      expect(publishedSesEvents).toContain(ses.EmailSendingEvent.SEND);
      expect(JSON.stringify(destination.EventBridgeDestination.EventBusArn)).toContain(
        ':event-bus/default',
      );
    });

    it('routes every event this configuration set publishes to ses-events, sends included, dead-lettering failures', () => {
      const rule = resourceOf(stack.sesEventsRule).Properties as {
        EventPattern: Record<string, unknown>;
        Targets: Record<string, unknown>[];
      };
      expect(rule.EventPattern).toEqual({
        source: ['aws.ses'],
        'detail-type': routedSesDetailTypes,
        detail: { mail: { tags: { 'ses:configuration-set': [ref(stack.configurationSet)] } } },
      });
      // Send events resolve sends whose outcome is unknown: they must reach the function.
      expect(routedSesDetailTypes).toEqual(
        expect.arrayContaining([
          'Email Sent',
          'Email Bounced',
          'Email Complaint Received',
          'Email Delivered',
        ]),
      );
      // The EventBridge detail type of each event type SES publishes: none is left unrouted.
      const detailTypeOf: Record<string, string> = {
        send: 'Email Sent',
        delivery: 'Email Delivered',
        bounce: 'Email Bounced',
        complaint: 'Email Complaint Received',
        reject: 'Email Rejected',
        renderingFailure: 'Email Rendering Failed',
        deliveryDelay: 'Email Delivery Delayed',
      };
      const published = (
        resourceOf(stack.eventDestination).Properties.EventDestination as {
          MatchingEventTypes: string[];
        }
      ).MatchingEventTypes;
      expect(published.map((type) => detailTypeOf[type] ?? `(unmapped: ${type})`).sort()).toEqual(
        [...(rule.EventPattern['detail-type'] as string[])].sort(),
      );
      expect(rule.Targets).toEqual([
        expect.objectContaining({
          Arn: arnOf(stack.sesEvents.function),
          DeadLetterConfig: { Arn: arnOf(stack.deadLetterQueues.sesEvents) },
        }),
      ]);
      template.hasResourceProperties('AWS::Lambda::Permission', {
        FunctionName: arnOf(stack.sesEvents.function),
        Principal: 'events.amazonaws.com',
        SourceArn: arnOf(stack.sesEventsRule),
      });
    });
  });

  describe('SES receiving', () => {
    it('stores each reply in S3, then invokes inbound asynchronously; TLS required, scanning on', () => {
      const rule = resourceOf(stack.inboundMail.rule).Properties as {
        Rule: {
          Actions: Record<string, Record<string, unknown>>[];
          Recipients: string[];
          TlsPolicy: string;
          ScanEnabled: boolean;
          Enabled: boolean;
        };
      };
      expect(rule.Rule.Actions.map((action) => Object.keys(action))).toEqual([
        ['S3Action'],
        ['LambdaAction'],
      ]);
      expect(rule.Rule.Actions[0]?.S3Action).toMatchObject({
        BucketName: ref(stack.inboundMail.bucket),
        ObjectKeyPrefix: rawMailPrefix,
      });
      expect(rule.Rule.Actions[1]?.LambdaAction).toMatchObject({
        FunctionArn: arnOf(stack.inbound.function),
        InvocationType: 'Event',
      });
      expect(rule.Rule).toMatchObject({
        Recipients: [defaultSettings.replyDomain],
        TlsPolicy: 'Require',
        ScanEnabled: true,
        Enabled: true,
      });
    });

    it('activates the rule set after the rule exists, and deactivates it on delete', () => {
      const activation = resourceOf(stack.inboundMail.activation);
      expect(activation.DependsOn).toContain(logicalId(stack.inboundMail.rule));
      const create = JSON.stringify(activation.Properties.Create);
      expect(create).toContain('setActiveReceiptRuleSet');
      expect(create).toContain(JSON.stringify(ref(stack.inboundMail.ruleSet)));
      expect(JSON.parse(activation.Properties.Delete as string)).toEqual({
        service: 'SES',
        action: 'setActiveReceiptRuleSet',
        parameters: {},
      });
    });

    it('keeps raw replies private, encrypted, TLS-only, expiring after 90 days, logged and retained', () => {
      const bucket = resourceOf(stack.inboundMail.bucket);
      expect(bucket.DeletionPolicy).toBe('Retain');
      expect(bucket.Properties).toMatchObject({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LifecycleConfiguration: {
          Rules: [expect.objectContaining({ ExpirationInDays: 90, Status: 'Enabled' })],
        },
        LoggingConfiguration: { DestinationBucketName: ref(stack.inboundMail.accessLogs) },
      });
      expect(bucket.Properties.VersioningConfiguration).toBeUndefined();
    });

    it('lets SES put replies under the prefix only, for this account only', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: ref(stack.inboundMail.bucket),
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
            {
              Effect: 'Allow',
              Action: 's3:PutObject',
              Principal: { Service: 'ses.amazonaws.com' },
              Resource: {
                'Fn::Join': ['', [arnOf(stack.inboundMail.bucket), `/${rawMailPrefix}*`]],
              },
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            },
          ]),
        },
      });
      template.hasResourceProperties('AWS::Lambda::Permission', {
        FunctionName: arnOf(stack.inbound.function),
        Principal: 'ses.amazonaws.com',
        SourceAccount: { Ref: 'AWS::AccountId' },
      });
    });

    it('without a hosted zone, outputs the DNS records to add by hand', () => {
      const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
      expect(Object.keys(outputs)).toEqual(
        expect.arrayContaining(['DkimRecord1', 'DkimRecord2', 'DkimRecord3', 'ReplyMxRecord']),
      );
      expect(JSON.stringify(outputs.ReplyMxRecord?.Value)).toContain('inbound-smtp.');
      template.resourceCountIs('AWS::Route53::RecordSet', 0);
    });
  });

  describe('alarms', () => {
    const alarmOf = (id: string) =>
      resourceOf(stack.monitoring.alarms[id] as IConstruct).Properties as Record<string, unknown>;

    it('keep only alarms someone would act on: nine alarm metrics, no composite, no dashboard', () => {
      expect(Object.keys(stack.monitoring.alarms).sort()).toEqual([
        'BounceRate',
        'ComplaintRate',
        'InboundDeadLetters',
        'ReaderCorrections',
        'SesEventsDeadLetters',
        'TickDeadLetters',
        'UnresolvedSends',
        'WebErrors',
      ]);
      template.resourceCountIs('AWS::CloudWatch::Alarm', 8);
      template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 0);
      template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
      expect(stack.monitoring.dashboard).toBeUndefined();
      expect(Object.keys(template.toJSON().Outputs)).not.toContain('DashboardName');
    });

    it('alarm on errors of the web function, which people wait for', () => {
      expect(alarmOf('WebErrors')).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: ref(stack.web.function) }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    });

    it('alarm on what an asynchronous function gave up on, not on each try Lambda retries', () => {
      const asyncFunctions = {
        Tick: stack.tick,
        Inbound: stack.inbound,
        SesEvents: stack.sesEvents,
      };
      for (const [name, fn] of Object.entries(asyncFunctions)) {
        expect(stack.monitoring.alarms[`${name}Errors`]).toBeUndefined();
        // Every failed invocation ends in the queue whose depth alarms (next test).
        expect(resourceOf(fn.function).Properties.DeadLetterConfig).toBeDefined();
        expect(stack.monitoring.alarms[`${name}DeadLetters`]).toBeDefined();
      }
    });

    it('alarm on any message in a dead-letter queue', () => {
      for (const [name, queue] of Object.entries({
        Tick: stack.deadLetterQueues.tick,
        Inbound: stack.deadLetterQueues.inbound,
        SesEvents: stack.deadLetterQueues.sesEvents,
      })) {
        expect(alarmOf(`${name}DeadLetters`)).toMatchObject({
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [
            { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(queue), 'QueueName'] } },
          ],
          Threshold: 1,
        });
      }
    });

    it("alarm at SES's review thresholds: bounce rate over 5%, complaint rate over 0.1%", () => {
      expect(sesReviewThresholds).toEqual({ bounceRate: 0.05, complaintRate: 0.001 });
      expect(alarmOf('BounceRate')).toMatchObject({
        Namespace: 'AWS/SES',
        MetricName: 'Reputation.BounceRate',
        Threshold: 0.05,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      });
      expect(alarmOf('ComplaintRate')).toMatchObject({
        Namespace: 'AWS/SES',
        MetricName: 'Reputation.ComplaintRate',
        Threshold: 0.001,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    });

    it('alarm on unknown sends still unresolved after longer than one can normally stay so', () => {
      const periods = unresolvedSendsPeriods({ rate: tickRate, timeout: tickTimeout });
      // Longer than the grace period plus one tick's run and schedule, in whole ticks.
      expect(periods * tickRate.toSeconds()).toBeGreaterThan(
        sendRecordGraceMs / 1000 + tickTimeout.toSeconds() + tickRate.toSeconds() - 1,
      );
      expect(periods).toBe(5);
      expect(alarmOf('UnresolvedSends')).toMatchObject({
        Namespace: metricNamespace,
        MetricName: metricNames.unresolvedSends,
        // Exactly the dimensions the functions publish with, or the alarm sees nothing.
        Dimensions: [{ Name: 'service', Value: metricService }],
        Statistic: 'Sum',
        Period: tickRate.toSeconds(),
        EvaluationPeriods: periods,
        DatapointsToAlarm: periods,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    });

    it("alarm on a jump in reader corrections: more than 10% of a day's replies, at least 20", () => {
      expect(readerCorrectionsJump).toEqual({ percent: 10, minReplies: 20 });
      const alarm = alarmOf('ReaderCorrections') as {
        Metrics: { Id: string; Expression?: string; ReturnData: boolean; MetricStat?: unknown }[];
      };
      expect(alarm).toMatchObject({
        Threshold: 10,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
      });
      const byId = Object.fromEntries(alarm.Metrics.map((m) => [m.Id, m]));
      expect(alarm.Metrics.filter((m) => m.ReturnData).map((m) => m.Expression)).toEqual([
        'IF(FILL(replies, 0) >= 20, 100 * FILL(corrections, 0) / FILL(replies, 0), 0)',
      ]);
      expect(byId.corrections?.MetricStat).toEqual({
        Metric: {
          Namespace: metricNamespace,
          MetricName: metricNames.readerCorrections,
          // Exactly the dimensions the functions publish with, or the alarm sees nothing.
          Dimensions: [{ Name: 'service', Value: metricService }],
        },
        Period: 86400,
        Stat: 'Sum',
      });
      // Replies received: the inbound function's invocations, a metric Lambda publishes for free.
      expect(byId.replies?.MetricStat).toEqual({
        Metric: {
          Namespace: 'AWS/Lambda',
          MetricName: 'Invocations',
          Dimensions: [{ Name: 'FunctionName', Value: ref(stack.inbound.function) }],
        },
        Period: 86400,
        Stat: 'Sum',
      });
      expect(alarm.Metrics.filter((m) => m.MetricStat)).toHaveLength(2);
    });

    it('notify nobody without alarmEmail', () => {
      for (const alarm of Object.values(stack.monitoring.alarms)) {
        expect(resourceOf(alarm).Properties.AlarmActions).toBeUndefined();
      }
      template.resourceCountIs('AWS::SNS::Topic', 0);
    });
  });

  describe('function bundles', () => {
    /** Every Lambda function's code asset folder in cdk.out, by logical id. */
    const assetFolders = (): Record<string, string> => {
      const resources = template.findResources('AWS::Lambda::Function');
      return Object.fromEntries(
        Object.entries(resources).map(([id, resource]) => {
          // Code assets are uploaded as <hash>.zip and staged in cdk.out/asset.<hash>.
          const key = (resource.Properties.Code as { S3Key: string }).S3Key;
          return [id, path.join(outdir, `asset.${key.replace(/\.zip$/, '')}`)];
        }),
      );
    };
    /** Every JavaScript file in an asset folder, relative to it. */
    const codeFiles = (folder: string): string[] =>
      readdirSync(folder, { recursive: true, encoding: 'utf8' })
        .filter((name) => /\.m?js$/.test(name))
        .map((name) => name.split(path.sep).join('/'));
    const bytesOf = (folder: string, files: string[]) =>
      files.reduce((sum, file) => sum + statSync(path.join(folder, file)).size, 0);

    /**
     * The hard budget for each function: all of its code, `index.mjs` and every
     * chunk (lazily loaded ones too), source maps aside. 1.5 MB is the bench's
     * `bundle_kb` target (issue 17); the bench also reports the web bundle
     * against issue 17's 500 KB, which plain bundling does not meet.
     */
    const budget = 1536 * 1024;

    it('measures every function bundle: none has over 1.5 MB of code, chunks included', () => {
      const ours = Object.fromEntries(
        Object.entries(functions).map(([name, fn]) => [logicalId(fn.function), name]),
      );
      const lines: string[] = [];
      for (const [id, folder] of Object.entries(assetFolders())) {
        const name = ours[id] ?? id;
        const total = bytesOf(folder, codeFiles(folder));
        lines.push(`${name}: ${(total / 1024).toFixed(1)} KB`);
        expect(total, `${name} bundle`).toBeLessThanOrEqual(budget);
      }
      console.info(`function bundles:\n  ${lines.join('\n  ')}`);
      expect(Object.values(ours).every((name) => lines.some((l) => l.startsWith(`${name}:`)))).toBe(
        true,
      );
    });

    it('contains no MJML in any bundle', () => {
      for (const [id, folder] of Object.entries(assetFolders())) {
        for (const name of codeFiles(folder)) {
          const code = readFileSync(path.join(folder, name), 'utf8');
          expect(code, `${id}/${name}`).not.toMatch(/mjml-(core|parser-xml|validator)|mjml2html/);
          const map = path.join(folder, `${name}.map`);
          // CDK's own providers ship no source map; ours list every bundled file in theirs.
          const sources = existsSync(map)
            ? (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources
            : [];
          expect(
            sources.filter((source) => /node_modules\/mjml/.test(source)),
            `${id}/${name}`,
          ).toEqual([]);
        }
      }
    });
  });
});

describe('CoachStack options', () => {
  it('with alarmEmail, every alarm notifies a TLS-only topic the address is subscribed to', () => {
    const { stack, template, synth } = synthWith({ alarmEmail: 'ops@example.com' });
    expect(synth.findings()).toEqual([]);
    const topic = stack.monitoring.topic;
    expect(topic).toBeDefined();
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      TopicArn: ref(topic as IConstruct),
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
    for (const alarm of Object.values(stack.monitoring.alarms)) {
      const props = template.toJSON().Resources[logicalId(alarm)].Properties;
      expect(props.AlarmActions).toEqual([ref(topic as IConstruct)]);
    }
  });

  it('with detailedMetrics=true, tells every function to publish the breakdowns', () => {
    const lean = synthWith({});
    const detailed = synthWith({ detailedMetrics: 'true' });
    const envOf = (synth: typeof lean, fn: CoachFunction) =>
      (
        synth.template.toJSON().Resources[logicalId(fn.function)].Properties.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;

    for (const fn of [
      detailed.stack.web,
      detailed.stack.tick,
      detailed.stack.inbound,
      detailed.stack.sesEvents,
    ]) {
      expect(envOf(detailed, fn).DETAILED_METRICS).toBe('true');
    }
    expect(envOf(lean, lean.stack.tick).DETAILED_METRICS).toBeUndefined();
    expect(() => synthWith({ detailedMetrics: 'sometimes' })).toThrow(
      /"detailedMetrics" must be true or false/,
    );
    expect(() => synthWith({ defaultLocale: 'not a locale!' })).toThrow(/"defaultLocale"/);
  });

  it('with dashboard=true, adds the dashboard and names it in the outputs, nothing else', () => {
    const { stack, template, synth } = synthWith({ dashboard: 'true' });
    expect(synth.findings()).toEqual([]);
    const dashboard = stack.monitoring.dashboard;
    expect(dashboard).toBeDefined();
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 8);
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.DashboardName?.Value).toEqual(ref(dashboard as IConstruct));
    const body = JSON.stringify(
      template.toJSON().Resources[logicalId(dashboard as IConstruct)].Properties.DashboardBody,
    );
    for (const metric of [
      'Reputation.BounceRate',
      'ApproximateNumberOfMessagesVisible',
      metricNames.unresolvedSends,
      metricNames.readerCorrections,
      '5xx',
    ]) {
      expect(body).toContain(metric);
    }
    // As JSON in cdk.context.json, too.
    expect(synthWith({ dashboard: true }).template.toJSON().Resources).toSatisfy(
      (resources: Record<string, { Type: string }>) =>
        Object.values(resources).some((r) => r.Type === 'AWS::CloudWatch::Dashboard'),
    );
  });

  it('with a hosted zone, publishes the DKIM CNAMEs and the reply MX record', () => {
    const { stack, template, synth } = synthWith({
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      hostedZoneName: 'example.com',
    });
    expect(synth.findings()).toEqual([]);
    const records = Object.values(template.findResources('AWS::Route53::RecordSet')).map(
      (r) =>
        r.Properties as {
          Type: string;
          HostedZoneId: string;
          Name: unknown;
          ResourceRecords: unknown[];
        },
    );
    const cnames = records.filter((r) => r.Type === 'CNAME');
    expect(cnames).toHaveLength(3);
    for (const cname of cnames) {
      expect(cname.HostedZoneId).toBe('Z0123456789ABCDEFGHIJ');
      expect(JSON.stringify(cname.Name)).toContain(logicalId(stack.emailIdentity));
    }
    const mx = records.filter((r) => r.Type === 'MX');
    expect(mx).toHaveLength(1);
    expect(mx[0]?.Name).toBe(`${defaultSettings.replyDomain}.`);
    expect(JSON.stringify(mx[0]?.ResourceRecords)).toMatch(
      /10 inbound-smtp\.".*AWS::Region.*amazonaws\.com/,
    );
    // Nothing left to add by hand.
    expect(Object.keys(template.toJSON().Outputs)).not.toContain('DkimRecord1');
  });

  it('publishes DKIM records for a sending subdomain of the zone too', () => {
    const { template } = synthWith({
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      hostedZoneName: 'example.com',
      domain: 'mail.example.com',
      fromAddress: 'coach@mail.example.com',
    });
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'mail.example.com',
    });
    // reply.example.com is not under mail.example.com: it gets an identity of its own.
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'reply.example.com',
    });
    const cnames = Object.values(template.findResources('AWS::Route53::RecordSet')).filter(
      (r) => r.Properties.Type === 'CNAME',
    );
    // Three Easy DKIM records for each of the two identities.
    expect(cnames).toHaveLength(6);
  });
});

describe('cdk-nag wiring (so that a clean report means something)', () => {
  const canaryApp = () => {
    const outdir = freshOutdir();
    return { outdir, ...buildApp({ context: { ...cdkJson.context, ...noBundling }, outdir }) };
  };

  it('reports an unacknowledged error, and the synth fails', () => {
    const { app, stack, outdir } = canaryApp();
    // A deliberately over-broad grant, the kind of finding cdk-nag exists to catch.
    stack.tick.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }),
    );
    const { findings, synthError } = synthesizeWithReport(app, outdir);
    expect(findings('AwsSolutions')).toEqual([
      'AwsSolutions: AwsSolutions-IAM5[Action::s3:*] (error) at DripCoach/Tick/Role/DefaultPolicy/Resource',
      'AwsSolutions: AwsSolutions-IAM5[Resource::*] (error) at DripCoach/Tick/Role/DefaultPolicy/Resource',
    ]);
    expect(String(synthError)).toMatch(/AwsSolutions-IAM5/);
  });

  it('acknowledges only the exact prefix wildcard on the roles that need it', () => {
    const { app, stack, outdir } = canaryApp();
    // Another wildcard on a role that has an acknowledged one: still reported.
    stack.web.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [stack.inboundMail.bucket.arnForObjects('*')],
      }),
    );
    const { findings } = synthesizeWithReport(app, outdir);
    expect(findings('AwsSolutions')).toEqual([
      expect.stringMatching(
        /^AwsSolutions: AwsSolutions-IAM5\[Resource::<InboundMailRawReplies\w+\.Arn>\/\*\] \(error\) at DripCoach\/Web\/Role\/DefaultPolicy\/Resource$/,
      ),
    ]);
  });

  it('reports an unacknowledged warning', () => {
    const { app, stack, outdir } = canaryApp();
    // No point-in-time recovery: AwsSolutions-DDB3 is a warning-level rule.
    new dynamodb.Table(stack, 'CanaryTable', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    });
    // Whether CDK also fails the synth on a warning depends on its internals
    // (once it suppresses anything itself, via an "AwsSolutions::" prefixed
    // acknowledgement, it recomputes success from errors only), so the report
    // is what is checked, not the exception.
    const { findings } = synthesizeWithReport(app, outdir);
    expect(findings('AwsSolutions')).toEqual([
      'AwsSolutions: AwsSolutions-DDB3 (warning) at DripCoach/CanaryTable/Resource',
    ]);
  });
});

describe('settings from context', () => {
  it('uses documented defaults with no context, and leaves settings out of cdk.json', () => {
    expect(readSettings(new App())).toEqual(defaultSettings);
    // The CLI prefers cdk.json over cdk.context.json: a setting in cdk.json would
    // shadow the operator's cdk.context.json and only -c could change it.
    for (const key of [
      ...Object.keys(defaultSettings),
      'hostedZoneId',
      'hostedZoneName',
      'alarmEmail',
      'dashboard',
      'detailedMetrics',
    ]) {
      expect(cdkJson.context, `cdk.json context "${key}"`).not.toHaveProperty(key);
    }
  });

  it('puts context values into the functions environment and the tick memory size', () => {
    const { stack, template } = synthWith({
      domain: 'coach.test',
      fromAddress: 'hello@coach.test',
      replyDomain: 'reply.coach.test',
      baseUrl: 'https://www.coach.test',
      defaultTimezone: 'Europe/Berlin',
      // Numbers, as an operator writes them in cdk.context.json.
      dueShards: 8,
      tickMemoryMb: 1024,
    });
    const resources = template.toJSON().Resources;
    expect(resources[logicalId(stack.tick.function)].Properties.MemorySize).toBe(1024);
    expect(resources[logicalId(stack.web.function)].Properties.MemorySize).toBe(256);
    const env = resources[logicalId(stack.web.function)].Properties.Environment.Variables;
    expect(env).toMatchObject({
      FROM_ADDRESS: 'hello@coach.test',
      REPLY_DOMAIN: 'reply.coach.test',
      BASE_URL: 'https://www.coach.test',
      DEFAULT_TIMEZONE: 'Europe/Berlin',
      DUE_SHARDS: '8',
    });
    expect(JSON.stringify(resources)).toContain(':identity/coach.test"');
    // reply.coach.test is covered by the coach.test identity: no second identity.
    template.resourcePropertiesCountIs('AWS::SES::EmailIdentity', {}, 1);
  });

  it('refuses settings that could not work, naming the context key', () => {
    const read = (context: Record<string, unknown>) => () => readSettings(new App({ context }));
    expect(read({ fromAddress: 'coach@elsewhere.test' })).toThrow(SettingsError);
    expect(read({ fromAddress: 'coach@elsewhere.test' })).toThrow(/"fromAddress"/);
    expect(read({ operatorEmail: 'not an address' })).toThrow(/"operatorEmail"/);
    expect(read({ baseUrl: 'http://coach.example.com' })).toThrow(/"baseUrl"/);
    expect(read({ defaultTimezone: 'Mars/Olympus' })).toThrow(/"defaultTimezone"/);
    expect(read({ replyDomain: 'not a domain' })).toThrow(/"replyDomain"/);
    expect(read({ senderName: 42 })).toThrow(/"senderName"/);
    expect(read({ hostedZoneId: 'Z0123456789ABCDEFGHIJ' })).toThrow(/both "hostedZoneId"/);
    expect(read({ hostedZoneId: 'nope', hostedZoneName: 'example.com' })).toThrow(/"hostedZoneId"/);
    expect(read({ hostedZoneId: 'Z0123456789ABCDEFGHIJ', hostedZoneName: 'other.test' })).toThrow(
      /"domain" \(example\.com\) is not in the hosted zone/,
    );
    expect(read({ alarmEmail: 'not-an-address' })).toThrow(/"alarmEmail"/);
    expect(read({ dashboard: 'yes' })).toThrow(/context "dashboard" must be true or false/);
    for (const dueShards of ['0', 65, '2.5', 'four']) {
      expect(read({ dueShards })).toThrow(/"dueShards" must be a whole number from 1 to 64/);
    }
    for (const tickMemoryMb of ['128', 10241, '512.5', 'lots']) {
      expect(read({ tickMemoryMb })).toThrow(
        /"tickMemoryMb" must be a whole number from 256 to 10240/,
      );
    }
  });

  it('reads the optional settings', () => {
    expect(
      readSettings(
        new App({
          context: {
            hostedZoneId: 'Z0123456789ABCDEFGHIJ',
            hostedZoneName: 'example.com.',
            alarmEmail: 'ops@example.com',
            dashboard: 'true',
          },
        }),
      ),
    ).toEqual({
      ...defaultSettings,
      hostedZone: { id: 'Z0123456789ABCDEFGHIJ', name: 'example.com' },
      alarmEmail: 'ops@example.com',
      dashboard: true,
    });
    for (const off of [false, 'false']) {
      expect(readSettings(new App({ context: { dashboard: off } }))).toEqual(defaultSettings);
    }
  });
});

describe('CoachFunction bundling', () => {
  it('fails the synth when a handler imports mjml, which is build-time only', () => {
    const app = new App({ outdir: freshOutdir() });
    const stack = new Stack(app, 'MjmlGuard');
    expect(
      () =>
        new CoachFunction(stack, 'ImportsMjml', {
          entry: fileURLToPath(new URL('./fixtures/imports-mjml.ts', import.meta.url)),
        }),
    ).toThrow(/MJML is build-time only, but \d+ of its modules are in the bundle/);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type CfnResource, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableSchema } from '../../functions/adapters/table-schema.ts';
import { buildApp, type CoachApp } from '../../infra/build-app.ts';
import { CoachFunction } from '../../infra/coach-function.ts';
import { defaultSettings, readSettings, SettingsError } from '../../infra/coach-settings.ts';
import type { CoachStack } from '../../infra/coach-stack.ts';

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
  const resource = construct.node.defaultChild as CfnResource;
  return Stack.of(construct).getLogicalId(resource);
}

describe('CoachStack, synthesized as `cdk synth` does', () => {
  let coach: CoachApp;
  let stack: CoachStack;
  let template: Template;
  let synth: ReturnType<typeof synthesizeWithReport>;

  beforeAll(() => {
    const outdir = freshOutdir();
    coach = buildApp({ context: cdkJson.context, outdir });
    stack = coach.stack;
    synth = synthesizeWithReport(coach.app, outdir);
    // Read from disk rather than Template.fromStack: templates are written
    // before validation runs, so a nag finding fails only the nag test below
    // instead of hiding every other assertion behind the same error.
    template = writtenTemplate(outdir, stack);
  });

  it('has no unacknowledged cdk-nag (AwsSolutions) errors or warnings', () => {
    expect(synth.findings('AwsSolutions')).toEqual([]);
    expect(synth.synthError).toBeUndefined();
  });

  it('has no findings from any other validation either (template checks, annotations)', () => {
    expect(synth.findings()).toEqual([]);
  });

  it('runs web and tick on Node 22, arm64, with their own log groups and roles', () => {
    for (const fn of [stack.web, stack.tick]) {
      const props = template.toJSON().Resources[logicalId(fn.function)].Properties;
      expect(props.Runtime).toBe('nodejs22.x');
      expect(props.Architectures).toEqual(['arm64']);
      expect(props.MemorySize).toBe(256);
      expect(props.Handler).toBe('index.handler');
      expect(props.LoggingConfig.LogGroup).toEqual({ Ref: logicalId(fn.logGroup) });
      expect(props.Role).toEqual({ 'Fn::GetAtt': [logicalId(fn.role), 'Arn'] });
    }
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    // No AWSLambdaBasicExecutionRole: logging is granted on the function's own log group.
    template.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
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

  it('runs the tick every 5 minutes, without async retries', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(stack.tick.function), 'Arn'] } }),
      ],
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(stack.tick.function) },
      MaximumRetryAttempts: 0,
    });
  });

  it('serves web through a public function URL and nothing else', () => {
    template.resourcePropertiesCountIs('AWS::Lambda::Url', {}, 1);
    template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'NONE',
      TargetFunctionArn: { 'Fn::GetAtt': [logicalId(stack.web.function), 'Arn'] },
    });
  });

  it('gives both functions the full environment', () => {
    for (const fn of [stack.web, stack.tick]) {
      const env = template.toJSON().Resources[logicalId(fn.function)].Properties.Environment
        .Variables as Record<string, unknown>;
      expect(env).toEqual({
        TABLE_NAME: { Ref: logicalId(stack.table) },
        FROM_ADDRESS: defaultSettings.fromAddress,
        SENDER_NAME: defaultSettings.senderName,
        REPLY_DOMAIN: defaultSettings.replyDomain,
        BASE_URL: defaultSettings.baseUrl,
        POSTAL_ADDRESS: defaultSettings.postalAddress,
        DEFAULT_TIMEZONE: defaultSettings.defaultTimezone,
        TOKEN_SECRET_ARN: { Ref: logicalId(stack.tokenKeys.secret) },
        SES_CONFIGURATION_SET: { Ref: logicalId(stack.configurationSet) },
        NODE_OPTIONS: '--enable-source-maps',
      });
    }
  });

  describe('IAM', () => {
    type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
    const statementsOf = (fn: CoachFunction): Statement[] => {
      const roleRef = { Ref: logicalId(fn.role) };
      const policies = Object.values(
        template.findResources('AWS::IAM::Policy', {
          Properties: { Roles: Match.arrayWith([roleRef]) },
        }),
      );
      expect(policies.length).toBeGreaterThan(0);
      return policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
    };
    const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
    const resourcesOf = (s: Statement): unknown[] =>
      Array.isArray(s.Resource) ? s.Resource : [s.Resource];

    it('never grants on Resource "*"', () => {
      for (const fn of [stack.web, stack.tick]) {
        for (const statement of statementsOf(fn)) {
          expect(resourcesOf(statement)).not.toContain('*');
        }
      }
    });

    it('scopes ses:SendEmail to the domain identity and the configuration set', () => {
      for (const fn of [stack.web, stack.tick]) {
        const send = statementsOf(fn).filter((s) => actionsOf(s).includes('ses:SendEmail'));
        expect(send).toHaveLength(1);
        const resources = resourcesOf(send[0] as Statement).map((r) => JSON.stringify(r));
        expect(resources).toHaveLength(2);
        expect(resources.some((r) => r.includes(`:identity/${defaultSettings.domain}"`))).toBe(
          true,
        );
        expect(
          resources.some(
            (r) =>
              r.includes(':configuration-set/') &&
              r.includes(JSON.stringify({ Ref: logicalId(stack.configurationSet) })),
          ),
        ).toBe(true);
      }
    });

    it('lets both functions read the signing keys, and neither read the seed', () => {
      for (const fn of [stack.web, stack.tick]) {
        const secretStatements = statementsOf(fn).filter((s) =>
          actionsOf(s).some((a) => a.startsWith('secretsmanager:')),
        );
        expect(secretStatements).toHaveLength(1);
        expect(actionsOf(secretStatements[0] as Statement)).toContain(
          'secretsmanager:GetSecretValue',
        );
        expect(resourcesOf(secretStatements[0] as Statement)).toEqual([
          { Ref: logicalId(stack.tokenKeys.secret) },
        ]);
      }
    });

    it('grants table access on the table and the due index by name, not index/*', () => {
      for (const fn of [stack.web, stack.tick]) {
        const tableStatements = statementsOf(fn).filter((s) =>
          actionsOf(s).some((a) => a.startsWith('dynamodb:')),
        );
        expect(tableStatements).toHaveLength(1);
        const statement = tableStatements[0] as Statement;
        expect(actionsOf(statement)).toEqual(
          expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']),
        );
        const tableArn = { 'Fn::GetAtt': [logicalId(stack.table), 'Arn'] };
        expect(resourcesOf(statement)).toEqual([
          tableArn,
          { 'Fn::Join': ['', [tableArn, `/index/${tableSchema.dueIndex.name}`]] },
        ]);
      }
    });
  });

  it('generates the signing key as "k1:<64 alphanumerics>" without it entering the template', () => {
    template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: {
        GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false },
      },
    });
    const keys = template.toJSON().Resources[logicalId(stack.tokenKeys.secret)];
    expect(keys.DeletionPolicy).toBe('Retain');
    expect(keys.Properties.SecretString).toEqual({
      'Fn::Join': [
        '',
        [
          'k1:{{resolve:secretsmanager:',
          { Ref: logicalId(stack.tokenKeys.seed) },
          ':SecretString:::}}',
        ],
      ],
    });
  });

  it('sends through a configuration set that requires TLS, from a DKIM-signed domain', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: defaultSettings.domain,
      ConfigurationSetAttributes: {
        ConfigurationSetName: { Ref: logicalId(stack.configurationSet) },
      },
    });
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
    stack.web.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }),
    );
    const { findings, synthError } = synthesizeWithReport(app, outdir);
    expect(findings('AwsSolutions')).toEqual([
      'AwsSolutions: AwsSolutions-IAM5[Action::s3:*] (error) at DripCoach/Web/Role/DefaultPolicy/Resource',
      'AwsSolutions: AwsSolutions-IAM5[Resource::*] (error) at DripCoach/Web/Role/DefaultPolicy/Resource',
    ]);
    expect(String(synthError)).toMatch(/AwsSolutions-IAM5/);
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
  it('uses documented defaults with no context, and cdk.json repeats them', () => {
    expect(readSettings(new App())).toEqual(defaultSettings);
    for (const [key, value] of Object.entries(defaultSettings)) {
      expect(cdkJson.context[key], `cdk.json context "${key}"`).toBe(value);
    }
  });

  it('puts context values into the functions environment', () => {
    const outdir = freshOutdir();
    const { app, stack } = buildApp({
      context: {
        ...noBundling,
        domain: 'coach.test',
        fromAddress: 'hello@coach.test',
        baseUrl: 'https://www.coach.test',
        defaultTimezone: 'Europe/Berlin',
      },
      outdir,
    });
    synthesizeWithReport(app, outdir);
    const resources = writtenTemplate(outdir, stack).toJSON().Resources;
    const env = resources[logicalId(stack.web.function)].Properties.Environment.Variables;
    expect(env).toMatchObject({
      FROM_ADDRESS: 'hello@coach.test',
      BASE_URL: 'https://www.coach.test',
      DEFAULT_TIMEZONE: 'Europe/Berlin',
    });
    expect(JSON.stringify(resources)).toContain(':identity/coach.test"');
  });

  it('refuses settings that could not work, naming the context key', () => {
    const read = (context: Record<string, unknown>) => () => readSettings(new App({ context }));
    expect(read({ fromAddress: 'coach@elsewhere.test' })).toThrow(SettingsError);
    expect(read({ fromAddress: 'coach@elsewhere.test' })).toThrow(/"fromAddress"/);
    expect(read({ baseUrl: 'http://coach.example.com' })).toThrow(/"baseUrl"/);
    expect(read({ defaultTimezone: 'Mars/Olympus' })).toThrow(/"defaultTimezone"/);
    expect(read({ replyDomain: 'not a domain' })).toThrow(/"replyDomain"/);
    expect(read({ senderName: 42 })).toThrow(/"senderName"/);
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
    ).toThrow(/mjml-is-build-time-only/);
  });
});

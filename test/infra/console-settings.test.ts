import { readFileSync } from 'node:fs';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { settingsFromOutputs } from '../../console/target.ts';
import { buildApp } from '../../infra/build-app.ts';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

describe('the ConsoleSettings output, which `coach --stack` reads', () => {
  it('holds the environment the functions run with, as JSON', () => {
    const { stack } = buildApp({
      context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] },
    });
    const template = Template.fromStack(stack);
    const outputs = template.toJSON().Outputs as Record<
      string,
      { Value: unknown; Description?: unknown }
    >;
    const output = outputs.ConsoleSettings;
    expect(typeof output?.Description).toBe('string');
    // Resolve it as CloudFormation would, each Ref or Fn::GetAtt standing for a name.
    const value = (output?.Value ?? { 'Fn::Join': ['', []] }) as {
      'Fn::Join': [string, unknown[]];
    };
    const [, parts] = value['Fn::Join'];
    const text = parts.map((part) => (typeof part === 'string' ? part : 'resolved')).join('');
    const settings = settingsFromOutputs('DripCoach', { ConsoleSettings: text });
    expect(Object.keys(settings)).toEqual(
      expect.arrayContaining([
        'TABLE_NAME',
        'FROM_ADDRESS',
        'REPLY_DOMAIN',
        'BASE_URL',
        'POSTAL_ADDRESS',
        'OPERATOR_EMAIL',
        'DUE_SHARDS',
        'SES_CONFIGURATION_SET',
        'RAW_MAIL_BUCKET',
      ]),
    );
    const web = template.findResources('AWS::Lambda::Function');
    expect(Object.keys(web).length).toBeGreaterThan(0);
    expect(Stack.of(stack).stackName).toBe('DripCoach');
  });

  it('is required, and must be JSON', () => {
    expect(() => settingsFromOutputs('Old', { TableName: 't' })).toThrow(
      'stack Old has no ConsoleSettings output: deploy this version of the coach first',
    );
    expect(() => settingsFromOutputs('Odd', { ConsoleSettings: '{' })).toThrow(
      'the ConsoleSettings output is not JSON',
    );
  });
});

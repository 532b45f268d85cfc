import { type CfnResource, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { tableSchema } from '../functions/adapters/table-schema.ts';
import type { StackSettings } from './coach-settings.ts';
import type { CoachStack } from './coach-stack.ts';

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

/**
 * What each function may do, and nothing more: the table's data plane (its
 * own index by name), sending as the domain through the configuration set,
 * reading the signing keys, the raw replies under their prefix, and the one
 * account-level read the tick needs. Every wildcard left is acknowledged as
 * its exact cdk-nag finding, on the one policy that holds it.
 */
export function grantCoachPermissions(stack: CoachStack, settings: StackSettings): void {
  const sendEmail = new iam.PolicyStatement({
    actions: ['ses:SendEmail'],
    resources: [
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: settings.domain }),
      stack.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: stack.configurationSet.configurationSetName,
      }),
    ],
  });
  const tableArns = [
    stack.table.tableArn,
    `${stack.table.tableArn}/index/${tableSchema.dueIndex.name}`,
  ];
  const tableAccess = new iam.PolicyStatement({
    actions: tableDataActions,
    resources: tableArns,
  });
  // ses-events reads and writes subscribers only: it sends nothing and verifies no token.
  for (const fn of [stack.web, stack.tick, stack.inbound, stack.sesEvents]) {
    fn.role.addToPrincipalPolicy(tableAccess);
  }
  // The inbound function acknowledges replies at once, without waiting for the tick.
  const signing = [stack.web, stack.tick, stack.inbound];
  for (const fn of signing) fn.role.addToPrincipalPolicy(sendEmail);
  stack.tokenKeys.grantRead(
    'FunctionsReadKeys',
    signing.map((fn) => ({ role: fn.role, dependent: fn.function })),
  );
  // The tick paces itself to the account's maximum send rate, read at cold start.
  // A policy of its own, so the acknowledgement below cannot cover another grant.
  const readSendQuota = new iam.Policy(stack, 'TickReadsSendQuota', {
    statements: [new iam.PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] })],
    roles: [stack.tick.role],
  });
  Validations.of(readSendQuota).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'ses:GetAccount (read the account sending quota) supports no resource-level permissions; "*" is the only resource it accepts. It reads, never changes, the account.',
  });
  stack.inboundMail.grantRead(stack.inbound.role);
  // Deleting a subscriber's data deletes their stored replies too.
  stack.inboundMail.grantDelete(stack.inbound.role);
  stack.inboundMail.grantDelete(stack.web.role);
  // Object keys under the reply prefix (SES message ids, unknown in advance).
  // Acknowledged as that exact finding on each policy.
  const prefix = stack.inboundMail.objectKeyPrefix;
  const bucketId = stack.getLogicalId(stack.inboundMail.bucket.node.defaultChild as CfnResource);
  for (const fn of [stack.inbound, stack.web]) {
    Validations.of(fn.role.node.findChild('DefaultPolicy')).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
      reason: `Object-level S3 access (GetObject, DeleteObject) on the raw-reply prefix "${prefix}" only; object keys are SES message ids, unknown in advance.`,
    });
  }
}

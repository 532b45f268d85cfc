/**
 * The custom resource provider behind `TokenSigningKeys` (token-signing-keys.ts):
 * a Lambda function CloudFormation invokes to create the SSM SecureString
 * parameter that holds the link signing keys. CloudFormation cannot create a
 * SecureString itself, and the keys must come from a random source at deploy
 * time, never from the template.
 *
 * It writes `<keyId>:<64 random characters>` only when the parameter does not
 * exist yet, and never overwrites or deletes it: unsubscribe links never
 * expire, so a replaced key would break every one already sent. An operator
 * who put keys there first (an upgrade, a restore) keeps them.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

/** What CloudFormation sends a custom resource provider (the fields used here). */
export interface CustomResourceEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceProperties: { ParameterName?: unknown; KeyId?: unknown; Description?: unknown };
}

/** The answer CloudFormation expects at the event's ResponseURL. */
export interface CustomResourceResponse {
  Status: 'SUCCESS' | 'FAILED';
  Reason?: string;
  PhysicalResourceId: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  Data?: Record<string, string>;
}

/** The one SSM call the provider makes. */
export type PutParameter = (input: {
  Name: string;
  Value: string;
  Description: string;
}) => Promise<'created' | 'exists'>;

/** A fresh key list of one key: 48 random bytes, base64url (64 characters, no ':' or ','). */
export function newKeyList(keyId: string): string {
  return `${keyId}:${randomBytes(48).toString('base64url')}`;
}

/**
 * What one event does: Create and Update put the parameter if it is missing
 * (an Update that renames it creates the new one and leaves the old one),
 * Delete leaves it. The physical id is the parameter name.
 */
export async function applyEvent(
  event: CustomResourceEvent,
  put: PutParameter,
): Promise<{ physicalId: string; outcome: 'created' | 'exists' | 'kept on delete' }> {
  const { ParameterName: name, KeyId: keyId, Description: description } = event.ResourceProperties;
  if (event.RequestType === 'Delete') {
    return { physicalId: event.PhysicalResourceId ?? String(name), outcome: 'kept on delete' };
  }
  if (typeof name !== 'string' || !/^\/[A-Za-z0-9_.\-/]{1,1010}$/.test(name)) {
    throw new Error(`ParameterName must be an absolute SSM parameter name: ${String(name)}`);
  }
  if (typeof keyId !== 'string' || !/^[a-z0-9]{1,4}$/.test(keyId)) {
    throw new Error(`KeyId must match [a-z0-9]{1,4}: ${String(keyId)}`);
  }
  const outcome = await put({
    Name: name,
    Value: newKeyList(keyId),
    Description: typeof description === 'string' ? description : '',
  });
  return { physicalId: name, outcome };
}

/** PutParameter as a standard-tier SecureString under the AWS managed key, never overwriting. */
function ssmPut(client: SSMClient): PutParameter {
  return async (input) => {
    try {
      await client.send(
        new PutParameterCommand({
          ...input,
          Type: 'SecureString',
          // No KeyId: the AWS managed key alias/aws/ssm. Standard tier: free.
          Tier: 'Standard',
          Overwrite: false,
        }),
      );
      return 'created';
    } catch (error) {
      if ((error as { name?: string }).name === 'ParameterAlreadyExists') return 'exists';
      throw error;
    }
  };
}

/** PUTs the response to CloudFormation's presigned S3 URL, as cfn-response does. */
function respond(url: string, response: CustomResourceResponse): Promise<void> {
  const body = JSON.stringify(response);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'PUT',
        headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          (res.statusCode ?? 500) < 300
            ? resolve()
            : reject(new Error(`CloudFormation response refused: HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const client = new SSMClient({});

/** Lambda entry point for the `Custom::TokenSigningKeysParameter` resource. */
export async function handler(event: CustomResourceEvent): Promise<void> {
  const base = {
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  };
  let response: CustomResourceResponse;
  try {
    const { physicalId, outcome } = await applyEvent(event, ssmPut(client));
    // Names and outcomes only: the value is a signing key.
    console.log(JSON.stringify({ requestType: event.RequestType, parameter: physicalId, outcome }));
    response = {
      ...base,
      Status: 'SUCCESS',
      PhysicalResourceId: physicalId,
      Data: { ParameterName: physicalId },
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(JSON.stringify({ requestType: event.RequestType, failed: reason }));
    response = {
      ...base,
      Status: 'FAILED',
      Reason: reason.slice(0, 1000),
      // A failed Create has no parameter; CloudFormation then deletes this id (a no-op here).
      PhysicalResourceId: event.PhysicalResourceId ?? `${event.LogicalResourceId}-not-created`,
    };
  }
  await respond(event.ResponseURL, response);
}

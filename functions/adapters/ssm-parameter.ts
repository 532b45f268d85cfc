import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

/**
 * Reads one SecureString parameter from Parameter Store, decrypted; undefined
 * when it has no value. Its own module, loaded with `import()` by
 * `wiring.ts`, so that only the Lambda functions load the SSM client, and
 * with named imports, so the bundle keeps only the one command it sends.
 */
export async function readSecureParameter(name: string): Promise<string | undefined> {
  const client = new SSMClient({});
  try {
    const answer = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    return answer.Parameter?.Value;
  } finally {
    client.destroy();
  }
}

import { fileURLToPath } from 'node:url';
import {
  ArnFormat,
  Aws,
  CustomResource,
  Duration,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { CoachFunction } from './coach-function.ts';

/** Properties of {@link TokenSigningKeys}. */
export interface TokenSigningKeysProps {
  /**
   * Name of the SecureString parameter, absolute (`/...`).
   * @default `/<stack name>/token-signing-keys`
   */
  readonly parameterName?: string;
  /**
   * Key id of the generated first key; `[a-z0-9]{1,4}` as `functions/config.ts`
   * requires. Not `k1`: that was the first key's id when the keys lived in
   * Secrets Manager, so an upgraded deployment can list both (`p1:…,k1:…`).
   * @default 'p1'
   */
  readonly keyId?: string;
}

/**
 * The HMAC keys for link tokens, in one SSM Parameter Store SecureString
 * parameter (standard tier: no charge at rest), as the key list
 * `functions/config.ts` parses: `p1:<64 random characters>`. The functions
 * read it once per cold start (`TOKEN_PARAMETER_NAME`).
 *
 * CloudFormation cannot create a SecureString, and a random key must not pass
 * through the template or `cdk.out`, so a small provider function
 * (`token-keys-provider.ts`) creates it at deploy time from its own random
 * source, only when it does not exist yet. It never overwrites or deletes the
 * parameter, and the resource is retained when the stack is deleted:
 * unsubscribe links never expire, so losing or replacing the key would break
 * every unsubscribe link in every email already sent. Rotate by prepending a
 * new key and keeping the old ones (`k2:<new>,p1:<old>`).
 */
export class TokenSigningKeys extends Construct {
  /** The parameter's name, e.g. `/DripCoach/token-signing-keys`. */
  public readonly parameterName: string;
  /** The parameter's ARN, for IAM. */
  public readonly parameterArn: string;
  /** The custom resource that creates the parameter; its Ref is the parameter name. */
  public readonly resource: CustomResource;
  /** The provider function CloudFormation invokes (deploy time only). */
  public readonly provider: CoachFunction;

  constructor(scope: Construct, id: string, props: TokenSigningKeysProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    const keyId = props.keyId ?? 'p1';
    if (!/^[a-z0-9]{1,4}$/.test(keyId)) throw new Error(`invalid key id: ${keyId}`);
    this.parameterName = props.parameterName ?? `/${stack.stackName}/token-signing-keys`;
    if (!/^\/[A-Za-z0-9_.\-/]{1,1010}$/.test(this.parameterName)) {
      throw new Error(`invalid parameter name: ${this.parameterName}`);
    }
    this.parameterArn = stack.formatArn({
      service: 'ssm',
      resource: 'parameter',
      // The ARN holds the name without its leading slash: parameter/<stack>/token-signing-keys.
      resourceName: this.parameterName.slice(1),
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });

    this.provider = new CoachFunction(this, 'Provider', {
      entry: fileURLToPath(new URL('./token-keys-provider.ts', import.meta.url)),
      description: 'drip-coach: creates the token signing key parameter once (deploy time)',
      timeout: Duration.minutes(1),
    });
    const write = new iam.Policy(this, 'ProviderWritesParameter', {
      statements: [
        new iam.PolicyStatement({
          actions: ['ssm:PutParameter'],
          resources: [this.parameterArn],
        }),
        this.kmsStatement('kms:Encrypt'),
      ],
      roles: [this.provider.role],
    });
    this.acknowledgeKmsWildcard(write);

    this.resource = new CustomResource(this, 'Parameter', {
      resourceType: 'Custom::TokenSigningKeysParameter',
      serviceToken: this.provider.function.functionArn,
      properties: {
        ParameterName: this.parameterName,
        KeyId: keyId,
        Description:
          'drip-coach: link token signing keys, "kid:secret[,kid:secret]"; the first signs, all verify. Rotate by prepending a new key and keeping the old ones.',
      },
      // Never deleted with the stack: the keys outlive it, like the table.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The provider may only be invoked once it can write.
    this.resource.node.addDependency(write);
  }

  /**
   * Lets each role read the keys: `ssm:GetParameter` on this parameter only,
   * and `kms:Decrypt` only as Parameter Store calls it for this parameter
   * (the AWS managed key `alias/aws/ssm`). One policy for all of them, which
   * the functions wait for, so no cold start can run before it is attached.
   */
  grantRead(id: string, grantees: { role: iam.IRole; dependent?: Construct }[]): iam.Policy {
    const read = new iam.Policy(this, id, {
      statements: [
        new iam.PolicyStatement({
          actions: ['ssm:GetParameter'],
          resources: [this.parameterArn],
        }),
        this.kmsStatement('kms:Decrypt'),
      ],
      roles: grantees.map((g) => g.role),
    });
    for (const { dependent } of grantees) dependent?.node.addDependency(read);
    this.acknowledgeKmsWildcard(read);
    return read;
  }

  /**
   * `action` on the AWS managed key Parameter Store encrypts with. Its key id
   * differs per account and region and cannot be named in a template (an
   * alias in `Resource` names the alias, not the key), so the statement names
   * every key of this account and region and narrows it by condition: only
   * through Parameter Store in this region, and only for this parameter
   * (Parameter Store passes the parameter's ARN as the encryption context).
   */
  private kmsStatement(action: 'kms:Decrypt' | 'kms:Encrypt'): iam.PolicyStatement {
    return new iam.PolicyStatement({
      actions: [action],
      resources: [
        Stack.of(this).formatArn({
          service: 'kms',
          resource: 'key',
          resourceName: '*',
          arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
        }),
      ],
      conditions: {
        StringEquals: {
          'kms:ViaService': `ssm.${Aws.REGION}.amazonaws.com`,
          'kms:EncryptionContext:PARAMETER_ARN': this.parameterArn,
        },
      },
    });
  }

  private acknowledgeKmsWildcard(policy: iam.Policy): void {
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*]',
      reason:
        'The AWS managed key alias/aws/ssm has a key id that differs per account and region and cannot be named in a template; the statement is held by conditions to calls Parameter Store makes in this region (kms:ViaService) for this one parameter (kms:EncryptionContext:PARAMETER_ARN).',
    });
  }
}

import { RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** Properties of {@link TokenSigningKeys}. */
export interface TokenSigningKeysProps {
  /**
   * Key id of the generated first key; `[a-z0-9]{1,4}` as `functions/config.ts` requires.
   * @default 'k1'
   */
  readonly keyId?: string;
}

/**
 * The HMAC keys for link tokens, in Secrets Manager as the key list
 * `functions/config.ts` parses: `k1:<64 random alphanumerics>`.
 *
 * Why two secrets: `generateSecretString` can only produce either a bare random
 * string or a JSON object (a `secretStringTemplate` must be JSON), never a
 * `k1:` prefix. So a seed secret holds the generated random string, and the
 * signing-keys secret is built from it at deploy time with a CloudFormation
 * dynamic reference. The random value never appears in the template, in
 * `cdk.out`, or in a custom resource; no extra Lambda is needed.
 *
 * Both are retained on stack deletion, and their construct ids must not change:
 * unsubscribe links never expire, so losing or replacing the key breaks every
 * unsubscribe link in every email already sent.
 */
export class TokenSigningKeys extends Construct {
  /** The secret the functions read (`TOKEN_SECRET_ARN`); value `k1:<64 chars>`. */
  public readonly secret: secretsmanager.Secret;
  /** Deploy-time source of the random part of the first key; nothing reads it at run time. */
  public readonly seed: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: TokenSigningKeysProps = {}) {
    super(scope, id);
    const keyId = props.keyId ?? 'k1';
    if (!/^[a-z0-9]{1,4}$/.test(keyId)) throw new Error(`invalid key id: ${keyId}`);

    this.seed = new secretsmanager.Secret(this, 'Seed', {
      description: 'drip-coach: random source of the first token signing key (deploy time only)',
      removalPolicy: RemovalPolicy.RETAIN,
      generateSecretString: {
        passwordLength: 64,
        // Alphanumerics only: ':' and ',' are separators in the key list.
        excludePunctuation: true,
        includeSpace: false,
      },
    });

    this.secret = new secretsmanager.Secret(this, 'Keys', {
      description:
        'drip-coach: link token signing keys, "kid:secret[,kid:secret]"; rotate by prepending a new key and keeping the old ones',
      removalPolicy: RemovalPolicy.RETAIN,
      // Resolves to "{{resolve:secretsmanager:<seed arn>:SecretString:::}}" inside
      // Fn::Join, which CloudFormation fills in at deploy time.
      secretStringValue: SecretValue.unsafePlainText(
        `${keyId}:${this.seed.secretValue.unsafeUnwrap()}`,
      ),
    });
  }
}

import { fromEnv } from '@aws-sdk/credential-provider-env';

/** What the SDK clients pass to their default credential provider; only the logger is read. */
type ProviderInit = Parameters<typeof fromEnv>[0];

/**
 * Stands in for `@aws-sdk/credential-provider-node`'s `defaultProvider` inside
 * Lambda bundles only (see `infra/bundling/bundler.ts`). Lambda hands every
 * function its execution role's credentials in AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, which is also the first place
 * the full default chain looks; the rest of that chain (SSO, STS, IMDS,
 * config files) never runs in Lambda and is left out of the bundle.
 */
export function defaultProvider(init: ProviderInit = {}): ReturnType<typeof fromEnv> {
  return fromEnv({ logger: init.logger });
}

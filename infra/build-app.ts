import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CoachStack } from './coach-stack.ts';

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /**
   * Context to start the app with, e.g. the `context` block of `cdk.json`
   * in tests. The CDK CLI passes its context through the environment instead.
   * @default - only what the CLI passes
   */
  readonly context?: AppProps['context'];
  /**
   * Directory to synthesize into.
   * @default - the CLI's output directory, or a temporary one
   */
  readonly outdir?: string;
}

/** What {@link buildApp} built. */
export interface CoachApp {
  /** The CDK app, with cdk-nag's AwsSolutions checks registered as a validation plugin. */
  readonly app: App;
  /** The one drip-coach stack. */
  readonly stack: CoachStack;
}

/** Stack name in CloudFormation. */
export const coachStackName = 'DripCoach';

/**
 * Builds the drip-coach CDK app: shared by `infra/app.ts` and the tests so
 * both synthesize exactly the same wiring. Nothing is synthesized until
 * `app.synth()`; cdk-nag runs then, and unacknowledged findings fail it.
 */
export function buildApp(options: BuildAppOptions = {}): CoachApp {
  const app = new App({ context: options.context, outdir: options.outdir });
  const stack = new CoachStack(app, coachStackName, {
    description: 'drip-coach: a serverless email coach',
  });
  // cdk-nag 3 is a policy validation plugin, not an Aspect: CDK runs it after
  // synthesis and writes its findings to the cloud assembly's validation report.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

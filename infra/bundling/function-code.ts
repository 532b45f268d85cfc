import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, type BundlingOptions, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** The repository root: the bundles resolve `node_modules` from here. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

const cliPath = fileURLToPath(new URL('./cli.ts', import.meta.url));

/** Runs esbuild (through `cli.ts`) on the machine doing the synth. */
class LocalEsbuild implements ILocalBundling {
  /**
   * @param entry handler module, relative to {@link projectRoot}. A field, not a
   * closure: CDK caches staged assets by their bundling options' JSON, so two
   * functions may only share an asset if they share an entry.
   */
  constructor(readonly entry: string) {}

  tryBundle(outputDir: string): boolean {
    try {
      // A child process because this hook is synchronous and esbuild plugins are not.
      execFileSync(process.execPath, ['--import', 'tsx', cliPath, this.entry, outputDir], {
        cwd: projectRoot,
        stdio: ['ignore', 'inherit', 'pipe'],
        encoding: 'utf8',
      });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.trim();
      throw new Error(`bundling ${this.entry} failed:\n${stderr || String(error)}`);
    }
    return true;
  }
}

/** Bundling options CDK stages the asset with: local esbuild only, never Docker. */
class EsbuildBundling implements BundlingOptions {
  /** Required by CDK; never pulled, because local bundling always answers. */
  readonly image = DockerImage.fromRegistry('drip-coach-bundles-locally-with-esbuild');
  readonly local: LocalEsbuild;

  constructor(entry: string) {
    this.local = new LocalEsbuild(entry);
  }
}

/**
 * Lambda code for a TypeScript handler module: a minified ESM bundle
 * (`index.mjs`, plus its source map) built by esbuild with the plugins in
 * `bundler.ts`. The asset hash is the bundle's, so a change anywhere in what
 * the handler imports (and only that) deploys a new version.
 */
export function bundledCode(entry: string): lambda.Code {
  const relativeEntry = path.relative(projectRoot, entry).split(path.sep).join('/');
  if (relativeEntry.startsWith('..')) {
    throw new Error(`handler entry ${entry} is outside the project`);
  }
  return lambda.Code.fromAsset(projectRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: new EsbuildBundling(relativeEntry),
  });
}

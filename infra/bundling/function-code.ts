import path from 'node:path';
import { AssetHashType, type BundlingOptions, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { bundleFunctionSync, forbiddenInputs, projectRoot } from './bundler.ts';

/** Runs esbuild on the machine doing the synth, in this process. */
class LocalEsbuild implements ILocalBundling {
  /**
   * @param entry handler module, relative to {@link projectRoot}. A field, not a
   * closure: CDK caches staged assets by their bundling options' JSON, so two
   * functions may only share an asset if they share an entry.
   */
  constructor(readonly entry: string) {}

  tryBundle(outputDir: string): boolean {
    let refused: string[];
    try {
      refused = forbiddenInputs(
        bundleFunctionSync(path.join(projectRoot, this.entry), outputDir).metafile,
      );
    } catch (error) {
      throw new Error(`bundling ${this.entry} failed:\n${String(error)}`);
    }
    if (refused.length > 0) {
      throw new Error(`bundling ${this.entry} failed:\n${refused.join('\n')}`);
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
 * (`index.mjs`, its lazily loaded chunks and their source maps) built by
 * esbuild with the stock options in `bundler.ts`. The synth fails if the
 * bundle holds what `forbiddenInputs` refuses (MJML, classic zod). The asset
 * hash is the bundle's, so a change anywhere in what the handler imports (and
 * only that) deploys a new version.
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

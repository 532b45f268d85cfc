import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleFunction, bundleShares } from './bundler.ts';

/**
 * Runs one bundle in its own process, because CDK's local bundling hook is
 * synchronous and esbuild plugins need esbuild's asynchronous API.
 *
 *   tsx infra/bundling/cli.ts <entry.ts> <outdir>   bundle (used by the CDK app)
 *   tsx infra/bundling/cli.ts --analyze <entry.ts>  print what dominates the bundle
 */
async function main(args: string[]): Promise<void> {
  if (args[0] === '--analyze' && args[1]) {
    const outdir = mkdtempSync(path.join(tmpdir(), 'drip-coach-bundle-'));
    try {
      const { files, metafile } = await bundleFunction(path.resolve(args[1]), outdir);
      for (const file of files) console.log(`${file.name}\t${(file.bytes / 1024).toFixed(1)} KB`);
      console.log('\nlargest contributors to index.mjs:');
      for (const share of bundleShares(metafile).slice(0, 25)) {
        console.log(`${(share.bytes / 1024).toFixed(1).padStart(8)} KB  ${share.name}`);
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
    return;
  }
  const [entry, outdir] = args;
  if (!entry || !outdir)
    throw new Error('usage: cli.ts <entry.ts> <outdir> | --analyze <entry.ts>');
  await bundleFunction(path.resolve(entry), path.resolve(outdir));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // esbuild's errors already carry file and line; print them without a stack.
  const errors = (
    error as { errors?: { text: string; location?: { file: string; line: number } }[] }
  ).errors;
  if (errors?.length) {
    for (const e of errors) {
      console.error(e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text);
    }
  } else {
    console.error(error instanceof Error ? error.message : String(error));
  }
  process.exit(1);
});

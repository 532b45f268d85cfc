import { execFileSync } from 'node:child_process';

/** Compiles the MJML templates once, so every test imports the same generated module. */
export function setup(): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-templates.ts'], {
    stdio: 'inherit',
  });
}

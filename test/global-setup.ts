import { execFileSync } from 'node:child_process';

/** Builds the generated modules (templates, holidays) once, so every test imports the same ones. */
export function setup(): void {
  for (const script of ['scripts/build-templates.ts', 'scripts/build-holidays.ts']) {
    execFileSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });
  }
}

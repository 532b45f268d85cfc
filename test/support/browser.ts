import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * The system's Chromium (Debian's `chromium` package), found on PATH or named by
 * CHROMIUM_PATH. Tests never download a browser.
 */
export function chromiumPath(): string {
  const named = process.env.CHROMIUM_PATH;
  if (named) return named;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const file = join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // Not in this folder; keep looking.
      }
    }
  }
  throw new Error('chromium not found on PATH: apt-get install chromium, or set CHROMIUM_PATH');
}

/** Quiet, offline, container-friendly flags. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
}

/** Where page screenshots of a test run go (git-ignored). */
export const screenshotDir = fileURLToPath(
  new URL('../../test-artifacts/screenshots/', import.meta.url),
);

/** Saves a full-page screenshot as `<name>.png` in {@link screenshotDir}. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

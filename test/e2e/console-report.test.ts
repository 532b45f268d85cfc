import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatedEvents } from '../../bench/stats-events.ts';
import { DailyCounters } from '../../functions/adapters/daily-counters.ts';
import { dynamoDbClient } from '../../functions/adapters/sdk-clients.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { startConsoleStack } from '../support/console.ts';

// `coach stats --html` in a real headless Chromium: the page renders its
// charts with no script and no request beyond the file itself. Set
// DOCS_SCREENSHOTS=1 to refresh docs/report.png, the README's picture of it.

const days = 56;
let env: Awaited<ReturnType<typeof startConsoleStack>>;
let browser: Browser;
let out: string;
let since: string;

beforeAll(async () => {
  env = await startConsoleStack();
  const now = env.stack.clock.now();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  start.setUTCDate(start.getUTCDate() - days);
  since = start.toISOString().slice(0, 10);
  // 480 people over eight weeks, counted by the same adapter the functions use.
  const counters = new DailyCounters(
    dynamoDbClient({ endpoint: env.stack.dynamoEndpoint }),
    env.stack.tableName,
  );
  const events = simulatedEvents(480, { start, days });
  for (let i = 0; i < events.length; i += 200) await counters.record(events.slice(i, i + 200));
  out = join(mkdtempSync(join(tmpdir(), 'drip-report-')), 'report.html');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await env?.cleanup();
  if (out) rmSync(join(out, '..'), { recursive: true, force: true });
});

describe('coach stats --html', () => {
  it('writes a page whose charts render in Chromium, with no script and no network', async () => {
    const run = await env.run(['stats', '--since', since, '--html', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);

    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(pathToFileURL(out).href);
    expect(requests).toEqual([pathToFileURL(out).href]);
    expect(problems).toEqual([]);

    await expect(
      page.getByRole('heading', { name: 'How the course is doing' }).isVisible(),
    ).resolves.toBe(true);
    for (const chart of ['Funnel', 'Reply rate per lesson', 'Weekly cohorts']) {
      const svg = page.getByRole('img', { name: chart });
      await expect(svg.isVisible()).resolves.toBe(true);
      const box = await svg.boundingBox();
      expect(box?.width, chart).toBeGreaterThan(300);
      expect(box?.height, chart).toBeGreaterThan(100);
    }
    // Every funnel bar and cohort bar is drawn with a real size.
    const bars = await page.locator('svg[aria-label="Funnel"] rect').count();
    expect(bars).toBe(12);
    const cohortBars = await page
      .locator('svg[aria-label="Weekly cohorts"] rect[height]')
      .evaluateAll((rects) => rects.filter((r) => Number(r.getAttribute('height')) > 0).length);
    expect(cohortBars).toBeGreaterThan(20);
    const shot = await screenshot(page, 'console-report');
    if (process.env.DOCS_SCREENSHOTS === '1') {
      copyFileSync(shot, fileURLToPath(new URL('../../docs/report.png', import.meta.url)));
    }
    await context.close();
  });
});

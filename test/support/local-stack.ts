import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CoachDeps } from '../../functions/app/deps.ts';
import { loadConfig } from '../../functions/config.ts';
import { compiledCourses } from '../../functions/generated/templates.ts';
import { createDeps } from '../../functions/wiring.ts';
import { EmulatorSentMailRecord } from '../../local/emulator-sent-mail.ts';
import {
  ephemeralStack,
  type LocalStack,
  type LocalStackOptions,
  startLocalStack,
} from '../../local/stack.ts';
import { formField, inbox, linkByText } from './inbox.ts';

/** A logger that keeps tests quiet. */
export const quietLogger = { info() {}, warn() {}, error() {} };

/** Starts a local stack on free ports with its own temporary data folder. */
export async function startTestStack(
  options: LocalStackOptions = {},
): Promise<LocalStack & { cleanup(): Promise<void> }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'drip-test-'));
  const stack = await startLocalStack({
    ...ephemeralStack,
    logger: quietLogger,
    ...options,
    dataDir,
  });
  return {
    ...stack,
    cleanup: async () => {
      await stack.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The dependencies a Lambda would have, on the stack's emulators and dev clock,
 * for calling use cases and handler factories directly.
 */
export function stackDeps(
  stack: LocalStack,
  tokenKeys: string,
  env: Record<string, string> = {},
): CoachDeps {
  const config = loadConfig({
    ...env,
    TABLE_NAME: stack.tableName,
    FROM_ADDRESS: 'coach@drip-coach.test',
    OPERATOR_EMAIL: 'operator@drip-coach.test',
    REPLY_DOMAIN: 'reply.drip-coach.test',
    BASE_URL: stack.url,
    POSTAL_ADDRESS: '1 Example Street',
    TOKEN_KEYS: tokenKeys,
  });
  return createDeps(config, config.TOKEN_KEYS ?? [], compiledCourses, {
    clock: stack.clock,
    logger: quietLogger,
    sentMail: new EmulatorSentMailRecord(stack.sesUrl),
  });
}

/** Signs up through the public form. */
export function signup(stack: LocalStack, fields: Record<string, string>): Promise<Response> {
  return fetch(`${stack.url}/subscribe`, { method: 'POST', body: new URLSearchParams(fields) });
}

/** Moves the dev clock through the HTTP contract and returns its answer. */
export async function advance(stack: LocalStack, hours: number) {
  const response = await fetch(`${stack.url}/_dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceHours: hours }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    now: string;
    sent: { to: string; emailId: string; at: string }[];
  };
}

/** Opens the confirm link from the local inbox and presses the button, as a person would. */
export async function confirmFromInbox(
  stack: LocalStack,
  email: string,
  /** Which of the address's emails holds the link: the first by default. */
  index = 0,
): Promise<void> {
  const mail = (await inbox(stack.sesUrl, email))[index];
  expect(mail, `confirmation mail for ${email}`).toBeDefined();
  const prompt = await fetch(linkByText(mail!, 'Confirm'));
  expect(prompt.status).toBe(200);
  const t = formField(await prompt.text(), 't');
  const done = await fetch(`${stack.url}/confirm`, {
    method: 'POST',
    body: new URLSearchParams({ t }),
  });
  expect(done.status).toBe(200);
}

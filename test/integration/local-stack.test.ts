import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { tableSchema } from '../../functions/adapters/table-schema.ts';
import { header, inbox, linkByText } from '../support/inbox.ts';
import { advance, confirmFromInbox, signup, startTestStack } from '../support/local-stack.ts';
import { silentCourse } from '../support/pacing-driver.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'drip-persist-'));
  dirs.push(dir);
  return dir;
}

describe('the local stack', () => {
  it('keeps every subscriber and the moved clock across a restart', async () => {
    const dataDir = tempDir();
    const first = await startTestStack({ dataDir, inMemory: false });
    const email = 'persist@example.com';
    await signup(first, { email, timezone: 'Europe/Berlin' });
    await confirmFromInbox(first, email);
    await advance(first, 24);
    const movedTo = first.clock.now().getTime();
    const lesson1 = (await inbox(first.sesUrl, email)).find(
      (m) => header(m, 'X-Coach-Email') === 'lesson-1',
    );
    await first.cleanup();

    const second = await startTestStack({ dataDir, inMemory: false });
    try {
      expect(second.clock.now().getTime()).toBeGreaterThanOrEqual(movedTo);
      const manage = await fetch(
        linkByText(lesson1!, 'Manage').replace(new URL(first.url).origin, second.url),
      );
      expect(await manage.text()).toContain('persist@example.com');
      const later = await advance(second, 24 * 4);
      expect(
        later.sent
          .filter((s) => s.to === email && s.emailId.startsWith('lesson'))
          .map((s) => s.emailId),
      ).toEqual(['lesson-2']);
    } finally {
      await second.cleanup();
    }
  });

  it('shares one table and one SES between stacks, sending each due email exactly once', async () => {
    // Stacks sharing a table must share signing keys, or one cannot read the other's links.
    const TOKEN_KEYS = `k1:${'s'.repeat(64)}`;
    const a = await startTestStack({ env: { TOKEN_KEYS } });
    const b = await startTestStack({
      env: {
        TOKEN_KEYS,
        AWS_ENDPOINT_URL_DYNAMODB: a.dynamoEndpoint,
        AWS_ENDPOINT_URL_SESV2: a.sesUrl,
        TABLE_NAME: a.tableName,
      },
    });
    try {
      const course = [...silentCourse];
      const emails = Array.from({ length: 40 }, (_, i) => `shared${i}@example.com`);
      // Half sign up through each stack; both see the same subscribers.
      await Promise.all(
        emails.map((email, i) => signup(i % 2 ? a : b, { email, timezone: 'UTC' })),
      );
      for (const email of emails) await confirmFromInbox(b, email);
      // Both stacks' ticks race over the same due items many times.
      const runs = await Promise.all([
        advance(a, 24 * 40),
        advance(b, 24 * 40),
        advance(a, 0),
        advance(b, 0),
      ]);
      // In send order: in the daytime either stack's first tick may send a
      // subscriber's lesson 1 and the other stack the rest.
      const sent = runs.flatMap((r) => r.sent).sort((x, y) => x.at.localeCompare(y.at));
      for (const email of emails) {
        const ids = (await inbox(a.sesUrl, email)).map((m) => header(m, 'X-Coach-Email'));
        expect(ids.slice(0, course.length + 1)).toEqual(['confirm', ...course]);
        const mine = sent.filter((s) => s.to === email).map((s) => s.emailId);
        expect(mine.slice(0, course.length)).toEqual(course);
        // Each email exactly once, across both stacks' racing ticks.
        expect(
          new Set(mine).size +
            mine.filter((id) => id === 'check-in').length -
            (mine.includes('check-in') ? 1 : 0),
        ).toBe(mine.length);
        expect(mine.length).toBe(ids.length - 1);
      }
    } finally {
      await b.cleanup();
      await a.cleanup();
    }
  });

  it('keeps only scheduled subscribers in the due index', async () => {
    const stack = await startTestStack();
    try {
      await signup(stack, { email: 'pending@example.com', timezone: 'UTC' });
      await signup(stack, { email: 'active@example.com', timezone: 'UTC' });
      await confirmFromInbox(stack, 'active@example.com');
      await signup(stack, { email: 'gone@example.com', timezone: 'UTC' });
      await confirmFromInbox(stack, 'gone@example.com');
      const [goneMail] = await inbox(stack.sesUrl, 'gone@example.com');
      const unsubscribe = header(goneMail!, 'List-Unsubscribe')!.slice(1, -1);
      await fetch(unsubscribe, {
        method: 'POST',
        body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
      });

      const db = new DynamoDBClient({ endpoint: stack.dynamoEndpoint });
      const { Items = [], ScannedCount } = await db.send(
        new QueryCommand({
          TableName: stack.tableName,
          IndexName: tableSchema.dueIndex.name,
          KeyConditionExpression: '#p = :p',
          ExpressionAttributeNames: { '#p': tableSchema.dueIndex.partitionKey },
          ExpressionAttributeValues: { ':p': { S: 'due#0' } },
        }),
      );
      expect(ScannedCount).toBe(1);
      expect(Items[0]?.[tableSchema.dueIndex.sortKey]?.S).toMatch(/#[a-z2-7]{16}$/);
    } finally {
      await stack.cleanup();
    }
  });
});

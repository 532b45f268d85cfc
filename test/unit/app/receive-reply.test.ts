import { describe, expect, it } from 'vitest';
import { parseMime } from '../../../functions/adapters/mime.ts';
import { confirm } from '../../../functions/app/confirm.ts';
import { receiveReply } from '../../../functions/app/receive-reply.ts';
import { subscribe } from '../../../functions/app/subscribe.ts';
import { MemoryRawMail, memoryDeps } from '../../support/memory-deps.ts';

/** A confirmed subscriber, the deps to read their replies, and how to send one. */
async function replying(email = 'rae@example.com') {
  const env = memoryDeps();
  await subscribe(env.deps, { email, name: 'Rae' }, 'form');
  await confirm(env.deps, /\/confirm\?t=([a-z0-9-]+)/.exec(env.mailer.sent[0]!.text)![1]!);
  const id = (await env.stores.subscribers.findIdByEmail(email))!;
  const rawMail = new MemoryRawMail();
  const deps = {
    ...env.deps,
    rawMail,
    parseMail: parseMime,
    rawPrefix: 'inbound/',
    maxRawBytes: 64 * 1024,
  };
  let n = 0;
  const reply = async (text: string, options: { from?: string; messageId?: string } = {}) => {
    const messageId = `m${++n}`;
    const lesson = env.mailer.sent.filter((m) => m.to === email).at(-1)!;
    rawMail.objects.set(
      `inbound/${messageId}`,
      Buffer.from(
        `From: ${options.from ?? email}\r\nTo: ${lesson.replyTo}\r\nSubject: Re: lesson\r\nMessage-ID: <${options.messageId ?? messageId}@mail.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`,
      ),
    );
    return receiveReply(deps, {
      messageId,
      receivedAt: env.clock.now().toISOString(),
      recipients: [lesson.replyTo],
      spam: 'PASS',
      virus: 'PASS',
    });
  };
  return { env, id, rawMail, reply };
}

describe('reading a reply, on the memory stores', () => {
  it('logs it as a check-in in the person’s own words', async () => {
    const { env, id, reply } = await replying();

    const result = await reply('My why: to learn from people further along.');

    expect(result.outcome).toBe('check-in');
    expect((await env.stores.checkIns.list(id)).map((c) => c.text)).toEqual([
      'My why: to learn from people further along.',
    ]);
  });

  it('counts the same message delivered twice once', async () => {
    const { env, id, reply } = await replying();

    await reply('Sam and Priya', { messageId: 'same' });
    const second = await reply('Sam and Priya', { messageId: 'same' });

    expect(second.outcome).toBe('duplicate');
    expect(await env.stores.checkIns.list(id)).toHaveLength(1);
  });

  it('rejects a reply from another address and keeps none of its text', async () => {
    const { env, id, rawMail, reply } = await replying();

    const result = await reply('stop', { from: 'stranger@example.com' });

    expect(result).toMatchObject({
      outcome: 'rejected',
      reason: 'From does not match the subscriber',
    });
    expect(rawMail.objects.size).toBe(0);
    expect(await env.stores.checkIns.list(id)).toEqual([]);
    expect(await env.stores.subscribers.get(id)).toMatchObject({ status: 'active' });
  });

  it('obeys a stop at once and confirms it by email', async () => {
    const { env, id, reply } = await replying();

    await reply('stop');

    expect(await env.stores.subscribers.get(id)).toMatchObject({ status: 'unsubscribed' });
    expect(env.mailer.to('rae@example.com').at(-1)).toBe('stopped');
  });

  it('hands a question to the operator once, with the subscriber as Reply-To, and tells them so', async () => {
    // Prepare
    const { env, reply } = await replying();
    // Act
    await reply('I picked Sam. Can I get the emails in German?', { messageId: 'q1' });
    await reply('I picked Sam. Can I get the emails in German?', { messageId: 'q1' });
    // Assess
    const forwarded = env.mailer.sent.filter((m) => m.to === 'operator@example.com');
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0]?.replyTo).toBe('rae@example.com');
    expect(forwarded[0]?.subject).not.toContain('German');
    expect(forwarded[0]?.text).toContain('The question: Can I get the emails in German?');
    const told = env.mailer.sent.filter((m) => m.to === 'rae@example.com').at(-1);
    expect(told?.text).toMatch(/person who runs this course, who will read it/);
  });

  it('escapes what the subscriber wrote in the email to the operator', async () => {
    const { env, reply } = await replying();

    await reply('Is <b>this</b> & that ok? <script>alert(1)</script>');

    const forwarded = env.mailer.sent.find((m) => m.to === 'operator@example.com');
    expect(forwarded?.html).toContain('&lt;script&gt;');
    expect(forwarded?.html).not.toContain('<script>');
  });
});

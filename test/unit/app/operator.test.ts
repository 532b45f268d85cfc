import { describe, expect, it } from 'vitest';
import { importSubscriber, suppressAddress } from '../../../functions/app/operator.ts';
import { subscribe } from '../../../functions/app/subscribe.ts';
import { memoryDeps } from '../../support/memory-deps.ts';

const header = (mail: { tags: Record<string, string> }) => mail.tags.email;

describe('importing a person from an operator’s list, on the memory stores', () => {
  it('starts the course at once with consent evidence, saying where it came from', async () => {
    const { deps, stores, mailer, events } = memoryDeps(new Date('2026-03-02T10:00:00Z'));
    const result = await importSubscriber(deps, {
      input: { email: 'bea@example.com', name: 'Bea', timezone: 'UTC' },
      consent: { at: '2025-10-03T00:00:00.000Z', origin: 'Webinar sign-up sheet' },
    });
    expect(result.outcome).toBe('started');
    expect(result.sent.map((s) => s.emailId)).toEqual(['lesson-1']);
    const bea = await stores.subscribers.get(result.subscriberId as string);
    expect(bea).toMatchObject({
      status: 'active',
      name: 'Bea',
      confirmSends: [],
      consent: {
        source: 'import',
        origin: 'Webinar sign-up sheet',
        signedUpAt: '2025-10-03T00:00:00.000Z',
        confirmedAt: '2026-03-02T10:00:00.000Z',
      },
    });
    expect(mailer.sent.map(header)).toEqual(['lesson-1']);
    expect(events.map((e) => e.type)).toEqual(['signed-up', 'confirmed', 'status', 'email-sent']);
  });

  it('sends the double opt-in without evidence, and never changes a known address', async () => {
    const { deps, stores, mailer } = memoryDeps();
    const invited = await importSubscriber(deps, {
      input: { email: 'cal@example.com', name: null, timezone: 'UTC' },
      consent: null,
    });
    expect(invited.outcome).toBe('invited');
    expect((await stores.subscribers.get(invited.subscriberId as string))?.status).toBe('pending');
    expect(mailer.sent.map(header)).toEqual(['confirm']);

    await subscribe(deps, { email: 'dan@example.com' }, 'form');
    for (const consent of [null, { at: '2025-10-03T00:00:00.000Z', origin: 'A list' }]) {
      for (const email of ['cal@example.com', 'dan@example.com']) {
        const again = await importSubscriber(deps, {
          input: { email, name: 'Changed', timezone: 'Asia/Tokyo' },
          consent,
        });
        expect(again.outcome).toBe('known');
      }
    }
    expect(mailer.sent.map(header)).toEqual(['confirm', 'confirm']);
    const dan = await stores.subscribers.get(
      (await stores.subscribers.findIdByEmail('dan@example.com')) as string,
    );
    expect(dan).toMatchObject({ status: 'pending', timezone: 'UTC', consent: { source: 'form' } });
  });
});

describe('suppressing an address from the console', () => {
  it('stops all mail for good, with the operator as the reason, counted as leaving', async () => {
    const { deps, stores, events } = memoryDeps();
    const { subscriberId } = await importSubscriber(deps, {
      input: { email: 'eve@example.com', name: null, timezone: 'UTC' },
      consent: { at: '2025-10-03T00:00:00.000Z', origin: 'A list' },
    });
    expect(await suppressAddress(deps, 'eve@example.com')).toEqual({
      outcome: 'suppressed',
      subscriberId,
    });
    expect(await stores.subscribers.get(subscriberId as string)).toMatchObject({
      status: 'suppressed',
      suppressedReason: 'suppressed by the operator',
      agenda: [],
    });
    expect(events.filter((e) => e.type === 'left')).toMatchObject([
      { reason: 'suppressed', step: 1 },
    ]);
    expect((await suppressAddress(deps, 'eve@example.com')).outcome).toBe('already');
    expect((await suppressAddress(deps, 'nobody@example.com')).outcome).toBe('unknown');
  });
});

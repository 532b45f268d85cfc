/**
 * Child process that plays one AWS service for the bench: dynalite or
 * aws-ses-v2-local (in memory, chosen by the first argument), with a counting
 * proxy in front. Each service runs in its own process, apart from the
 * process being measured, so the emulators' CPU time is not charged to the
 * code under test and one emulator's load does not slow the other (in AWS
 * they are separate services too). Talks to its parent over the IPC channel
 * only (see ./emulators.ts).
 */
import { startDynalite, startSes } from '../local/emulators.ts';
import { startCountingProxy } from './counting-proxy.ts';

/** Messages the parent sends. */
export type HostRequest = { id: number; type: 'counts' | 'reset' | 'usage' };

/** What the host process has used so far. */
export interface HostUsage {
  /** CPU time (user and system) since the process started, in milliseconds. */
  cpuMs: number;
}

/** The first message the host sends: where the emulator and its counting proxy listen. */
export interface HostReady {
  type: 'ready';
  endpoint: string;
  counted: string;
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('emulator-host must be started with an IPC channel');
  const service = process.argv[2];
  if (service !== 'dynamodb' && service !== 'sesv2')
    throw new Error('usage: emulator-host.ts dynamodb|sesv2');
  const emulator = service === 'dynamodb' ? await startDynalite(undefined) : await startSes(0);
  const proxy = await startCountingProxy(service, emulator.endpoint);
  process.on('message', (message: HostRequest) => {
    if (message.type === 'reset') {
      proxy.reset();
      process.send?.({ id: message.id, ok: true });
    } else if (message.type === 'counts') {
      process.send?.({ id: message.id, counts: proxy.counts() });
    } else if (message.type === 'usage') {
      const { user, system } = process.cpuUsage();
      const usage: HostUsage = { cpuMs: (user + system) / 1000 };
      process.send?.({ id: message.id, ...usage });
    }
  });
  // The parent going away (even killed) must not leave emulators behind.
  process.on('disconnect', () => process.exit(0));
  const ready: HostReady = { type: 'ready', endpoint: emulator.endpoint, counted: proxy.endpoint };
  process.send(ready);
}

main().catch((error: unknown) => {
  console.error('emulator host failed:', error);
  process.exit(1);
});

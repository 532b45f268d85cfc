import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../functions/config.ts';
import { pace } from '../functions/core/pacing/index.ts';
import { confirmSignup, decideSignup } from '../functions/core/signup.ts';
import type { Subscriber } from '../functions/core/subscriber.ts';
import { pacingContextFor } from '../functions/courses.ts';
import { compiledCourses } from '../functions/generated/templates.ts';
import { createDeps } from '../functions/wiring.ts';
import { ephemeralStack, startLocalStack } from '../local/stack.ts';
import { benchTokenKeys, quietLogger } from './deps.ts';
import { type Figure, progress } from './report.ts';

/** Interleaved sequences of tries running at once. */
const streams = 4;

/** The states an address can be in, as signup and "email me a fresh link" see them. */
const signupStates = ['new', 'pending', 'unsubscribed', 'active'] as const;
const linkStates = ['unknown', 'active'] as const;
type State = (typeof signupStates)[number] | (typeof linkStates)[number];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * How well the public answers hide whether an address is known: the local
 * stack answers `POST /subscribe` for new, pending, unsubscribed and active
 * addresses and `POST /manage/link` for unknown and active ones, `tries`
 * times each, interleaved (one of each state in turn, each try a fresh
 * address of its state, so every try takes its state's real path: a
 * confirmation or link email sent, or nothing). The figure is the largest
 * gap between the medians of two states of one endpoint, in ms.
 */
export async function measureEnumerationTiming(tries: number): Promise<Figure> {
  progress(`enumeration timing: ${tries} interleaved tries per state`);
  const dataDir = mkdtempSync(join(tmpdir(), 'drip-bench-timing-'));
  const stack = await startLocalStack({
    ...ephemeralStack,
    dataDir,
    env: { TOKEN_KEYS: benchTokenKeys },
    logger: quietLogger,
  });
  try {
    const config = loadConfig({
      TABLE_NAME: stack.tableName,
      FROM_ADDRESS: 'coach@drip-coach.test',
      OPERATOR_EMAIL: 'operator@drip-coach.test',
      REPLY_DOMAIN: stack.replyDomain,
      BASE_URL: stack.url,
      POSTAL_ADDRESS: '1 Example Street, Springfield',
      TOKEN_KEYS: benchTokenKeys,
    });
    const deps = createDeps(config, config.TOKEN_KEYS ?? [], compiledCourses, {
      clock: stack.clock,
      logger: quietLogger,
    });
    const course = compiledCourses.relationships;
    if (!course) throw new Error('the relationships course is missing');
    // Seeded as signup, confirm and unsubscribe leave them, a day ago, so no throttle applies.
    const dayAgo = new Date(stack.clock.now().getTime() - 86_400_000);
    const seeded = async (email: string, state: 'pending' | 'unsubscribed' | 'active') => {
      const id = await deps.subscribers.claimEmail(email, deps.ids.subscriberId());
      const signup = decideSignup(
        null,
        { email, name: null, timezone: 'UTC' },
        'form',
        dayAgo,
        { id, nonce: deps.ids.nonce() },
        course.id,
      );
      let subscriber: Subscriber = signup.state;
      if (state !== 'pending') {
        const nonce = signup.request?.nonce ?? '';
        const decision = confirmSignup(subscriber, nonce, dayAgo, pacingContextFor(course));
        if (decision.kind !== 'confirmed') throw new Error('seed did not confirm');
        subscriber = decision.result.state;
      }
      if (state === 'unsubscribed') {
        subscriber = pace(
          subscriber,
          { type: 'unsubscribed' },
          dayAgo,
          pacingContextFor(course),
        ).state;
      }
      if (!(await deps.subscribers.save(subscriber))) throw new Error(`seed ${email} exists`);
    };
    const address = (state: State, i: number, endpoint: string) =>
      `${endpoint}-${state}-${i}@timing.example`;
    for (const [endpoint, states] of [
      ['signup', signupStates],
      ['link', linkStates],
    ] as const) {
      for (const state of states) {
        if (state === 'new' || state === 'unknown') continue;
        for (let i = 0; i < tries; i += 50) {
          await Promise.all(
            Array.from({ length: Math.min(50, tries - i) }, (_, j) =>
              seeded(address(state, i + j, endpoint), state),
            ),
          );
        }
      }
    }

    const post = async (path: string, email: string) => {
      const started = performance.now();
      const response = await fetch(`${stack.url}${path}`, {
        method: 'POST',
        body: new URLSearchParams({ email, timezone: 'UTC' }),
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      return performance.now() - started;
    };
    const times = new Map<string, number[]>();
    const record = (key: string, ms: number) => times.set(key, [...(times.get(key) ?? []), ms]);
    // A few interleaved streams at once, as several visitors would be: every
    // state meets the same contention, and the run takes minutes, not ten.
    let next = 0;
    const stream = async () => {
      for (let i = next++; i < tries; i = next++) {
        for (const state of signupStates) {
          record(`signup ${state}`, await post('/subscribe', address(state, i, 'signup')));
        }
        for (const state of linkStates) {
          record(`link ${state}`, await post('/manage/link', address(state, i, 'link')));
        }
      }
    };
    await Promise.all(Array.from({ length: streams }, stream));
    const medians = Object.fromEntries([...times].map(([key, values]) => [key, median(values)]));
    const gap = (endpoint: string) => {
      const values = Object.entries(medians)
        .filter(([key]) => key.startsWith(`${endpoint} `))
        .map(([, value]) => value);
      return Math.max(...values) - Math.min(...values);
    };
    const details: Record<string, number> = {};
    for (const [key, value] of Object.entries(medians)) {
      details[`median_ms_${key.replace(' ', '_')}`] = Number(value.toFixed(2));
    }
    details.gap_ms_signup = Number(gap('signup').toFixed(2));
    details.gap_ms_link = Number(gap('link').toFixed(2));
    details.answer_floor_ms = deps.answerFloorMs;
    return {
      name: 'enumeration_timing_gap_ms',
      value: Math.max(gap('signup'), gap('link')),
      unit: 'ms',
      target: { op: '<=', value: 2 },
      details,
      notes: [
        `largest gap between the medians of ${tries} interleaved tries per address state (signup: ${signupStates.join(', ')}; fresh link: ${linkStates.join(', ')}), ${streams} streams at once; both answers are held to a floor of ${deps.answerFloorMs} ms (ANSWER_FLOOR_MS)`,
      ],
    };
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

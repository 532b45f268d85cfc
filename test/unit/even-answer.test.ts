import { describe, expect, it } from 'vitest';
import { answerEvenly } from '../../functions/app/even-answer.ts';
import type { Timer } from '../../functions/ports/runtime.ts';

/** A timer that only moves when work or a sleep moves it. */
function manualTimer() {
  let now = 0;
  const sleeps: number[] = [];
  const timer: Timer = {
    elapsedMs: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
  return { timer, sleeps, spend: (ms: number) => (now += ms) };
}

function recordingLog() {
  const warnings: Record<string, unknown>[] = [];
  return {
    warnings,
    log: { info() {}, error() {}, warn: (_: string, f = {}) => warnings.push(f) },
  };
}

describe('answering evenly', () => {
  it('holds a fast answer and a slow one to the same floor', async () => {
    const { timer, sleeps, spend } = manualTimer();
    const { log, warnings } = recordingLog();

    const fast = await answerEvenly({ timer, log }, 300, async () => spend(5));
    const slow = await answerEvenly({ timer, log }, 300, async () => spend(120));

    expect([fast, slow]).toEqual([5, 420]);
    expect(sleeps).toEqual([295, 180]);
    expect(warnings).toEqual([]);
  });

  it('waits out the floor even when the work fails, then fails the same way', async () => {
    const { timer, sleeps, spend } = manualTimer();
    const { log } = recordingLog();

    const answer = answerEvenly({ timer, log }, 300, async () => {
      spend(40);
      throw new Error('store down');
    });

    await expect(answer).rejects.toThrow('store down');
    expect(sleeps).toEqual([260]);
  });

  it('tells the operator when the work overran the floor', async () => {
    const { timer, sleeps, spend } = manualTimer();
    const { log, warnings } = recordingLog();

    await answerEvenly({ timer, log }, 300, async () => spend(450));

    expect(sleeps).toEqual([]);
    expect(warnings).toEqual([{ spentMs: 450, floorMs: 300 }]);
  });
});

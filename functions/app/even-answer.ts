import type { Logger, Timer } from '../ports/runtime.ts';

/**
 * Runs `work` and answers no sooner than `floorMs` after it started, so the
 * time an answer takes tells nothing about which path the work took (a new
 * address that gets a confirmation email against a known one that gets
 * nothing). Work that overruns the floor is logged: the floor is then too low
 * for this deployment, and timing could tell the paths apart again.
 */
export async function answerEvenly<T>(
  deps: { timer: Timer; log: Logger },
  floorMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const start = deps.timer.elapsedMs();
  try {
    return await work();
  } finally {
    const spent = deps.timer.elapsedMs() - start;
    if (spent < floorMs) await deps.timer.sleep(floorMs - spent);
    else
      deps.log.warn('answer took longer than its floor', { spentMs: Math.round(spent), floorMs });
  }
}

import { readFileSync, writeFileSync } from 'node:fs';
import type { Clock } from '../functions/ports/ports.ts';

/**
 * The local stack's clock: real time plus an offset that only moves forward.
 * The offset is kept in the data folder so a restart keeps the moved time.
 */
export class DevClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly file?: string) {
    if (!file) return;
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: unknown };
      if (typeof saved.offsetMs === 'number' && saved.offsetMs >= 0) this.offsetMs = saved.offsetMs;
    } catch {
      // No saved offset yet: start at real time.
    }
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the clock forward to `instant` (never back). */
  advanceTo(instant: Date): void {
    const wanted = instant.getTime() - Date.now();
    if (wanted <= this.offsetMs) return;
    this.offsetMs = wanted;
    if (this.file) writeFileSync(this.file, JSON.stringify({ offsetMs: this.offsetMs }));
  }
}

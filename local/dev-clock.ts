import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { Clock } from '../functions/ports/runtime.ts';

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

const advanceSchema = z.object({
  advanceHours: z
    .number()
    .finite()
    .min(0)
    .max(24 * 366 * 2),
});

/** An answer of the dev clock route. */
export interface DevClockAnswer {
  status: number;
  json: unknown;
}

/**
 * `POST /_dev/clock` `{"advanceHours": N}`: moves the clock through `advance`.
 * Only JSON is taken (415 otherwise): a web page can send a form or `text/plain`
 * to any address without asking, but JSON needs a CORS preflight this server
 * never grants. A present `Origin` must be one of the site's own origins (403
 * otherwise), which also stops a page reaching it under a rebound DNS name.
 * curl sends no `Origin`, so the README's command keeps working.
 */
export async function devClockPost(
  body: Buffer,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  ownOrigins: readonly string[],
  advance: (hours: number) => Promise<unknown>,
): Promise<DevClockAnswer> {
  const contentType = headers['content-type'];
  const mediaType = typeof contentType === 'string' ? contentType.split(';')[0] : '';
  if (mediaType?.trim().toLowerCase() !== 'application/json') {
    return { status: 415, json: { error: 'send JSON: content-type: application/json' } };
  }
  const origin = headers.origin;
  if (origin !== undefined && (typeof origin !== 'string' || !ownOrigins.includes(origin))) {
    return { status: 403, json: { error: 'the dev clock takes no posts from other sites' } };
  }
  let parsed: z.infer<typeof advanceSchema>;
  try {
    parsed = advanceSchema.parse(JSON.parse(body.toString('utf8') || '{}'));
  } catch {
    return { status: 400, json: { error: 'expected JSON {"advanceHours": N} with N >= 0' } };
  }
  return { status: 200, json: await advance(parsed.advanceHours) };
}

import { InvalidEventError } from '../../core/errors.ts';
import * as z from '../../core/zod.ts';

/**
 * A timestamp `new Date` can read: checked in the schema, so turning it into
 * ISO 8601 later cannot throw a RangeError that would pass for an outage.
 */
export const isoTimestamp = z.string().check(
  z.maxLength(64),
  z.refine((value) => !Number.isNaN(Date.parse(value)), 'an ISO 8601 timestamp'),
);

/** The first issue of a failed parse, as `path: message`, fit for a log line. */
export function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * Parses `input` with `schema`, or throws {@link InvalidEventError} whose
 * reason starts with `where` (when given) and names the first issue.
 */
export function parseOrInvalid<T extends z.ZodMiniType>(
  schema: T,
  input: unknown,
  where?: string,
): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = issueText(parsed.error);
  throw new InvalidEventError(where ? `${where}: ${issue}` : issue);
}

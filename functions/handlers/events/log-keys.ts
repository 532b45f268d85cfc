/**
 * The ids a log line of one invocation carries, read from its event without
 * trusting its shape (a malformed event is the handler's to report).
 */

type Loose = Record<string, unknown> | undefined;

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;

const records = (event: unknown): unknown[] => {
  const list = field(event, 'Records');
  return Array.isArray(list) ? list.slice(0, 10) : [];
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length <= 200 ? value : undefined;

/** The SES message ids of a receipt event. */
export function receiptLogKeys(event: unknown): Record<string, string> {
  const ids = records(event)
    .map((r) => text(field(field(field(r, 'ses'), 'mail'), 'messageId')))
    .filter((id): id is string => !!id);
  return ids.length > 0 ? { messageId: ids.join(',') } : {};
}

/** The EventBridge event id, or the SNS message ids, of an SES sending event. */
export function sendingEventLogKeys(event: unknown): Record<string, string> {
  const id = text(field(event, 'id'));
  if (id) return { eventId: id };
  const ids = records(event)
    .map((r) => text(field(field(r, 'Sns'), 'MessageId')))
    .filter((v): v is string => !!v);
  return ids.length > 0 ? { eventId: ids.join(',') } : {};
}

/** The HTTP API's own request id. */
export function webLogKeys(event: unknown): Record<string, string> {
  const id = text(field(field(event as Loose, 'requestContext'), 'requestId'));
  return id ? { apiRequestId: id } : {};
}

import type { CompiledCourse } from '../functions/core/course.ts';
import type { CheckIn, InboundLogEntry, SendRecord } from '../functions/core/records.ts';
import type { Subscriber } from '../functions/core/subscriber.ts';

/**
 * One person's story for `coach subscriber`: emails, replies and what was
 * read from them, meetings, people and state changes, from the records the
 * coach keeps (the profile, its consent history, the send ledger, the
 * check-ins and the inbound log). Pure.
 */

export type TimelineKind = 'consent' | 'email' | 'reply' | 'state' | 'meeting' | 'person';

export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  text: string;
  /** For replies: what the reader took from it (the check-in's reading). */
  read?: Record<string, unknown>;
}

export interface NextEntry {
  dueAt: string;
  emailId: string;
  kind: string;
}

export interface Timeline {
  profile: {
    id: string;
    email: string;
    name: string | null;
    status: string;
    course: string;
    pace: string;
    timezone: string;
    locale: string | null;
    sendHour: number;
    position: number;
    awaiting: Subscriber['awaiting'];
    pausedUntil: string | null;
    stoppedBecause: string | null;
    people: string[];
  };
  entries: TimelineEntry[];
  next: NextEntry[];
}

/** Notes the pacing sends when the state changes: the send stands for the change. */
const stateNotes: Record<string, string> = {
  paused: 'paused',
  resumed: 'resumed',
  stopped: 'stopped by a reply',
  graduated: 'graduated: said the habit is theirs',
  'still-there': 'paused after a long silence',
  'pace-changed': 'pace changed',
  skipped: 'skipped ahead',
  'not-yet': 'asked for more time',
};

/** The non-empty parts of a reading: what a reply was understood to say. */
export function whatWasRead(understood: Record<string, unknown>): Record<string, unknown> {
  const read: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(understood)) {
    if (value === null || value === undefined || value === '' || value === false) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) {
      continue;
    }
    read[key] = value;
  }
  return read;
}

function sendText(record: SendRecord): string {
  const note = stateNotes[record.emailId];
  const outcome =
    record.status === 'sent'
      ? 'sent'
      : record.status === 'claimed'
        ? 'being sent'
        : `${record.status}${record.reason ? ` (${record.reason})` : ''}`;
  return `${record.emailId} ${outcome}${note && record.status === 'sent' ? `; ${note}` : ''}`;
}

function consentEntries(s: Subscriber): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const { history = [], ...current } = s.consent;
  for (const consent of [...history, current]) {
    const origin = (consent as { origin?: string }).origin;
    entries.push({
      at: consent.signedUpAt,
      kind: 'consent',
      text: `signed up (${consent.source}${origin ? `: ${origin}` : ''})`,
    });
    if (consent.confirmedAt) {
      entries.push({ at: consent.confirmedAt, kind: 'consent', text: 'confirmed: course started' });
    }
    if (consent.unsubscribedAt) {
      entries.push({ at: consent.unsubscribedAt, kind: 'state', text: 'unsubscribed' });
    }
  }
  return entries;
}

/** Builds the timeline, oldest first, and what is scheduled next. */
export function buildTimeline(input: {
  subscriber: Subscriber;
  course: Pick<CompiledCourse, 'emails'> | undefined;
  sends: readonly SendRecord[];
  checkIns: readonly CheckIn[];
  inbound: readonly InboundLogEntry[];
}): Timeline {
  const s = input.subscriber;
  const entries: TimelineEntry[] = [...consentEntries(s)];
  for (const record of input.sends) {
    entries.push({ at: record.sentAt ?? record.claimedAt, kind: 'email', text: sendText(record) });
  }
  const checkIns = new Map(input.checkIns.map((c) => [c.id, c]));
  const logged = new Set<string>();
  for (const entry of input.inbound) {
    const checkIn = checkIns.get(entry.id);
    logged.add(entry.id);
    if (checkIn) {
      entries.push({
        at: entry.at,
        kind: 'reply',
        text: `reply${checkIn.step ? ` to lesson ${checkIn.step}` : ''} (${entry.reason}): "${oneLine(checkIn.text)}"`,
        read: whatWasRead(checkIn.understood),
      });
    } else {
      entries.push({ at: entry.at, kind: 'reply', text: `${entry.outcome}: ${entry.reason}` });
    }
  }
  // Check-ins the inbound log lost track of still show.
  for (const checkIn of input.checkIns) {
    if (logged.has(checkIn.id)) continue;
    entries.push({
      at: checkIn.at,
      kind: 'reply',
      text: `reply${checkIn.step ? ` to lesson ${checkIn.step}` : ''}: "${oneLine(checkIn.text)}"`,
      read: whatWasRead(checkIn.understood),
    });
  }
  for (const meeting of s.meetings) {
    entries.push({ at: meeting.at, kind: 'meeting', text: `met ${meeting.names.join(', ')}` });
  }
  for (const person of s.people) {
    entries.push({
      at: person.addedAt,
      kind: 'person',
      text: `added ${person.name} to their people${person.met ? ' (met)' : ''}`,
    });
  }
  if (s.suppressedReason) {
    const at = input.sends.at(-1)?.claimedAt ?? s.createdAt;
    entries.push({ at, kind: 'state', text: `mail stopped: ${s.suppressedReason}` });
  }
  entries.sort((a, b) => a.at.localeCompare(b.at));
  const next = [...s.agenda]
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
    .map((item) => ({ dueAt: item.dueAt, emailId: item.emailId, kind: item.kind }));
  return {
    profile: {
      id: s.id,
      email: s.email,
      name: s.name,
      status: s.status,
      course: s.courseId,
      pace: s.pace,
      timezone: s.timezone,
      locale: (s as { locale?: string }).locale ?? null,
      sendHour: s.sendHour,
      position: s.position,
      awaiting: s.awaiting,
      pausedUntil: s.pausedUntil,
      stoppedBecause: s.suppressedReason,
      people: s.people.map((p) => p.name),
    },
    entries,
    next,
  };
}

function oneLine(text: string, limit = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}

/** A UTC instant as `2026-03-02 10:00`. */
export function shortTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/** The timeline as text for a terminal. */
export function timelineText(timeline: Timeline, subjectOf: (emailId: string) => string): string {
  const p = timeline.profile;
  const lines = [
    `${p.name ?? '(no name)'} <${p.email}>  id ${p.id}`,
    `${p.status} · course ${p.course} · pace ${p.pace} · ${p.timezone} at ${String(p.sendHour).padStart(2, '0')}:00${p.locale ? ` · ${p.locale}` : ''}`,
    ...(p.awaiting
      ? [
          `waiting for a reply to lesson ${p.awaiting.step} (sent ${shortTime(p.awaiting.sentAt)}; ${p.awaiting.replied ? 'answered' : 'no answer yet'})`,
        ]
      : []),
    ...(p.pausedUntil ? [`paused until ${shortTime(p.pausedUntil)}`] : []),
    ...(p.people.length > 0 ? [`people: ${p.people.join(', ')}`] : []),
    '',
    'Timeline (UTC)',
  ];
  for (const entry of timeline.entries) {
    lines.push(`  ${shortTime(entry.at)}  ${entry.kind.padEnd(8)} ${entry.text}`);
    if (entry.read && Object.keys(entry.read).length > 0) {
      lines.push(`  ${' '.repeat(16)}  ${' '.repeat(8)} read: ${JSON.stringify(entry.read)}`);
    }
  }
  lines.push('', 'Next');
  if (timeline.next.length === 0) lines.push('  nothing is scheduled');
  for (const item of timeline.next) {
    lines.push(
      `  ${shortTime(item.dueAt)}  ${item.emailId} (${item.kind}): ${subjectOf(item.emailId)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

import type { CheckIn, InboundLogEntry, SendRecord } from './records.ts';
import type { Subscriber } from './subscriber.ts';

/** Everything read from the store about one subscriber, for an export. */
export interface ExportInput {
  subscriber: Subscriber;
  courseTitle: string;
  checkIns: readonly CheckIn[];
  sends: readonly SendRecord[];
  inbound: readonly InboundLogEntry[];
  now: Date;
}

/** Version of the export's shape, so a reader can tell future changes apart. */
export const exportFormat = 'drip-coach-export/1';

/**
 * Builds the "Download my data" document: every record held about the
 * subscriber, grouped so a person can read it. Times are ISO 8601 UTC. Left
 * out on purpose: the single-use confirm nonce (a credential, not data about
 * anyone) and storage locations of raw replies (the check-ins hold their text).
 */
export function buildDataExport(input: ExportInput) {
  const { subscriber: s, now } = input;
  return {
    format: exportFormat,
    exportedAt: now.toISOString(),
    about:
      'Everything drip-coach holds about you. Times are UTC (ISO 8601). Delete it all from your manage page.',
    profile: {
      id: s.id,
      email: s.email,
      name: s.name,
      status: s.status,
      course: { id: s.courseId, title: input.courseTitle },
      createdAt: s.createdAt,
    },
    preferences: {
      pace: s.pace,
      sendHour: s.sendHour,
      timezone: s.timezone,
      locale: s.locale,
      skipWeekends: s.skipWeekends,
    },
    consent: {
      signedUpAt: s.consent.signedUpAt,
      source: s.consent.source,
      ...(s.consent.origin ? { origin: s.consent.origin } : {}),
      confirmedAt: s.consent.confirmedAt,
      unsubscribedAt: s.consent.unsubscribedAt,
      earlier: s.consent.history ?? [],
      confirmationEmailsRequested: s.confirmSends,
      manageLinksRequested: s.manageLinkSends,
    },
    progress: {
      position: s.position,
      awaiting: s.awaiting,
      lastLessonAt: s.lastLessonAt,
      lastReplyAt: s.lastReplyAt,
      pausedUntil: s.pausedUntil,
      scheduled: [...s.agenda]
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
        .map((i) => ({ emailId: i.emailId, kind: i.kind, dueAt: i.dueAt, values: i.vars })),
    },
    whatYouToldUs: { why: s.why, offer: s.offer },
    people: s.people,
    meetings: s.meetings,
    checkIns: input.checkIns.map((c) => ({
      id: c.id,
      at: c.at,
      step: c.step,
      text: c.text,
      understood: c.understood,
      // What the subscriber corrected of what was understood, oldest first.
      corrections: c.corrections ?? [],
    })),
    repliesReceived: input.inbound.map((i) => ({
      id: i.id,
      at: i.at,
      outcome: i.outcome,
      reason: i.reason,
    })),
    emailsSent: [...input.sends]
      .sort((a, b) => a.claimedAt.localeCompare(b.claimedAt))
      .map((r) => ({
        emailId: r.emailId,
        sendKey: r.sendKey,
        status: r.status,
        at: r.sentAt ?? r.claimedAt,
        messageId: r.messageId ?? null,
      })),
    delivery: { softBounces: s.softBounces, stoppedBecause: s.suppressedReason },
    bookkeeping: {
      courseRuns: s.run,
      silentStreak: s.silentStreak,
      quietCheckIns: s.quietCheckIns,
      version: s.version,
    },
  };
}

/** The export document's type. */
export type DataExport = ReturnType<typeof buildDataExport>;

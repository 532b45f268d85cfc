/**
 * The CloudWatch metrics the functions publish (embedded metric format) and
 * the alarms in infra/ watch: one list, so a renamed metric cannot leave an
 * alarm watching nothing.
 */
export const metricNamespace = 'DripCoach';

/**
 * Every metric carries the dimension `service` with this value (Powertools'
 * default dimension), and only the metrics documented below carry one more.
 * An alarm must name exactly these dimensions to see the metric.
 */
export const metricService = 'drip-coach';

export const metricNames = {
  /** Emails handed to SES, by `Kind` (lesson, nudge, follow-up, check-in, note, system). */
  emailsSent: 'EmailsSent',
  /** Replies received, by `Outcome` (check-in, auto-reply, rejected, duplicate). */
  replies: 'Replies',
  /** Reply commands obeyed, by `Command` (pause, stop, slower...). */
  commands: 'Commands',
  /** Things the reader got wrong that a subscriber corrected on the manage page (service only). */
  readerCorrections: 'ReaderCorrections',
  /** Sends whose outcome became unknown: no answer from SES (service only). */
  unknownSends: 'UnknownSends',
  /** Unknown sends a tick found still waiting for SES's record to settle them (service only). */
  unresolvedSends: 'UnresolvedSends',
  /** Subscribers lost to a permanent bounce. */
  bounces: 'Bounces',
  /** Subscribers lost to a complaint. */
  complaints: 'Complaints',
  /** Subscribers who unsubscribed. */
  unsubscribes: 'Unsubscribes',
  signups: 'Signups',
  confirmations: 'Confirmations',
  /** People met, as the subscribers reported them. */
  meetings: 'MeetingsLogged',
} as const;

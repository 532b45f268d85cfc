/**
 * The reply reader: one entry point, `understandReply`, and its types. The parts live one
 * concern a file: language.ts, dates.ts (with date-extras.ts and calendar.ts), commands.ts
 * (with command-phrases.ts and absence.ts), people.ts (with names.ts and meetings.ts),
 * events.ts, why.ts; text.ts, typos.ts and words.ts are shared by them.
 */
export { findDateMentions, isPlausibleResumeDate } from './date-mentions.ts';
export type {
  DateMention,
  Language,
  LocatedDate,
  Plan,
  ReplyCommand,
  ReplyContext,
  ReplyKind,
  Understanding,
} from './types.ts';
export { noUnderstanding } from './types.ts';
export { understandReply } from './understand.ts';

/**
 * What the reply reader produces. `Understanding` keeps the shape pacing consumes
 * (`ReplyFacts` in core/pacing.ts) and adds optional fields for later use.
 */

/** What a reply can ask the course to do. */
export type ReplyCommand =
  | 'pause'
  | 'resume'
  | 'stop'
  | 'faster'
  | 'slower'
  | 'skip'
  | 'done'
  | 'not-yet';

/** The languages the reader knows; anything else is read as English. */
export type Language = 'en' | 'de' | 'fr' | 'es' | 'nl';

/**
 * What kind of reply it is, decided before any detail (COACHING.md: a command, "not yet", a
 * plan, a report of something done, news, a question, discouragement).
 */
export type ReplyKind =
  | 'command'
  | 'auto-reply'
  | 'report'
  | 'plan'
  | 'answer'
  | 'news'
  | 'question'
  | 'discouragement'
  | 'other';

/** A date the reply mentions, as written and as a local calendar date. */
export interface DateMention {
  text: string;
  /** Local calendar date in the subscriber's zone, YYYY-MM-DD. */
  date: string;
}

/** A date mention with where it was found, for callers that read the words around it. */
export interface LocatedDate extends DateMention {
  /** Offset of `text` in the (length-capped) input. */
  index: number;
  /** For a range ("Dec 20 - Jan 5"), the local date the range ends; else null. */
  endDate: string | null;
  /** Whether the text states the year; a year inferred may be next year's guess. */
  yearStated: boolean;
}

/** A plan the reply states: who (if anyone) and when (if a date was given). */
export interface Plan {
  text: string;
  people: string[];
  date: string | null;
}

/** Everything the coach could read from one reply. */
export interface Understanding {
  command: ReplyCommand | null;
  /** The local date a pause, "busy until" or "back on" runs to (the day to resume), or null. */
  until: string | null;
  /** Explicit future dates of plans and events (never vague times, past days or cancelled plans). */
  dates: DateMention[];
  /** Step 1: the person's why (a sentence or two, trimmed, <= 300 chars). */
  why: string | null;
  /** Step 1: one thing they can offer, if stated. */
  offer: string | null;
  /** 0-5 people named as contacts (picked, planned, met), as written ("Sam", "Priya Shah"). */
  people: string[];
  /** The event they plan to attend (not cancelled, not past) and its date. */
  event: { name: string; date: string | null } | null;
  /** Only the people the reply says were actually met. */
  met: string[];
  /** The language the reply was read in. */
  language?: Language;
  /** What kind of reply it is. */
  kind?: ReplyKind;
  /** The person finds this hard (low, stuck, alone, wanting to give up): they get help, not the next lesson. */
  discouraged?: boolean;
  /** Good news: a job, an interview, a promotion. */
  news?: boolean;
  /** The questions put to the coach, as written, or null: a person answers them. */
  question?: string | null;
  /** Plans stated (people and date), which are not meetings. */
  plans?: Plan[];
  /** Plans or meetings the reply says did not or will not happen. */
  negated?: Plan[];
}

/** What the reader needs to know about the reply's situation. */
export interface ReplyContext {
  /** The course step the reply answers (1-4), or null when it answers no lesson. */
  step: number | null;
  now: Date;
  /** The subscriber's IANA time zone. */
  timezone: string;
  /** The subscriber's locale (BCP 47, e.g. 'en-GB', 'de-DE'); decides the order of numeric dates. */
  locale?: string;
}

/** What a reply says when nothing in it could be read. */
export function noUnderstanding(): Understanding {
  return {
    command: null,
    until: null,
    dates: [],
    why: null,
    offer: null,
    people: [],
    event: null,
    met: [],
  };
}

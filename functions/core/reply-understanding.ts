/**
 * Understanding what a subscriber's reply says: a command for the course ("pause", "stop",
 * "busy until the 14th"), the dates it mentions, and the answer to the lesson's question (step 1
 * why and offer, step 2 people, step 3 event, step 4 who they met).
 *
 * Pure and bounded: time and zone come from the caller, input is capped, chrono-node does the
 * date reading in the subscriber's zone, and everything else is line/sentence heuristics with
 * anchored, bounded regexes. It is deliberately conservative: a reply is only a command when it
 * is essentially the command, and names need the shape of names.
 */
import * as chrono from 'chrono-node';
import { addLocalDays, type LocalDate, toLocal } from './send-window.ts';

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
  /** Whether the text states the year; a year chrono inferred may be next year's guess. */
  yearStated: boolean;
}

/** Everything the coach could read from one reply. */
export interface Understanding {
  command: ReplyCommand | null;
  /** "busy until <date>", "back on the 14th", "pause until Jan 5": local date to resume, or null. */
  until: string | null;
  /** Every future-leaning date mentioned, in order. */
  dates: DateMention[];
  /** Step 1: the person's why (a sentence or two, trimmed, <= 300 chars). */
  why: string | null;
  /** Step 1: one thing they can offer, if stated. */
  offer: string | null;
  /** Step 2: 0-5 person names (as written, e.g. "Sam", "Priya Shah"). */
  people: string[];
  /** Step 3: the event they picked and its date. */
  event: { name: string; date: string | null } | null;
  /** Step 4: names of who they met. */
  met: string[];
}

/** What the reader needs to know about the reply's situation. */
export interface ReplyContext {
  /** The course step the reply answers (1-4), or null when it answers no lesson. */
  step: number | null;
  now: Date;
  /** The subscriber's IANA time zone. */
  timezone: string;
}

/** Replies are a few sentences; anything longer is cut so date parsing stays fast. */
const MAX_UNDERSTAND_CHARS = 4000;

/** A reply up to this many words may carry its command in a clause ("Pause please, I'm away"). */
const SHORT_REPLY_WORDS = 30;

/** Longer lines or clauses are never "just a command". */
const MAX_COMMAND_CHARS = 120;

const MAX_PEOPLE = 5;
const MAX_WHY_CHARS = 300;

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function formatLocalDate(date: LocalDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function weekdayOf(date: LocalDate): number {
  const d = new Date(0);
  d.setUTCFullYear(date.year, date.month - 1, date.day);
  return d.getUTCDay();
}

interface Zone {
  offsetMinutes: number;
  today: LocalDate;
  /**
   * The start of today in the zone. Dates are read relative to it rather than to `now`, because
   * chrono's forwardDate would otherwise push a date-only mention of today (read as noon) a
   * year ahead once noon has passed.
   */
  startOfDay: Date;
}

/** The zone's UTC offset in minutes at `now`, and the local calendar date there. */
function zoneAt(now: Date, timezone: string): Zone {
  const local = toLocal(now, timezone);
  const wall = new Date(0);
  wall.setUTCFullYear(local.year, local.month - 1, local.day);
  wall.setUTCHours(local.hour, local.minute, 0, 0);
  const nowToMinute = Math.floor(now.getTime() / 60_000) * 60_000;
  return {
    offsetMinutes: Math.round((wall.getTime() - nowToMinute) / 60_000),
    today: { year: local.year, month: local.month, day: local.day },
    startOfDay: new Date(nowToMinute - (local.hour * 60 + local.minute) * 60_000),
  };
}

const weekdayNames = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Words that make "the 3rd" an ordinal of something other than a day ("the 2nd floor"). */
const ordinalNouns =
  /^\s+(?:time|times|floor|step|lesson|place|grade|year|anniversary|birthday|person|one|attempt|week|weeks|month|round|edition|row|street|st|avenue|ave|century|draft|version|try|item|point|option|level|stage|quarter|child|kid)\b/i;

/**
 * "the 14th", "Friday the 13th": a day of the month with no month named. The date is the next
 * such day on or after today (and, with a weekday, the next one falling on that weekday).
 */
function ordinalDates(
  text: string,
  today: LocalDate,
): { index: number; text: string; date: LocalDate }[] {
  const found: { index: number; text: string; date: LocalDate }[] = [];
  const pattern =
    /\b(?:(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?,?\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b/gi;
  for (const match of text.matchAll(pattern)) {
    const day = Number(match[2]);
    if (day < 1 || day > 31) continue;
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 30);
    if (ordinalNouns.test(after) || /^\s+of\s+\p{L}/u.test(after)) continue;
    const weekdayWord = match[1]?.toLowerCase();
    const weekday = weekdayWord
      ? weekdayNames.findIndex((name) => name.startsWith(weekdayWord.slice(0, 3)))
      : -1;
    let year = today.year;
    let month = today.month;
    let chosen: LocalDate | null = null;
    let fallback: LocalDate | null = null;
    // Fourteen months always contain every day number and every weekday/day-number pairing.
    for (let step = 0; step < 14 && !chosen; step++) {
      if (day <= daysInMonth(year, month) && (step > 0 || day >= today.day)) {
        const candidate = { year, month, day };
        fallback ??= candidate;
        if (weekday === -1 || weekdayOf(candidate) === weekday) chosen = candidate;
      }
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
    const date = chosen ?? fallback;
    if (date) found.push({ index: match.index, text: match[0], date });
  }
  return found;
}

/** "now" is a moment, not a date anyone plans around. */
const bareNow = /^(?:right\s+)?now$/i;

/**
 * Month-only mentions ("April") count only after a word that makes them a date ("in April",
 * "until April"), so "April and Maya" stays a list of people.
 */
const monthCue =
  /\b(?:in|until|till|til|by|from|through|thru|since|before|after|of|early|mid|late|end|start|beginning|next|this|during)[\s-]+$/i;

type ChronoDate = {
  index: number;
  text: string;
  date: LocalDate;
  end: LocalDate | null;
  yearStated: boolean;
};

function chronoDates(text: string, now: Date, offsetMinutes: number): ChronoDate[] {
  const parse = (input: string): chrono.ParsedResult[] => {
    try {
      return chrono.parse(input, { instant: now, timezone: offsetMinutes }, { forwardDate: true });
    } catch {
      return [];
    }
  };
  const found: ChronoDate[] = [];
  const consider = (result: chrono.ParsedResult, offset: number, retries: number): void => {
    const start = result.start;
    const index = offset + result.index;
    const certainDay = start.isCertain('day') || start.isCertain('weekday');
    const monthOnly = !certainDay && start.isCertain('month');
    if (!certainDay && !monthOnly) {
      // "night next Thursday": chrono merged a time-of-day word and lost the weekday; read on
      // from the next word. Otherwise a bare time ("at 5") or vague span ("this week").
      const space = result.text.indexOf(' ');
      if (retries > 0 && space > 0) {
        const rest = result.text.slice(space + 1);
        for (const again of parse(rest)) consider(again, index + space + 1, retries - 1);
      }
      return;
    }
    if (bareNow.test(result.text.trim())) return;
    if (
      monthOnly &&
      !monthCue.test(text.slice(Math.max(0, index - 16), index)) &&
      !monthCue.test(`${result.text.split(' ')[0] ?? ''} `)
    ) {
      return;
    }
    const date = componentsDate(start);
    if (!date) return;
    const end = result.end ? componentsDate(result.end) : null;
    found.push({ index, text: result.text, date, end, yearStated: start.isCertain('year') });
  };
  for (const result of parse(text)) consider(result, 0, 2);
  return found;
}

function componentsDate(components: chrono.ParsedComponents): LocalDate | null {
  const year = components.get('year');
  const month = components.get('month');
  const day = components.get('day');
  if (year === null || month === null || day === null) return null;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function cap(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

/**
 * Every date the text mentions that is today or later in `timezone`, in order of appearance,
 * read by chrono-node relative to today in that zone (zone offset taken at `now`, ambiguous
 * dates read forward), plus day-of-month ordinals chrono leaves alone ("back on the 14th", "Friday the
 * 13th"). Bare times and vague spans ("this week") are skipped. Never throws: an invalid zone
 * or unreadable text gives an empty list. Input beyond 4,000 characters is ignored.
 */
export function findDateMentions(text: string, now: Date, timezone: string): LocatedDate[] {
  if (typeof text !== 'string' || text.trim() === '') return [];
  let zone: Zone;
  try {
    zone = zoneAt(now, timezone);
  } catch {
    return [];
  }
  const source = cap(text, MAX_UNDERSTAND_CHARS);
  const todayKey = formatLocalDate(zone.today);
  const ordinals = ordinalDates(source, zone.today);
  const candidates: ChronoDate[] = ordinals.map((o) => ({ ...o, end: null, yearStated: false }));
  for (const found of chronoDates(source, zone.startOfDay, zone.offsetMinutes)) {
    const foundEnd = found.index + found.text.length;
    // An ordinal that overlaps chrono's reading is the more specific one ("Friday the 13th").
    const overlaps = ordinals.some(
      (o) => o.index < foundEnd && found.index < o.index + o.text.length,
    );
    if (!overlaps) candidates.push(found);
  }
  candidates.sort((a, b) => a.index - b.index);
  const mentions: LocatedDate[] = [];
  for (const candidate of candidates) {
    const date = formatLocalDate(candidate.date);
    if (date < todayKey) continue;
    mentions.push({
      text: candidate.text.trim().replace(/[\s,;:.!?]+$/u, ''),
      date,
      index: candidate.index,
      endDate: candidate.end ? formatLocalDate(candidate.end) : null,
      yearStated: candidate.yearStated,
    });
  }
  return mentions;
}

/** Beyond this, a date whose year the text did not state is more likely a past date read forward. */
const MAX_INFERRED_DAYS_AHEAD = 200;

/** Beyond this, no "back on" or "pause until" date is taken at face value. */
const MAX_DAYS_AHEAD = 366;

function daysBetween(from: LocalDate, to: string): number {
  const a = new Date(0);
  a.setUTCFullYear(from.year, from.month - 1, from.day);
  const t = parseDate(to);
  const b = new Date(0);
  b.setUTCFullYear(t.year, t.month - 1, t.day);
  return Math.round((b.getTime() - a.getTime()) / 86_400_000);
}

/**
 * Whether a date in an automatic reply is believable as the day its sender is back: at most a
 * year ahead, and at most 200 days ahead when the year was inferred, because out-of-office
 * notes are often stale ("until 30 November" still answering on 1 December is not a year-long
 * absence).
 */
export function isPlausibleResumeDate(mention: LocatedDate, now: Date, timezone: string): boolean {
  let today: LocalDate;
  try {
    today = zoneAt(now, timezone).today;
  } catch {
    return false;
  }
  const ahead = daysBetween(today, mention.date);
  return ahead >= 0 && ahead <= (mention.yearStated ? MAX_DAYS_AHEAD : MAX_INFERRED_DAYS_AHEAD);
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

const politePrefix =
  "(?:(?:hi|hey|hello|ok|okay|yes|yeah|yep|sorry|coach|please|pls|plz|kindly|just|maybe|also|and|so|actually|honestly|i think|can you|could you|would you|will you|can we|could we|would you mind|i'd like to|i would like to|i want to|i wanna|i need to|we need to|let's|lets|i'd like you to|i want you to|i'd like it to|can it|could it|can they|could they|time to)\\s+)*";

const politeSuffix =
  '(?:\\s+(?:please|pls|plz|thanks|thank you|thx|ty|now|for now|for a while|for a bit|for the moment|for the time being|asap|a bit|a little|a little bit|a touch|x|xx|xxx|again|then|too|as well|if possible|if you can|if that s ok|if that s okay|cheers))*';

const span = '(?:a |one |two |three |four |five |six |\\d{1,2} |a few |a couple of |a couple )?';
const forDuration = `for ${span}(?:day|days|week|weeks|month|months|while|bit|break)`;
const untilDate = '(?:until|till|til|through|thru|to|up to|up until|till after|until after) date';
/** "pause until things calm down": a pause whose end is not a date. */
const untilWords = "(?:until|till|til|till after|until after)(?: [\\p{L}\\p{N}']+){1,6}";

const commandPatterns: readonly { command: ReplyCommand; pattern: RegExp }[] = [
  {
    command: 'stop',
    pattern: new RegExp(
      `^${politePrefix}(?:stop|unsubscribe|unsubscribe me|unsub|opt out|opt me out|remove me|cancel|quit|i want out|end the course|cancel (?:my )?(?:subscription|the course|course|the emails|emails)|stop (?:sending|emailing|mailing)(?: me)?(?: (?:emails|these|these emails|this|them|lessons|the lessons))?|stop (?:the )?(?:emails|lessons|course|this|it|these)|no more (?:emails|lessons|mail|messages)|take me off (?:the |your |this )?(?:list|mailing list)|remove me from (?:the |your |this )?(?:list|mailing list|course|emails)|(?:i'm |i am |im )?done with (?:this|these|the course|the emails|these emails|the lessons))${politeSuffix}$`,
      'u',
    ),
  },
  {
    command: 'pause',
    pattern: new RegExp(
      `^${politePrefix}(?:(?:pause|hold|hold off)(?: (?:it|this|that|the course|my course|the emails|my emails|emails|the lessons|lessons|things|everything|me|on (?:the )?(?:emails|lessons|course)))?(?: ${untilDate}| ${forDuration}| date| ${untilWords})?|put (?:it|this|the course|my course|me|the emails|everything|things) on hold(?: ${untilDate}| ${forDuration})?|(?:i need |i'd like |i want |i'll take |i will take |i'm taking |i am taking |im taking )?a break(?: ${untilDate}| ${forDuration})?|take a break(?: ${untilDate}| ${forDuration})?|on hold(?: ${untilDate})?|(?:i'm |i am |im |i'll be |i will be |we're |we are |i'm going to be |currently )?(?:busy|away|travelling|traveling|on holiday|on vacation|on leave|out of (?:the )?office|out|off|swamped|slammed|snowed under) ${untilDate}|(?:i'll be |i will be |i'm |i am |im )?back (?:on |from |after |by )?date)${politeSuffix}$`,
      'u',
    ),
  },
  {
    command: 'resume',
    pattern: new RegExp(
      `^${politePrefix}(?:resume|unpause|un pause|restart|start again|start back up|continue|carry on|keep going|i'm back|i am back|im back|back again|ready again|ready to continue|ready to start again|resume (?:the course|the emails|the lessons|lessons|sending)|(?:start|continue) (?:the )?(?:course|emails|lessons) again)${politeSuffix}$`,
      'u',
    ),
  },
  {
    command: 'faster',
    pattern: new RegExp(
      `^${politePrefix}(?:faster|go faster|speed up|speed it up|speed things up|more often|more frequently|quicker|too slow|this is too slow|it's too slow|hurry up|send (?:them|it|these|the lessons|lessons|the emails|emails|the next one|the next lesson) (?:faster|more often|quicker|sooner))${politeSuffix}$`,
      'u',
    ),
  },
  {
    command: 'slower',
    pattern: new RegExp(
      `^${politePrefix}(?:slower|go slower|slow down|slow it down|slow things down|slow the emails down|slow the lessons down|less often|less frequently|fewer emails|too fast|too many emails|this is too fast|it's too fast|its too fast|send (?:them|it|these|the lessons|lessons|the emails|emails) (?:slower|less often|less frequently)|(?:more|give me more) time between (?:lessons|emails))${politeSuffix}$`,
      'u',
    ),
  },
  {
    command: 'skip',
    pattern: new RegExp(
      `^${politePrefix}(?:skip|skip (?:this|this one|that|that one|it|this lesson|this step|this week|lesson \\d|step \\d)|next|next one|next lesson|next step|move on|send the next (?:one|lesson)|on to the next (?:one|lesson))${politeSuffix}$`,
      'u',
    ),
  },
  {
    command: 'not-yet',
    pattern: new RegExp(
      `^${politePrefix}(?:not yet|not done yet|not quite yet|not quite|haven't yet|haven t yet|haven't done it yet|i haven't yet|i haven't done it yet|still working on it|working on it|need more time|i need more time|give me (?:a few )?(?:more )?(?:days|time)|not ready|not ready yet)${politeSuffix}$`,
      'u',
    ),
  },
  {
    command: 'done',
    pattern: new RegExp(
      `^${politePrefix}(?:done|i'm done|i am done|im done|all done|done it|did it|i did it|i've done it|ive done it|finished|i've finished|i finished|completed|done and done|done that|task done|done already|already done)${politeSuffix}$`,
      'u',
    ),
  },
];

interface Segment {
  text: string;
  /** Offset in the (capped) reply. */
  start: number;
}

/** Lines of the reply, with offsets. */
function lineSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) segments.push({ text: line, start });
    start += line.length + 1;
  }
  return segments;
}

/** Clauses: split at sentence ends, commas, semicolons, brackets and dashes (not colons). */
function clauseSegments(line: Segment): Segment[] {
  const segments: Segment[] = [];
  const pattern = /[^.!?,;()\u2013\u2014]+/g;
  for (const match of line.text.matchAll(pattern)) {
    if (match[0].trim()) segments.push({ text: match[0], start: line.start + match.index });
  }
  return segments;
}

/**
 * Lower-case words only, dates replaced by the token "date" so one pattern covers every way
 * of writing them.
 */
function commandForm(segment: Segment, dates: readonly LocatedDate[]): string {
  let text = segment.text;
  const end = segment.start + text.length;
  const inside = dates
    .filter((d) => d.index >= segment.start && d.index + d.text.length <= end)
    .sort((a, b) => b.index - a.index);
  for (const d of inside) {
    const at = d.index - segment.start;
    text = `${text.slice(0, at)} date ${text.slice(at + d.text.length)}`;
  }
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\bdate(?:\s+date)+\b/g, 'date')
    .replace(/\s+/g, ' ')
    .trim();
}

interface FoundCommand {
  command: ReplyCommand;
  until: string | null;
  segment: Segment;
}

function durationEnd(form: string, today: LocalDate): string | null {
  const match =
    /\bfor (a |one |two |three |four |five |six |(\d{1,2}) |a few |a couple of |a couple )?(day|days|week|weeks|month|months)\b/.exec(
      form,
    );
  if (!match) return null;
  const words: Record<string, number> = {
    'a ': 1,
    'one ': 1,
    'two ': 2,
    'three ': 3,
    'four ': 4,
    'five ': 5,
    'six ': 6,
    'a few ': 3,
    'a couple of ': 2,
    'a couple ': 2,
  };
  const count = match[2] ? Number(match[2]) : (words[match[1] ?? 'a '] ?? 1);
  const unit = match[3] ?? 'day';
  const days = unit.startsWith('day') ? count : unit.startsWith('week') ? count * 7 : count * 30;
  return formatLocalDate(addLocalDays(today, days));
}

function matchCommand(
  segment: Segment,
  dates: readonly LocatedDate[],
  today: LocalDate,
): FoundCommand | null {
  if (segment.text.trim().length > MAX_COMMAND_CHARS) return null;
  const form = commandForm(segment, dates);
  if (!form) return null;
  for (const { command, pattern } of commandPatterns) {
    if (!pattern.test(form)) continue;
    let until: string | null = null;
    if (command === 'pause') {
      const end = segment.start + segment.text.length;
      // The person is typing this now, so a date read forward ("until Jan 5" in March) is what
      // they mean; only an explicit far-future year is refused.
      const date = dates.find(
        (d) =>
          d.index >= segment.start && d.index < end && daysBetween(today, d.date) <= MAX_DAYS_AHEAD,
      );
      // "through Friday" means away on Friday too.
      const inclusive = /\b(?:through|thru)\b/.test(form);
      until = date
        ? inclusive
          ? formatLocalDate(addLocalDays(parseDate(date.date), 1))
          : date.date
        : durationEnd(form, today);
    }
    return { command, until, segment };
  }
  return null;
}

function parseDate(value: string): LocalDate {
  const [year, month, day] = value.split('-').map(Number);
  return { year: year ?? 1970, month: month ?? 1, day: day ?? 1 };
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * The reply's command, if it is essentially one: a line that is just the command (with
 * politeness), or, in a short reply, a clause that is.
 */
function findCommands(
  text: string,
  dates: readonly LocatedDate[],
  today: LocalDate,
): FoundCommand[] {
  const short = wordCount(text) <= SHORT_REPLY_WORDS;
  const found: FoundCommand[] = [];
  for (const line of lineSegments(text)) {
    const whole = matchCommand(line, dates, today);
    if (whole) {
      found.push(whole);
      continue;
    }
    if (!short) continue;
    for (const clause of clauseSegments(line)) {
      const match = matchCommand(clause, dates, today);
      if (match) found.push(match);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Text shape: sentences, greetings, sign-offs
// ---------------------------------------------------------------------------------------------

const greetingLine =
  /^(?:hi|hello|hey|hiya|dear|morning|good morning|good afternoon|good evening|greetings|yo)\b[^.!?\n]{0,30}[,!.:]?$/iu;

const signOffPhrase =
  /^(?:thanks|thank you|thanks again|many thanks|thx|ta|cheers|best|best wishes|all the best|regards|kind regards|best regards|warm regards|warmly|sincerely|talk soon|speak soon|take care|love|yours|with thanks)(?:\s+(?:so much|again|a lot|very much|x+))?[\s,!.]*/iu;

/** A capitalised name of one to three words, as a sender signs ("Dana", "- Sam Rivera"). */
const signatureName = /^[-–—~]?\s*\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}[\s,!.]*$/u;

/** "Thanks," / "Cheers, Sam" / "Best wishes!": a sign-off, optionally with the sender's name. */
function isSignOff(line: string): boolean {
  const match = signOffPhrase.exec(line);
  if (!match) return false;
  const rest = line.slice(match[0].length);
  return rest === '' || signatureName.test(rest);
}

const pleasantry =
  /^(?:thanks|thank you|thx|cheers|ok|okay|great|sounds good|will do|got it|love this|nice|cool|awesome|yes|sure|perfect|noted|hi|hello|hey)[\s!.,]*(?:coach)?[\s!.,]*$/iu;

/** Removes the greeting line and the trailing sign-off/name block, which are not the answer. */
function answerLines(text: string): string[] {
  const lines = text.split('\n').map((line) => line.trim());
  while (lines.length > 0 && (lines[0] === '' || greetingLine.test(lines[0] ?? ''))) lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  // A sign-off ("Thanks," / "Cheers, Sam") with at most two name lines after it.
  for (let i = Math.max(0, lines.length - 3); i < lines.length; i++) {
    const rest = lines.slice(i + 1);
    if (isSignOff(lines[i] ?? '') && rest.every((r) => r === '' || signatureName.test(r))) {
      lines.length = i;
      break;
    }
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  // A lone name under a blank line ("\n\nGrace") is the sender signing.
  const last = lines[lines.length - 1] ?? '';
  if (lines.length >= 3 && lines[lines.length - 2] === '' && signatureName.test(last)) {
    lines.pop();
  }
  return lines;
}

/** Sentences, split at . ! ? and line breaks, keeping titles such as "Dr." intact. */
function sentences(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    let current = '';
    const parts = line.split(/(?<=[.!?])\s+/);
    for (const part of parts) {
      current = current ? `${current} ${part}` : part;
      if (/\b(?:Dr|Mr|Mrs|Ms|Prof|St|Mt|Jr|Sr|vs|e\.g|i\.e)\.$/i.test(current)) continue;
      out.push(current.trim());
      current = '';
    }
    if (current.trim()) out.push(current.trim());
  }
  return out.filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

const stopWords = new Set(
  `i me my mine myself we us our ours you your yours he him his she her hers they them their theirs it its
  the a an this that these those some any all both each every either neither no none one two three four five
  first second third last next another other others such same own
  and or but nor so yet because if when while with without from to at in on for of by about after before since
  until till also then than as like via per into onto over under between through during within near
  hi hello hey hiya dear thanks thank cheers regards best kind warm warmly sincerely love yours talk soon coach
  team everyone everybody anyone anybody someone somebody nobody noone nothing something everything
  yes no ok okay sure great good nice awesome cool well just still already actually honestly hopefully
  definitely maybe perhaps unfortunately fortunately luckily sadly again plus only even really finally
  basically obviously clearly apparently sadly frankly seriously literally totally
  today tomorrow yesterday tonight now later here there
  what who why how where which whose whom whatever
  will would can could should might must may shall did do does done have has had having is are was were
  be been being am isn't aren't wasn't weren't don't doesn't didn't can't couldn't won't wouldn't
  went go goes going gone got get gets getting
  picked pick chose choose chosen choosing invited invite asked ask met meet meeting meetings booked book
  emailed email emails called call calls texted messaged message reached reach sent send spoke talked talk
  caught grabbed reconnected contacted pinged scheduled arranged planned decided started tried heard
  signed registered attending attend attended visiting visit
  lunch lunches coffee coffees tea drinks dinner breakfast chat chats zoom teams slack linkedin gmail outlook
  google microsoft excel word powerpoint iphone android whatsapp facebook instagram twitter
  lesson lessons course step steps event events meetup meetups conference week weeks month months year years
  day days morning afternoon evening night weekend weekends
  names name people person persons folks guys colleague colleagues friend friends manager boss mentor
  mom mum dad mother father sister brother wife husband partner
  please sorry oh ah wow haha lol ps fyi btw re fwd fw
  english french german spanish italian dutch chinese japanese indian american british european
  january february march july september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
  monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
  christmas easter xmas new
  busy happy glad excited nervous hard easy tough quick short long big small little old other different
  fine lovely amazing brilliant super interesting funny weird strange crazy shame pity apologies
  tbh fwiw imo asap eta
  bonjour salut merci hola gracias hallo danke ciao grazie ola obrigado obrigada`
    .split(/\s+/)
    .filter(Boolean),
);

const monthWords = new Set(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(
    ' ',
  ),
);

/**
 * Common words that are also given names: a name mid-sentence (where only names are
 * capitalised), or at the start of a sentence when a list follows ("Will and Priya").
 */
const ambiguousNames = new Set(['will', 'may', 'april', 'june', 'august']);

/** Months that are also given names; only a name when nothing around them reads as a date. */
const monthNames = new Set(['april', 'may', 'june', 'august']);

const titles = new Set(['dr', 'mr', 'mrs', 'ms', 'mx', 'prof', 'sir', 'dame']);

/** Lower-case words that sit inside a name ("Ludwig van Beethoven"). */
const nameParticles = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'da',
  'di',
  'du',
  'la',
  'le',
  'bin',
  'al',
]);

/** A preceding word that makes a capitalised word a place or an organisation. */
const placePrepositions = new Set(['at', 'in', 'of', 'for', 'via', 'on', 'into', 'near', 'inside']);

interface Token {
  word: string;
  /** Punctuation between the previous token and this one. */
  gap: string;
  sentenceStart: boolean;
}

function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /[\p{L}\p{M}][\p{L}\p{M}\p{N}'’.-]*|\p{N}+/gu;
  let last = 0;
  let sentenceStart = true;
  for (const match of sentence.matchAll(pattern)) {
    const gap = sentence.slice(last, match.index);
    let word = match[0];
    // Trailing dots are sentence ends, except on titles and initials.
    let endsSentence = false;
    while (word.endsWith('.') && !titles.has(word.slice(0, -1).toLowerCase()) && word.length > 2) {
      word = word.slice(0, -1);
      endsSentence = true;
    }
    tokens.push({ word, gap, sentenceStart: sentenceStart || /[.!?:]/.test(gap) });
    sentenceStart = endsSentence;
    last = match.index + match[0].length;
  }
  return tokens;
}

function stripPossessive(word: string): string {
  return word.replace(/['’]s$/i, '').replace(/['’]$/, '');
}

/** Capitalised, with lower-case letters, no digits: the shape of a name, whatever the word. */
function nameShaped(word: string): boolean {
  // Contractions ("I've", "We're") and elisions ("J'ai", "C'est") are not names; O'Connor is.
  if (/['’](?:ve|re|ll|d|m|t)$/iu.test(word) || /^\p{L}['’]\p{Ll}/u.test(word)) return false;
  const bare = stripPossessive(word);
  if (bare.length < 2 || bare.length > 30) return false;
  if (!/^\p{Lu}/u.test(bare) || !/\p{Ll}/u.test(bare)) return false;
  return !/\p{N}/u.test(bare);
}

function isNameWord(word: string): boolean {
  return (
    nameShaped(word) && !stopWords.has(stripPossessive(word).toLowerCase().replace(/['’]/g, "'"))
  );
}

/** Adverbs and gerunds that open sentences ("Honestly", "Going") rather than names. */
function looksLikeSentenceOpener(word: string): boolean {
  const lower = word.toLowerCase();
  if (
    lower.length >= 6 &&
    /(?:ally|ately|ously|fully|ively|ently|antly|ingly|edly|ckly|ssly|ably|ibly|itely)$/.test(lower)
  ) {
    return true;
  }
  return lower.length >= 6 && lower.endsWith('ing');
}

function monthUsedAsDate(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1]?.word.toLowerCase() ?? '';
  const next = tokens[i + 1]?.word.toLowerCase() ?? '';
  return (
    /^\d/.test(prev) ||
    /^\d/.test(next) ||
    [
      'in',
      'on',
      'of',
      'until',
      'till',
      'by',
      'next',
      'last',
      'this',
      'early',
      'mid',
      'late',
      'end',
      'from',
      'since',
    ].includes(prev) ||
    ['i', 'we', 'you', 'be', 'the', 'have'].includes(next)
  );
}

function isTitle(token: Token | undefined): boolean {
  return (
    token !== undefined &&
    /^\p{Lu}/u.test(token.word) &&
    titles.has(token.word.toLowerCase().replace(/\.$/, ''))
  );
}

/** Whether the capitalised word at `i` can open a name, judging by the words around it. */
function canStartName(tokens: readonly Token[], i: number, nameEnds: ReadonlySet<number>): boolean {
  const token = tokens[i];
  if (!token) return false;
  const lower = stripPossessive(token.word).toLowerCase();
  if (ambiguousNames.has(lower)) {
    if (!nameShaped(token.word)) return false;
    const next = tokens[i + 1];
    const listFollows =
      !next || /[,;&]/.test(next.gap) || ['and', 'or'].includes(next.word.toLowerCase());
    if (token.sentenceStart && !listFollows) return false;
  } else if (!isNameWord(token.word)) {
    return false;
  }
  const attached = token.gap.trim() === '';
  const prevLower = tokens[i - 1]?.word.toLowerCase() ?? '';
  if (attached && placePrepositions.has(prevLower)) return false;
  // "Maria from Design": after a name, "from" introduces where the person is from.
  if (attached && prevLower === 'from' && nameEnds.has(i - 2)) return false;
  if (token.sentenceStart && looksLikeSentenceOpener(token.word)) return false;
  if (monthNames.has(lower) && monthUsedAsDate(tokens, i)) return false;
  // "Zoë here, ...": the writer introducing themselves.
  if (token.sentenceStart && tokens[i + 1]?.word.toLowerCase() === 'here') return false;
  // "May I ...", "Will we ...": a question opener, not a name.
  if (token.sentenceStart && ['i', 'we', 'you'].includes(tokens[i + 1]?.word.toLowerCase() ?? '')) {
    return false;
  }
  return true;
}

/** Names in one sentence: runs of capitalised words that are not common words or places. */
function namesInSentence(sentence: string): string[] {
  const tokens = tokenize(sentence);
  const names: string[] = [];
  const nameEnds = new Set<number>();
  let i = 0;
  while (i < tokens.length) {
    let title = '';
    let first = i;
    const next = tokens[i + 1];
    if (isTitle(tokens[i]) && next && next.gap.trim() === '' && isNameWord(next.word)) {
      title = tokens[i]?.word ?? '';
      first = i + 1;
    } else if (!canStartName(tokens, i, nameEnds)) {
      i += 1;
      continue;
    }
    const parts = [stripPossessive(tokens[first]?.word ?? '')];
    let j = first + 1;
    let particles = 0;
    while (j < tokens.length && parts.length < 3 && !/['’]s?$/.test(tokens[j - 1]?.word ?? '')) {
      const token = tokens[j];
      if (!token) break;
      if (token.gap.trim() !== '' || token.sentenceStart) break;
      const after = tokens[j + 1];
      if (nameParticles.has(token.word) && particles < 2 && after && isNameWord(after.word)) {
        parts.push(token.word);
        particles += 1;
        j += 1;
        continue;
      }
      if (!isNameWord(token.word)) break;
      if (monthNames.has(token.word.toLowerCase()) && monthUsedAsDate(tokens, j)) break;
      parts.push(stripPossessive(token.word));
      j += 1;
    }
    // A particle cannot end a name.
    while (parts.length > 1 && nameParticles.has(parts[parts.length - 1] ?? '')) {
      parts.pop();
      j -= 1;
    }
    names.push(title ? `${title} ${parts.join(' ')}` : parts.join(' '));
    nameEnds.add(j - 1);
    i = j;
  }
  return names;
}

function titleCase(word: string): string {
  return word.replace(
    /(^|[\s'’-])(\p{Ll})/gu,
    (_, sep: string, ch: string) => sep + ch.toUpperCase(),
  );
}

/** "sam, priya and jordan": an all-lower-case list, read item by item and title-cased. */
function namesFromLowercaseList(text: string): string[] {
  const body = text
    .toLowerCase()
    .replace(
      /^(?:i(?:'ve| have)? (?:picked|chose|chosen|asked|invited|met(?: with)?)|my (?:people|picks|three|two|names) (?:are|is)|going with|i'm going with|names?|met(?: with)?|people)\s*:?\s*/u,
      '',
    );
  const names: string[] = [];
  for (const item of body.split(/,|;|\n|&|\+|\band\b|\//u)) {
    const words = item
      .replace(/^\s*(?:[-*•]|\d{1,2}[.)])\s*/u, '')
      .trim()
      .split(/\s+/)
      .map((w) => w.replace(/[^\p{L}'’-]/gu, ''))
      .filter(Boolean);
    const lead: string[] = [];
    for (const word of words) {
      if (stopWords.has(word) || lead.length >= 2) break;
      lead.push(word);
    }
    if (lead.length > 0 && lead.every((w) => w.length >= 2)) names.push(titleCase(lead.join(' ')));
  }
  return names;
}

/** Keeps the first spelling of each name and prefers "Sam Lee" over a separate "Sam". */
function mergeNames(found: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of found) {
    const key = name.toLowerCase();
    const first = key.split(' ')[0];
    const existing = out.findIndex((n) => {
      const other = n.toLowerCase();
      return (
        other === key ||
        (other.split(' ')[0] === first &&
          (other.split(' ').length === 1 || key.split(' ').length === 1))
      );
    });
    if (existing === -1) {
      out.push(name);
    } else if ((out[existing] ?? '').split(' ').length < name.split(' ').length) {
      out[existing] = name;
    }
  }
  return out;
}

function namesIn(lines: readonly string[], keep: (sentence: string) => boolean): string[] {
  const text = lines.join('\n');
  if (text.trim() && !/\p{Lu}/u.test(text) && wordCount(text) <= 20) {
    return mergeNames(namesFromLowercaseList(text)).slice(0, MAX_PEOPLE);
  }
  const found: string[] = [];
  for (const line of lines) {
    // Bullets and numbering are list structure, not words.
    const item = line.replace(/^\s*(?:[-*•·–]|\d{1,2}[.)])\s+/u, '');
    for (const sentence of sentences([item])) {
      if (keep(sentence)) found.push(...namesInSentence(sentence));
    }
  }
  return mergeNames(found).slice(0, MAX_PEOPLE);
}

/** Sentences about a meeting that did not happen (yet) name people who were not met. */
const notMet =
  /\b(?:didn't|did not|couldn't|could not|haven't|have not|hasn't|cancel+ed|cancel+ing|postponed|rescheduled|fell through|no-?show|will meet|going to meet|gonna meet|plan(?:ning)? to|hope to|want to|would like to|next week|next month|tomorrow|later this)\b/iu;

// ---------------------------------------------------------------------------------------------
// Step 1: why and offer
// ---------------------------------------------------------------------------------------------

const offerCue =
  /\b(?:offer|offering|i can help|i could help|i can share|i could share|i can teach|i could teach|i can introduce|i could introduce|i can give|i could give|i can bring|i could bring|i can lend|i can mentor|i'?m good at|i am good at|i'?m great at|i am great at|i'?m pretty good at|i'?m really good at|happy to help|happy to share|glad to help|in return|give back|my skills?|i know (?:a lot|my way) (?:about|around)|i can do|i could do|i'?m an? (?:expert|whizz?|wizard) (?:at|in|with))\b/iu;

const offerLabel =
  /^(?:\d[.)]\s*)?(?:(?:and\s+)?(?:one\s+)?(?:thing\s+)?(?:that\s+)?(?:what\s+)?i\s+(?:can|could)\s+offer(?:\s+is)?|my\s+offer(?:\s+is)?|offer|what i can give|something i can offer(?:\s+is)?)\s*[:\-–—]\s*/iu;

const whyLabel = /^(?:\d[.)]\s*)?(?:(?:my|the)\s+)?(?:why|reason)(?:\s+is)?\s*[:\-–—]\s*/iu;

function limitChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

function whyAndOffer(lines: readonly string[]): { why: string | null; offer: string | null } {
  let offer: string | null = null;
  const whyParts: string[] = [];
  for (const raw of sentences(lines)) {
    const sentence = raw.replace(/^\s*(?:[-*•]|\d{1,2}[.)])\s+/u, '').trim();
    if (!sentence || pleasantry.test(sentence) || greetingLine.test(sentence)) continue;
    if (offer === null && (offerCue.test(sentence) || offerLabel.test(sentence))) {
      offer = limitChars(sentence.replace(offerLabel, '').trim(), MAX_WHY_CHARS) || null;
      continue;
    }
    if (whyParts.length < 2) whyParts.push(sentence.replace(whyLabel, '').trim());
  }
  const why = whyParts.join(' ').trim();
  return { why: wordCount(why) >= 3 ? limitChars(why, MAX_WHY_CHARS) : null, offer };
}

// ---------------------------------------------------------------------------------------------
// Step 3: event
// ---------------------------------------------------------------------------------------------

const eventNouns = new Set([
  'meetup',
  'meetups',
  'meet-up',
  'conference',
  'conf',
  'summit',
  'expo',
  'exhibition',
  'fair',
  'mixer',
  'forum',
  'workshop',
  'symposium',
  'convention',
  'hackathon',
  'seminar',
  'webinar',
  'panel',
  'talk',
  'lecture',
  'meeting',
  'reception',
  'gathering',
  'tradeshow',
  'show',
  'festival',
  'fest',
  'night',
  'evening',
  'breakfast',
  'lunch',
  'dinner',
  'drinks',
  'social',
  'event',
  'session',
  'bootcamp',
  'roundtable',
  'awards',
  'networking',
  'day',
  'week',
  'camp',
]);

/** Nouns too generic to be an event on their own ("the day", "that week"). */
const weakEventNouns = new Set([
  'day',
  'week',
  'night',
  'evening',
  'lunch',
  'dinner',
  'breakfast',
  'talk',
  'show',
  'session',
  'meeting',
  'drinks',
  'social',
  'camp',
  'fair',
]);

/** Words that end an event phrase when walking back from its noun. */
const eventBoundary = new Set(
  `to at going go goes attend attending attended visit visiting picked pick chose chosen choose signed registered
  booked book up is are was were be been will would i i'm im we we're it it's its there here for on with by
  next last this that these those which who called named reply and or but so because as into onto from
  my our your their his her a an one some any hit found find try trying tried planning plan
  think hope want wanted decided decide check checking looked looking also just then already probably`
    .split(/\s+/)
    .filter(Boolean),
);

const connectors = new Set(['of', 'in', 'for', 'and', '&', 'the', 'de', 'on']);

/** A capitalised phrase ("TechCrunch Disrupt", "Women in Tech Summit 2026"). */
const properPhrase =
  "((?:the\\s+)?\\p{Lu}[\\p{L}\\p{N}&'’.-]*(?:\\s+(?:(?:of|in|for|and|&|the|de)\\s+)?[\\p{Lu}\\p{N}][\\p{L}\\p{N}&'’.-]*){0,5})";

const eventLeadIn = new RegExp(
  `\\b(?:going to|go to|attend(?:ing)?|signed up for|sign up for|registered for|register for|booked(?: a ticket| tickets)?(?: for| to)?|picked|chose|choosing|heading to|off to|visiting|checking out|trying)\\s+${properPhrase}`,
  'u',
);

const leadingProperPhrase = new RegExp(`^${properPhrase}`, 'u');

/** Cuts a capitalised phrase at the first common word (a date, "on", "next") and tidies its ends. */
function cutAtCommonWord(name: string): string {
  const out: string[] = [];
  for (const word of name.split(/\s+/)) {
    const lower = word.toLowerCase().replace(/[.,]$/, '');
    // Capitalised common words can be part of a name ("Design Drinks"); dates cannot.
    const dateWord = weekdayNames.includes(lower) || monthWords.has(lower);
    const commonLower = /^\p{Ll}/u.test(word) && stopWords.has(lower) && !connectors.has(lower);
    if (out.length > 0 && (dateWord || commonLower)) break;
    if (/^\d/.test(lower) && !/^(?:19|20)\d\d$/.test(lower)) break;
    out.push(word.replace(/[.,]$/, ''));
  }
  while (out.length > 0 && connectors.has((out[out.length - 1] ?? '').toLowerCase())) out.pop();
  return out.join(' ');
}

function isEventNoun(words: readonly string[], i: number): boolean {
  const lower = (words[i] ?? '').replace(/\.$/, '').toLowerCase();
  return eventNouns.has(lower) || (lower === 'show' && words[i - 1]?.toLowerCase() === 'trade');
}

/** The event a sentence names: a phrase ending in an event noun, or a proper name after "going to". */
function eventInSentence(sentence: string, firstSentence: boolean): string | null {
  const words = [...sentence.matchAll(/[\p{L}\p{N}][\p{L}\p{N}&'’.-]*|[^\s\p{L}\p{N}]/gu)].map(
    (m) => m[0],
  );
  const bare = (w: string | undefined) => (w ?? '').replace(/\.$/, '');
  for (let i = 0; i < words.length; i++) {
    if (!isEventNoun(words, i)) continue;
    // "networking night", "trade show": the phrase runs to the last noun in a row.
    let last = i;
    while (
      last + 1 < words.length &&
      isEventNoun(words, last + 1) &&
      !(words[last] ?? '').endsWith('.')
    )
      last += 1;
    // "a meetup called Design Drinks": the proper name wins.
    if (/^(?:called|named)$/i.test(words[last + 1] ?? '')) {
      const called = cutAtCommonWord(
        words
          .slice(last + 2, last + 8)
          .filter((w) => /^[\p{L}\p{N}&]/u.test(w))
          .join(' '),
      );
      if (called && /^[\p{Lu}\p{N}]/u.test(called)) return called;
    }
    const phrase = words.slice(i, last + 1).map(bare);
    let the = false;
    for (let j = i - 1; j >= 0 && phrase.length < 8; j--) {
      const w = words[j] ?? '';
      const lower = w.toLowerCase();
      if (!/^[\p{L}\p{N}]/u.test(w) || w.endsWith('.')) break;
      if (lower === 'the') {
        the = true;
        break;
      }
      if (eventBoundary.has(lower) || weekdayNames.includes(lower) || /^\d/.test(lower)) break;
      phrase.unshift(w);
    }
    if (/^(?:19|20)\d\d$/.test(bare(words[last + 1]))) phrase.push(bare(words[last + 1]));
    while (phrase.length > 1 && connectors.has((phrase[0] ?? '').toLowerCase())) phrase.shift();
    // A lone generic noun ("the day", "lunch") is not an event name.
    if (phrase.length === 1 && weakEventNouns.has((phrase[0] ?? '').toLowerCase())) continue;
    return `${the ? 'the ' : ''}${phrase.join(' ')}`;
  }
  const lead =
    eventLeadIn.exec(sentence)?.[1] ??
    (firstSentence ? leadingProperPhrase.exec(sentence)?.[1] : undefined);
  if (lead) {
    const name = cutAtCommonWord(lead);
    // A single ordinary capitalised word ("Thursday", "Sam") is not enough to call it an event.
    if (name.split(' ').length >= 2 || /\p{Lu}.*\p{Lu}/u.test(name.replace(/^the /, '')))
      return name;
  }
  return null;
}

function findEvent(
  lines: readonly string[],
  text: string,
  dates: readonly LocatedDate[],
): { name: string; date: string | null } | null {
  for (const [index, sentence] of sentences(lines).entries()) {
    const name = eventInSentence(sentence, index === 0);
    if (!name) continue;
    const at = text.indexOf(sentence);
    const inSentence =
      at === -1 ? undefined : dates.find((d) => d.index >= at && d.index < at + sentence.length);
    return { name, date: (inSentence ?? dates[0])?.date ?? null };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

function emptyUnderstanding(dates: DateMention[]): Understanding {
  return {
    command: null,
    until: null,
    dates,
    why: null,
    offer: null,
    people: [],
    event: null,
    met: [],
  };
}

/**
 * Reads a reply (already stripped of quotes and signature, see `extractReplyText`) in the
 * context of the course step it answers.
 *
 * - `command` is set only when the reply is essentially a command: a line that is just the
 *   command with politeness ("Pause please.", "STOP", "can you slow down"), or in a short
 *   reply (<= 30 words) a clause that is. "busy until <date>", "away until", "back on <date>"
 *   are `pause` with `until`. Long replies that merely contain the word are not commands.
 * - `dates` lists every date mentioned that is today or later in the subscriber's zone.
 * - Step 1 fills `why` and `offer`, step 2 `people`, step 3 `event`, step 4 `met`; lines that
 *   were read as a command are left out of these. Other steps leave them empty.
 *
 * Never throws; input beyond 4,000 characters is ignored.
 */
export function understandReply(text: string, ctx: ReplyContext): Understanding {
  const source = cap(
    typeof text === 'string' ? text.replace(/\r\n?/g, '\n') : '',
    MAX_UNDERSTAND_CHARS,
  );
  let today: LocalDate;
  try {
    today = zoneAt(ctx.now, ctx.timezone).today;
  } catch {
    return emptyUnderstanding([]);
  }
  const located = findDateMentions(source, ctx.now, ctx.timezone);
  const dates = located.map(({ text: t, date }) => ({ text: t, date }));
  const result = emptyUnderstanding(dates);
  if (!source.trim()) return result;

  const commands = findCommands(source, located, today);
  const chosen =
    commands.find((c) => c.command === 'pause' && c.until !== null) ?? commands[0] ?? null;
  if (chosen) {
    result.command = chosen.command;
    result.until = chosen.command === 'pause' ? chosen.until : null;
  }

  // The answer is what remains once command lines and clauses are taken out.
  let answer = source;
  for (const found of [...commands].sort((a, b) => b.segment.start - a.segment.start)) {
    const { start, text: segmentText } = found.segment;
    answer = `${answer.slice(0, start)}${' '.repeat(segmentText.length)}${answer.slice(start + segmentText.length)}`;
  }
  const lines = answerLines(answer.replace(/^[\s,;:.!?\-–—]+$/gmu, ''));
  if (lines.every((line) => !/[\p{L}\p{N}]/u.test(line))) return result;

  switch (ctx.step) {
    case 1: {
      const { why, offer } = whyAndOffer(lines);
      result.why = why;
      result.offer = offer;
      break;
    }
    case 2:
      result.people = namesIn(lines, () => true);
      break;
    case 3:
      result.event = findEvent(lines, answer, located);
      break;
    case 4:
      result.met = namesIn(lines, (sentence) => !notMet.test(sentence));
      break;
    default:
      break;
  }
  return result;
}

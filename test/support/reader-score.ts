/**
 * Scores a reply reader against the labelled corpus in test/fixtures/replies/corpus/
 * (conventions in its README.md). Independent of the reader: it takes any function from a
 * corpus entry to facts, so today's reader and a new one are scored alike.
 *
 * A "fact" is one command, one until date, each date, each person in people, each person in
 * met, the event (its name), the event's date, a why, an offer. Precision is the share of
 * reported facts that are right, recall the share of expected facts that were reported.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** The facts a careful reader takes from a reply, as labelled. */
export interface ExpectedFacts {
  command: string | null;
  until: string | null;
  dates: { date: string }[];
  /** A key phrase the reported why must contain (case-insensitive), or null for no why. */
  why: string | null;
  /** A key phrase the reported offer must contain, or null for no offer. */
  offer: string | null;
  people: string[];
  met: string[];
  /** `name` is a key phrase the reported name must contain; absent when any name will do. */
  event: { name?: string; date: string | null } | null;
}

/** One labelled reply. */
export interface CorpusEntry {
  id: string;
  kind: string;
  /** The lesson (course step) the reply answers, or null for a check-in. */
  lesson: number | null;
  sentAt: string;
  timezone: string;
  locale: string;
  text: string;
  expect: ExpectedFacts;
}

/** What a reader reported, in the shape of `ReplyFacts` (pacing) or `Understanding`. */
export interface ReadFacts {
  command: string | null;
  until: string | null;
  dates: readonly { date: string }[];
  why: string | null;
  offer: string | null;
  people: readonly string[];
  met: readonly string[];
  event: { name: string; date: string | null } | null;
}

export const fields = [
  'command',
  'until',
  'dates',
  'why',
  'offer',
  'people',
  'met',
  'event',
  'event_date',
] as const;
export type Field = (typeof fields)[number];

/** Counts behind a precision and a recall. */
export interface Tally {
  /** Reported facts that are right. */
  correct: number;
  reported: number;
  expected: number;
}

/** One fact reported or expected that did not match, for reading what went wrong. */
export interface Miss {
  id: string;
  field: Field;
  /** `reported` when the reader reported something not expected, `missed` for the reverse. */
  type: 'reported' | 'missed';
  value: string;
}

export interface ReaderScore {
  entries: number;
  total: Tally;
  precision: number;
  recall: number;
  byField: Record<Field, Tally>;
  byKind: Record<string, Tally>;
  byLanguage: Record<string, Tally>;
  /** Replies where a command was reported and none was expected. */
  falseCommands: string[];
  /** Replies where a command was expected and a different one reported. */
  wrongCommands: string[];
  /** Replies where `stop` was reported and not expected. */
  falseStops: string[];
  /** Pauses that run later than asked: a later until, or no end where an end was given. */
  pauseOvershoots: string[];
  misses: Miss[];
}

const corpusDir = new URL('../fixtures/replies/corpus/', import.meta.url);

/** Every corpus entry, file by file in name order. */
export function loadCorpus(): CorpusEntry[] {
  const entries: CorpusEntry[] = [];
  for (const file of readdirSync(corpusDir).sort()) {
    if (!file.endsWith('.jsonl')) continue;
    const lines = readFileSync(new URL(file, corpusDir), 'utf8').split('\n');
    for (const line of lines) if (line.trim()) entries.push(JSON.parse(line) as CorpusEntry);
  }
  return entries;
}

/** Language of an entry: the locale's first subtag. */
export function languageOf(entry: Pick<CorpusEntry, 'locale'>): string {
  return entry.locale.split('-')[0]?.toLowerCase() ?? 'und';
}

/** Titles that do not change who a person is ("Dr. Gomez" is "Gomez"). */
const titles = new Set(
  `dr mr mrs ms mx miss prof sir herr frau mme mlle m monsieur madame sr sra srta señor señora señorita don doña lic licenciado licenciada dhr mevr meneer mevrouw mag ing dipl doctor doctora doktor herrn profesor profesora dott dottssa ir drs`.split(
    ' ',
  ),
);

/** Names compare case-blind, without titles, dots or a possessive. */
export function normalName(name: string): string {
  const words = name
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/\./g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  while (words.length > 1 && titles.has(words[0] ?? '')) words.shift();
  return words.join(' ');
}

function phrase(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function tally(): Tally {
  return { correct: 0, reported: 0, expected: 0 };
}

function add(into: Tally, from: Tally): void {
  into.correct += from.correct;
  into.reported += from.reported;
  into.expected += from.expected;
}

/** Precision of a tally; 1 when nothing was reported. */
export function precisionOf(t: Tally): number {
  return t.reported === 0 ? 1 : t.correct / t.reported;
}

/** Recall of a tally; 1 when nothing was expected. */
export function recallOf(t: Tally): number {
  return t.expected === 0 ? 1 : t.correct / t.expected;
}

/** Compares one reply's facts, field by field. */
export function compareFacts(
  id: string,
  expected: ExpectedFacts,
  got: ReadFacts,
): { byField: Record<Field, Tally>; misses: Miss[] } {
  const byField = Object.fromEntries(fields.map((f) => [f, tally()])) as Record<Field, Tally>;
  const misses: Miss[] = [];
  const sets = (field: Field, want: string[], have: string[]) => {
    const wanted = [...new Set(want)];
    const had = [...new Set(have)];
    const t = byField[field];
    t.expected += wanted.length;
    t.reported += had.length;
    for (const value of had) {
      if (wanted.includes(value)) t.correct += 1;
      else misses.push({ id, field, type: 'reported', value });
    }
    for (const value of wanted) {
      if (!had.includes(value)) misses.push({ id, field, type: 'missed', value });
    }
  };
  const single = (field: Field, want: string | null, have: string | null, ok: boolean) => {
    const t = byField[field];
    if (want !== null) t.expected += 1;
    if (have !== null) t.reported += 1;
    if (want !== null && have !== null && ok) {
      t.correct += 1;
      return;
    }
    if (have !== null) misses.push({ id, field, type: 'reported', value: have });
    if (want !== null) misses.push({ id, field, type: 'missed', value: want });
  };
  single('command', expected.command, got.command, expected.command === got.command);
  single('until', expected.until, got.until, expected.until === got.until);
  sets(
    'dates',
    expected.dates.map((d) => d.date),
    got.dates.map((d) => d.date),
  );
  const contains = (have: string | null, key: string | null) =>
    have !== null && key !== null && phrase(have).includes(phrase(key));
  single('why', expected.why, got.why, contains(got.why, expected.why));
  single('offer', expected.offer, got.offer, contains(got.offer, expected.offer));
  sets('people', expected.people.map(normalName), got.people.map(normalName));
  sets('met', expected.met.map(normalName), got.met.map(normalName));
  const wantEvent = expected.event;
  const haveEvent = got.event;
  single(
    'event',
    wantEvent ? (wantEvent.name ?? '(any name)') : null,
    haveEvent ? haveEvent.name : null,
    wantEvent !== null &&
      haveEvent !== null &&
      (wantEvent.name === undefined || contains(haveEvent.name, wantEvent.name)),
  );
  single(
    'event_date',
    wantEvent?.date ?? null,
    haveEvent?.date ?? null,
    wantEvent?.date === haveEvent?.date,
  );
  return { byField, misses };
}

/** Scores `read` on `entries`. */
export function scoreReader(
  entries: readonly CorpusEntry[],
  read: (entry: CorpusEntry) => ReadFacts,
): ReaderScore {
  const score: ReaderScore = {
    entries: entries.length,
    total: tally(),
    precision: 1,
    recall: 1,
    byField: Object.fromEntries(fields.map((f) => [f, tally()])) as Record<Field, Tally>,
    byKind: {},
    byLanguage: {},
    falseCommands: [],
    wrongCommands: [],
    falseStops: [],
    pauseOvershoots: [],
    misses: [],
  };
  for (const entry of entries) {
    const got = read(entry);
    const { byField, misses } = compareFacts(entry.id, entry.expect, got);
    score.misses.push(...misses);
    score.byKind[entry.kind] ??= tally();
    score.byLanguage[languageOf(entry)] ??= tally();
    const kind = score.byKind[entry.kind] as Tally;
    const language = score.byLanguage[languageOf(entry)] as Tally;
    for (const field of fields) {
      add(score.byField[field], byField[field]);
      add(score.total, byField[field]);
      add(kind, byField[field]);
      add(language, byField[field]);
    }
    const want = entry.expect;
    if (got.command !== null && want.command === null) score.falseCommands.push(entry.id);
    if (got.command !== null && want.command !== null && got.command !== want.command) {
      score.wrongCommands.push(entry.id);
    }
    if (got.command === 'stop' && want.command !== 'stop') score.falseStops.push(entry.id);
    if (
      got.command === 'pause' &&
      want.command === 'pause' &&
      want.until !== null &&
      (got.until === null || got.until > want.until)
    ) {
      score.pauseOvershoots.push(entry.id);
    }
  }
  score.precision = precisionOf(score.total);
  score.recall = recallOf(score.total);
  return score;
}

/** One line per tally: precision, recall and the counts behind them. */
export function describeTally(t: Tally): string {
  return `precision ${precisionOf(t).toFixed(3)}, recall ${recallOf(t).toFixed(3)} (${t.correct} right of ${t.reported} reported, ${t.expected} expected)`;
}

/** Reads an entry with a reader taking the usual context. */
export function contextOf(entry: CorpusEntry): {
  step: number | null;
  now: Date;
  timezone: string;
  locale: string;
} {
  return {
    step: entry.lesson,
    now: new Date(entry.sentAt),
    timezone: entry.timezone,
    locale: entry.locale,
  };
}

/**
 * The reply reader on the labelled corpus (test/fixtures/replies/corpus/): precision,
 * recall and false commands, by field, kind and language; the median time to read a 2 KB
 * reply; and, beside it, the two parts-of-speech libraries tried for names (compromise and
 * wink-nlp) measured alone on the English replies, with what each adds to a bundle.
 */
import * as esbuild from 'esbuild';
import { understandReply } from '../functions/core/reading/index.ts';
import { detectLanguage } from '../functions/core/reading/language.ts';
import {
  type CorpusEntry,
  contextOf,
  describeTally,
  fields,
  languageOf,
  loadCorpus,
  normalName,
  precisionOf,
  recallOf,
  scoreReader,
} from '../test/support/reader-score.ts';
import type { Figure } from './report.ts';
import { progress } from './report.ts';

/** The reader before the rewrite, on the first 394 replies (written before it changed). */
const before = 'precision 0.505, recall 0.470, 6 false commands (all stops), 2 pauses too long';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A 2 KB reply made of the corpus's longest English replies, one after another. */
export function twoKilobyteReply(entries: readonly CorpusEntry[]): string {
  const longest = entries
    .filter((e) => languageOf(e) === 'en')
    .sort((a, b) => b.text.length - a.text.length)
    .slice(0, 12)
    .map((e) => e.text);
  let text = '';
  for (let i = 0; text.length < 2048; i++) text += `${longest[i % longest.length]}\n\n`;
  return text.slice(0, 2048);
}

/** Median ms of `read` over distinct variants of `text` (so no library can cache the answer). */
function medianMs(read: (text: string) => unknown, text: string, runs = 200): number {
  for (let i = 0; i < 100; i++) read(`${text} ${i}`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const variant = `${text.slice(0, 2040)} #${i}`;
    const started = performance.now();
    read(variant);
    times.push(performance.now() - started);
  }
  return median(times);
}

/** KB a library adds to a minified ESM bundle for Node (what the inbound function pays). */
async function bundleKb(source: string): Promise<number> {
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return (result.outputFiles[0]?.contents.length ?? 0) / 1024;
}

interface NameScore {
  precision: number;
  recall: number;
}

/** People (and met) a name finder reports on the English replies, against the labels. */
function scoreNames(entries: readonly CorpusEntry[], names: (text: string) => string[]): NameScore {
  let correct = 0;
  let reported = 0;
  let expected = 0;
  for (const e of entries) {
    const want = new Set([...e.expect.people, ...e.expect.met].map(normalName));
    const got = new Set(names(e.text).map(normalName));
    expected += want.size;
    reported += got.size;
    for (const name of got) if (want.has(name)) correct += 1;
  }
  return {
    precision: reported ? correct / reported : 1,
    recall: expected ? correct / expected : 1,
  };
}

async function libraryComparison(
  entries: readonly CorpusEntry[],
  text: string,
): Promise<Record<string, string>> {
  const english = entries.filter((e) => languageOf(e) === 'en');
  const details: Record<string, string> = {};
  const show = (s: NameScore, ms: number, kb: number) =>
    `names precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}; ${ms.toFixed(2)} ms per 2 KB; +${kb.toFixed(0)} KB bundled`;
  try {
    const nlp = (await import('compromise/two')).default;
    const people = (t: string) =>
      (nlp(t) as unknown as { match(m: string): { out(f: string): string[] } })
        .match('#Person+')
        .out('array')
        .map((n: string) => n.replace(/[.,!?;:]+$/u, ''));
    details['compromise/two alone (#Person)'] = show(
      scoreNames(english, people),
      medianMs(people, text, 60),
      await bundleKb("import nlp from 'compromise/two'; console.log(nlp('x').json());"),
    );
  } catch (error) {
    details['compromise/two alone'] = `not measured: ${String(error)}`;
  }
  try {
    const winkNLP = (await import('wink-nlp')).default;
    const model = (await import('wink-eng-lite-web-model')).default;
    const nlp = winkNLP(model);
    const its = nlp.its;
    const people = (t: string) => {
      const out: string[] = [];
      let run: string[] = [];
      nlp
        .readDoc(t)
        .tokens()
        .each((token: { out(f: unknown): string }) => {
          if (token.out(its.pos) === 'PROPN') run.push(token.out(its.value));
          else if (run.length > 0) {
            out.push(run.join(' '));
            run = [];
          }
        });
      if (run.length > 0) out.push(run.join(' '));
      return out;
    };
    details['wink-nlp + wink-eng-lite-web-model alone (PROPN runs)'] = show(
      scoreNames(english, people),
      medianMs(people, text, 60),
      await bundleKb(
        "import w from 'wink-nlp'; import m from 'wink-eng-lite-web-model'; console.log(w(m).readDoc('x'));",
      ),
    );
  } catch (error) {
    details['wink-nlp alone'] = `not measured (a devDependency): ${String(error).split('\n')[0]}`;
  }
  const languages = ['en', 'de', 'fr', 'es', 'nl'];
  const detected = (detect: (t: string) => string) =>
    `${entries.filter((e) => detect(e.text) === languageOf(e)).length} of ${entries.length}`;
  try {
    const { detect } = await import('tinyld/light');
    details['language: tinyld/light alone (a devDependency)'] =
      `${detected((t) => detect(t, { only: languages }) || 'en')} replies right without a locale; +${(await bundleKb("import { detect } from 'tinyld/light'; console.log(detect('x'));")).toFixed(0)} KB bundled`;
  } catch (error) {
    details['language: tinyld/light'] = `not measured: ${String(error).split('\n')[0]}`;
  }
  details['language: the reader (function words and letters)'] =
    `${detected((t) => detectLanguage(t))} replies right without a locale, ${entries.filter((e) => detectLanguage(e.text, e.locale) === languageOf(e)).length} of ${entries.length} with it`;
  const reader = (t: string) => {
    const u = understandReply(t, { step: 4, now: new Date(), timezone: 'UTC', locale: 'en-US' });
    return [...u.people, ...u.met];
  };
  details['the reader (compromise lexicon and tagger, with rules)'] = show(
    scoreNames(english, reader),
    medianMs(reader, text, 60),
    await bundleKb(
      "import { understandReply } from './functions/core/reading/index.ts'; console.log(understandReply('x', { step: 1, now: new Date(), timezone: 'UTC' }));",
    ),
  );
  return details;
}

/** Every reader figure. */
export async function measureReader(): Promise<Figure[]> {
  progress('reader: scoring the labelled corpus');
  const entries = loadCorpus();
  const score = scoreReader(entries, (e) => understandReply(e.text, contextOf(e)));
  const byField: Record<string, string> = {};
  for (const field of fields) byField[`field ${field}`] = describeTally(score.byField[field]);
  const byLanguage: Record<string, string> = {};
  for (const [language, tally] of Object.entries(score.byLanguage)) {
    byLanguage[`language ${language}`] = describeTally(tally);
  }
  const byKind: Record<string, string> = {};
  for (const [kind, tally] of Object.entries(score.byKind).sort()) {
    byKind[`kind ${kind}`] =
      `precision ${precisionOf(tally).toFixed(3)}, recall ${recallOf(tally).toFixed(3)} (${tally.expected} facts)`;
  }
  const corpusNote = `${entries.length} replies (${['en', 'de', 'fr', 'es', 'nl'].map((l) => `${l} ${entries.filter((e) => languageOf(e) === l).length}`).join(', ')}); before the rewrite: ${before}`;
  const text = twoKilobyteReply(entries);
  progress('reader: timing a 2 KB reply and the libraries tried');
  const context = {
    step: 4,
    now: new Date('2026-03-04T10:15:00Z'),
    timezone: 'Europe/London',
    locale: 'en-GB',
  };
  // Five batches of 200 reads: on a shared host one batch can land on a busy moment, so the
  // figure is the median of the batch medians, with their spread beside it.
  const batches = Array.from({ length: 5 }, () =>
    medianMs((t) => understandReply(t, context), text),
  );
  const ms = median(batches);
  const libraries = await libraryComparison(entries, text);
  const misses = score.misses.slice(0, 8).map((m) => `${m.id} ${m.field} ${m.type} "${m.value}"`);
  return [
    {
      name: 'reader_precision',
      value: score.precision,
      unit: '',
      target: { op: '>=', value: 0.95 },
      details: { ...byField, ...byLanguage },
      notes: [corpusNote, ...misses.map((m) => `miss: ${m}`)],
    },
    {
      name: 'reader_recall',
      value: score.recall,
      unit: '',
      target: { op: '>=', value: 0.9 },
      details: byKind,
      notes: ['per kind: every fact of the replies of that kind'],
    },
    {
      name: 'reader_false_commands',
      value: score.falseCommands.length,
      unit: '',
      target: { op: '<=', value: 0 },
      details: {
        'false stops': score.falseStops.length,
        'wrong commands': score.wrongCommands.length,
        'pauses longer than asked': score.pauseOvershoots.length,
      },
      notes: [...score.falseCommands, ...score.falseStops, ...score.pauseOvershoots].slice(0, 8),
    },
    {
      name: 'reader_ms_2kb',
      value: ms,
      unit: 'ms',
      target: { op: '<=', value: 5 },
      details: {
        ...libraries,
        'batch medians, ms': batches.map((b) => b.toFixed(2)).join(', '),
      },
      notes: [
        'median of five batch medians, each of 200 reads of a 2 KB reply made of the longest English corpus replies',
      ],
    },
  ];
}

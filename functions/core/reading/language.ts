/**
 * Which of the five languages a reply is written in: a count of each language's commonest
 * short words and of the letters only it uses (ß, ñ, ç, ij...), with the subscriber's locale
 * deciding when the reply is too short to say ("ok", "Ana y Luis.").
 *
 * A detection library (tinyld, its light model) was tried: on the corpus it adds 3 of 482
 * replies read without a locale and none with one, for 67 KB of the inbound bundle, which
 * the 1.5 MB budget has no room for (bench/reader.ts measures both).
 */
import { fold } from './text.ts';
import type { Language } from './types.ts';

export const languages: readonly Language[] = ['en', 'de', 'fr', 'es', 'nl'];

/** The commonest short words of each language, which rarely occur in the others. */
const functionWords: Record<Language, ReadonlySet<string>> = {
  en: new Set(
    'the and i you my me with to for of is it was have had will would please thanks just this that not we our on at what when who how but so yet been are did'.split(
      ' ',
    ),
  ),
  de: new Set(
    'und ich mit der die das nicht ist bin habe hab bitte danke mein meine mir mich wir auch noch aber am im zum zur ein eine einen war wie bis ab schon sie sind hat den dem'.split(
      ' ',
    ),
  ),
  fr: new Set(
    "et je j' avec le la les des du un une est suis pas ne mon ma mes moi merci au aux pour qui que c'est ce cette on vous nous mais jusqu'au svp en".split(
      ' ',
    ),
  ),
  es: new Set(
    'y yo con el la los las de del un una es estoy no mi mis me por para gracias que pero muy al lo se hasta ya en porfa'.split(
      ' ',
    ),
  ),
  nl: new Set(
    'en ik met de het een is ben heb niet mijn me mij ook nog maar naar voor van bij dank graag jullie wel tot ze hij zij je'.split(
      ' ',
    ),
  ),
};

/** Letters and spellings each language has and the others rarely do. */
const letters: Record<Language, RegExp> = {
  en: /(?!)/u,
  de: /ß|[äöü]|\b\w+(?:ung|keit|heit|lich)\b/gu,
  fr: /[çœèêëîôûù]|\b(?:qu'|d'|l')/gu,
  es: /[ñ¿¡]|[áíóú](?=\w)|\b\w+(?:ción|mente)\b/gu,
  nl: /ij|\b(?:ge\w+d|\w+tje)\b/gu,
};

/** The language a locale names, if it is one of the five. */
export function languageOfLocale(locale: string | undefined): Language | null {
  const tag = (locale ?? '').split(/[-_]/)[0]?.toLowerCase() ?? '';
  return (languages as readonly string[]).includes(tag) ? (tag as Language) : null;
}

/** How much of the text speaks each language. */
export function languageVotes(text: string): Record<Language, number> {
  const votes: Record<Language, number> = { en: 0, de: 0, fr: 0, es: 0, nl: 0 };
  for (const raw of fold(text).split(/[^\p{L}']+/u)) {
    if (!raw) continue;
    const word = raw.startsWith("j'") ? "j'" : raw;
    for (const lang of languages) if (functionWords[lang].has(word)) votes[lang] += 1;
  }
  const lower = text.toLowerCase();
  for (const lang of languages) votes[lang] += (lower.match(letters[lang]) ?? []).length * 0.5;
  return votes;
}

/** Only the start of a long reply is read: enough to tell the languages apart. */
const DETECT_CHARS = 400;

/**
 * The reply's language: the one its words and letters clearly point to (by two votes over
 * the locale's language, so a stray "en" does not turn French into Dutch), else the
 * locale's, else English.
 */
export function detectLanguage(text: string, locale?: string): Language {
  const prior = languageOfLocale(locale);
  const votes = languageVotes(text.slice(0, DETECT_CHARS));
  const ranked = [...languages].sort((a, b) => votes[b] - votes[a]);
  const top = ranked[0] ?? 'en';
  const lead = votes[top] - votes[ranked[1] ?? 'en'];
  if (prior === null) return lead > 0 ? top : 'en';
  return top !== prior && lead >= 1 && votes[top] >= votes[prior] + 2 ? top : prior;
}

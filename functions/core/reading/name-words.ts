/**
 * The small words around a name, language by language: the words after which a name is
 * expected ("with", "mit", "avec", "con", "met"), articles and place prepositions after which
 * it is not, titles, name particles, and the verbs that take a person.
 */
import type { Language } from './types.ts';

export const titles = new Set(
  'dr mr mrs ms mx prof sir dame herr herrn frau mme mlle m monsieur madame sr sra srta senor senora senorita don dona lic licenciado licenciada dhr mevr meneer mevrouw'.split(
    ' ',
  ),
);
export const particles = new Set([
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
  'del',
  'dos',
  'ten',
  'ter',
  'vom',
  'zu',
]);

export type WordSets = Record<Language, ReadonlySet<string>>;
export const sets = (words: Record<Language, string>): WordSets =>
  Object.fromEntries(
    Object.entries(words).map(([lang, list]) => [lang, new Set(list.split(' '))]),
  ) as unknown as WordSets;

/** Words after which a name is expected. */
export const personSlot = sets({
  en: 'with met meet meeting seeing see saw asked ask invited emailed messaged texted called named picked pick chose chosen choose',
  de: 'mit an heisst heißt treffe getroffen sehe gefragt nehme wahle frage kontaktiere besuche',
  fr: 'avec voir vu vois rencontre appelle appele contacter contacte',
  es: 'con a ver vi veo llama',
  nl: 'met zie heet gezien gesproken mail bel vraag spreek benader',
});
/** Coordinators: a word after them continues a list of names. */
export const coordinatorWords = sets({
  en: 'and & + or nor',
  de: 'und & + oder',
  fr: 'et & + ou',
  es: 'y e & + o u',
  nl: 'en & + of',
});
export const determinerWords = sets({
  en: 'the a an my your our his her their this that these those some any every each',
  de: 'der die das den dem des ein eine einen einem einer eines mein meine meinem meinen meiner dein sein seine ihr ihre unser unsere zum zur im am ins vom beim kein keine keinen diese diesen dieser dieses jede jeden jeder',
  fr: 'le la les l un une mon ma mes ton ta son sa ses notre nos leur leurs du des au aux ce cet cette',
  es: 'el la los las un una unos unas mi mis tu tus su sus al del este esta estos estas',
  nl: 'de het een mijn jouw zijn haar ons onze deze dit die dat',
});
export const placePrepWords = sets({
  en: 'at in from of for via near on into onto',
  de: 'bei aus nach in im von vom um',
  fr: 'chez en dans de du des au aux sur pour par',
  es: 'en de del desde por para',
  nl: 'bij uit van naar op in voor',
});
export const coordinators = new Set(Object.values(coordinatorWords).flatMap((s) => [...s]));
export const personNouns =
  /\b(?:guy|man|woman|girl|lady|chap|bloke|person|someone|friend|colleague|name|mate)\b(?:\s+\S+){0,6}\s*$/u;
export const pronounsAfter = /^\s+(?:and|und|et|y|en)\s+(?:i|ich|moi|yo|ik)\b/u;
export const personVerbs =
  /\b(?:getroffen|gesprochen|gesehen|gefragt|angeschrieben|eingeladen|kennengelernt|angerufen|treffe|sehe|frage|ausgewahlt|ausgesucht|gesproken|gezien|gevraagd|ontmoet|gebeld|gekozen|uitgenodigd|zie|benaderen|mailen|bellen|vragen|spreken|ontmoeten|zien|contacteren)\b/u;
/** "a message to Pearl", "thanks to Callista", "écrire à Ludivine", "escribir a Noelia". */
export const toPerson =
  /\b(?:message|messaged|wrote|write|writing|talk|talked|talking|spoke|speak|speaking|reach out|reached out|thanks|thank|reply|replied|intro|introduce|introduced|sent|send|chat|chatted|mail|mailed|email|emailed|text|texted|listen|listened|ecrire|ecris|ecrit|ecrirai|parler|parle|pense|penser|repondre|demander|demande|merci|escribir|escribo|escribire|hablar|pregunte|preguntar|gracias|schreibe|schreiben|danke|dank)\s+(?:to|a|an|aan)\s*$/u;

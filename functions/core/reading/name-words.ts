/**
 * The small words around a name, language by language: the words after which a name is
 * expected ("with", "mit", "avec", "con", "met"), articles and place prepositions after which
 * it is not, titles, name particles, and the verbs that take a person.
 */
import type { Language } from './types.ts';
import { roleNoun } from './words.ts';

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
  en: 'with met meet meeting seeing see saw asked ask invited emailed messaged texted called named picked pick chose chosen choose message messaging text texting email emailing call calling dm ping pinged contact contacted phone phoned ring',
  de: 'mit an heisst heißt treffe getroffen sehe gefragt nehme wahle frage kontaktiere besuche',
  fr: 'avec voir vu vois revois rencontre appelle appele appeler contacter contacte',
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

/** "Just Shaz and Big Dave", "Alleen Bram": a word that opens a short list of names. */
export const onlyWords = new Set(
  'just only nur bloss bloß lediglich seulement juste uniquement solo solamente sólo alleen slechts enkel'.split(
    ' ',
  ),
);

/**
 * Small words of each language that are never names in text written all in lower case, where
 * capitals cannot tell "ben" (well) or "dan" (then) from Ben and Dan, unless a word that
 * takes a person comes just before ("avec ben").
 */
export const lowercaseStopwords = sets({
  en: 'i you he she it we they me him her us them will can so but and or then than just well ok okay yeah maybe also still only too very really much many some any both all each other next last this that these those here there now then soon later today tomorrow yesterday week month year team work job lol haha hi hey thanks',
  de: 'ich du er sie es wir ihr mich dich sich uns euch mir dir ihm ihn man dann denn doch noch mal halt eben schon auch nur so ja nein naja also aber oder und wie was wer wo wann weil dass ob bin bist ist sind war hab habe hat haben wird werde kann muss soll will gut echt total mega super heute morgen gestern woche monat jahr erst mehr viel viele paar kurz kaum leider gerade grad etwas sehr ganz wirklich eigentlich immer nie oft bald fast gar hinterher wieder zusammen',
  fr: "je tu il elle on nous vous ils elles me te se moi toi lui leur ben bon bah beh bref donc alors puis mais ou et ni car si plusieurs quelques certains certaines tous toutes tout toute autre autres chaque aucun aucune meme pareil vraiment trop tres bien mal deja encore aussi sinon enfin finalement voila voici genre style peut pas plus moins rien personne quelqu'un quelque chose oui non ok merci salut hier demain aujourd'hui semaine mois annee",
  es: 'yo tu el ella nosotros vosotros ellos ellas me te se le les nos lo usted bueno pues luego entonces pero aunque y o ni si como cuando donde que quien ya aun todavia tambien tampoco solo muy mas menos mucho mucha muchos muchas poco varios varias algunos algunas otro otra otros otras todo toda todos todas nada nadie alguien algo vale ok oye mira hola gracias ayer hoy manana semana mes ano rato',
  nl: 'ik je jij u we wij ze zij hij het mij me hem haar ons jullie hun men dan toen nu nog al ook maar wel niet even eens zo ja nee oke ok want dus of en als wie wat waar wanneer hoe heel erg best echt veel weinig paar andere alle elke iedereen niemand iemand iets niks eerst later straks gisteren vandaag morgen week maand jaar pak ga gaat kom komt zie ziet doe doet heb hebt heeft is ben bent',
});

/** Verbs of getting in touch, after which a person is expected but a help desk may stand. */
export const contactVerbs = new Set(
  'message messaging text texting email emailing call calling dm ping pinged contact contacted phone phoned ring'.split(
    ' ',
  ),
);

/**
 * Given names the English lexicon knows only as ordinary words ("message Hope", "asked will
 * and grace"): after a word that takes a person they are names, where "Support" is not.
 */
export const wordNames = new Set(
  'hope faith joy will rose mark bill frank june april may summer autumn dawn iris ivy jade lily daisy ruby amber crystal pearl robin hunter hazel holly heather olive violet willow sunny chase dean drew gene ray rich art pat sue jack grace hope destiny honor skye'.split(
    ' ',
  ),
);

/** Subjects and auxiliaries after which German and Dutch put a person object before the verb. */
export const germanSubjects = new Set(
  'ich er sie wir ihr du habe hab hat haben ik hij ze zij we wij heb heeft hebben'.split(' '),
);
/** ", who …", ", die …": a relative clause after a word says it is someone. */
export const relativeAfter: Record<Language, RegExp> = {
  en: /^\s*,\s*who\b/u,
  de: /^\s*,\s*(?:der|die)\s+\p{Ll}/u,
  fr: /^\s*,\s*qui\b/u,
  es: /^\s*,\s*que\b/u,
  nl: /^\s*,\s*die\b/u,
};
/** "Tom, my manager", "Tom (ex-colleague)": a role right after a word says it is someone. */
export const roleAfter = new RegExp(
  `^\\s*[,(]\\s*(?:(?:my|a|an|the|our|his|her|mein\\w*|mon|ma|mi|mijn|un|una|une|een|ein\\w*|la|le|el)\\s+)?(?:(?:old|former|ex|alter|alte|ehemalige\\w*|ancien\\w*|antigu\\w*|oude)[\\s-]+)?(?:${roleNoun.source.replace(/^\(\?<!\[\\p\{L\}'\]\)/u, '')})`,
  'u',
);

/** Greetings and interjections that are never anyone's name ("Servus!", "Coucou", "Bueno, …"). */
export const greetingWords = new Set(
  'hi hey hello hiya hallo hola hoi moin servus gruezi gruss coucou salut bonjour bonsoir ciao tschuss buenas dag doei oye ojo dale bueno venga hombre ey voila bref allez tja naja zeg joh'.split(
    ' ',
  ),
);

/**
 * Interjections that are also names: opening a sentence before a comma and a small word they
 * are the interjection ("Che, ¿podemos…", "Mira, no sé"), elsewhere a name ("con Mira", "Mira,
 * Tom y yo").
 */
export const interjectionWords = new Set('che mira vale tio tia'.split(' '));

/**
 * Places of work a person is placed by ("die Rosi aus dem Nachbarbüro", "den Kalle vom
 * Empfang"), also as the end of a compound.
 */
export const workplace =
  /^(?:it|hr|wg|uni|edv)$|(?:buro|office|abteilung|team|buchhaltung|marketing|vertrieb|empfang|personal|einkauf|firma|verein|schule|kurs|projekt|labor|kanzlei|praxis|etage|stock|lager|werk|filiale|zentrale|hr|controlling|finanzen|entwicklung|support|service|redaktion|agentur|gruppe|chor|club|klub|sekretariat|verwaltung|studium|betrieb|nachbarschaft|haus|yoga)$/u;

/** The last word of a proper name that is a place ("Albert Square", "Leidseplein" apart). */
export const placeTail =
  /^(?:street|st|square|road|rd|lane|avenue|ave|gardens|plaza|platz|strasse|straße|allee|ufer|plein|straat|gracht|laan|kade|markt|station)$/u;

/** Last words that make a place after "in"/"round" or after a word that is no given name ("Hyde Park"), and a surname after one ("Grace Park", "Tom Green"). */
export const softPlaceTail =
  /^(?:park|green|hill|bridge|common|heath|garden|field|fields|wood|woods)$/u;

/** The first word of a proper name that is a place ("Place Bellecour", "Calle Mayor", "Parc Monceau"). */
export const placeHead =
  /^(?:rue|boulevard|bd|place|parc|jardin|quai|calle|avenida|plaza|parque|paseo|glorieta|rambla|piazza)$/u;

/** Prepositions of place after which a capitalised word is a place even if it is also a given name ("in Sydney", "round Victoria"). */
export const placeOnlyPreps = sets({
  en: 'in round around inside outside throughout',
  de: 'in nach',
  fr: '',
  es: '',
  nl: 'in naar',
});

/** Small numbers written out, which open an answer to "how many people did you meet?" ("Zwei: …"). */
export const countWords = new Set(
  'one two three four five six seven eight nine ten eins einen eine zwei drei vier funf sechs sieben acht neun zehn un une deux trois quatre cinq six sept huit neuf dix uno una dos tres cuatro cinco seis siete ocho nueve diez een twee drie vijf zes zeven negen tien'.split(
    ' ',
  ),
);

/** "pencilled in Tom", "loop in Sam": verbs whose "in" is a particle before a person. */
export const inParticleVerbs =
  /^(?:pencil\w*|loop\w*|rop\w*|bring\w*|brought|fit\w*|let|lett\w*|keep\w*|kept|put\w*|sign\w*|cc\w*|count\w*|factor\w*|fill\w*|invit\w*|call\w*|rang|ring\w*|includ\w*)$/u;

/** "heard back from Priya", "une réponse de Paul", "Antwort von Jan": news from someone. */
export const fromPerson =
  /(?<![\p{L}])(?:heard(?: back)?|hear(?: back)?|hearing(?: back)?|reply|replies|answer|response|message|messages|email|emails|mail|text|texts|word|news|nothing|anything|call|invite|invitation|intro|note|dm|dms|antwort|ruckmeldung|nachricht|nachrichten|gehort|reponse|nouvelles|message|respuesta|noticias|mensaje|antwoord|bericht|berichtje|reactie|gehoord|niets|nichts|rien|nada)\s+(?:back\s+|yet\s+|so far\s+)?(?:from|von|vom|de|d'|del|van)\s*$/u;

/**
 * The words meetings.ts reads beyond the shared cues of words.ts, language by language, as
 * patterns on folded text: the occasions a meeting is named by without a verb ("apéro avec
 * Thomas", "almorcé con la Flor"), succeeding at a meeting ("logré ver a Paloma"), arranging
 * one ("hab ich ausgemacht"), an introduction still to come ("she'll introduce me to Colin"),
 * and a recap's heading ("Bilan de décembre :").
 */
import type { Language } from './types.ts';

type Cues = Record<Language, RegExp>;

const re = (source: string) => new RegExp(source, 'u');
const b = (words: string) => `(?<![\\p{L}'])(?:${words})(?![\\p{L}])`;

/** Occasions and meeting verbs the shared cues leave out: nouns of meals, first-person plurals. */
export const occasionWords: Cues = {
  en: re(
    b(
      'pint|pints|beer|beers|tea|meal|catch up|caught up with|caught|phone call|video call|facetime',
    ),
  ),
  de: re(
    b(
      'mittag|abendessen|fruhstuck|bier|feierabendbier|lunch|spaziergang|essen gewesen|zusammengesessen|telefonat|anruf|videocall|videoanruf|zmittag|znacht|zmorge|apero|kafi',
    ),
  ),
  fr: re(
    b(
      'dejeuner|diner|apero|aperitif|verre|resto|restau|petit-dejeuner|brunch|balade|cafe|cafes|appel|coup de fil|visio',
    ),
  ),
  es: re(
    b(
      'almorce|almorzamos|almuerzo|comimos|comida|cenamos|cena|desayunamos|desayuno|platicamos|hablamos|quedamos|nos vimos|tomamos|cafecito|cerveza|chela|mate',
    ),
  ),
  nl: re(
    b(
      'borrel|geborreld|etentje|diner|biertje|ontbijt|wandeling|gewandeld|lunch|lunches|koffie|koffies|koffietjes|telefoontje|belletje|videogesprek',
    ),
  ),
};

/** Having managed to meet: "managed to catch Oscar", "logré ver a Paloma", "réussi à voir". */
export const managedToMeet: Cues = {
  en: re(
    b(
      'managed to (?:see|meet|catch|grab|talk|speak|chat|get (?:a )?(?:coffee|lunch|call))|finally (?:met|saw|caught|got to see)',
    ),
  ),
  de: re(
    `${b('geschafft')}.{0,40}${b('treffen|sprechen|sehen|telefonieren')}|${b('endlich getroffen|endlich gesprochen')}`,
  ),
  fr: re(b('(?:reussi|pu|arrive) a (?:voir|rencontrer|parler|dejeuner|prendre un cafe)')),
  es: re(
    b(
      '(?:logre|consegui|pude|alcance a) (?:ver|hablar|platicar|quedar|comer|tomar|juntarme|reunirme)',
    ),
  ),
  nl: re(`${b('gelukt')}.{0,40}${b('zien|spreken|ontmoeten|bellen')}`),
};

/** Arranging a meeting, which is a plan even in a past tense ("hab ich ausgemacht"). */
export const arranged: Cues = {
  en: re(
    b(
      'arranged|set up|booked|book|scheduled|schedule|organised|organized|lined up|pencilled|penciled|fixed up|sorted out a',
    ),
  ),
  de: re(
    b(
      'ausgemacht|abgemacht|vereinbart|verabredet|geplant|eingeplant|organisiert|gebucht|angesetzt|ausmachen|vereinbaren',
    ),
  ),
  fr: re(b('organise|prevu|prevue|cale|calee|fixe|planifie|reserve|programme')),
  es: re(b('agendado|agende|programado|programe|organizado|organice|acordamos|quedamos en')),
  nl: re(b('afgesproken|gepland|ingepland|geregeld|georganiseerd|geboekt|vastgelegd')),
};

/** An introduction to come: whoever is named in it has not been met. */
export const introduction: Cues = {
  en: re(
    b(
      "introduce me|intro me|introducing me|put me in touch|connect me|going to introduce|will introduce|'ll introduce",
    ),
  ),
  de: re(
    `${b('stellt mich|stellen mich|stellt uns')}.{0,40}${b('vor')}|${b('vorstellen|bekannt machen|vermitteln')}`,
  ),
  fr: re(b('me presenter|me presente|va presenter|mettre en contact|mettre en relation')),
  es: re(b('presentar|presentarme|me presenta|poner en contacto|ponerme en contacto')),
  nl: re(`${b('voorstellen|in contact brengen')}|${b('stelt me|stelt mij')}.{0,40}${b('voor')}`),
};

/** Future forms the shared cues leave out ("ze gaat", "me va a presentar"). */
export const futureExtra: Cues = {
  en: re(b("she's going|he's going|they're going|is going to|are going to")),
  de: re(b('nachste woche|demnachst')),
  fr: re(b('va|vont|allez')),
  es: re(b('va a|van a|vas a')),
  nl: re(b('gaat|gaan|gaat me|komt')),
};

/** "heute Nachmittag noch ein Kaffee mit Tim": later today, so still ahead, not yet met. */
export const laterToday: Cues = {
  en: re(b('this afternoon|this evening|later today')),
  de: re(b('heute nachmittag|heute abend|heut abend|heute mittag|noch heute|spater')),
  fr: re(b("cet apres-midi|ce soir|tout a l'heure|plus tard")),
  es: re(b('esta tarde|esta noche|mas tarde')),
  nl: re(b('vanmiddag|vanavond|straks|later vandaag')),
};

/** A recap's heading: what follows it was done ("Bilan de décembre :", "November recap:"). */
export const recapHeading =
  /^[^:.!?\n]{0,30}(?<![\p{L}])(?:recap|roundup|round-up|summary|wrap-up|bilan|recapitulatif|ruckblick|zusammenfassung|bilanz|resumen|balance|terugblik|samenvatting)(?![\p{L}])[^:.!?\n]{0,30}:/u;

/** Meeting verbs proper, without the auxiliaries the shared cues count ("had", "hab"). */
export const metStrict: Cues = {
  en: re(
    b(
      'met|saw|seen|talked|spoke|chatted|caught up|walked|hung out|visited|went well|was great|was lovely|was fun|happened|went for|had (?:a |an )?(?:coffee|lunch|breakfast|brunch|dinner|drinks?|call|chat|zoom|video|phone|long|quick|great|good|lovely)',
    ),
  ),
  de: re(
    b(
      'getroffen|gesprochen|telefoniert|getrunken|gegessen|gequatscht|geplaudert|kennengelernt|gesehen',
    ),
  ),
  fr: re(b('rencontre|rencontree|vu|vue|vus|dejeune|dine|discute|parle|bu')),
  es: re(
    b(
      'quede|tome|comi|cene|desayune|hable|platique|conoci|vi|almorce|platicamos|hablamos|comimos|cenamos|nos vimos',
    ),
  ),
  nl: re(b('ontmoet|gesproken|gezien|gedronken|geluncht|gebeld|bijgepraat|gegeten|al gehad|gehad')),
};

/**
 * The words a bare answer to "how many people did you meet?" may hold besides names: "only",
 * "with", "and", "people", "again", "this month", "so far" in the five languages.
 */
export const listFurniture = new Set(
  `a couple few just only with and or plus also too both again person people persons contact contacts this last month week time so far lately recently in all total
  ein paar der die den dem nur bloss lediglich mit und oder auch beide wieder nochmal person personen leute kontakt kontakte diesen diese letzten monat woche bisher mal diesmal insgesamt
  quelques seulement juste uniquement avec et ou aussi les deux encore personne personnes contact contacts ce cette mois semaine fois ci jusqu'ici en tout
  el la unos unas varios solo solamente nomas nada mas con y e o u tambien ambos los dos otra vez de nuevo persona personas contacto contactos este esta mes semana hasta ahora total
  een paar enkele alleen slechts enkel maar met en of ook allebei beide weer opnieuw persoon personen mensen contact contacten deze maand week keer tot nu toe totaal`.split(
    /\s+/u,
  ),
);

/** Words that say where a listed person is from ("Marcus from my old team", "Chuy del trabajo"). */
export const fromWords = new Set(
  'from of at von vom aus bei de du des del d van uit bij'.split(' '),
);

/**
 * How people ask for a different pace or for the next lesson, in English, German, French,
 * Spanish and Dutch, as patterns on folded text. A rhythm ("once a week", "cada dos
 * semanas", "om de twee weken") counts only with the lessons or emails it applies to, so
 * "I see Sam once a week" asks for nothing; "the next lesson" only with a verb of moving on,
 * so "before the next lesson" asks for nothing.
 */
import { phrase } from './phrase-pattern.ts';

const b = phrase;

/** Up to three words between a noun and what is said of it. */
const gap = '(?: \\p{L}+){0,3}';

/**
 * "every two weeks instead of every week", "alle zwei Wochen statt jede Woche": a sparser
 * rhythm set against the weekly one asks for slower when the sentence is about the lessons
 * (their noun, or getting and sending them), so "our team meeting is now every two weeks
 * instead of every week" asks for nothing.
 */
const sparser =
  '(?:every (?:other|second|two|three|2|3) weeks?|fortnightly|once a fortnight|alle (?:zwei|drei|2|3) wochen|alle vierzehn tage|toutes les (?:deux|trois|2|3) semaines|tous les quinze jours|cada (?:dos|tres|2|3) semanas|cada quince dias|om de (?:twee|drie|2|3) weken|om de veertien dagen)';
const weekly =
  '(?:every week|weekly|once a week|jede woche|jeder woche|wochentlich|einmal (?:pro|die|in der) woche|chaque semaine|toutes les semaines|une fois par semaine|cada semana|todas las semanas|semanalmente|una vez (?:a la|por) semana|elke week|iedere week|wekelijks|een keer per week)';
const instead =
  '(?:instead of|rather than|not|statt|anstatt|anstelle von|und nicht|au lieu de|plutot que|et non|en vez de|en lugar de|y no|in plaats van|ipv|en niet)';

const sparserRhythm = b(
  `(?:lessons|emails|them|get|receive|send|come|lektionen|mails|kommen|schicken|bekommen|erhalten|lecons|recevoir|arriver|envoyer|lecciones|correos|recibir|mandar|enviar|llegar|lessen|krijgen|ontvangen|sturen|komen)[^.!?]{0,60}${sparser},? ${instead} ${weekly}|(?:lessons|emails|lektionen|mails|e-mails|lecons|lecciones|correos|lessen)(?: \\p{L}+){0,3} (?:(?:a bit|a little|etwas|ein bisschen|ein wenig|un peu|plus|algo|un poco|mas|wat|iets|een beetje) )?(?:more relaxed|gentler|gemutlicher|entspannter|ruhiger|lockerer|gemachlicher|tranquillement|doucement|tranquilas|relajadas|rustiger|gemoedelijker|kalmer)`,
);

/** "Could you send them less often?", "plus espacées", "om de twee weken". */
export const slowerPatterns: readonly RegExp[] = [
  sparserRhythm,
  b(
    `slow(?:er| (?:it|things|them|the emails|the lessons) down| down| the emails| the lessons)|less (?:often|frequently|frequent)|fewer (?:emails|lessons)|too (?:fast|quick|quickly|often|frequent|many (?:emails|lessons|mails)|much too quickly)|(?:space|spread) (?:them|these|it|things|the emails|the lessons)(?: \\p{L}+)? out|more spaced(?: out)?|further apart|more (?:time|space) between|a (?:slower|gentler|more relaxed) pace|ease off|thick and fast|(?:weekly|fortnightly|once a week|one a week) (?:would be|is|sounds) (?:better|enough|plenty|fine|ideal)|(?:the )?pace is (?:a bit |a little |way )?(?:too )?(?:fast|quick|much|intense)|(?:one|1|a lesson|an email|one lesson|one email) (?:a|per|every) (?:week|fortnight)|(?:lessons?|emails?|mails?)${gap} (?:once a week|every (?:other|second|two|three) weeks|fortnightly|once a fortnight)`,
  ),
  b(
    `langsamer|seltener|zu schnell|zu oft|zu haufig|zu viele (?:e-?mails|mails|lektionen)|weniger (?:e-?mails|mails|oft|haufig|lektionen)|(?:weiter|mehr|starker) auseinander|(?:gro(?:ss|ß)ere|langere|mehr) abstande?|abstande?[^.!?]{0,40}vergro(?:ss|ß)ern|tempo (?:ist )?(?:mir )?(?:etwas |ein bisschen )?zu hoch|alle (?:zwei|drei|2|3) wochen (?:eine |1 )?(?:lektion|mail|e-mail)|mehr zeit (?:zwischen|dazwischen)|zu dicht (?:hintereinander|aufeinander)|gemachlicher|tempo (?:drosseln|rausnehmen|reduzieren)|(?:nur )?(?:eine|1) (?:lektion |mail |e-mail )?(?:pro|die|jede) woche|(?:lektionen|mails|e-mails)${gap} (?:einmal (?:pro|die|in der) woche|alle (?:zwei|drei|2|3) wochen|alle vierzehn tage|wochentlich)`,
  ),
  b(
    `plus lentement|moins (?:souvent|frequemment|vite)|moins de (?:mails|e-mails|lecons|messages)|plus espace(?:e|es|s)|espacer|espacez|trop (?:vite|rapide|souvent|frequent|de mails|de messages|de e-mails|de lecons)|ralenti(?:r|ssez|ssons)|(?:m'en |en |les )?envoy(?:er|ez) moins|rythme (?:est )?(?:un peu )?trop (?:soutenu|intense|rapide)|(?:un )?rythme plus (?:lent|doux|tranquille)|(?:une|un|une lecon|un mail|un e-mail) par (?:semaine|quinzaine)|(?:lecons|mails|e-mails|envois)${gap} (?:toutes les (?:deux|trois) semaines|tous les quinze jours|une fois par semaine)`,
  ),
  b(
    `mas despacio|mas lento|menos (?:a menudo|correos|seguido|frecuentes?|lecciones|emails)|con menos frecuencia|espaciar|espaciad[oa]s?|mas separad[oa]s|demasiado (?:rapido|deprisa|seguido|frecuentes?)|(?:bajar|reducir) el ritmo|(?:un )?ritmo mas (?:lento|tranquilo|pausado)|(?:una|uno|una leccion|un correo|un email) (?:a la|por|cada) (?:semana|quincena|dos semanas|tres semanas|quince dias)|ritmo (?:es )?(?:un poco |algo )?(?:demasiado )?(?:alto|intenso|rapido)|(?:una|uno) cada (?:dos|tres) semanas|(?:lecciones|correos|emails)${gap} (?:cada (?:dos|tres) semanas|cada quince dias|una vez (?:a la|por) semana)`,
  ),
  b(
    `langzamer|minder (?:vaak|frequent|mails|e-mails|lessen|berichten)|te (?:snel|vlug|vaak)|gaat (?:me )?(?:allemaal )?(?:wat |iets |veel |een beetje )?te (?:snel|vlug|hard)|(?:verder|meer) uit elkaar|meer tijd (?:tussen|ertussen)|(?:wat|iets|een beetje) (?:trager|rustiger)|rustiger aan|lager tempo|tempo (?:ligt |is )?(?:wat |iets |een beetje |veel )?(?:te )?hoog|tempo (?:omlaag|lager|terugschroeven)|(?:een|1|een les|een mail|een e-mail) per (?:week|twee weken)|(?:lessen|mails|e-mails)${gap} (?:om de (?:week|twee weken|veertien dagen)|(?:eens|een keer) per (?:week|twee weken)|wekelijks)`,
  ),
];

/**
 * The next lesson asked for now, before its week is up: "send the next one now", "no need to
 * wait a week", "die nächste Lektion schon jetzt", "dès maintenant", "mandar ya la siguiente",
 * "nu al". Without a word of now it is a skip ("send me the next lesson"), and a wish ("can't
 * wait for the next lesson") asks for nothing.
 */
const nextNowPatterns: readonly RegExp[] = [
  b(
    "(?:send|give|have|get)(?: me| us)?(?: \\p{L}+)? the next (?:lesson|one|step|ones|lessons)(?: \\p{L}+)? (?:now|already|right away|straight away|early|earlier|sooner|today)|ready for the next (?:lesson|one) (?:now|already|right away|whenever you are)|no need to wait (?:a (?:whole |full )?week|another week|for (?:the next|next week|a week)|until next week)|(?:don'?t|do not) (?:need|have) to wait (?:a (?:whole |full )?week|another week|for the next)",
  ),
  b(
    'nachste (?:lektion|aufgabe|einheit|mail)(?: \\p{L}+){0,3} (?:jetzt|sofort|fruher|heute)(?: \\p{L}+)? (?:schicken|senden|zuschicken|kommen|haben|bekommen)|(?:muss|musst|brauche|brauch) (?:\\p{L}+ ){0,2}nicht (?:erst )?(?:eine )?(?:ganze )?woche (?:zu )?warten|keine (?:ganze )?woche (?:zu )?warten',
  ),
  b(
    "(?:envoy\\p{L}*(?:-moi)?|m'envoyer|recevoir|avoir) (?:\\p{L}+ ){0,2}(?:la )?(?:prochaine lecon|lecon suivante|prochaine|suivante)(?: \\p{L}+)? (?:des maintenant|tout de suite|maintenant|deja|plus tot|des aujourd'hui)|pas besoin d'attendre (?:une|la|toute une) semaine|(?:inutile|pas la peine) d'attendre (?:une|la) semaine",
  ),
  b(
    '(?:mandar|enviar|mandad|enviad|manda|envia|manden|envien|recibir|tener)(?:me|nos)? (?:ya|hoy|ahora|ahora mismo) (?:la )?(?:siguiente|proxima)|(?:mandar|enviar|mandad|enviad|manda|envia|manden|envien)(?:me|nos)? (?:la )?(?:siguiente|proxima)(?: leccion)? (?:ya|ahora mismo)(?![a-z])|no (?:hace falta|hay que|necesito|es necesario) esperar (?:una|toda la|toda una) semana',
  ),
  b(
    '(?:stuur|sturen|stuurt|krijgen|ontvangen|hebben|komen)(?: \\p{L}+){0,3} (?:de |het )?volgende(?: les| stap| opdracht)?(?: \\p{L}+)? (?:nu al|nu|alvast|vandaag al|eerder)(?![a-z])|(?:hoef|hoeven|hoeft) (?:\\p{L}+ ){0,2}niet (?:een|een hele|nog een) week te wachten|geen (?:hele )?week (?:te )?wachten',
  ),
];

/** "more often", "accélérer le rythme", "más seguidas", "het tempo opvoeren". */
export const fasterPatterns: readonly RegExp[] = [
  ...nextNowPatterns,
  b(
    `faster|speed (?:it |things |them |the lessons )?up|more (?:often|frequently)|quicker|too slow|hurry up|pick up the pace|(?:step|crank|ramp) (?:it|things) up|(?:twice|two|2) (?:a|per) week|(?:lessons?|emails?)${gap} (?:every day|daily|every (?:other|couple of|few) days)`,
  ),
  b(
    `schneller|ofter|haufiger|zu langsam|zu selten|(?:zwei|2) ?mal (?:pro|die|in der) woche|(?:zwei|2) (?:lektionen|mails) (?:pro|die|in der) woche|tempo (?:erhohen|anziehen|hochschrauben)|(?:enger|dichter) (?:hintereinander|aufeinander|getaktet)`,
  ),
  b(
    `plus vite|plus souvent|plus rapide(?:ment)?|plus frequemment|plus rapproche(?:e|es|s)|accelere(?:r|z)|trop lent|pas assez souvent|(?:deux|2) (?:fois|lecons|mails) par semaine|augmenter le rythme|(?:un )?rythme plus (?:rapide|soutenu)`,
  ),
  b(
    `mas rapido|mas a menudo|mas seguid[oa]s?|mas frecuentes?|con mas frecuencia|mas juntas|acelerar|acelerad|demasiado lento|(?:dos|2) (?:veces|lecciones|correos) (?:a la|por) semana|dos por semana|subir el ritmo`,
  ),
  b(
    `sneller|vaker|te langzaam|te traag|versnellen|(?:het )?tempo (?:wat |iets |een beetje )?(?:omhoog|opvoeren|verhogen|hoger)|(?:twee|2) (?:keer|lessen|mails) per week|dichter op elkaar`,
  ),
];

/** "Skip this one", "passer à l'étape suivante", "¿podemos pasar a la siguiente lección?". */
export const skipPatterns: readonly RegExp[] = [
  b(
    'skip(?: (?:this|that|it|the|lesson|step|one))?|next (?:one|lesson|step),? please|move on to the next|on to the next|(?:jump|skip|go|move|get) (?:straight |right |directly )?(?:ahead|forward|on) to the next|jump ahead|go straight to the next|(?:^|please|can you|could you|would you|just) (?:send|give) (?:me |us )?(?:straight |over )?the next (?:lesson|one|step)',
  ),
  b(
    'uberspringen|uberspringe|(?:lasse|lass) (?:ich )?.{0,25} aus|auslassen|(?:gleich|direkt|sofort|lieber|weiter) (?:\\p{L}+ )?(?:zur|zu der|mit der) nachsten (?:lektion|aufgabe|stufe|einheit|etappe)|(?:zur|mit der) nachsten (?:lektion|aufgabe|stufe|einheit|etappe) (?:ubergehen|springen|gehen|wechseln|weitermachen)|(?:die )?nachste (?:lektion|aufgabe),? bitte|(?:bitte|gleich|direkt) (?:gleich |direkt )?die nachste (?:lektion |aufgabe )?schicken|schickt (?:mir )?(?:gleich |direkt |lieber )?die nachste',
  ),
  b(
    "je passe (?:cette|cet|ce)|pass(?:er|ez|ons) (?:cette|cet|ce) (?:etape|lecon)|pass(?:er|ez|ons|e) (?:directement |tout de suite |plutot |donc )?(?:(?:a la |a l'|au )(?:lecon |etape |partie |module |chapitre )?(?:suivante?|prochaine?)|a la suite)|(?:je |on )?saut(?:er|e|ons|ez) (?:cette|cet|ce|celle-ci|celle-la|celui-ci)|la (?:lecon|etape) suivante,? (?:svp|s'il vous plait|merci)|envoyez-moi (?:directement |plutot )?la (?:lecon |etape )?suivante",
  ),
  b(
    'me salto|saltar(?:me|nos)? (?:esta|este)|saltemos|(?:nos )?saltamos (?:esta|este)|(?:pasar|pasad|pasemos|pasamos|paso|avanzar|saltar) (?:directamente |ya |mejor )?(?:a la|al) (?:siguiente|proxima|proximo)(?: (?:leccion|etapa|paso|tema|parte))?|(?:ir|vamos|ve) (?:directamente )?(?:a la|al) (?:siguiente|proxima|proximo) (?:leccion|etapa|paso)|(?:la )?siguiente leccion,? por favor|paso de (?:esta|este)|(?:mandadme|enviadme|me mandais|me enviais|mandame|enviame) (?:ya |directamente )?la siguiente',
  ),
  b(
    'sla (?:ik )?.{0,20}over|overslaan|skippen|(?:door|verder|direct|meteen|gelijk)(?: \\p{L}+)? naar (?:de |het )?volgende(?: (?:les|stap|opdracht|module|deel))?|naar (?:de|het) volgende (?:les|stap|opdracht|module|deel) (?:gaan|door|springen)|(?:kunnen|mogen|kan|mag|gaan) (?:we|ik) (?:\\p{L}+ )?naar (?:de|het) volgende (?:les|stap|opdracht|module|deel)|(?:de )?volgende (?:les|stap|opdracht),? graag|stuur (?:maar |me |mij )*(?:meteen |direct |gelijk )?de volgende(?: les| stap)?',
  ),
];

/** "I'm too slow at replying": the person, not the pace, is slow. */
const selfSlow =
  /(?:i'?m|i am|je suis|ich bin|bin ich|soy|estoy|ik ben)(?: [a-z]+)? (?:too slow|trop lente?|zu langsam|demasiado lent[oa]|te (?:langzaam|traag))/;
const tooSlow = phrase(
  'too slow|not (?:often|frequent) enough|trop lente?|pas assez (?:souvent|rapide)|zu langsam|zu selten|nicht oft genug|demasiado lent[oa]|muy lent[oa]|te (?:langzaam|traag)',
);
const tooFast = phrase(
  "too (?:fast|quick|much|many|often|frequent|intense)|trop (?:vite|rapide|souvent|intense|charge)|c'est trop(?! lente?)|zu (?:schnell|viel|oft|haufig)|demasiad[oa]s?(?! lent)|te (?:snel|vlug|veel|vaak)",
);

/**
 * What a sentence says of the pace: "one lesson a week is too slow" wants faster and "twice a
 * week is too much" slower, whatever rhythm it names. Null when it says neither or both, or
 * when the slow one is the person ("I'm too slow at this").
 */
export function paceVerdict(sentence: string): 'slower' | 'faster' | null {
  const slow = tooSlow.test(sentence) && !selfSlow.test(sentence);
  const fast = tooFast.test(sentence);
  if (slow === fast) return null;
  return slow ? 'faster' : 'slower';
}

/** Whether a "too slow" at [start, end) of `folded` is said of the person, not the pace. */
export function slowIsSelf(folded: string, start: number, end: number): boolean {
  return selfSlow.test(folded.slice(Math.max(0, start - 20), end));
}

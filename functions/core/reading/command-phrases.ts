/**
 * How people ask the course for something, in English, German, French, Spanish and Dutch,
 * as patterns on folded text (lower case, no diacritics, typos mended first). Paraphrases
 * count ("put this on ice", "I'd rather not get these any more", "können wir danach
 * weitermachen?"); pace and skip live in pace-phrases.ts. The guards of command-guards.ts,
 * applied by commands.ts, decide whether a match is meant, and command-ends.ts whether a
 * stop with an end ("stop the emails until Monday") is a pause.
 */
import {
  leavingPatterns,
  moreTimePatterns,
  restingPatterns,
  sendAgainPatterns,
} from './command-paraphrases.ts';
import { fasterPatterns, skipPatterns, slowerPatterns } from './pace-phrases.ts';
import { phrase, wholePhrase } from './phrase-pattern.ts';
import type { ReplyCommand } from './types.ts';

const b = phrase;

/** Only the command and politeness: "STOP", "Stopp!", "Pause, s'il vous plaît." */
const politeness =
  "please|pls|plz|thanks|thank you|now|asap|bitte|danke|jetzt|svp|s'il vous plait|s'il te plait|merci|por favor|porfa|gracias|ya|aub|alsjeblieft|alstublieft|graag|bedankt|dank je";
const alone = (words: string) => wholePhrase(words, politeness);

/** Text that is only politeness: ", thanks!" after "Done". */
export const onlyPoliteness = new RegExp(`^\\W*(?:(?:${politeness})\\W*)*$`);

export const commandPatterns: Record<ReplyCommand, readonly RegExp[]> = {
  stop: [
    alone(
      'stop|stopp|stoppen|halt|arrete[sz]?|arreter|basta|para ya|unsubscribe|unsub|baja|de baja',
    ),
    b(
      "unsubscribe(?: me)?|unsub|opt (?:me )?out|take me off|remove me from|no more (?:emails|lessons|mails?|messages)|i want out|cancel (?:my |the )?(?:subscription|course|emails)|end the course|leave the course|(?:please )?(?:don't|do not) (?:email|send|mail|write to) me|rather not (?:get|receive) (?:these|them|this|emails|any)|(?:like|want|wish|prefer|rather) (?:to )?(?:stop receiving|no longer receive|not (?:to )?receive)(?: (?:these|the|your|any|this|those))? (?:any ?more )?(?:e-?mails|mails|messages|lessons|newsletters?)|stop (?:sending|emailing|mailing|the emails|these emails|the lessons|the course|this course|all emails)|done with (?:this course|these emails|the emails|the course|the lessons)",
    ),
    b(
      '(?:mails|e-mails|lektionen|nachrichten|kurs)(?: (?:\\p{L}|\\.)+){0,4} stoppen|(?:mails|e-mails|lektionen|nachrichten)(?: (?:\\p{L}|\\.)+){0,4} (?:einstellen|abstellen)|(?:stellt|stell|stellen sie) (?:die |den |alle )?(?:mails|e-mails|lektionen|kurs)(?: (?:\\p{L}|\\.)+){0,4} ein|abmelden|abbestellen|austragen|meld(?:e|et)? mich ab|keine (?:e-?mails?|mails?|nachrichten|lektionen) mehr|nichts mehr (?:bekommen|erhalten)|(?:mochte|will|wurde|wunsche)(?: (?:\\p{L}|-)+){0,5} nicht mehr (?:erhalten|bekommen|empfangen|zugeschickt bekommen)|hort auf (?:mir )?zu schreiben',
    ),
    b(
      "desabonne[rz]?(?:-moi)?|desinscri(?:re|vez|s)(?:-moi)?|ne (?:veux|souhaite|voudrais) plus (?:recevoir|de)|ne plus (?:recevoir|m'envoyer|me les envoyer|etre inscrite?)|arret(?:ez|er) (?:de m'envoyer|les (?:mails|e-mails|envois|lecons|messages)|l'envoi)|arretez tout|plus de (?:mails|e-mails|messages) (?:pour moi|svp|merci)",
    ),
    b(
      '(?:da|dad|de|den|dar)me de baja|dar de baja|no quiero recibir mas|(?:ya no|no) (?:quiero|quisiera|deseo|desearia|me gustaria) (?:seguir )?recibir (?:estos |los |sus |vuestros |tus |mas )?(?:correos|mails|emails|mensajes|lecciones)|(?:quiero|quisiera|deseo|me gustaria|prefiero|preferiria) dejar de recibir|no (?:me )?(?:mandeis|mandes|envieis|envies|manden|envien) mas|cancelar (?:la |mi )?suscripcion|(?:parar|parad|detener|detened|deten) (?:los |las |el |de )?(?:correos|envios|emails|mails|lecciones|mensajes|curso|enviar|mandar)|(?:podeis|podriais|puedes|podrias|pueden|podrian) parar',
    ),
    b(
      'uitschrijven|schrijf (?:me|mij) (?:\\p{L}+ ){0,2}uit|meld me af|afmelden|(?:geen|niet meer) (?:mails?|e-mails?|berichten) (?:meer )?(?:ontvangen|sturen|hebben)|geen (?:mails?|e-mails?) meer|(?:wil|wens|zou)(?: (?:\\p{L}|-)+){0,4} niet (?:meer|langer) (?:ontvangen|krijgen)|stop met (?:mailen|sturen)|stop ?zetten|stopzetten|(?<!(?:ik|we|wij|hij|zij|ze|jij|je|u) )stuur (?!ik |we |wij )(?:me |mij )?(?:\\p{L}+ ){0,4}(?:niet meer|niets meer)',
    ),
    ...leavingPatterns,
  ],
  pause: [
    b(
      'pause|pausing|hold off|(?:on|onto|to) the back ?burner|shelve (?:it|this|the course|the lessons|things|everything)|hold (?:back )?(?:the |my |all )?(?:next |upcoming |coming |remaining )?(?:one|ones|emails|lessons|lesson|course)|hold (?:everything|them|it|things)|put (?:it|this|things|everything|the course|me|the emails|them) on (?:hold|ice)|on hold|take a break|need a (?:break|breather|pause)|(?:can|could) (?:everything|it|this|things|the emails|the lessons|they) wait|pick (?:this|it|things) (?:back )?up (?:later|after|afterwards)|resume (?:after|afterwards|later)|wait till then|\u23f8',
    ),
    // "a week off", "two weeks' break", "no emails until Monday", "park the course".
    b(
      "(?:(?:a|an|one|two|three|four|few|couple of|\\d{1,2}) (?:weeks?|months?|fortnight)|(?:few|couple of|two|three|four|\\d{1,2}) days)(?:'s|s'|')? (?:off|break|breather|rest)|(?:have|like|want|could use) a (?:short |little |proper |quick )?break|no (?:emails|lessons|mails|messages) (?:until|till|for|before)|(?:don't|do not) send (?:me )?(?:anything|any(?: more)? (?:emails|lessons)|the next (?:one|lesson)) (?:until|till|for|before)|(?:park|freeze) (?:the course|the lessons|my subscription|it|this)",
    ),
    ...restingPatterns,
    b(
      'pausieren|pausiere|pausiert|pause machen|anhalten|aussetzen|(?:brauche|brauchte|mochte|hatte gern|nehme|nehmen|gonnt|gebt|gib|geben) (?:\\p{L}+ ){0,4}auszeit|auszeit (?:vom|von den) (?:kurs|lektionen|mails|e-mails)|auf eis legen|(?:lektionen|mails|e-mails|kurs)(?: \\p{L}+){0,3} zuruckhalten|(?:setzt|setz|setzen sie) (?:\\p{L}+ ){0,5}aus|(?:haltet|halten sie) (?:den kurs|die mails|die e-mails|die lektionen|alles)(?: \\p{L}+){0,3} an|ruhen lassen|(?:kurs|lektionen|mails|e-mails)(?: \\p{L}+){0,3} unterbrechen|(?:danach|spater|dann) weitermachen|erst (?:ab|im|nach) .{1,30} wieder|keine (?:e-?mails?|mails?|lektionen|nachrichten)(?: mehr)? (?:bis|fur|vor)|bis [^!?]{1,30} keine (?:e-?mails?|mails?|lektionen|nachrichten)',
    ),
    b(
      "suspendre|suspendez|suspends|interromp(?:re|ez) (?:les |le |l')?(?:envois?|mails|e-mails|lecons|cours)|mett(?:re|ez) en pause|en pause|en suspens|faire une pause|(?:reprendre|continuer) (?:apres|plus tard|ensuite)|on peut reprendre apres|(?:semaines?|jours|mois|quinzaine) de (?:repos|break|repit)|pas de (?:mails|e-mails|lecons|messages) (?:jusqu|avant|pendant)|(?:ne )?m'envoyez (?:plus )?rien (?:jusqu|avant)",
    ),
    b(
      'paus(?:ar|ad|a|an|en|ame|enme|adme|alo|enlo|arlo|alos|enlos|arlos)|parar un tiempo|(?:suspender|suspended|suspendan|suspenden|aplazar|aplazad|aplacen|congelar|congelad|congelen|interrumpir|detener|detened) (?:los |las |el |un poco |unos dias )?(?:correos|envios|emails|mails|lecciones|mensajes|curso)|(?:lo )?retomamos (?:despues|luego|mas tarde)|(?:escriben|escribis|escribes) despues|seguimos despues|(?:semanas?|dias|mes(?:es)?|quincena) de (?:descanso|respiro)|(?:tomar(?:me)?|necesito|necesitaria|quiero|querria|me vendria bien|dadme|darme) (?:un |una )?(?:\\p{L}+ )?descanso|(?:nada|ningun correo|ninguna leccion) hasta|no me (?:mandeis|mandes|envieis|envies|manden|envien) nada hasta',
    ),
    b(
      'pauzeren|pauzeer|pauze|even (?:stoppen|stopzetten|stilzetten)|(?:mails?|e-mails?|lessen|berichten|cursus)(?: \\p{L}+){0,3} (?:stilzetten|opschorten|onderbreken)|(?:zet|zetten|leg) (?:\\p{L}+ ){0,5}(?:stil|on hold|in de wacht|op pauze)|in de wacht|(?:daarna|later) (?:verder|weer verder)|(?:een|twee|drie|vier|paar|\\d{1,2}) (?:weken|week|dagen|maand(?:en)?) (?:rust|vrij)|geen (?:mails?|e-mails?|lessen|berichten)(?: meer)? (?:tot|voor)|tot [^!?]{1,30} geen (?:mails?|e-mails?|lessen|berichten)',
    ),
  ],
  slower: slowerPatterns,
  faster: fasterPatterns,
  resume: [
    ...sendAgainPatterns,
    b(
      'resume|unpause|restart|start (?:the (?:lessons|emails|course) )?(?:again|back up)|(?:ready|keen) to (?:get going|start|continue|go) again|get going again|back again|pick (?:this|it|the course|the lessons|things) (?:back )?up again',
    ),
    alone("i'?m back|im back|i am back|back"),
    b(
      'wieder da|bitte weitermachen|weitermachen bitte|(?:konnen|konnt|durft) (?:weitermachen|fortfahren)|fortsetzen',
    ),
    b('de retour|(?:vous pouvez|pouvez-vous|tu peux) (?:reprendre|continuer)|reprenez'),
    b('de vuelta|(?:podeis|puedes|pueden) (?:continuar|seguir)|continuad|seguid'),
    b(
      'ik ben terug|weer terug|(?:jullie|je|u) (?:mogen|mag|kunnen|kunt) (?:weer )?(?:verder|doorgaan)',
    ),
  ],
  skip: skipPatterns,
  'not-yet': [
    ...moreTimePatterns,
    /^\W*(?:not yet|not done yet|not quite yet|not there yet)\b/u,
    b(
      "haven'?t (?:done (?:it|this|that)|had (?:a chance|time)(?: to [\\w ]{0,20})?|managed (?:it|to [\\w ]{0,20})|got round to it|started)(?: [\\w ]{0,20})? yet|still working on it|need (?:a bit )?more time|give me (?:a (?:few|couple of) )?(?:more )?(?:days|time)",
    ),
    /^\W*noch nicht(?: (?:geschafft|gemacht|erledigt|so weit|dazu gekommen))?\b/u,
    b('ich brauche noch (?:ein paar|einige) tage|brauche mehr zeit'),
    // "Pas encore de date", "pas encore de réponse": nothing yet, not the lesson undone.
    /^\W*pas encore(?: fait)?\b(?!\s+(?:de|d'|du|des)\b)/u,
    b(
      "il me faut (?:quelques|encore) (?:jours|temps)|j'ai besoin de (?:plus de temps|quelques jours)",
    ),
    /^\W*(?:aun|todavia) no(?: lo he hecho| he podido)?\W*$|^\W*(?:aun|todavia) no lo he hecho/u,
    b('necesito (?:unos|algunos) dias mas|necesito mas tiempo'),
    /^\W*nog niet(?: gedaan| aan toegekomen)?\b/u,
    b('(?:ik )?heb nog (?:een paar|wat) dagen nodig|meer tijd nodig'),
  ],
  done: [
    alone(
      "done|all done|i'?m done|did it|done it|finished|completed|task done|erledigt|fertig|gemacht|c'est fait|fait|termine|hecho|listo|hecha|gedaan|klaar",
    ),
    /^\W*(?:all )?(?:done|finished|completed) (?:with )?(?:this|that|lesson|step)(?: (?:one|step|lesson|\d))?(?: already)?\W*$/u,
  ],
};

/** Which command wins when a reply asks for more than one. */
export const precedence: readonly ReplyCommand[] = [
  'stop',
  'pause',
  'slower',
  'faster',
  'resume',
  'skip',
  'not-yet',
  'done',
];

/**
 * How people ask the course for something, in English, German, French, Spanish and Dutch,
 * as patterns on folded text (lower case, no diacritics, typos mended first). Paraphrases
 * count ("put this on ice", "I'd rather not get these any more", "können wir danach
 * weitermachen?"); the guards in commands.ts decide whether a match is meant.
 */
import type { ReplyCommand } from './types.ts';

const b = (words: string) => new RegExp(`(?<![\\p{L}'])(?:${words})(?![\\p{L}])`, 'u');

/** Only the command and politeness: "STOP", "Stopp!", "Pause, s'il vous plaît." */
const politeness =
  "please|pls|plz|thanks|thank you|now|asap|bitte|danke|jetzt|svp|s'il vous plait|s'il te plait|merci|por favor|porfa|gracias|ya|aub|alsjeblieft|alstublieft|graag|bedankt|dank je";
const alone = (words: string) =>
  new RegExp(`^\\W*(?:(?:${politeness})\\W+)*(?:${words})(?:\\W+(?:${politeness}))*\\W*$`, 'u');

export const commandPatterns: Record<ReplyCommand, readonly RegExp[]> = {
  stop: [
    alone(
      'stop|stopp|stoppen|halt|arrete[sz]?|arreter|basta|para ya|unsubscribe|unsub|baja|de baja',
    ),
    b(
      "unsubscribe(?: me)?|unsub|opt (?:me )?out|take me off|remove me from|no more (?:emails|lessons|mails?|messages)|i want out|cancel (?:my |the )?(?:subscription|course|emails)|end the course|leave the course|(?:please )?(?:don't|do not) (?:email|send|mail|write to) me|rather not (?:get|receive) (?:these|them|this|emails|any)|stop (?:sending|emailing|mailing|the emails|these emails|the lessons|the course|this course|all emails)|done with (?:this course|these emails|the emails|the course|the lessons)",
    ),
    b(
      'abmelden|abbestellen|austragen|meld(?:e|et)? mich ab|keine (?:e-?mails?|mails?|nachrichten|lektionen) mehr|nichts mehr (?:bekommen|erhalten)|hort auf (?:mir )?zu schreiben',
    ),
    b(
      "desabonne[rz]?(?:-moi)?|desinscri(?:re|vez|s)(?:-moi)?|ne (?:veux|souhaite|voudrais) plus (?:recevoir|de)|arretez (?:de m'envoyer|les mails|les e-mails|tout)|plus de (?:mails|e-mails|messages) (?:pour moi|svp|merci)",
    ),
    b(
      'darme de baja|dame de baja|dar(?:me)? de baja|no quiero recibir mas|no (?:me )?(?:mandeis|mandes|envieis|envies|manden|envien) mas|cancelar (?:la |mi )?suscripcion',
    ),
    b(
      'uitschrijven|schrijf me uit|meld me af|afmelden|(?:geen|niet meer) (?:mails?|e-mails?|berichten) (?:meer )?(?:ontvangen|sturen|hebben)|geen (?:mails?|e-mails?) meer|stop met (?:mailen|sturen)',
    ),
  ],
  pause: [
    b(
      'pause|pausing|hold off|hold (?:the|my) (?:next one|emails|lessons|course)|hold everything|put (?:it|this|things|everything|the course|me|the emails|them) on (?:hold|ice)|on hold|take a break|need a (?:break|breather|pause)|(?:can|could) (?:everything|it|this|things|the emails|the lessons|they) wait|pick (?:this|it|things) (?:back )?up (?:later|after|afterwards)|resume (?:after|afterwards|later)|wait till then|\u23f8',
    ),
    b(
      'pausieren|pausiere|pausiert|pause machen|anhalten|aussetzen|(?:danach|spater|dann) weitermachen|erst (?:ab|im|nach) .{1,30} wieder',
    ),
    b(
      'suspendre|suspendez|suspends|mett(?:re|ez) en pause|en pause|(?:reprendre|continuer) (?:apres|plus tard|ensuite)|on peut reprendre apres',
    ),
    b(
      'pausar|pausad|pausa|parar un tiempo|(?:lo )?retomamos (?:despues|luego|mas tarde)|(?:escriben|escribis|escribes) despues|seguimos despues',
    ),
    b('pauzeren|pauzeer|pauze|even stoppen|(?:daarna|later) (?:verder|weer verder)'),
  ],
  slower: [
    b(
      'slow(?:er| (?:it|things|them|the emails|the lessons) down| down| the emails| the lessons)|less (?:often|frequently)|fewer (?:emails|lessons)|too (?:fast|quick|quickly|many emails|much too quickly)|space (?:them|these|it|the emails|the lessons) out|more time between',
    ),
    b('langsamer|seltener|zu schnell|weniger (?:e-?mails|oft|haufig)'),
    b('plus lentement|moins souvent|espacer|trop (?:vite|rapide|de mails|de messages|de e-mails)'),
    b('mas despacio|mas lento|menos (?:a menudo|correos|seguido)|espaciar|demasiado rapido'),
    b('langzamer|minder vaak|te snel|minder mails'),
  ],
  faster: [
    b('faster|speed (?:it |things )?up|more (?:often|frequently)|quicker|too slow|hurry up'),
    b(
      'schneller|ofter|haufiger|plus vite|plus souvent|plus rapide|mas rapido|mas a menudo|mas seguido|sneller|vaker',
    ),
  ],
  resume: [
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
  skip: [
    b(
      'skip(?: (?:this|that|it|the|lesson|step|one))?|next (?:one|lesson|step),? please|move on to the next|on to the next',
    ),
    b('uberspringen|uberspringe|(?:lasse|lass) (?:ich )?.{0,25} aus|auslassen'),
    b('je passe (?:cette|cet|ce)|passer (?:cette|cet|ce) (?:etape|lecon)|sauter (?:cette|cet|ce)'),
    b('me salto|saltar(?:me)? (?:esta|este)|saltemos'),
    b('sla (?:ik )?.{0,20}over|overslaan'),
  ],
  'not-yet': [
    /^\W*(?:not yet|not done yet|not quite yet|not there yet)\b/u,
    b(
      "haven'?t (?:done (?:it|this|that)|had (?:a chance|time)(?: to [\\w ]{0,20})?|managed (?:it|to [\\w ]{0,20})|got round to it|started)(?: [\\w ]{0,20})? yet|still working on it|need (?:a bit )?more time|give me (?:a (?:few|couple of) )?(?:more )?(?:days|time)",
    ),
    /^\W*noch nicht(?: (?:geschafft|gemacht|erledigt|so weit|dazu gekommen))?\b/u,
    b('ich brauche noch (?:ein paar|einige) tage|brauche mehr zeit'),
    /^\W*pas encore(?: fait)?\b/u,
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

/** Absent or swamped: with a date it runs to, the reply asks for a pause. */
export const absence = b(
  'busy|swamped|slammed|snowed under|away|travel+ing|off|on (?:holiday|vacation|leave|annual leave|parental leave|paternity leave|maternity leave|a trip)|out of (?:the )?office|ooo|out|unavailable|offline|no signal|eingespannt|weg|urlaub|unterwegs|beschaftigt|nicht (?:im buro|erreichbar|da)|verreist|absent|absente|debordee?|en conge|en vacances|en deplacement|a tope|ocupad[oa]|de vacaciones|de viaje|fuera|liado|liada|druk|op reis|met vakantie|afwezig|tot over mijn oren|niet bereikbaar',
);

/** Words around a command that make it reported speech, a temptation or a slip. */
export const reported = b(
  'said|says|saying|told|tell me|reply|replied|replying|answer|write|wrote|hit|click|clicked|press|pressed|tempted|almost|nearly|by accident|accidentally|thought about|considered|meinte|meint|sagte|gesagt|soll|sollte|schreiben|antworten|dit de|disait|repondre|dice que|dijo|conteste|contestar|escribir|zei|zegt|antwoorden|bijna',
);

/** What takes a command back: a laugh, "just kidding", "actually no", "never!". */
export const takenBack = b(
  "haha+|hehe+|lol|lmao|mdr|jaja+|jeje+|jk|j/k|just (?:kidding|joking)|kidding|joking|only joking|not really|actually no|no wait|ignore that|never ?mind|scherz|spass|war nur ein|je rigole|rigole|blague|es broma|broma|bromeo|grapje|geintje|nee hoor|niemals|jamais|jamas|nunca|echt niet|never|don'?t tell me|no way",
);

/** What takes back a command other than stop: only an explicit "just kidding" or "ignore that". */
export const takenBackStrict = b(
  'just (?:kidding|joking)|kidding|joking|only joking|actually no|no wait|ignore that|never ?mind|scherz|war nur ein|je rigole|blague|es broma|grapje|geintje',
);

/** Emoji that laugh. */
export const laughing =
  /[\u{1F602}\u{1F605}\u{1F923}\u{1F604}\u{1F61C}\u{1F609}\u{1F606}\u{1F601}]/u;

/** A question about how to do it later is not asking for it now. */
export const howTo = b(
  'how (?:do|can|would|should) i|if i (?:want|wanted|need)|in case i|wie kann ich|wie (?:melde|pausiere)|comment (?:je|puis|faire)|como (?:puedo|me|hago)|hoe kan ik|hoe (?:meld|pauzeer)',
);

/** "stop by", "can't stop thinking": stop as an ordinary verb. */
export const ordinaryStop =
  /\bstop(?:ped|ping)?\s+(?:by|in|at|over|thinking|worrying|being|making|doing|trying|wondering|smiling|laughing|procrastinating|myself)\b/u;

/**
 * The words around a command that say it is not meant now: reported ("she said reply STOP"),
 * joked or taken back ("haha no"), asked about how or for later ("if I need to pause in
 * August, do I just reply?"), or a past absence ("I had two weeks off"). Patterns on folded
 * text, in English, German, French, Spanish and Dutch; commands.ts applies them.
 */
import { phrase } from './phrase-pattern.ts';

const b = phrase;

/** Absent or swamped: with a date it runs to, the reply asks for a pause. */
export const absence = b(
  "busy|swamped|slammed|snowed under|(?:^\\W*|(?:i'?m|i am|i'?ll be|i will be|i'?ve been|be|being|we'?re|we are|we'?ll be|is|are|will be) )(?:away|off|out)|travel+ing|on (?:holiday|vacation|leave|annual leave|parental leave|paternity leave|maternity leave|sick leave|a trip)|out of (?:the )?office|ooo|unavailable|offline|no signal|eingespannt|weg|urlaub|unterwegs|beschaftigt|nicht (?:im buro|erreichbar|da)|ausser haus|verreist|absent|absente|debordee?|en conges?|en vacances|en deplacement|a tope|ocupad[oa]|de vacaciones|de viaje|fuera|ausente|liado|liada|druk|op reis|(?:met|op) vakantie|(?:met|op|in) verlof|(?:in|im) (?:elternzeit|mutterschutz|karenz|babypause)|en conge (?:parental|maternite|paternite)|(?:de )?baja (?:por|de) (?:maternidad|paternidad)|(?:met|op|in) (?:zwangerschaps|ouderschaps|bevallings|vaderschaps|geboorte)verlof|afwezig|niet op kantoor|tot over mijn oren|niet bereikbaar",
);

/** Words around a command that make it reported speech, a temptation or a slip. */
export const reported = b(
  'said|says|saying|told|tell me|reply|replied|replying|answer|write|wrote|hit|click|clicked|press|pressed|tempted|almost|nearly|by accident|accidentally|thought about|considered|meinte|meint|sagte|(?<!(?:ehrlich|offen|kurz|anders|gesagt) )gesagt|soll|sollte|schreiben|antworten|dit de|disait|repondre|dice que|dijo|conteste|contestar|escribir|zei|zegt|antwoorden|bijna',
);

/** What takes a command back: a laugh, "just kidding", "actually no". */
export const takenBack = b(
  "haha+|hehe+|lol|lmao|mdr|jaja+|jeje+|jk|j/k|just (?:kidding|joking)|kidding|joking|only joking|not really|actually no|no wait|ignore that|never ?mind|scherz|spass|war nur ein|je rigole|rigole|blague|es broma|broma|bromeo|grapje|geintje|nee hoor|don'?t tell me",
);

/**
 * "Never!" said on its own after a stop takes it back ("Unsubscribe? Never!", "stop... no
 * way!"); "never" inside a sentence gives a reason to leave ("Unsubscribe me, I never read
 * these", "I never signed up for this") and takes nothing back.
 */
export const takenBackInterjection =
  /(?:^\s*|[.!?…,;:\-–—]\s*)(?:oh\s+)?(?:never|niemals|nie und nimmer|(?<!si )jamais|jamas|nunca|echt niet|nooit|no way)(?:\s+(?:de la vie|ever|jamais|jamas|in my life|in a million years|im leben|van mijn leven|nie))?\s*(?:[!.…]|$|\p{Extended_Pictographic})/u;

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

/**
 * A command asked about on a condition ("if needed", "si besoin", "falls nötig", "si hace
 * falta", "indien nodig"): a question for later, not a request. "If possible" is a polite
 * request and is not here.
 */
export const ifNeeded = b(
  "if (?:needed|need be|necessary|required|ever)|if (?:i|we) (?:ever |really )?(?:need|have|want|decide)(?: to)?|should (?:i|we) (?:ever )?need|just in case|in case (?:i|we) need|when the time comes|for future reference|planning ahead|falls (?:notig|erforderlich|ich|wir|es notig)|wenn (?:notig|erforderlich)|bei bedarf|im notfall|si besoin|au besoin|si necessaire|en cas de besoin|si jamais|si (?:je dois|j'ai besoin|on doit)|si hace falta|si (?:es|fuera|fuese) necesario|si lo necesito|si necesito|en caso de (?:que|necesitar)|por si acaso|indien nodig|zo nodig|als (?:het|dat) nodig is|mocht (?:ik|het)|als ik (?:ooit|later)",
);

/**
 * Asking whether one will be able to, some day ("would I be able to pause in August?",
 * "est-ce que je pourrai", "¿se podrá … más adelante?"): for later when the sentence is a
 * question that does not also say when to resume.
 */
export const someday = b(
  "(?:will|would) (?:i|we) be able to|at some point|down the (?:line|road)|in the future|some ?day|later on|werde ich [^.!?]{0,30}konnen|irgendwann|in zukunft|spater (?:mal|einmal|auch mal|mal)|(?:est-ce que )?(?:je|on) pourr(?:ai|a)|pourr(?:ai|a)-(?:je|t-on)|un jour|a l'avenir|plus tard dans|podre|(?:se )?podra|mas adelante|en algun momento|en el futuro|algun dia|zal ik [^.!?]{0,30}kunnen|op een gegeven moment|in de toekomst|ooit|later (?:eens|een keer)|kan ik (?:dan|later)|whenever|at any time|any ?time|jederzeit|a tout moment|n'importe quand|cuando quiera|en cualquier momento|wanneer (?:ik|je) wil|op elk moment",
);

/** Asking whether one may: "is it possible to", "kann ich", "est-il possible de", "¿se puede?", "kan ik". */
export const mayI = b(
  'can (?:i|we)|could (?:i|we)|may i|is (?:it|there a way|that) possible|is there a way|am i able|kann (?:ich|man)|konnte (?:ich|man)|darf ich|ist es moglich|geht (?:das|es)|puis-je|je peux|peut-on|on peut|est-(?:il|ce) possible|est-ce que (?:je|on) peu[tx]|puedo|podria|se puede|es posible|hay (?:alguna )?(?:manera|forma)|kan ik|mag ik|kunnen we|kan (?:het|dat)|is (?:het|dat) mogelijk',
);

/** A condition to come: "if I get busy in May", "wenn ich im Urlaub bin", "si j'ai un empêchement". */
export const onCondition = b(
  'if|when|wenn|falls|sobald|si(?= \\p{L})|quand|lorsque|cuando|als|wanneer|zodra',
);

/** A condition that is only politeness: "if possible", "wenn das geht", "si ça ne vous dérange pas". */
export const politeCondition = b(
  "if (?:possible|that'?s (?:ok|okay|alright|fine|possible)|you (?:don't|do not) mind|that works|you can|so)|wenn (?:moglich|das (?:geht|moglich ist|ok ist)|es geht)|falls moglich|si (?:possible|c'est possible|ca (?:ne vous derange pas|vous va|vous convient)|vous (?:pouvez|voulez))|si (?:es posible|puede ser|no es molestia|os parece|podeis|puedes)|als (?:het|dat) (?:kan|goed is|mag|lukt)|indien mogelijk",
);

/** Resuming words: "pause and pick it up later on" asks for the pause now. */
export const resumeLater = b(
  'pick (?:it |this |things )?(?:back )?up|resume|continue|carry on|weitermachen|fortsetzen|reprendre|continuer|retomar|retomarlo|seguir|continuar|verder|doorgaan|oppakken|hervatten',
);

/** Said right after a question about a command: "Not yet, just planning ahead", "Nothing needed right now". */
export const notNow =
  /^\W*(?:not (?:yet|now|right now|at the moment)|nothing (?:needed |to do )?(?:right )?now|no rush|just (?:planning|asking|checking|curious)|noch nicht|jetzt (?:noch )?nicht|im moment (?:noch )?nicht|nur (?:zur info|mal gefragt)|pas (?:encore|maintenant|tout de suite|pour l'instant)|je me renseigne|(?:todavia|aun|ahora|de momento) no|por ahora no|solo (?:pregunto|preguntaba)|nu (?:nog )?niet|nog niet|(?:ik )?vraag het (?:alleen|maar))(?![\p{L}])/u;

/** A past absence just before the match: "I had two weeks off", "j'ai pris une semaine de pause". */
export const pastLead =
  /(?<![\p{L}])(?:had|took|spent|enjoyed|hatte|hatten|nahm|verbrachte|avais|avait|ai pris|ai eu|avons pris|tuve|tome|tomamos|pase|pasamos|had ik|nam|heb (?:ik )?(?:gehad|genomen))(?![\p{L}])[^,.;:!?]{0,18}$/u;

/** "stop by", "can't stop thinking": stop as an ordinary verb. */
export const ordinaryStop =
  /\bstop(?:ped|ping)?\s+(?:by|in|at|over|thinking|worrying|being|making|doing|trying|wondering|smiling|laughing|procrastinating|myself)\b/u;

/** "for a while", "vorübergehend": a stop that is meant to end, so a pause. */
export const forAWhile = b(
  "for a (?:while|bit|little while|few (?:days|weeks))|for (?:the time being|now)|f(?:u|ü)rs erste|erstmal|pour (?:l'instant|le moment)|por (?:ahora|el momento)|de momento|voor nu|temporarily|eine (?:weile|zeit ?lang)|vorubergehend|vorerst|temporairement|quelque temps|un (?:temps|moment)|temporalmente|una temporada|un tiempo|por un tiempo|tijdelijk|een tijdje|voorlopig",
);

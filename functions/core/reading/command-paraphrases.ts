/**
 * Commands said in other words, by family, in English, German, French, Spanish and Dutch, as
 * patterns on folded text: leaving (off the list, "I'd rather stop here", no longer
 * interested), resting (on the back burner, auf Eis, entre parenthèses, frenar, stilliggen),
 * sending again after a break, and more time for the task. Each family is tied to what makes
 * it a request to the course (the list, the lessons, a sentence that ends there), so the same
 * verbs about a person or a plan ("the marketing no longer interests me, …", "I'll start
 * sending invites again") ask for nothing. command-phrases.ts adds them to the plain words.
 */
import { phrase } from './phrase-pattern.ts';

const b = phrase;

/** The words end their clause: "je préfère arrêter ici." but not "arrêter de tergiverser". */
const ends = '(?=\\s*(?:[^\\sa-z0-9\\u00c0-\\u024f]|$))';

/** Off the list, a choice to stop here, dropping out. */
export const leavingPatterns: readonly RegExp[] = [
  b(
    `(?:remove|delete|drop|take|strike|cross) (?:me|my (?:e-?mail|address|e-?mail address|name|details)) (?:off|from|out of)|(?:rather|prefer to|decided to|(?:want|wish|like) to|going to|gonna) (?:stop|leave it|call it (?:a day|quits)|bow out|quit|drop out)(?: (?:here|there|now|at that))?${ends}|(?:i'?m|i am) (?:dropping out|bowing out|quitting)(?: (?:of|from) (?:the|this) (?:course|programme|program))?${ends}|i quit(?: (?:the|this) course)?${ends}|(?:thanks|thank you)[^.!?]{0,40} but (?:i think )?i'?ll (?:stop|leave it) (?:here|there)${ends}`,
  ),
  b(
    `mich (?:\\p{L}+ ){0,3}(?:aus|von|vom) (?:\\p{L}+ ){0,2}\\p{L}*(?:verteiler|liste|newsletter)|ich hor(?:e)? (?:(?:hier|jetzt|lieber|damit|also|dann|einfach|an dieser stelle) ){0,3}auf${ends}|(?:mochte|will|werde|wurde) (?:(?:hier|jetzt|lieber|gern|gerne|damit|also|dann|an dieser stelle) ){0,3}aufhoren${ends}|ich steige (?:(?:hier|jetzt|lieber|also|dann) ){0,2}aus${ends}|ich lasse es (?:(?:hier|jetzt|lieber|also|dann) )*(?:gut sein|dabei)`,
  ),
  b(
    `(?:(?:retir|enlev|supprim|ray|sort)(?:ez|e)-moi|me (?:retir|enlev|supprim|ray|sort)(?:er|ez|ir)) (?:de|des|du) (?:la |votre |ta |vos |cette |ma )?(?:liste|listes|mailing|envois|diffusion|newsletter)|(?:prefere|prefererais|vais|veux|voudrais|souhaite|souhaiterais|dois) (?:plutot |donc |maintenant |bien )?(?:m')?arreter(?: (?:ici|la|le cours|les lecons|la formation|tout|maintenant|definitivement|pour de bon))?${ends}|j'arrete (?:ici|la|tout|le cours|les frais)${ends}|je m'arrete (?:ici|la)${ends}|je (?:me retire|laisse tomber|jette l'eponge)${ends}`,
  ),
  b(
    `(?:saca|saque|borra|borre|quita|quite|elimina|elimine)(?:d|n)?me (?:de|del) (?:la |vuestra |su |tu |esta )?(?:lista|listado|envios|correos|mailing|newsletter)|prefiero (?:dejarlo|parar|no seguir|dejar el curso|dejar las lecciones)(?: (?:aqui|aca|ahi|hasta aqui|ya))?${ends}|(?:lo dejo|me bajo|me retiro|lo dejamos|me doy de baja)(?: (?:aqui|aca|ahi|hasta aqui|ya|del curso))?${ends}|(?:voy a|quiero|prefiero|he decidido) dejar (?:el curso|las lecciones|los correos)`,
  ),
  b(
    `(?:haal|verwijder|schrap) (?:me|mij|mijn (?:e-?mail ?)?adres) (?:\\p{L}+ ){0,2}(?:van|uit) (?:de|jullie|uw|je|deze) \\p{L}*lijst|ik (?:stop|kap|hou|houd) (?:er|hier)mee(?: op)?${ends}|ik (?:stop (?:hier|nu)|haak af)${ends}`,
  ),
  // No longer interested, as a whole clause: "Ya no me interesa el curso", but not "el
  // marketing ya no me interesa".
  /^\W*(?:(?:honestly|to be honest|tbh|sorry|sadly|unfortunately|i'?m afraid)\W+)?(?:i'?m |i am )?(?:no longer|not really|not) interested(?: any ?more)?(?: in (?:this|the|these|your) (?:course|lessons|emails|programme|program))?(?: any ?more)?\W*$/,
  /^\W*(?:(?:ehrlich gesagt|leider|sorry)\W+)?(?:ich )?(?:habe |hab )?(?:(?:leider|ehrlich gesagt|einfach|wirklich) )*kein(?:e)? (?:interesse|lust) mehr(?: (?:am|an dem|an diesem|auf den) kurs)?\W*$|^\W*das interessiert mich nicht mehr\W*$/,
  /^\W*(?:(?:desolee?|honnetement|franchement)\W+)?(?:(?:ca|cela|le cours|ce cours|la formation|tout ca) ne m'interesse plus|je ne suis plus interessee?(?: par (?:le|ce) cours)?)\W*$/,
  /^\W*(?:(?:la verdad(?: es que)?|sinceramente|honestamente|lo siento)\W+)?(?:es que )?ya no (?:me interesa|estoy interesad[oa])(?: (?:el curso|este curso|esto|en el curso|en esto|recibir (?:los |estos )?correos|seguir))?\W*$/,
  /^\W*(?:(?:eerlijk gezegd|sorry|helaas)\W+)?(?:ik heb )?(?:(?:eigenlijk|helaas|gewoon) )*geen (?:interesse|zin) meer(?: in (?:de|deze) cursus)?\W*$|^\W*ik ben (?:eigenlijk )?niet meer geinteresseerd\W*$/,
];

/** Setting the course aside for a while, in everyday words. */
export const restingPatterns: readonly RegExp[] = [
  b(
    '(?:kurs|lektionen|mails|e-mails|newsletter|das ganze)(?: \\p{L}+){0,3} (?:liegen|ruhen) lassen|stilllegen|stillegen',
  ),
  b(
    '(?:mettre|mets|mettez|mettons|met) (?:\\p{L}+ ){0,3}entre parentheses|(?:laisser|laissez|laissons) (?:ca|cela|le cours|les lecons|les mails|tout ca|tout|un peu|un moment) (?:\\p{L}+ )?de cote|mett(?:re|ez|ons) (?:\\p{L}+ ){0,2}en (?:veille|stand-?by|sommeil|attente)|faire un break',
  ),
  b(
    '(?:podemos|podeis|podriamos|puedes|pueden|podes|quiero|quisiera|necesito|prefiero|me gustaria|vamos a|hay que) (?:\\p{L}+ )?frenar|frenemos|frenad|frenar (?:el curso|las lecciones|los correos|un (?:tiempo|rato|mes|par))|parar (?:un (?:rato|ratito|tiempo|tiempito|poco|mes|par)|unos dias|unas semanas|(?:por|durante) (?:un|una|unos|unas|dos|tres|\\d)|hasta)|aparc(?:ar|ad|amos|emos) (?:el curso|las lecciones|esto|los correos)|poner (?:\\p{L}+ ){0,2}en (?:pausa|espera|stand ?by)|dejarlo en (?:pausa|espera|suspenso)',
  ),
  b(
    '(?:even |eventjes |efkes )?stil(?:liggen|leggen)|stil (?:laten )?liggen|(?:mag|mogen|kan|kunnen|laat|laten) (?:het|de lessen|de cursus|de mails|alles|ze) (?:\\p{L}+ ){0,2}(?:blijven liggen|rusten)|in de (?:ijskast|koelkast)|(?:even|eventjes|efkes) (?:geen|niks|niets) (?:lessen|mails|e-mails|berichten|cursus)|(?<!(?:ik|we|wij|hij|zij|ze|jij|je|u) )stuur (?:me |mij )?(?:even|eventjes|efkes) (?:niks|niets|geen)',
  ),
];

/** The course may send again: said to the course ("you can", "ihr könnt", "podéis"), not of one's own invites. */
export const sendAgainPatterns: readonly RegExp[] = [
  b(
    "(?:you can|you may|feel free to|please|go ahead and|happy for you to|ok to|okay to|could you|can you|you're welcome to) (?:\\p{L}+ )?(?:start|begin|resume) (?:sending|emailing|mailing)|(?:you can|you may|feel free to|please|go ahead and|happy for you to|ok to|okay to|could you|can you) (?:\\p{L}+ )?(?:send|sending)(?: me| us)? (?:the |my )?(?:lessons|emails|mails|course) again|(?:start|begin|resume) (?:sending|emailing|mailing) (?:me|us)(?![a-z])|(?:you can|you may) (?:now )?(?:carry on|continue|resume|keep going)",
  ),
  b(
    "(?:konnt|konnen|kannst|durft|darfst|bitte|gerne|gern)(?: \\p{L}+){0,4} wieder (?:schicken|senden|zuschicken|mailen|loslegen|starten|anfangen|beginnen|aufnehmen)|es kann (?:wieder )?weitergehen|weiter geht'?s",
  ),
  b(
    "(?:vous pouvez|pouvez-vous|tu peux|vous pourriez) (?:recommencer|relancer|redemarrer|reactiver|me renvoyer|renvoyer|m'envoyer (?:a nouveau|de nouveau))|recommenc(?:er|ez) (?:a m'envoyer|les envois|l'envoi)",
  ),
  b(
    '(?:podeis|puedes|pueden|podes|podrian|podriais) (?:volver a (?:mandar|enviar)(?:me)?|retomar|reanudar|reactivar|(?:mandarme|enviarme|mandar|enviar)(?: \\p{L}+){0,3} (?:otra vez|de nuevo))|(?:volved|vuelvan|vuelve) a (?:mandar|enviar)(?:me)?',
  ),
  b(
    `(?:jullie|je|u) (?:mogen|mag|kunnen|kunt|kan)(?: \\p{L}+){0,3} weer (?:sturen|versturen|mailen|beginnen|starten|verder|doorgaan|opstarten)|(?<!(?:ik|we|wij|hij|zij|ze|jij|je|u) )stuur (?:(?:me|mij|de lessen|ze|maar) )*weer(?: door)?${ends}`,
  ),
];

/** Not done yet, or more time asked for the task ("need another week", "nog een week nodig"). */
export const moreTimePatterns: readonly RegExp[] = [
  b(
    "haven'?t (?:\\p{L}+ )?(?:done|finished|completed|managed|got round to|got around to|gotten (?:round |around )?to|had (?:a chance|the chance|time)|started|tackled)(?: [\\w ]{0,30})? yet|need (?:another|one more|a (?:few|couple(?: of)?) more|some more|a (?:bit|little) more|(?:a bit |a little )?more) (?:days?|weeks?|time)(?! (?:off|of |away|break|holiday|vacation))|give me (?:another|one more|a (?:few|couple(?: of)?) more) (?:days?|weeks?)",
  ),
  b(
    '(?:habe|hab|bin) (?:\\p{L}+ ){0,3}noch nicht (?:geschafft|gemacht|erledigt|dazu gekommen|fertig|angefangen)|(?:brauche|brauch|benotige|brauchte) (?:noch (?:eine|ein paar|einige|etwas|ein bisschen|ein wenig) (?:woche|wochen|tage|zeit)|mehr zeit)(?! (?:urlaub|pause|auszeit|frei|ruhe))',
  ),
  b(
    "n'ai pas encore (?:eu le temps|pu|fait|termine|fini|trouve le temps|eu l'occasion|commence)|il me (?:faut|faudrait|faudra) (?:encore )?(?:une|quelques|deux|un peu de|plus de|un peu plus de) (?:semaine|semaines|jours|temps)(?! de (?:vacances|repos|pause|conges))|(?:j'ai|j'aurais) besoin (?:d'une|de quelques|d'un peu de|de plus de|d'encore) (?:semaine|semaines|jours|temps)(?! de (?:vacances|repos|pause|conges))",
  ),
  b(
    '(?:todavia|aun) no (?:lo |la )?(?:he podido|he hecho|hice|pude|he tenido tiempo|tuve tiempo|he terminado|termine|he alcanzado|alcance|he empezado|empece)|(?:necesito|me hace falta|me falta) (?:otra semana|otra semanita|unos dias mas|una semana mas|mas tiempo|un poco mas de tiempo|algo mas de tiempo|un par de dias mas)|(?:dame|dadme|denme|deme) (?:unos|un par de|otra|una) (?:dias|semana|semanita)(?: mas)?(?! de )',
  ),
  b(
    '(?:ben|heb) (?:\\p{L}+ ){0,3}nog niet (?:aan toegekomen|gedaan|aan begonnen|klaar|gelukt|afgerond)|heb (?:ik )?nog (?:een|twee|een paar|wat) (?:week|weekje|weken|dagen|dagje|dagjes|tijd) nodig|(?:wat )?extra tijd nodig|geef (?:me|mij) (?:nog )?(?:een|twee|een paar|wat) (?:week|weekje|weken|dagen|dagjes|tijd)',
  ),
];

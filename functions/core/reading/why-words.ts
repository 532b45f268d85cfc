/**
 * The words of a step-1 answer: the labels of a why and an offer, what offers help, what
 * names a goal, and what says that no why or offer is given yet ("no idea what my why is",
 * "Mein Warum kenne ich schon", "ce que je pourrais offrir, aucune idée"). Patterns on folded
 * text (lower case, no diacritics) unless said otherwise.
 */
import { phrase } from './phrase-pattern.ts';

/** A sentence that offers help or a skill, or a trade ("in return I can", "a cambio puedo"). */
export const offerCue =
  /\b(?:offer|offering|i can help|i could help|i can share|i could share|i can teach|i could teach|i can introduce|i could introduce|i can give|i could give|i can bring|i can lend|i can mentor|i'?m good at|i am good at|i'?m great at|i'?m pretty good at|i'?m really good at|i'?m decent at|ich bin (?:richtig |sehr |ziemlich )?gut (?:in|im|bei|mit)|ich kann (?:richtig |sehr |ziemlich )?gut|je suis (?:tres |plutot |assez )?(?:bon|bonne|doue|douee|fort|forte) (?:en|a|pour|avec)|soy (?:muy |bastante )?(?:bueno|buena) (?:en|con|para)|se mucho de|ik ben (?:heel |erg |best )?(?:goed|sterk) (?:in|met)|happy to help|happy to share|glad to help|glad to show|in return|give back|(?:give|lend) (?:people |someone |anyone |you )?a hand|my skills?|i know (?:a lot|my way) (?:about|around)|i can do|i could do|i make|anbieten|biete|ich kann .{0,40}helfen|kann ich .{0,40}helfen|im gegenzug|unter die arme|je peux (?:offrir|aider|partager|relire|donner)|offrir|en echange|(?:un )?coup de main|puedo (?:ofrecer|ayudar)|ofrecer|a cambio|(?:dar|echar)(?:te|le|les)? una mano|ik kan .{0,40}helpen|aanbieden|bieden|in ruil|een handje)\b/;

/**
 * An offer's label or heading, on the text as written: "Offer:", "What I offer:", "Was ich
 * biete:", "Ce que j'offre :", "Lo que ofrezco:", "Wat ik bied:", "What I can offer:".
 */
export const offerLabel = new RegExp(
  `(?:^|\\s)(?:${[
    '(?:and\\s+)?(?:(?:one|the)\\s+)?(?:thing\\s+|things\\s+|something\\s+)?(?:that\\s+)?(?:what\\s+)?i\\s+(?:can|could)\\s+(?:offer|bring|give|contribute)(?:\\s+(?:in return|back))?(?:\\s+is)?',
    'what i (?:bring|offer)(?: to the table)?|something i could give back|my\\s+offer(?:\\s+is)?|offer|in return',
    '(?:was|etwas,? was) ich (?:an)?(?:bieten|mitbringen|beitragen|geben) kann|was ich (?:an)?biete|was ich (?:mitbringe|beitrage)|(?:das )?kann ich (?:anbieten|bieten|mitbringen|beitragen)|anbieten kann ich|(?:mein )?angebot',
    "ce que (?:je peux|je pourrais|j['’]?peux) (?:apporter|offrir|proposer|donner)|ce que j['’](?:apporte|offre|propose)|ce que je (?:donne|propose)|(?:mon )?offre|en [eé]change",
    'lo que (?:puedo|podr[ií]a) (?:aportar|ofrecer|dar)|lo que (?:aporto|ofrezco|doy)|(?:mi )?oferta|a cambio',
    'wat ik (?:kan|zou kunnen) (?:aan)?(?:bieden|bijdragen|geven)|wat ik (?:aan)?bied|wat ik (?:bijdraag|meebreng)|wat ik te bieden heb|(?:mijn )?aanbod|in ruil',
  ].join('|')})\\s*[:=\\-–—]\\s*`,
  'iu',
);

export const whyWord =
  '(?:(?:my|the|mein|mon|mi|mijn)\\s+)?(?:why|reason|warum|grund|pourquoi|raison|porque|porqu[eé]|por qu[eé]|raz[oó]n|waarom|reden)';

/** "Why:", "Mein Warum:", "Pourquoi je veux faire ça :", "Por qué:": the why's label or heading. */
export const whyLabel = new RegExp(
  `^(?:\\d[.)]\\s*)?${whyWord}(?:(?:\\s+is)?\\s*[:=\\-–—?]|\\s+[^:\\n.!?]{1,40}?\\s*:)\\s*`,
  'iu',
);

/** Where an offer's text ends: a blank line, or the why's heading after it. */
export const offerEnd = new RegExp(
  `\\n\\s*\\n|\\n(?=\\s*(?:[-*•]\\s*)?${whyWord}\\b)|(?<=[.!?])\\s+(?=${whyWord}\\s*:)`,
  'iu',
);

/** Sentences that are not the why: thanks, doubt, apologies, pleasantries. */
export const notWhy =
  /^(?:thanks|thank you|thx|cheers|ok|okay|great|sounds good|will do|got it|love this|nice|cool|awesome|yes|sure|perfect|noted|hi|hello|hey|not sure|still thinking|no idea|sorry|apologies|entschuldigung|sorry fur|desole|desolee|pardon|perdon|lo siento|excuses|danke|merci|gracias|bedankt|pourquoi ?\??$|warum\??$)/iu;

/** "My why is to ...", "Mein Warum ist, ...": the why named in the sentence itself. */
export const whyInline =
  /^.*?\b(?:my why|my reason|the reason|mein warum|mein grund|mon pourquoi|ma raison|mi porqu[eé]|mi raz[oó]n|mijn waarom|mijn reden)\s+(?:is|ist|est|es|es que|is dat)\s*,?\s*/iu;

/** A sentence that names what the person wants: the why of a story told under a why heading. */
export const goalCue = phrase(
  "i want|i wanna|i'd (?:like|love)|i would (?:like|love)|i'm hoping|i am hoping|i hope|hoping to|i'm looking to|i am looking to|my goal|the goal|i aim|i plan to|i'm trying to|i need to|ich (?:mochte|will|wurde gerne?|hoffe|plane)|mein ziel|je (?:veux|voudrais|souhaite|compte)|j'aimerais|mon (?:objectif|but)|quiero|quisiera|me gustaria|busco|mi (?:objetivo|meta)|ik (?:wil|zou graag|hoop)|mijn doel|retrain\\p{L}*|(?:switch|move|moving|break|breaking) into|becoming|umschul\\p{L}*|(?:me )?reconvertir|reconversion|pasarme a|cambiarme a|omscholen|overstap maken",
);

const whyTopic = '(?:my|the|mein|mon|mi|mijn) (?:why|warum|pourquoi|porque|por que|waarom)';
const offerTopic =
  'offer\\p{L}*|anbieten|bieten|biete|offrir|offre|apporter|ofrecer|ofrezco|aportar|bieden|bied|bijdragen|contribute|bring';
/** Not knowing, not having found: "no idea", "keine Ahnung", "aucune idée", "geen idee". */
const ignorance =
  "no idea|no clue|not sure|unsure|(?:don'?t|do not|doesn'?t) know|dunno|(?:haven'?t|have not) (?:figured|worked) (?:it )?out|can'?t think of|cannot think of|keine ahnung|(?:weiss|weiß) (?:ich )?(?:\\p{L}+ ){0,4}?nicht|sais pas|aucune idee|pas la moindre idee|no (?:lo )?se|ni idea|no tengo (?:ni )?idea|geen (?:flauw )?idee|weet (?:ik )?(?:het )?(?:\\p{L}+ ){0,3}?niet";
/** Not yet, or already known without saying it: "todavía no lo sé", "Mein Warum kenne ich". */
const notYetOrKnown =
  'not yet|still (?:thinking|figuring|working)|pas encore|noch nicht|todavia no|aun no|nog niet|know|knew|kenne|kennt|connais|connait|tengo (?:muy )?clar\\p{L}*|lo tengo|ken ik|weet ik al';

const noneIgnorant = phrase(
  `(?:${ignorance})[^.!?:]{0,35}?(?:${whyTopic}|(?:what|something|anything|thing|was|etwas|ce que|ce qu'|quoi|que|lo que|algo|wat|iets)(?:(?!\\b(?:but|aber|mais|pero|maar)\\b)[^.!?:]){0,25}(?:${offerTopic}))`,
);
/** "Nothing I could offer", "nichts anzubieten", "rien à offrir", "nada que ofrecer". */
const nothingToOffer = phrase(
  `(?:nothing|not much|not a lot|nichts|kaum etwas|rien|pas grand[- ]chose|nada|casi nada|niets|niks|weinig)(?:(?!\\b(?:but|aber|mais|pero|maar)\\b)[^.!?:]){0,25}(?:${offerTopic}|anzubieten)|(?:${offerTopic}) (?:\\p{L}+ ){0,3}?(?:nothing|nichts|rien|nada|niets|niks)(?![^.!?]*\\b(?:but|except|aber|ausser|außer|sauf|mais|pero|excepto|salvo|behalve|maar)\\b)`,
);
const noneKnown = phrase(`(?:know|knew)[^.!?:]{0,12}?${whyTopic}(?! (?:is|ist|est|es)\\b)`);
const noneAfterWhy = phrase(
  `${whyTopic}(?! (?:is|ist|est|es)\\b)[\\s,]+[^.!?:]{0,30}?(?:${ignorance}|${notYetOrKnown})`,
);
const noneAfterOffer = phrase(
  `(?:what|something|anything|was|ce que|ce qu'|lo que|que|wat)[^.!?:]{0,25}(?:${offerTopic})[^.!?:]{0,40}?(?:${ignorance}|not yet|pas encore|noch nicht|todavia no|aun no|nog niet)`,
);

const opener =
  '(?:honestly|to be honest|tbh|and|but|ehrlich gesagt|und|aber|franchement|honnetement|et|mais|la verdad|sinceramente|y|pero|eerlijk gezegd|en|maar)';
const filler =
  "yet|either|really|honestly|tbh|at all|for now|right now|at the moment|encore|pour l'instant|pour le moment|du tout|non plus|de momento|por ahora|todavia|aun|la verdad|tampoco|eigentlich|noch|wirklich|ehrlich gesagt|auch|nog|echt|eerlijk gezegd|precies|eigenlijk|about it|i'?m afraid";
/** A clause that is only "not sure yet", "je ne sais pas encore", "ni idea de momento". */
const onlyIgnorance = new RegExp(
  `^(?:${opener}[\\s,]+)*(?:i'?m |i am |i |ich |je |j'|yo |ik )?(?:ne )?(?:${ignorance}|still thinking(?: about it)?|${'not yet|pas encore|noch nicht|todavia no(?: lo se)?|aun no|nog niet'})(?:[\\s,]+(?:${filler}))*[\\s.!?…]*$`.replaceAll(
    '\\p{L}',
    '[a-z\\u00c0-\\u024f]',
  ),
);

/** A cheap first look: every pattern below needs one of these words. */
const mayStateNone =
  /idea|idee|clue|sure|know|knew|dunno|figured|worked|think|ahnung|wei(?:ss|ß)|sais|se\b|weet|yet|still|encore|noch|todavia|aun|nog|kenn|connai|tengo|ken\b|nothing|much|lot|kaum|grand|nicht|rien|nada|niets|niks|weinig/;

/**
 * Whether a sentence (folded) says the why or the offer is not known yet, or is known without
 * being said ("I already know my why"): then it states none.
 */
export function statesNone(folded: string): boolean {
  if (!mayStateNone.test(folded)) return false;
  if (
    noneIgnorant.test(folded) ||
    noneKnown.test(folded) ||
    nothingToOffer.test(folded) ||
    noneAfterWhy.test(folded) ||
    noneAfterOffer.test(folded)
  )
    return true;
  const [first, ...rest] = folded.split(/[,;]\s*/u);
  return onlyIgnorance.test((first ?? '').trim()) && !rest.some((c) => goalCue.test(c));
}

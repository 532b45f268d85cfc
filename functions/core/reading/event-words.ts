/**
 * The words events.ts reads an event by: event nouns, the words that end a name going
 * backwards, the lead-ins before a proper name, and the phrases that make an event someone
 * else's or only a kind of event.
 */
export const strongNouns = new Set(
  'meetup meetups meet-up conference conf summit expo exhibition mixer forum workshop symposium convention hackathon seminar webinar tradeshow festival fest awards barcamp bootcamp unconference celebration congress konferenz tagung messe kongress stammtisch netzwerktreffen veranstaltung salon sommet congres conferencia congreso foro cumbre feria jornada jornadas encuentro conferentie beurs bijeenkomst borrel netwerkborrel evenement webinaire webinario'.split(
    ' ',
  ),
);
export const weakNouns = new Set(
  'night evening breakfast drinks lunch dinner social week day days session camp fair talk panel reception gathering party soiree rencontre rencontres event events evento afterwork afterworks apero aperitivo netwerkavond netzwerkabend networkingabend'.split(
    ' ',
  ),
);
export const industry =
  /^(?:networking|startup|start-up|industry|founders?|business|tech|fintech|women|design|product|data|ux|dev|developer|marketing|career|alumni|chamber|portfolio|demo|digital|ai|hr)$/u;
export const boundary = new Set(
  "i'll i've i'd we'll we've you're they're he's she's about maybe around roughly couple few several many two three four five six seven eight nine ten dozen zwei drei vier funf deux trois quatre dos tres cuatro twee drie vier to at going go goes attend attending attended visit visiting picked pick chose chosen choose signed registered booked book up is are was were be been will would i i'm im we we're it it's its there here for on with by next last this that these those which who called named reply and or but so because as into onto from my our your their his her a an one some any hit found find try trying tried planning plan think hope want wanted decided decide check checking looked looking also just then already probably got ticket tickets every each any all jede jeden chaque cada elk ieder with mit avec con met beim im am und vom von aus from zur zum zu fur das die der den dem ein eine einen ich mich habe gehe au a la le les un une je me suis vais al el los las me he voy naar het de een ik ga heb voor".split(
    ' ',
  ),
);
export const leadIn =
  /\b(?:going to|go to|goes to|attend(?:ing)?|signed up (?:for|to)|sign up for|registered (?:for|to)|register for|booked(?: a ticket| tickets)?(?: for| to| into)?|ticket (?:for|to)|tickets (?:for|to)|heading to|off to|try|trying|picked|chose|inviting me to|invited me to|one that fits best is|the big one is|next one is|next one's|gehe (?:zu[mr]?|auf)|angemeldet (?:fur|bei)|anmelden (?:fur|bei)|vais (?:au|a la|aux)|irai (?:au|a la)|inscrit(?:e)? (?:au|a la|aux)|voy (?:al|a la|a)|ire (?:al|a la)|apuntado (?:al|a la)|inscrito (?:al|a la|en)|ga naar|ingeschreven (?:voor|bij)|aangemeld (?:voor|bij))\s+(?:the\s+|het\s+|de\s+|das\s+|die\s+|den\s+)?$/u;

/** "no industry events", "keine Branchenevents", "aucun salon", "geen borrels": none to go to. */
export const none =
  /^(?:no|not|never|none|zero|kein|keine|keinen|keinem|nie|aucun|aucune|pas|jamais|ningun|ninguna|ningún|nunca|sin|geen|nooit|zonder)$/u;

/** "who runs", "die ... organisiert": the event is someone's role. */
export const runs =
  /(?:^|\s)(?:who|that|die|der|qui|que|quien|wie)\s+(?:also\s+|co-?)?(?:runs|organi[sz]es|hosts|leads|founded|started|organisiert|leitet|veranstaltet|organise|anime|organiza|dirige|organiseert|leidt)\s+(?:the\s+|a\s+|an\s+|den\s+|die\s+|das\s+|le\s+|la\s+|el\s+|de\s+|het\s+)?$/u;
/** A count or an ordinal before an event noun: "four conferences", "first big conference". */
export const generic =
  /^(?:first|second|third|last|biggest|big|my|our|few|couple|several|many|some|two|three|four|five|six|seven|eight|ten|dozen|couple|about|maybe|around|erste|premier|premiere|primera|primer|eerste)$/u;

/** Words that make a capitalised name an event's ("DevOpsDays", "PyCon", "Summit"). */
export const eventWord =
  /(?:con|conf|summit|meetup|meet-up|days?|camp|fest|festival|expo|forum|week|night|hack|fair|messe|salon|congres|congreso|beurs|talks?|live|world|connect)\b/u;

// The kind depends on the folded word alone and is asked for every token, often twice; a
// bounded memo spares re-testing every strong noun as a suffix each time.
const nounKinds = new Map<string, 'strong' | 'weak' | null>();
const longStrongNouns = [...strongNouns].filter((n) => n.length > 4);

/** Whether a folded word is a strong or a weak event noun ("meetup", "drinks"), or neither. */
export function nounKind(fold: string): 'strong' | 'weak' | null {
  const cached = nounKinds.get(fold);
  if (cached !== undefined) return cached;
  // "l'afterwork", "d'apéro": the elided article is not part of the word.
  const bare = fold.replace(/^(?:l|d|qu)'/u, '');
  const word = weakNouns.has(bare.replace(/-/gu, ''))
    ? bare.replace(/-/gu, '')
    : bare.replace(/^.*-/u, '');
  const kind =
    strongNouns.has(word) || longStrongNouns.some((n) => fold.endsWith(n))
      ? 'strong'
      : weakNouns.has(word)
        ? 'weak'
        : null;
  if (nounKinds.size >= 5000) nounKinds.clear();
  nounKinds.set(fold, kind);
  return kind;
}

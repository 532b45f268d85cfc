/**
 * How a reply feels and what it asks: discouragement, good news, and the
 * questions put to the coach. Read on the folded body (no greeting or
 * sign-off, lower case, no diacritics), sentence by sentence, so a quoted
 * invitation ("I asked her 'coffee next week?'") is not a question to us and
 * "not nervous at all" is not a worry.
 */
import type { Doc } from './text.ts';
import type { Language } from './types.ts';

const re = (parts: readonly string[]) =>
  new RegExp(`(?:^|[^\\p{L}])(?:${parts.join('|')})(?![\\p{L}])`, 'u');

/**
 * Words and phrases of someone who finds this hard: low mood, fear,
 * awkwardness, feeling alone or stuck, wanting to give up. Written per
 * language, folded (no accents), as people write them in a short email.
 */
const discouraged: Record<Language, RegExp> = {
  en: re([
    'give up',
    'giving up',
    'gave up',
    'pointless',
    'hopeless',
    'useless',
    'no point',
    "what's the point",
    'not for me',
    "isn't for me",
    'not sure this is for me',
    "doesn't work for me",
    "don't think this works",
    "doesn't work for introverts",
    'feel(?:ing)? (?:pretty |really |so |a bit |quite )?(?:low|down|stuck|lost|awkward|stupid|silly|embarrassed|anxious|nervous|scared|overwhelmed|exhausted|drained|hopeless|useless|like a fraud|like a failure)',
    'wearing me down',
    'worn out',
    'burn(?:ed|t) out',
    'burned (?:all )?my bridges',
    'burnt (?:all )?my bridges',
    'nobody (?:to ask|replied|replies|answered|got back|wants)',
    'no one (?:to ask|replied|has replied|answered|got back|wants)',
    "don't (?:really )?(?:know|have) anyone",
    "don't know who to ask",
    'no idea who to ask',
    "haven't got anyone",
    "can't face",
    "can't bring myself",
    'too shy',
    "i'm shy",
    'introvert(?:ed)? and',
    'terrified',
    'dread(?:ing)?',
    'cringe',
    'so awkward',
    'too awkward',
    'embarrass(?:ed|ing)',
    'rejected',
    'ignored me',
    'ghosted',
    'struggling',
    'failing at',
    'not good at this',
    'bad at this',
    "i'm no good",
    'losing hope',
    'lost hope',
    'demotivated',
    'discouraged',
    'feel(?:s)? hopeless',
    'so hard',
    'really hard',
    'too hard',
    'a struggle',
    'overwhelming',
    'nothing is working',
    'nothing works',
    'going nowhere',
    'getting nowhere',
    'i quit',
  ]),
  de: re([
    'aufgeben',
    'gebe auf',
    'hoffnungslos',
    'sinnlos',
    'bringt nichts',
    'nichts fur mich',
    'nicht fur mich',
    'peinlich',
    'unangenehm',
    'schuchtern',
    'introvertiert',
    'angst',
    'nervos',
    'uberfordert',
    'erschopft',
    'frustriert',
    'frustrierend',
    'entmutigt',
    'demotiviert',
    'zermurbt',
    'schaffe das nicht',
    'schaff das nicht',
    'kenne niemanden',
    'niemand (?:antwortet|hat geantwortet|meldet sich)',
    'keiner (?:antwortet|meldet sich)',
    'wei(?:ss|ß) nicht,? wen ich',
    'alles zu viel',
    'wird mir zu viel',
    'fuhle mich (?:schlecht|mies|dumm|verloren|allein)',
    'zu schwer',
    'so schwer',
    'echt schwer',
    'klappt nicht',
    'funktioniert nicht fur mich',
    'komme nicht weiter',
  ]),
  fr: re([
    'abandonner',
    "j'abandonne",
    'sans espoir',
    'inutile',
    'ca ne sert a rien',
    'pas pour moi',
    'genant',
    'gene',
    'timide',
    'introverti',
    'peur',
    'angoisse',
    'stresse',
    'deborde',
    'epuise',
    'decourage',
    'demotive',
    'frustre',
    'je ne connais personne',
    'connais personne',
    'personne ne (?:repond|m.a repondu)',
    'je ne sais pas (?:a )?qui demander',
    'me sens (?:nul|nulle|bete|perdu|perdue|seul|seule|mal)',
    'nulle? en reseau',
    'trop dur',
    'tres dur',
    'si dur',
    'difficile pour moi',
    'ca ne marche pas',
    "n'avance pas",
    'je craque',
    '(?:plus|pas) le moral',
    'moral a zero',
  ]),
  es: re([
    'rendirme',
    'me rindo',
    'sin esperanza',
    'no sirve de nada',
    'inutil',
    'no es para mi',
    'verguenza',
    'incomodo',
    'incomoda',
    'timido',
    'timida',
    'introvertid[oa]',
    'miedo',
    'ansiedad',
    'nervios[oa]',
    'agobiad[oa]',
    'agotad[oa]',
    'desanimad[oa]',
    'desmotivad[oa]',
    'frustrad[oa]',
    'no conozco a nadie',
    'nadie (?:me )?(?:responde|contesta|ha contestado|ha respondido)',
    'no se a quien (?:preguntar|pedir)',
    'me siento (?:mal|fatal|perdid[oa]|sol[oa]|tont[oa]|inutil)',
    'muy dificil',
    'demasiado dificil',
    'tan dificil',
    'no funciona',
    'no avanzo',
    'me esta quemando',
    'quemad[oa]',
  ]),
  nl: re([
    'opgeven',
    'geef het op',
    'hopeloos',
    'zinloos',
    'heeft geen zin',
    'niets voor mij',
    'niet voor mij',
    'ongemakkelijk',
    'genant',
    'verlegen',
    'introvert',
    'bang',
    'zenuwachtig',
    'overweldigd',
    'uitgeput',
    'moedeloos',
    'ontmoedigd',
    'gedemotiveerd',
    'gefrustreerd',
    'doodeng',
    'eng',
    'ken niemand',
    'niemand (?:reageert|antwoordt|heeft gereageerd)',
    'weet niet wie ik (?:moet )?vragen',
    'voel me (?:slecht|rot|dom|verloren|alleen)',
    'te moeilijk',
    'zo moeilijk',
    'erg moeilijk',
    'werkt niet',
    'kom niet verder',
    'zwaar',
  ]),
};

/** "not nervous at all", "no longer scared": a worry denied is not a worry. */
const denied =
  /(?:^|[^\p{L}])(?:not|no longer|never|nicht|keine?|pas|plus|no|ya no|niet|geen|niet meer)\s+(?:\p{L}+\s+){0,2}$/u;

/** Whether the reply says the person finds this hard, in any of the five languages. */
export function soundsDiscouraged(doc: Doc, lang: Language): boolean {
  const cues = lang === 'en' ? [discouraged.en] : [discouraged[lang], discouraged.en];
  for (const sentence of doc.sentences) {
    const text = doc.folded.slice(sentence.start, sentence.end);
    for (const cue of cues) {
      const match = cue.exec(text);
      if (!match) continue;
      if (denied.test(text.slice(0, match.index + (match[0].match(/^[^\p{L}]/u) ? 1 : 0))))
        continue;
      if (insideQuote(doc, sentence.start + match.index)) continue;
      return true;
    }
  }
  return false;
}

function insideQuote(doc: Doc, at: number): boolean {
  return doc.quotes.some((q) => at >= q.start && at < q.end);
}

/** Questions that are about the past meeting or a reported exchange, not to the coach. */
const reported =
  /\b(?:asked (?:him|her|them|if|whether)|she asked|he asked|they asked|fragte|a demande|me pregunto|vroeg)\b/u;

/** Longest question text passed on. */
const questionLimit = 600;

/**
 * The questions the reply puts to the coach: its sentences that end with a
 * question mark (or open with ¿), outside quotation marks and not reporting
 * what someone else asked. Null when there are none.
 */
export function questionsOf(doc: Doc): string | null {
  const found: string[] = [];
  for (const sentence of doc.sentences) {
    const body = doc.body.slice(sentence.start, sentence.end).trim();
    if (!body) continue;
    const asks = /[?？]\s*\p{So}*\s*$/u.test(body) || body.startsWith('¿');
    if (!asks) continue;
    const mark =
      sentence.start + Math.max(0, doc.body.slice(sentence.start, sentence.end).lastIndexOf('?'));
    if (insideQuote(doc, mark)) continue;
    if (reported.test(doc.folded.slice(sentence.start, sentence.end))) continue;
    found.push(body);
  }
  if (found.length === 0) return null;
  const joined = found.join(' ');
  return joined.length > questionLimit ? `${joined.slice(0, questionLimit)}…` : joined;
}

const news =
  /(?:^|[^\p{L}])(?:(?:got|landed|secured|received|have) (?:the|a|an|my) (?:new )?(?:job offer|job|offer|interview|role|promotion)|got promoted|been promoted|(?:job|offer) (?:offer )?accepted|new job|new role|start(?:ing)? (?:my )?new (?:job|role)|good news|great news|die stelle|neuen job|jobangebot|befordert|vorstellungsgesprach|le poste|nouveau poste|un entretien|promu|promue|el puesto|nuevo trabajo|una entrevista|me ascendieron|de baan|nieuwe baan|sollicitatiegesprek|promotie)(?![\p{L}])/u;

/** Whether the reply brings good news (a job, an interview, a promotion). */
export function bringsNews(doc: Doc): boolean {
  return news.test(doc.folded);
}

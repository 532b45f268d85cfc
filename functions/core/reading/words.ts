/**
 * The words that carry tense, negation, plans and meetings in each language, as patterns on
 * folded text (lower case, no diacritics). These are language rules written by hand: the
 * parts-of-speech library (compromise) covers English only, so for German, French, Spanish
 * and Dutch these lists are what tells a plan from a meeting.
 */
import type { Language } from './types.ts';

type Cues = Record<Language, RegExp>;

const re = (source: string) => new RegExp(source, 'u');
const b = (words: string) => `(?<![\\p{L}'])(?:${words})(?![\\p{L}])`;

/** Negation in the clause itself ("didn't", "nicht", "ne … pas"). */
export const negation: Cues = {
  en: re(
    b(
      "not|no|never|nobody|neither|nor|didn't|didnt|don't|dont|doesn't|couldn't|couldnt|can't|cant|cannot|won't|wont|wasn't|weren't|haven't|havent|hasn't|isn't|aren't|failed to|unable to",
    ),
  ),
  de: re(b('nicht|kein|keine|keinen|keinem|nie|niemals|niemand|niemanden|nichts')),
  fr: re(b("ne|n'|pas|jamais|personne|aucun|aucune|rien")),
  es: re(b('no|nunca|jamas|nadie|ningun|ninguna|nada|tampoco')),
  nl: re(b('niet|geen|nooit|niemand|niks|niets')),
};

/** A plan that fell through, anywhere in the sentence. */
export const cancelled: Cues = {
  en: re(
    b(
      "cancel+ed|cancel+ing|called off|postponed|rescheduled|fell through|is off|was off|sold out|got ill|got sick|is sick|was sick|is ill|was ill|bailed|no-show|no show|clashes|clashed|(?:so )?that's out|can'?t make it|cannot make it|won't make it",
    ),
  ),
  de: re(b('abgesagt|fallt .{0,20}aus|ausgefallen|verschoben|krank|storniert|geplatzt')),
  fr: re(b("annule|annulee|reporte|reportee|malade|tombe a l'eau")),
  es: re(
    b(
      'cancelo|cancelado|cancelada|suspendio|suspendida|suspendieron|suspendido|aplazado|aplazo|enfermo|enferma',
    ),
  ),
  nl: re(b('afgezegd|afgelast|geannuleerd|verzet|uitgesteld|ziek|gaat niet door')),
};

/** An intention that did not (yet) happen: "was supposed to", "wollte", "devais". */
export const intention: Cues = {
  en: re(
    b(
      "supposed to|meant to|wanted to|was going to|were going to|planned to|hoped to|tried to|was hoping|never got round|want to|would like to|plan to|planning to|hope to|hoping to|going to|gonna|will|'ll|might|may|maybe|probably|perhaps|offered to|offers to|will intro|to intro",
    ),
  ),
  de: re(
    b(
      'wollte|wollten|sollte|sollten|hatte vor|will|werde|werden|mochte|vielleicht|hoffentlich|vermutlich',
    ),
  ),
  fr: re(b('devais|voulais|comptais|vais|va|allons|veux|voudrais|espere|peut-etre|je compte')),
  es: re(b('iba a|queria|debia|pensaba|voy a|vamos a|quiero|quisiera|espero|quizas|quiza|tal vez')),
  nl: re(b('zou|wilde|was van plan|ga|gaan|wil|zal|hoop|misschien|waarschijnlijk')),
};

/** Words that place a clause in the past. */
export const pastCue: Cues = {
  en: re(
    `${b("yesterday|last|ago|earlier today|this morning|finally|already|did|was|were|had|'ve|have been|happened|went|met|saw|spoke|talked|caught|grabbed|chatted|got|walked|hung out")}|\\b(?:i|we|he|she|they)\\s+(?:just\\s+|finally\\s+|already\\s+)?\\p{L}{3,}ed\\b`,
  ),
  de: re(
    `${b('gestern|vorgestern|letzte|letzten|letzter|vorige|vorigen|war|waren|hatte|hatten|heute (?:morgen|mittag|fruh)|bin .{0,30}gewesen')}|\\b(?:habe|hab|hat|haben)\\b.{0,60}\\b(?:an|auf|aus|ein|mit|vor|zu|ab|nach|weg|zuruck)?ge\\p{L}{2,}(?:t|en)\\b|\\b\\p{L}+iert\\b`,
  ),
  fr: re(
    `${b('hier|dernier|derniere|ce matin|etait|etais|suis alle|suis allee|a eu|ai eu')}|\\b(?:j'ai|ai|as|a|avons|avez|ont)\\s+(?:\\p{L}+\\s+)?\\p{L}{2,}(?:e|es|ee|ees|i|is|it|u|us|ert)\\b`,
  ),
  es: re(
    `${b('ayer|pasado|pasada|esta manana|fue|fui|estuve')}|\\b(?:he|hemos|ha|han|has)\\s+\\p{L}+(?:ado|ido|to|cho)\\b`,
  ),
  nl: re(
    `${b('gisteren|eergisteren|vorige|afgelopen|vanochtend|vanmorgen|was|waren|had')}|\\bge\\p{L}{2,}(?:d|t|en)\\b|\\b(?:ontmoet|bijgepraat)\\b`,
  ),
};

/** Words that place a clause ahead. */
export const futureCue: Cues = {
  en: re(
    b(
      "tomorrow|tonight|next|will|'ll|going to|gonna|planning|plan to|scheduled|booked|lined up|pencilled|penciled|hoping|hope to|up for|free on|seeing|meeting|catching up|coming up|later|soon",
    ),
  ),
  de: re(
    b(
      'morgen|ubermorgen|nachste|nachsten|nachster|werde|werden|verabredet|geplant|treffe|sehe|gehe|bald|spater',
    ),
  ),
  fr: re(b('demain|prochain|prochaine|vais|irai|prevu|prevue|vois|verrai|bientot|plus tard')),
  es: re(
    b(
      'manana|proximo|proxima|voy a|veo|vere|he quedado con .{0,30}(?:el|para)|tengo una|tengo un|pronto|despues',
    ),
  ),
  nl: re(b('morgen|overmorgen|volgende|ga|zal|afgesproken|zie|binnenkort|later')),
};

/** A meeting that took place: the verb or the occasion. */
export const meetingCue: Cues = {
  en: re(
    b(
      'met|meet up|met up|had (?:a |an )?(?:coffee|lunch|breakfast|brunch|dinner|drinks?|call|chat|zoom|video|phone|long|quick|great|good|lovely)|coffee|coffees|lunch|breakfast|brunch|dinner|drinks|call|chat|zoom|talked|spoke|saw|seen|caught up|grabbed|chatted|catch-up|walk|walked|went for|hung out|visited',
    ),
  ),
  de: re(
    b(
      'getroffen|gesprochen|telefoniert|getrunken|gegessen|essen|fruhstucken|mittagessen|kaffee|gequatscht|geplaudert|kennengelernt|gesprach|call|treffen',
    ),
  ),
  fr: re(
    b(
      'rencontre|rencontree|vu|vue|vus|pris un cafe|pris un verre|dejeune|dine|discute|parle|appel|appele|visio|cafe',
    ),
  ),
  es: re(
    b(
      'quedado|quede|tome un cafe|comi|cene|desayune|hable|platique|conoci|vi|videollamada|llamada|cafe',
    ),
  ),
  nl: re(
    b(
      'ontmoet|gesproken|gezien|gedronken|geluncht|gebeld|videocall|bijgepraat|gegeten|koffie|lunch',
    ),
  ),
};

/** A meeting's verb in the past, which makes the clause a report even without other cues. */
export const metVerb: Cues = {
  en: re(
    b(
      'met|saw|talked|spoke|caught up|grabbed|chatted|had|went|happened|went well|was great|was fun|was lovely|walked|hung out|visited|managed (?:two|three|a|one|\\d+) (?:coffees?|lunch(?:es)?|calls?|meetings?|chats?)',
    ),
  ),
  de: re(
    b(
      'getroffen|gesprochen|telefoniert|getrunken|gegessen|gequatscht|geplaudert|kennengelernt|war|hatte|hab|habe',
    ),
  ),
  fr: re(b('rencontre|rencontree|vu|vue|vus|pris|dejeune|dine|discute|parle|appele|eu')),
  es: re(b('quedado|quede|tome|comi|cene|desayune|hable|platique|conoci|vi')),
  nl: re(b('ontmoet|gesproken|gezien|gedronken|geluncht|gebeld|bijgepraat|gegeten|gehad')),
};

/** Contacting someone, which is not meeting them. */
export const contactOnly: Cues = {
  en: re(
    b(
      'asked|ask|emailed|email|messaged|message|texted|reached out|invited|invite|sent|waiting|wrote|pinged|contacted|replied|answered',
    ),
  ),
  de: re(b('gefragt|fragen|geschrieben|schreibe|angeschrieben|eingeladen|antwortet|wartet|warte')),
  fr: re(b('demande|ecrit|ecrirai|invite|contacte|attends|reponse|envoye')),
  es: re(b('pregunte|escribi|escribire|invite|contacte|espero|contesta|envie')),
  nl: re(b('gevraagd|gemaild|gestuurd|stuur|uitgenodigd|reageren|wacht')),
};

/** Reference to the course's lessons, which a command names ("this lesson", "diese Lektion"). */
export const lessonWord = re(
  b(
    'lesson|lessons|step|steps|email|emails|e-mails?|mails?|course|lektion|lektionen|kurs|schritt|lecon|lecons|etape|cours|correos?|leccion|lecciones|paso|curso|les|lessen|stap|cursus',
  ),
);

/** German and Dutch compounds ending in a role ("Studienfreundin", "oud-teamleider", "studievriend"). */
export const roleCompound =
  /\p{L}*(?:vriend|vriendin|collega|freund|freundin|kollege|kollegin|leider|leiderin|leiter|leiterin|chef|chefin|baas|manager|mentor|docent|ausbilder|ausbilderin|buurman|buurvrouw|nachbar|nachbarin)$/u;

/** Role nouns: "my manager Tom", "Leila's boss", "la jefa de Laura". */
export const roleNoun = re(
  b(
    'manager|boss|colleague|co-founder|cofounder|founder|friend|neighbour|neighbor|cousin|sister|brother|mentor|supervisor|teammate|team lead|lead|head|director|cto|ceo|cfo|vp|partner|roommate|tutor|tutora|professor|prof|ausbilder|husband|wife|mum|mom|dad|client|professor|teacher|landlord|son|daughter|recruiter|chef|chefin|kollege|kollegin|teamleiter|teamleiterin|freund|freundin|nachbar|nachbarin|leiter|leiterin|direktor|kunde|responsable|directeur|directrice|collegue|ami|amie|voisin|voisine|patron|patronne|jefe|jefa|companero|companera|amigo|amiga|vecino|vecina|director|directora|collega|vriend|vriendin|buurman|buurvrouw|baas|directeur|docent|cousine|primo|prima|bruder|schwester|frere|soeur|hermano|hermana|broer|zus|onkel|tante|oncle|tio|tia|oom|cheffe|mentora|uncle|aunt',
  ),
);

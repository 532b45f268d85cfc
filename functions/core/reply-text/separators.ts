/**
 * Separators and header blocks that clients put above a quoted message, in their users'
 * languages: "-----Original Message-----" and its translations, Samsung's "-------- Původní
 * zpráva --------", Apple Mail's forwarding line, Outlook's underscore rule, and From/Sent/To/
 * Subject blocks with each language's field names.
 */
import { hasColon, headerCandidate, nextNonBlank, type SourceLine } from './text-lines.ts';

// Separator banners ("-----Original Message-----", "-------- Původní zpráva --------").
const bannerPhrases = new Set([
  'original message',
  'original e-mail',
  'forwarded message',
  'reply message',
  'ursprüngliche nachricht',
  'original-nachricht',
  'originalnachricht',
  'weitergeleitete nachricht',
  "message d'origine",
  'message original',
  'message transféré',
  'courriel original',
  'mensaje original',
  'mensaje reenviado',
  'messaggio originale',
  'messaggio inoltrato',
  'oorspronkelijk bericht',
  'origineel bericht',
  'doorgestuurd bericht',
  'mensagem original',
  'mensagem encaminhada',
  'oryginalna wiadomość',
  'wiadomość oryginalna',
  'wiadomość przekazana dalej',
  'przekazana wiadomość',
  'ursprungligt meddelande',
  'originalmeddelande',
  'vidarebefordrat meddelande',
  'исходное сообщение',
  'пересланное сообщение',
  'пересылаемое сообщение',
  'оригинальное сообщение',
  'исходное письмо',
  '元のメッセージ',
  'オリジナル メッセージ',
  'オリジナルメッセージ',
  '転送メッセージ',
  '転送されたメッセージ',
  'původní zpráva',
  'přeposlaná zpráva',
  'alkuperäinen viesti',
  'oprindelig meddelelse',
  'opprinnelig melding',
]);

// Apple Mail's forwarding line, per language.
const forwardIntros = new Set([
  'begin forwarded message:',
  'anfang der weitergeleiteten nachricht:',
  'début du message réexpédié:',
  'début du message transféré:',
  'inicio del mensaje reenviado:',
  'inizio messaggio inoltrato:',
  'begin doorgestuurd bericht:',
  'início da mensagem reencaminhada:',
  'início da mensagem encaminhada:',
  'początek przekazywanej wiadomości:',
  'vidarebefordrat mejl:',
  'начало переадресованного сообщения:',
  '転送されたメッセージ:',
]);

type FieldRole = 'from' | 'sent' | 'to' | 'cc' | 'subject';

const fieldGroups: readonly [FieldRole, readonly string[]][] = [
  [
    'from',
    // en de fr/es/pt nl it da/no sv pl ru ja cs fi, and long forms some clients use
    ['from', 'von', 'de', 'van', 'da', 'fra', 'från', 'od', 'от', '差出人', '送信者', 'lähettäjä'],
  ],
  [
    'sent',
    [
      'sent',
      'date',
      'gesendet',
      'datum',
      'envoyé',
      'enviado',
      'enviada',
      'fecha',
      'inviato',
      'data',
      'verzonden',
      'verstuurd',
      'wysłano',
      'wysłane',
      'skickat',
      'sendt',
      'отправлено',
      'дата',
      '送信日時',
      '日付',
      '日時',
      'odesláno',
      'lähetetty',
    ],
  ],
  ['to', ['to', 'an', 'à', 'a', 'para', 'aan', 'do', 'till', 'til', 'кому', '宛先', 'komu']],
  ['cc', ['cc', 'kopie', 'kopia', 'dw', 'копия', 'kopio']],
  [
    'subject',
    [
      'subject',
      'betreff',
      'objet',
      'asunto',
      'oggetto',
      'onderwerp',
      'assunto',
      'temat',
      'ämne',
      'emne',
      'тема',
      '件名',
      'předmět',
      'aihe',
    ],
  ],
];

const fieldRoles = new Map<string, FieldRole>(
  fieldGroups.flatMap(([role, names]) => names.map((name) => [name, role] as const)),
);

/** The header field a line is ("From: x", "*Von:* x", "差出人: x"), if any. */
function fieldRole(text: string): FieldRole | null {
  const head = text.trim().slice(0, 40);
  const colon = head.search(/[:：]/);
  if (colon <= 0) return null;
  const name = head.slice(0, colon).replace(/[*_]/g, '').trim().toLowerCase();
  return fieldRoles.get(name) ?? null;
}

/**
 * A header block (Outlook, Samsung, GMX): From (or Sent first, as GMX writes it), Sent/Date and
 * To or Subject on consecutive lines, with a date or with all four fields. Returns its line
 * count. Sent/Date is what tells it from a person's own "From: my manager / To: me" lines.
 */
export function headerBlockSpan(lines: readonly SourceLine[], i: number): number {
  const first = fieldRole(headerCandidate(lines, i) ?? '');
  if (first !== 'from' && first !== 'sent') return 0;
  const roles = new Set<FieldRole>();
  let dated = false;
  let last = i;
  for (let j = i; j < Math.min(lines.length, i + 8); j++) {
    const text = headerCandidate(lines, j);
    if (text === null) break;
    const role = fieldRole(text);
    if (!role) continue;
    roles.add(role);
    if (role === 'sent' && /\d/.test(text)) dated = true;
    last = j;
  }
  const addressed =
    roles.has('from') && roles.has('sent') && (roles.has('to') || roles.has('subject'));
  return addressed && (dated || roles.size >= 4) ? last - i + 1 : 0;
}

/** The words of a "----- Words -----" banner, lower-cased, or null. */
function bannerWords(text: string): string | null {
  if (text.length > 120) return null;
  let a = 0;
  while (a < text.length && (text[a] === '-' || text[a] === '=')) a += 1;
  let b = text.length;
  while (b > a && (text[b - 1] === '-' || text[b - 1] === '=')) b -= 1;
  if (a < 2 || text.length - b < 2) return null;
  const words = text.slice(a, b).trim().toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ');
  return words.length >= 2 ? words : null;
}

/** Whether a header field line follows line `i`: true, false, or null when nothing follows. */
function fieldFollows(lines: readonly SourceLine[], i: number): boolean | null {
  const after = nextNonBlank(lines, i + 1);
  return after === -1 ? null : fieldRole(lines[after]?.text ?? '') !== null;
}

/** A separator line: a banner, a forwarding line, or Outlook's underscore rule. */
export function isSeparator(lines: readonly SourceLine[], i: number): boolean {
  const text = headerCandidate(lines, i);
  if (text === null) return false;
  const words = bannerWords(text);
  if (words !== null) {
    // An unknown language's banner counts when a header field follows it.
    return (
      bannerPhrases.has(words) ||
      (/^[\p{L} '-]{3,60}$/u.test(words) && fieldFollows(lines, i) === true)
    );
  }
  if (/^_{8,}$/.test(text)) return fieldFollows(lines, i) !== false;
  if (!hasColon(text) || text.length > 60) return false;
  return forwardIntros.has(text.toLowerCase().replace(/\s+/g, ' ').replace(' :', ':'));
}

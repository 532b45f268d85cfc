/**
 * The From/Sent/To/Subject block Outlook (and Samsung, GMX, Foxmail) writes above a quoted
 * message, with each language's field labels. Outlook desktop writes it with no rule line above
 * in many setups, so the block itself has to be recognised: its labels, and a date in its
 * Sent/Date field, which a person's own "From: my manager" lines lack.
 */
import { headerCandidate, type SourceLine } from './text-lines.ts';

type FieldRole = 'from' | 'sent' | 'to' | 'cc' | 'subject';

// Labels as Outlook (desktop, web, mobile), Samsung Email, GMX, Foxmail/QQ and mail.ru write
// them. Ordered by language: en, de, fr, es, it, pt, nl, sv, da, no, fi, pl, cs, sk, hu, ro, tr,
// ru, uk, el, ja, ko, zh (simplified, traditional), he, ar. Short words ("de", "a", "do") are
// only ever read as a block with a dated Sent field, never alone.
const fieldGroups: readonly [FieldRole, readonly string[]][] = [
  [
    'from',
    [
      'from',
      'von',
      'absender',
      'de',
      'expéditeur',
      'remitente',
      'da',
      'mittente',
      'remetente',
      'van',
      'afzender',
      'från',
      'avsändare',
      'fra',
      'afsender',
      'avsender',
      'lähettäjä',
      'od',
      'nadawca',
      'odesílatel',
      'odosielateľ',
      'feladó',
      'de la',
      'expeditor',
      'kimden',
      'gönderen',
      'от',
      'отправитель',
      'від',
      'відправник',
      'από',
      'αποστολέας',
      '差出人',
      '送信者',
      '보낸 사람',
      '보낸사람',
      '发件人',
      '發件人',
      '寄件者',
      '寄件人',
      'מאת',
      'من',
    ],
  ],
  [
    'sent',
    [
      'sent',
      'date',
      'gesendet',
      'datum',
      'envoyé',
      'envoyé le',
      'enviado',
      'enviado el',
      'enviada',
      'enviada em',
      'enviado em',
      'fecha',
      'inviato',
      'data',
      'verzonden',
      'verstuurd',
      'skickat',
      'sendt',
      'dato',
      'lähetetty',
      'päivämäärä',
      'wysłano',
      'wysłane',
      'odesláno',
      'odoslané',
      'dátum',
      'elküldve',
      'küldve',
      'trimis',
      'gönderildi',
      'gönderilme tarihi',
      'tarih',
      'отправлено',
      'дата',
      'надіслано',
      'відправлено',
      'στάλθηκε',
      'ημερομηνία',
      '送信日時',
      '日付',
      '日時',
      '보낸 날짜',
      '날짜',
      '发送时间',
      '發送時間',
      '寄件日期',
      '日期',
      '时间',
      '時間',
      'נשלח',
      'תאריך',
      'تاريخ الإرسال',
      'أرسل',
      'التاريخ',
    ],
  ],
  [
    'to',
    [
      'to',
      'an',
      'empfänger',
      'à',
      'a',
      'para',
      'aan',
      'till',
      'til',
      'vastaanottaja',
      'do',
      'komu',
      'címzett',
      'către',
      'catre',
      'kime',
      'кому',
      'προς',
      '宛先',
      '받는 사람',
      '받는사람',
      '收件人',
      '收件者',
      'אל',
      'إلى',
      'الى',
    ],
  ],
  [
    'cc',
    [
      'cc',
      'bcc',
      'kopie',
      'copie',
      'copia',
      'kopia',
      'dw',
      'kopio',
      'kópia',
      'másolat',
      'másolatot kap',
      'bilgi',
      'копия',
      'копія',
      'κοιν.',
      'κοιν',
      '抄送',
      '副本',
      '참조',
      'העתק',
      'نسخة',
    ],
  ],
  [
    'subject',
    [
      'subject',
      'betreff',
      'objet',
      'asunto',
      'oggetto',
      'assunto',
      'onderwerp',
      'ämne',
      'emne',
      'aihe',
      'temat',
      'předmět',
      'predmet',
      'tárgy',
      'subiect',
      'konu',
      'тема',
      'θέμα',
      '件名',
      '제목',
      '主题',
      '主題',
      '主旨',
      '标题',
      'נושא',
      'الموضوع',
    ],
  ],
];

const fieldRoles = new Map<string, FieldRole>(
  fieldGroups.flatMap(([role, names]) => names.map((name) => [name, role] as const)),
);

/** The header field a line is ("From: x", "*Von:* x", "差出人: x", "보낸 사람: x"), if any. */
export function fieldRole(text: string): FieldRole | null {
  const head = text.trim().slice(0, 40);
  const colon = head.search(/[:：]/);
  if (colon <= 0) return null;
  const name = head
    .slice(0, colon)
    .replace(/[*_\u200E\u200F\u202A-\u202E]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  return fieldRoles.get(name) ?? null;
}

/**
 * What a Sent/Date field holds: a time ("9:00", "09.00", "9時") or a year. A person's "Sent:
 * yesterday" has neither.
 */
const fieldDatePattern = /(?<!\p{Nd})(?:\p{Nd}{1,2}[:.]\p{Nd}{2}|(?:19|20)\p{Nd}{2})(?!\p{Nd})|時/u;

/** A field's value as a client writes it: a name, an address or a date, never lower-case first. */
function valueLooksWritten(text: string): boolean {
  const value = text.slice(text.search(/[:：]/) + 1).replace(/^[\s*_"'“«]+/u, '');
  return value !== '' && !/^\p{Ll}/u.test(value);
}

/**
 * A header block (Outlook, Samsung, GMX, Foxmail): From (or Sent first, as GMX writes it),
 * Sent/Date and To or Subject on consecutive lines, with a date, or with all four fields whose
 * values are written as clients write them. Returns its line count. Sent/Date is what tells it
 * from a person's own "From: my manager / To: me" lines, so no rule line is needed above it.
 */
export function headerBlockSpan(lines: readonly SourceLine[], i: number): number {
  const first = fieldRole(headerCandidate(lines, i) ?? '');
  if (first !== 'from' && first !== 'sent') return 0;
  const roles = new Set<FieldRole>();
  let dated = false;
  let written = true;
  let last = i;
  for (let j = i; j < Math.min(lines.length, i + 8); j++) {
    const text = headerCandidate(lines, j);
    if (text === null) break;
    const role = fieldRole(text);
    if (!role) continue;
    roles.add(role);
    if (role === 'sent' && fieldDatePattern.test(text)) dated = true;
    if (role === 'from' || role === 'sent') written &&= valueLooksWritten(text);
    last = j;
  }
  const complete =
    roles.has('from') && roles.has('sent') && (roles.has('to') || roles.has('subject'));
  // Undated, "From: my manager / Sent: yesterday / To: … / Subject: …" is the person's account.
  return complete && (dated || (roles.size >= 4 && written)) ? last - i + 1 : 0;
}

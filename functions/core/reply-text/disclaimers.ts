/**
 * Legal disclaimers that company mail servers and signatures add below the person's words. Their
 * wording differs from company to company, so they are recognised by what every such notice
 * says, in the languages of the clients we read: the mail is confidential, it is meant for its
 * recipient only, it may have arrived by mistake, and what to do then (notify the sender,
 * delete it, do not copy it).
 */

const disclaimerLabel =
  /^(?:confidentiality notice|confidentiality|disclaimer|legal notice|legal disclaimer|important notice|privileged (?:and|&) confidential|vertraulichkeitshinweis|haftungsausschluss|rechtlicher hinweis|avis de confidentialité|avertissement|aviso de confidencialidad|aviso legal|avviso di riservatezza|nota di riservatezza|vertrouwelijkheidsverklaring|aviso de confidencialidade|klauzula poufności|informacja poufna|sekretessmeddelande|ansvarsfriskrivning|уведомление о конфиденциальности|конфиденциальность|機密保持|免責事項)\s*[:：]/iu;

// The mail is confidential: en, de, fr, es/pt, it, nl, pl, sv, da/no, fi, cs/sk, hu, ro, tr,
// ru, uk, el, ja, ko, zh, he, ar.
const confidentialWords = new RegExp(
  [
    'confidential',
    'privileged',
    'vertraulich',
    'confidentiel',
    'confidencia',
    'secreto profesional',
    'riservat',
    'confidenzial',
    'vertrouwelijk',
    'poufn',
    'konfidentiell',
    'sekretessbelagd',
    'fortrolig',
    'luottamuksellinen',
    'důvěrn',
    'dôvern',
    'bizalmas',
    'confiden[țţt]ial',
    'gizli',
    'конфиденциальн',
    'конфіденційн',
    'εμπιστευτικ',
    '機密',
    '秘密',
    '기밀',
    '保密',
    'סודי',
    'חסוי',
    'سري',
  ].join('|'),
  'iu',
);

// It is meant for its recipient only, or may have arrived by mistake.
const misdeliveryWords = new RegExp(
  [
    'recipient',
    'addressee',
    'in error',
    'by mistake',
    'empfänger',
    'adressat',
    'irrtümlich',
    'fälschlich',
    'destinataire',
    'par erreur',
    'destinatari',
    'por error',
    'destinatário',
    'por engano',
    'per errore',
    'geadresseerde',
    'ontvanger',
    'onterecht',
    'abusievelijk',
    'per vergissing',
    'adresat',
    'omyłkowo',
    'przez pomyłkę',
    'błędnie',
    'mottagare',
    'av misstag',
    'modtager',
    'ved en fejl',
    'mottaker',
    'ved en feil',
    'vastaanottaja',
    'erehdyksessä',
    'adresát',
    'omylem',
    'omylom',
    'címzett',
    'tévedésből',
    'destinatar',
    'din gre[șşs]eal[ăa]',
    'alıcı',
    'yanlışlıkla',
    'адресат',
    'получател',
    'по ошибке',
    'одержувач',
    'помилково',
    'παραλήπτ',
    'κατά λάθος',
    '宛先',
    '誤って',
    '誤送信',
    '수신인',
    '수신자',
    '잘못',
    '收件人',
    '误收',
    '錯誤',
    '错误',
    'נמען',
    'בטעות',
    'المرسل إليه',
    'المستلم',
    'بالخطأ',
    'عن طريق الخطأ',
  ].join('|'),
  'iu',
);

// What to do then: notify the sender, delete or destroy it; copying it is forbidden.
const instructionWords = new RegExp(
  [
    'notify',
    'delete',
    'destroy',
    'prohibited',
    'forbidden',
    'unauthori[sz]ed',
    'informieren',
    'benachrichtigen',
    'in verbindung',
    'löschen',
    'vernichten',
    'untersagt',
    'nicht gestattet',
    'unzulässig',
    'avertir',
    'détruire',
    'supprimer',
    'interdit',
    'notif[ií]',
    'elim[ií]n',
    'destru',
    'prohibid',
    'no est[áa] permitid',
    'borrar',
    'apag',
    'cancell',
    'distrugg',
    'vietat',
    'verwijder',
    'vernietig',
    'verboden',
    'niet toegestaan',
    'usun',
    'zniszcz',
    'zabronion',
    'radera',
    'förstör',
    'förbjud',
    'slet',
    'forbudt',
    'poista',
    'kielletty',
    'smaž',
    'smazat',
    'zakázan',
    'zakázán',
    'töröl',
    'tilos',
    '[șşs]terge',
    'interzis',
    'silin',
    'imha',
    'yasak',
    'сообщите',
    'удалит',
    'уничтож',
    'запрещ',
    'видаліть',
    'знищ',
    'заборон',
    'διαγρ',
    'απαγορεύ',
    '削除',
    '破棄',
    '禁止',
    'ご連絡',
    '삭제',
    '금지',
    '删除',
    '刪除',
    'מחק',
    'אסור',
    'حذف',
    'يحظر',
    'ممنوع',
  ].join('|'),
  'iu',
);

/**
 * The person speaking in the first person singular (en, de, fr, es, it, pt, nl, pl, ru): a
 * notice never does, so a closing paragraph that does is the person's, whatever it mentions.
 */
const firstPersonPatterns = [
  // "I" only as a capital: a lower-case "i" is "and" in Italian, Polish and Czech.
  /(?<![\p{L}'’])I(?:'m|’m)?(?![\p{L}'’])/u,
  /(?<![\p{L}'’])(?:my|ich|mein\p{L}*|j'|j’|moi|mon|yo|mio|mia|eu|meu|minha|ik|mijn|ja|mój|я|мой|моя|мне)(?![\p{L}'’])/iu,
];

/** Whether a line can open a disclaimer: it carries a label or speaks of confidentiality. */
export function mayStartDisclaimer(line: string): boolean {
  const head = line.trim().slice(0, 300);
  if (head.length < 20) return false;
  return disclaimerLabel.test(head) || confidentialWords.test(head) || misdeliveryWords.test(head);
}

/** A disclaimer paragraph is judged on at most this much of its text. */
const MAX_DISCLAIMER_CHARS = 1500;

/**
 * Whether a paragraph is a legal disclaimer wherever it stands. Every such notice says three
 * things: the mail is confidential, it may have reached the wrong person, and what to do then
 * (notify, delete); or it carries a disclaimer label and one of the first two. A person's
 * sentence mentioning one or two of them stays theirs.
 */
export function isDisclaimer(paragraph: string): boolean {
  const text = paragraph.slice(0, MAX_DISCLAIMER_CHARS);
  if (text.length < 60) return false;
  const confidential = confidentialWords.test(text);
  const misdelivery = misdeliveryWords.test(text);
  if (disclaimerLabel.test(text)) return confidential || misdelivery;
  return confidential && misdelivery && instructionWords.test(text);
}

/** Length with CJK characters counted twice: one of them says as much as a short word. */
function weightedLength(text: string): number {
  const cjk = text.match(
    /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu,
  );
  return text.length + (cjk?.length ?? 0);
}

/**
 * Whether the paragraph that ends the person's text, below their sign-off, is a disclaimer.
 * There two of the three things are enough (Spanish and German notices often skip the
 * instruction), but one must be the recipient or the mistake: "this is confidential, delete it
 * after reading" is something a person writes; "meant only for the addressee" is not. A
 * paragraph in the first person, or short enough to be a postscript, stays the person's.
 */
export function isTrailingDisclaimer(paragraph: string): boolean {
  const text = paragraph.slice(0, MAX_DISCLAIMER_CHARS);
  if (
    weightedLength(text) < 100 ||
    /^p\.?\s?s\b/iu.test(text) ||
    firstPersonPatterns.some((pattern) => pattern.test(text))
  )
    return false;
  if (!misdeliveryWords.test(text)) return false;
  return confidentialWords.test(text) || instructionWords.test(text);
}

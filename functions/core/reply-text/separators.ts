/**
 * Separators that clients put above a quoted message, in their users' languages: "-----Original
 * Message-----" and its translations, Samsung's "-------- Původní zpráva --------", Foxmail's
 * "------------------ 原始邮件 ------------------", Apple Mail's forwarding line and Outlook's
 * underscore rule. The From/Sent/To/Subject blocks below them are in `header-fields.ts`.
 */
import { fieldRole } from './header-fields.ts';
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
  'oprindelig besked',
  'opprinnelig melding',
  'opprinnelig e-post',
  'pôvodná správa',
  'eredeti üzenet',
  'eredeti levél',
  'továbbított üzenet',
  'mesaj original',
  'mesajul original',
  'mesaj redirecționat',
  'özgün ileti',
  'orijinal mesaj',
  'orijinal ileti',
  'iletilen ileti',
  'вихідне повідомлення',
  'початкове повідомлення',
  'оригінальне повідомлення',
  'переслане повідомлення',
  'αρχικό μήνυμα',
  'προωθημένο μήνυμα',
  '원본 메시지',
  '원래 메시지',
  '전달된 메시지',
  '原始邮件',
  '原始郵件',
  '原始消息',
  '原始訊息',
  '转发邮件',
  '轉寄郵件',
  'הודעה מקורית',
  'הודעה שהועברה',
  'الرسالة الأصلية',
  'رسالة معاد توجيهها',
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

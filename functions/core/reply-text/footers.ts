/**
 * What clients and mail servers add below the person's words: app and device footers ("Sent
 * from my iPhone", "Verstuurd vanaf mijn iPhone", "Get Outlook for iOS"), the "-- " signature
 * delimiter and legal disclaimers. Footers are recognised as families (a "sent from/with/via"
 * phrase naming a device or mail app, in each language) rather than as a list of exact strings.
 */

/** Footers are short; anything longer is the person's sentence. */
const MAX_FOOTER_CHARS = 100;

const sentWords = [
  'sent',
  'envoy[ée]',
  'enviad[oa]',
  'inviato',
  'verzonden',
  'verstuurd',
  'gesendet',
  'wysłane',
  'wysłano',
  'skickat',
  'sendt',
  'отправлено',
  'odesláno',
  'lähetetty',
].join('|');

const sentPrepositions = [
  'from',
  'with',
  'via',
  'using',
  'on',
  'by',
  'de',
  'depuis',
  'avec',
  'à\\s+partir\\s+de',
  'desde',
  'con',
  'do',
  'dal',
  'dalla',
  'da',
  'pelo',
  'pela',
  'vanaf',
  'met',
  'von',
  'mit',
  'über',
  'z',
  'ze',
  'przy\\s+użyciu',
  'från',
  'med',
  'fra',
  'с',
  'со',
  'из',
  'через',
].join('|');

/** "Sent from my iPhone", "Envoyé depuis mon appareil Galaxy", "Отправлено из Почты Mail.ru". */
const sentFromPattern = new RegExp(`^(?:${sentWords})\\s+(?:${sentPrepositions})\\s.{1,80}$`, 'iu');

/** Languages that put the verb last: "Von meinem iPhone gesendet", "iPhoneから送信". */
const sentLastPatterns = [/^von\s.{1,60}\sgesendet$/iu, /^.{1,40}から送信$/u];

/** A footer must name what sent it; "Sent with love" is the person's. */
const senderWords =
  /iphone|ipad|ipod|apple watch|android|galaxy|samsung|pixel|huawei|honor|xiaomi|redmi|oneplus|oppo|motorola|nokia|blackberry|smartphon|smartfon|handy|mobil|móvil|movil|cellulare|celular|telefoon|telefon|telefono|teléfono|téléphone|phone|appareil|device|dispositivo|apparaat|gerät|urządzeni|устройств|телефон|смартфон|tablet|outlook|yahoo|aol|proton|spark|superhuman|gmail|windows|yandex|яндекс|mail\.ru|почт|fastmail|thunderbird|bluemail|airmail|icloud|スマートフォン|携帯/iu;

/** Outlook mobile's "Get Outlook for iOS" in its translations. */
const getOutlookPatterns = [
  /^(?:get|download|obtenir|obtener|obter(?:\s+o)?|scarica|pobierz(?:\s+aplikację)?|skaffa|hämta|получите|получить|загрузите|скачайте)\s+outlook\s+(?:for|pour|para|per|dla(?:\s+systemu)?|för|для|für|voor)\s+(?:ios|android|mac|windows)$/iu,
  /^outlook\s+(?:für|voor|för)\s+(?:ios|android|mac)\s+(?:beziehen|herunterladen|downloaden|hämta)$/iu,
  /^(?:ios|android)\s*(?:版|用)\s*(?:の\s*)?outlook\s*を入手$/iu,
];

/**
 * The line without the link renderings converters leave in footers: "<url>", "[url]", "(url)",
 * Markdown "[text](url)" (Proton) and bare URLs.
 */
function withoutLinks(text: string): string {
  return text
    .replace(/\[([^[\]]{1,100})\]\((?:https?|mailto):[^()\s]{1,300}\)/giu, '$1')
    .replace(/<(?:https?|mailto):[^<>\s]{1,300}>/giu, ' ')
    .replace(/[[(](?:https?|mailto):[^[\]()\s]{1,300}[\])]/giu, ' ')
    .replace(/https?:\/\/\S{1,300}/giu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a line is nothing but a link (a footer's link some clients put on its own line). */
export function isLinkOnly(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.includes(':') && trimmed.length <= 320 && withoutLinks(trimmed) === '';
}

/** Whether a whole line is a mail app's or device's footer. */
export function isClientFooter(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length < 6 || trimmed.length > 3 * MAX_FOOTER_CHARS) return false;
  // Only a line with a colon can hold a link to strip.
  const text = (trimmed.includes(':') ? withoutLinks(trimmed) : trimmed)
    .replace(/[.!]+$/, '')
    .trim();
  if (!text || text.length > MAX_FOOTER_CHARS) return false;
  // A second sentence after the footer words is the person talking, not the client.
  if (/[.!?;]\s+\p{L}/u.test(text)) return false;
  if (getOutlookPatterns.some((pattern) => pattern.test(text))) return true;
  if (!senderWords.test(text)) return false;
  return sentFromPattern.test(text) || sentLastPatterns.some((pattern) => pattern.test(text));
}

/** The RFC 3676 signature delimiter "-- " (many clients drop the trailing space). */
export function isSignatureDelimiter(line: string): boolean {
  return line === '-- ' || line.trimEnd() === '--';
}

const disclaimerLabel =
  /^(?:confidentiality notice|confidentiality|disclaimer|legal notice|legal disclaimer|important notice|privileged (?:and|&) confidential|vertraulichkeitshinweis|haftungsausschluss|rechtlicher hinweis|avis de confidentialité|avertissement|aviso de confidencialidad|aviso legal|avviso di riservatezza|nota di riservatezza|vertrouwelijkheidsverklaring|aviso de confidencialidade|klauzula poufności|informacja poufna|sekretessmeddelande|ansvarsfriskrivning|уведомление о конфиденциальности|конфиденциальность|機密保持|免責事項)\s*[:：]/iu;

const confidentialWords =
  /confidential|privileged|vertraulich|confidentiel|confidencial|riservat|confidenzial|vertrouwelijk|poufn|konfidentiell|sekretessbelagd|fortrolig|конфиденциальн|機密|秘密/iu;

const misdeliveryWords =
  /recipient|addressee|in error|by mistake|empfänger|adressat|irrtümlich|fälschlich|destinataire|par erreur|destinatario|por error|per errore|geadresseerde|ontvanger|onterecht|abusievelijk|per vergissing|adresat|omyłkowo|przez pomyłkę|błędnie|mottagare|av misstag|адресат|получател|по ошибке|宛先|誤って|誤送信/iu;

const instructionWords =
  /notify|delete|destroy|prohibited|forbidden|unauthori[sz]ed|informieren|benachrichtigen|löschen|vernichten|untersagt|nicht gestattet|avertir|détruire|supprimer|interdit|notifí|elimin|destru|prohibid|borrar|cancell|distrugg|vietat|verwijder|vernietig|verboden|usun|zniszcz|zabronion|radera|förstör|förbjud|сообщите|удалит|уничтож|запрещ|削除|破棄|禁止|ご連絡/iu;

/** Whether a line can open a disclaimer: it carries a label or speaks of confidentiality. */
export function mayStartDisclaimer(line: string): boolean {
  const head = line.trim().slice(0, 300);
  if (head.length < 20) return false;
  return disclaimerLabel.test(head) || confidentialWords.test(head) || misdeliveryWords.test(head);
}

/**
 * Whether a paragraph is a legal disclaimer. Every such notice says three things: the mail is
 * confidential, it may have reached the wrong person, and what to do then (notify, delete); or
 * it carries a disclaimer label and one of the first two. A person's sentence mentioning one or
 * two of them stays theirs.
 */
export function isDisclaimer(paragraph: string): boolean {
  const text = paragraph.length > 1500 ? paragraph.slice(0, 1500) : paragraph;
  if (text.length < 60) return false;
  const confidential = confidentialWords.test(text);
  const misdelivery = misdeliveryWords.test(text);
  if (disclaimerLabel.test(text)) return confidential || misdelivery;
  return confidential && misdelivery && instructionWords.test(text);
}

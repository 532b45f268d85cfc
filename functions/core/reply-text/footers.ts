/**
 * The app and device footers clients add below the person's words ("Sent from my iPhone",
 * "Verstuurd vanaf mijn iPhone", "Get Outlook for iOS"); signatures are in `signatures.ts`,
 * legal disclaimers in `disclaimers.ts`. Footers are recognised as families (a "sent from/with/
 * via" phrase naming a device or mail app, in each language) rather than as a list of exact
 * strings.
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

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMime } from '../../functions/adapters/mime.ts';
import { extractReplyText } from '../../functions/core/reply-text.ts';

const fixtures = new URL('../fixtures/replies/', import.meta.url);

interface BlindReply {
  file: string;
  client: string;
  lang: string;
  shape: 'top' | 'bottom' | 'inline';
  /** What the person wrote, as the set's author wrote it down. */
  expected: string;
}

/**
 * Thirty replies in real client formats (Gmail, Outlook desktop, web and mobile, Apple Mail,
 * Thunderbird, Yahoo, Spark, Foxmail), written without knowing the rules: Gmail attributions
 * its text part wraps, Outlook header blocks with no rule line in Spanish, Turkish, Ukrainian
 * and Korean, Foxmail's "原始邮件" block, disclaimers in words no rule listed, and an em-dash
 * signature. Nine failed before the rules were widened.
 */
const replies: readonly BlindReply[] = [
  {
    file: 'gmail-it-top-posted-signature.eml',
    client: 'gmail',
    lang: 'it',
    shape: 'top',
    expected:
      "Ciao!\n\nHo scelto Luca, il mio ex collega in Lavazza, e Chiara dell'ufficio acquisti.\nCon Luca prendiamo un caffè venerdì alle 8:30, Chiara è in ferie fino al 7.\n\nGrazie,\nElena",
  },
  {
    file: 'gmail-pt-br-inline.eml',
    client: 'gmail',
    lang: 'pt-BR',
    shape: 'inline',
    expected:
      'Oi! Respondi no meio do texto mesmo.\n\nEscolhi a Bruna, minha ex-chefe na Natura, e o Thiago do time de dados.\n\nJá mandei mensagem pra Bruna, café na quinta às 9h.\n\nBeijos,\nRafaela',
  },
  {
    file: 'gmail-tr-wrapped-attribution.eml',
    client: 'gmail',
    lang: 'tr',
    shape: 'top',
    expected:
      "Merhaba,\n\nEski müdürüm Ayşe Hanım'ı ve satın almadan Burak'ı seçtim.\nAyşe Hanım'la perşembe günü öğle arasında kahve içeceğiz.\n\nTeşekkürler,\nZeynep",
  },
  {
    file: 'thunderbird-cs-html-only-bottom-posted.eml',
    client: 'thunderbird',
    lang: 'cs',
    shape: 'bottom',
    expected:
      'Dobrý den,\n\nvybral jsem Martina, se kterým jsem dělal ve Škodovce, a paní Novákovou z nákupu.\nS Martinem jdeme na kafe v pátek ráno.\n\nDíky,\nOndřej',
  },
  {
    file: 'gmail-ko-base64-attribution.eml',
    client: 'gmail',
    lang: 'ko',
    shape: 'top',
    expected:
      '안녕하세요,\n\n전 직장 팀장님이었던 박지훈 님과 마케팅팀 이수진 님을 골랐습니다.\n박지훈 님과는 다음 주 목요일에 커피 약속을 잡았어요.\n\n감사합니다.\n정민호',
  },
  {
    file: 'gmail-zh-cn-base64-attribution.eml',
    client: 'gmail',
    lang: 'zh-CN',
    shape: 'top',
    expected:
      '你好，\n\n我选了以前的同事王磊和市场部的李娜。\n这周五下午约了王磊一起喝咖啡。\n\n谢谢！\n陈静',
  },
  {
    file: 'gmail-da-own-skrev-line.eml',
    client: 'gmail',
    lang: 'da',
    shape: 'top',
    expected:
      'Hej,\n\nJeg har valgt Sofie fra økonomi og min gamle chef Henrik.\nI mandags skrev jeg til Sofie:\n»Har du tid til en kop kaffe i næste uge?«\nHun sagde ja, vi mødes torsdag kl. 10.\n\nMvh\nMads',
  },
  {
    file: 'gmail-fi-html-only.eml',
    client: 'gmail',
    lang: 'fi',
    shape: 'top',
    expected:
      'Hei,\n\nValitsin Annan, entisen esihenkilöni, ja Jussin ostoista.\nAnnan kanssa mennään kahville ensi tiistaina.\n\nTerveisin,\nMikko',
  },
  {
    file: 'gmail-hu-wrapped-attribution.eml',
    client: 'gmail',
    lang: 'hu',
    shape: 'top',
    expected:
      'Szia!\n\nKatát választottam a pénzügyről és Gábort, a korábbi főnökömet.\nGáborral jövő szerdán kávézunk.\n\nÜdv,\nEszter',
  },
  {
    file: 'outlook-es-header-block-disclaimer.eml',
    client: 'outlook',
    lang: 'es',
    shape: 'top',
    expected:
      'Hola:\n\nHe elegido a Carmen, mi antigua jefa en Mercadona, y a Álvaro, del departamento de logística.\nCon Carmen ya he quedado el jueves para un café; le dije “solo 20 minutos”.\n\nUn saludo,\nLucía Fernández\nJefa de Compras',
  },
  {
    file: 'outlook-it-header-block-no-rule.eml',
    client: 'outlook',
    lang: 'it',
    shape: 'top',
    expected:
      'Buongiorno,\n\nho scelto Alessandro, un ex collega che ora lavora in Barilla, e Sara del controllo qualità.\nCon Alessandro ci vediamo per un caffè mercoledì prossimo.\n\nCordiali saluti\nRoberto Esposito\nResponsabile Acquisti',
  },
  {
    file: 'outlook-nl-dashdash-signature.eml',
    client: 'outlook',
    lang: 'nl',
    shape: 'top',
    expected:
      'Hoi,\n\nIk heb gekozen voor Joost, mijn oud-collega bij PostNL, en Ilse van de planningsafdeling.\nMet Joost drink ik volgende week dinsdag koffie.\n\nMet vriendelijke groet,\nDaan',
  },
  {
    file: 'outlook-de-plain-disclaimer-original-message.eml',
    client: 'outlook',
    lang: 'de',
    shape: 'top',
    expected:
      'Hallo,\n\nich habe mich für Frau Krüger aus der Buchhaltung und meinen früheren Kollegen Jörg entschieden.\nMit Jörg bin ich nächsten Donnerstag zum Kaffee verabredet.\n\nMit freundlichen Grüßen\nStefan Hoffmann',
  },
  {
    file: 'outlook-en-plain-original-message.eml',
    client: 'outlook',
    lang: 'en',
    shape: 'top',
    expected:
      'Hi,\n\nMy two: Dev from the Leeds office and Hannah, who ran the supplier audit with me last year.\nDev and I are grabbing a coffee on Thursday.\n\nBest,\nMark Thompson\nSenior Analyst | Northwind Traders | +44 20 7946 0958',
  },
  {
    file: 'outlook-tr-iso-8859-9-header-block-no-rule.eml',
    client: 'outlook',
    lang: 'tr',
    shape: 'top',
    expected:
      "Merhaba,\n\nEski ekip arkadaşım Selin'i ve tedarikçimiz İlker Bey'i seçtim.\nSelin'le cuma sabahı kahve içeceğiz.\n\nSaygılarımla,\nEmre Yıldız",
  },
  {
    file: 'outlook-uk-windows-1251-header-block-no-rule.eml',
    client: 'outlook',
    lang: 'uk',
    shape: 'top',
    expected:
      "Добрий день!\n\nЯ обрала Олега, колишнього колегу з «Нової пошти», та Ірину з відділу закупівель.\nЗ Олегом п'ємо каву в четвер.\n\nЗ повагою,\nОлена Коваль",
  },
  {
    file: 'outlook-ko-ks-c-5601-header-block-no-rule.eml',
    client: 'outlook',
    lang: 'ko',
    shape: 'top',
    expected:
      '안녕하세요.\n\n대학 선배인 최유진 님과 구매팀 한동훈 님을 선택했습니다.\n최유진 님과는 금요일 점심에 커피를 마시기로 했습니다.\n\n감사합니다.\n김민지 드림',
  },
  {
    file: 'outlook-web-pt-html-only.eml',
    client: 'outlook-web',
    lang: 'pt-PT',
    shape: 'top',
    expected:
      'Olá,\n\nEscolhi o Rui, meu antigo colega na Sonae, e a Inês da contabilidade.\nCom o Rui vou tomar um café na quarta-feira.\n\nObrigado,\nTiago',
  },
  {
    file: 'outlook-android-sv-footer.eml',
    client: 'outlook-android',
    lang: 'sv',
    shape: 'top',
    expected:
      'Hej!\n\nJag väljer Karin från ekonomi och min gamla chef Anders.\nKaffe med Karin på fredag.\n\n/Johan',
  },
  {
    file: 'ipad-fr-footer.eml',
    client: 'ipad',
    lang: 'fr',
    shape: 'top',
    expected:
      "Bonjour,\n\nJ'ai choisi Sophie, mon ancienne collègue chez Airbus, et Thomas du service qualité.\nCafé avec Sophie jeudi matin !\n\nBonne journée\nClaire",
  },
  {
    file: 'iphone-es-footer.eml',
    client: 'iphone',
    lang: 'es',
    shape: 'top',
    expected:
      'Hola!\n\nHe pensado en Marta, que fue mi jefa en Inditex, y en Jorge, compañero del máster.\nA Jorge ya le escribí, tomamos café el viernes.',
  },
  {
    file: 'iphone-de-footer.eml',
    client: 'iphone',
    lang: 'de',
    shape: 'top',
    expected:
      'Hi,\n\nich nehme Lena aus dem Marketing und Herrn Öztürk, meinen alten Ausbilder.\nMit Lena gehe ich Dienstag Mittag einen Kaffee trinken.\n\nViele Grüße\nTobias',
  },
  {
    file: 'iphone-it-emoji-only.eml',
    client: 'iphone',
    lang: 'it',
    shape: 'top',
    expected: '👍☕️',
  },
  {
    file: 'yahoo-ios-en-own-wrote-line.eml',
    client: 'yahoo-ios',
    lang: 'en',
    shape: 'top',
    expected:
      'On Monday I wrote to Sam:\n"Hi Sam, it\'s been ages since the Leeds project. Coffee next week?"\nHe said yes, Thursday 10am at Brew Lab.\nMy second pick is Nadia from payroll, haven\'t asked her yet.',
  },
  {
    file: 'gmail-android-en-plus-one.eml',
    client: 'gmail-android',
    lang: 'en',
    shape: 'top',
    expected: '+1',
  },
  {
    file: 'spark-es-footer.eml',
    client: 'spark',
    lang: 'es',
    shape: 'top',
    expected:
      'Elegí a Marta, que era mi jefa en Telefónica, y a Jorge, compañero del máster.\nCon Marta ya he quedado el jueves para comer.\n\nUn abrazo,\nPablo',
  },
  {
    file: 'apple-mail-en-gt-line-em-dash-signature.eml',
    client: 'apple-mail',
    lang: 'en',
    shape: 'top',
    expected:
      'Hi!\n\n> 3 people is a lot for December, so I picked two:\nRuth (ex-colleague, now at Monzo) and Gareth from the cycling club.\nCoffee with Ruth on Friday.\n\nTom',
  },
  {
    file: 'thunderbird-fr-flowed-signature.eml',
    client: 'thunderbird',
    lang: 'fr',
    shape: 'top',
    expected:
      "Bonjour,\n\nJ'ai choisi Mathilde, mon ancienne responsable chez Decathlon, et Karim qui travaille maintenant au service achats de Leroy Merlin.\nJ'ai proposé un café à Mathilde pour mardi prochain, j'attends sa réponse.\n\nBonne soirée,\nJulien",
  },
  {
    file: 'foxmail-zh-gb2312-original-mail-block.eml',
    client: 'foxmail',
    lang: 'zh-CN',
    shape: 'top',
    expected: '您好：\n\n我选了大学同学刘洋和以前的领导赵敏。\n下周三和刘洋约了喝咖啡。\n\n张伟',
  },
  {
    file: 'iphone-ja-iso-2022-jp-footer.eml',
    client: 'iphone',
    lang: 'ja',
    shape: 'top',
    expected:
      'こんにちは。\n\n前の部署の先輩の松本さんと、取引先の石井さんを選びました。\n松本さんとは来週火曜日にお茶する予定です。\n\n小川',
  },
];

/** What must never reach the coach: the lesson, the client's header lines, footers, notices. */
const notThePerson = [
  /LESSON \d|Lesson \d of 4|Talk soon|Unsubscribe|You are getting this email|Drip Coach/i,
  /coach@drip-coach\.test|reply\.drip-coach\.test/,
  /(?:wrote|ha scritto|escreveu|napsal\(a\)|yazdı|írta|写道|작성|のメール|a écrit)\s*[:：]$/m,
  /időpont|tarihinde|原始邮件|Ursprüngliche|Original Message/i,
  /^(?:Enviado el|Gönderildi|Надіслано|보낸 날짜|发送时间|Inviato|Verzonden|Gesendet|Sent)\s?:/m,
  /Adressat|destinatario|secreto profesional/,
  /iPhone|iPad|Outlook|Spark|Pixel|Senior Designer|Groupe Atlantique|Van Dijk Transport|Gruppo Alfa/,
];

/** Text compared across the two parts: HTML renders paragraphs and apostrophes its own way. */
const words = (text: string) => text.replace(/’/g, "'").replace(/\s+/g, ' ').trim();

describe('extractReplyText on a blind set of thirty replies in real client formats', () => {
  it.each(replies)('$file: keeps what the person wrote', async ({ file, expected }) => {
    const mail = await parseMime(readFileSync(new URL(file, fixtures)));
    const text = extractReplyText({ text: mail.text, html: mail.html });
    // An HTML-only reply's paragraphs are <p> elements, rendered without a blank line between.
    if (mail.text) expect(text).toBe(expected);
    else expect(words(text)).toBe(words(expected));
    for (const pattern of notThePerson) expect(text, file).not.toMatch(pattern);
  });

  it.each(replies)(
    '$file: its HTML part alone finds the same words',
    async ({ file, expected }) => {
      const mail = await parseMime(readFileSync(new URL(file, fixtures)));
      if (!mail.html) return;
      expect(words(extractReplyText({ html: mail.html }))).toBe(words(expected));
    },
  );
});

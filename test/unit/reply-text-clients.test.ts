import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMime } from '../../functions/adapters/mime.ts';
import { extractReplyText } from '../../functions/core/reply-text.ts';

const fixtures = new URL('../fixtures/replies/', import.meta.url);

/** Parses a fixture with the inbound adapter, as the reply use case does. */
async function parseFixture(name: string) {
  return parseMime(readFileSync(new URL(name, fixtures)));
}

interface ClientReply {
  file: string;
  /** The mail client (and app) that wrote it, as real messages of that client look. */
  client: string;
  /** The client's language: its quote header, separator and footer are in it. */
  lang: string;
  /** Where the person wrote: above the quote, below it, or between quoted blocks. */
  shape: 'top' | 'bottom' | 'inline';
  /** Exactly what the person wrote. */
  expected: string;
}

/**
 * Replies in the formats the common clients send, in their users' languages: multipart text and
 * HTML (or one part, where the client sends one), in the charsets and transfer encodings those
 * clients use (UTF-8, ISO-8859-1/-2, Windows-1252, KOI8-R, Shift_JIS, ISO-2022-JP; quoted-
 * printable, base64, 7bit, 8bit, format=flowed).
 */
const replies: readonly ClientReply[] = [
  {
    file: 'gmail-pl-bottom-posted.eml',
    client: 'gmail',
    lang: 'pl',
    shape: 'bottom',
    expected:
      'Wybrałam Kasię z działu sprzedaży i Tomka, z którym robiłam projekt migracji.\n\nZ Kasią idziemy na kawę w czwartek 3 grudnia.\n\nPozdrawiam,\nAgnieszka',
  },
  {
    file: 'gmail-ja-top-posted.eml',
    client: 'gmail',
    lang: 'ja',
    shape: 'top',
    expected:
      'コーチへ\n\n私の理由：再来年までにプロジェクトマネージャーとして働きたいからです。\n提供できること：Excelの自動化が得意なので、チームの報告書作りを手伝えます。\n\n佐藤 花子',
  },
  {
    file: 'gmail-ru-top-posted.eml',
    client: 'gmail',
    lang: 'ru',
    shape: 'top',
    expected:
      'Записался на митап «Продуктовые среды» 16 декабря в Москве.\nПойду вместе с Димой из соседней команды.\n\nСпасибо!\nАлексей',
  },
  {
    file: 'gmail-fr-own-line-like-header.eml',
    client: 'gmail',
    lang: 'fr',
    shape: 'top',
    expected:
      "Bonjour,\n\nJ'ai choisi Paul, mon ancien collègue chez Renault, et Inès du service marketing.\nLe 14 décembre, je vois Paul pour un café.\nIl m'a écrit : « Avec plaisir, 10 h au Café des Arts. »\nInès est en congé jusqu'au 4 janvier, je lui écrirai à son retour.\n\nMerci !\nCamille",
  },
  {
    file: 'gmail-en-arrows.eml',
    client: 'gmail',
    lang: 'en',
    shape: 'top',
    expected:
      'Plan for the next two weeks:\n> next step: call Ana about the Women in Logistics breakfast on Dec 10\n> then: ask Bruno if he wants to come along\n\nWill report back after the 10th.\nJess',
  },
  {
    file: 'gmail-de-inline.eml',
    client: 'gmail',
    lang: 'de',
    shape: 'inline',
    expected:
      'Läuft gut, danke!\n\nIch habe Lukas (ehemaliger Kollege) und Frau Dr. Weber vom Verband getroffen. Mit Lukas treffe ich mich jetzt jeden Monat.\n\nslower bitte, im Dezember ist zu viel los.\n\nGruß\nAnna',
  },
  {
    file: 'gmail-android-es.eml',
    client: 'gmail-android',
    lang: 'es',
    shape: 'top',
    expected:
      'Mi porqué: quiero pasar de soporte técnico a gestión de proyectos el año que viene.\nLo que puedo ofrecer: sé mucho de Jira y me encanta documentar procesos.\n\nUn saludo,\nJavier',
  },
  {
    file: 'gmail-ios-it.eml',
    client: 'gmail-ios',
    lang: 'it',
    shape: 'top',
    expected:
      'Ho scelto Giulia, la mia ex responsabile, e Marco del team vendite.\nCaffè con Giulia giovedì mattina!\n\nFrancesca',
  },
  {
    file: 'gmail-en-signature-bottom-posted.eml',
    client: 'gmail',
    lang: 'en',
    shape: 'bottom',
    expected:
      'Met Sam for lunch on Friday and had a call with Jo from the supplier side.\n\nThanks,\nPriya',
  },
  {
    file: 'apple-mail-ja.eml',
    client: 'apple-mail',
    lang: 'ja',
    shape: 'top',
    expected:
      '鈴木さんと、前の職場の上司の田中さんを選びました。\n田中さんとは来週の水曜日にランチの予定です。\n\n高橋',
  },
  {
    file: 'apple-mail-sv-bottom-posted.eml',
    client: 'apple-mail',
    lang: 'sv',
    shape: 'bottom',
    expected:
      'Jag har anmält mig till Produktledardagen i Stockholm den 15 januari.\nMin kollega Erik följer med.\n\nHälsningar\nMaja',
  },
  {
    file: 'apple-mail-pt-bottom-posted.eml',
    client: 'apple-mail',
    lang: 'pt',
    shape: 'bottom',
    expected:
      'Desde a última mensagem conversei com o Paulo (ex-colega) e com a Dra. Helena, da associação.\nPode mandar as mensagens mais devagar em janeiro?\n\nObrigada,\nLuísa',
  },
  {
    file: 'iphone-ru-bottom-posted.eml',
    client: 'iphone',
    lang: 'ru',
    shape: 'bottom',
    expected:
      'Отвечаю снизу, как привыкла :)\n\nЗачем: хочу через год перейти из бухгалтерии в финансовую аналитику.\nЧем могу помочь: хорошо знаю 1С и могу объяснить закрытие месяца кому угодно.\n\nНаталья',
  },
  {
    file: 'iphone-nl-footer.eml',
    client: 'iphone',
    lang: 'nl',
    shape: 'top',
    expected:
      'Ik ga op 9 december naar de ProductTank meetup in Utrecht.\nMijn collega Sanne gaat ook mee.',
  },
  {
    file: 'iphone-en-inline.eml',
    client: 'iphone',
    lang: 'en',
    shape: 'inline',
    expected: 'All good this month!\n\nTwo so far: Jo and Marcus.\n\nslower please',
  },
  {
    file: 'thunderbird-ja-shift-jis.eml',
    client: 'thunderbird',
    lang: 'ja',
    shape: 'top',
    expected:
      '12月17日の「東京プロダクトマネージャー勉強会」に申し込みました。\n同僚の木村さんも一緒に行きます。\n\nよろしくお願いします。\n山田 太郎',
  },
  {
    file: 'thunderbird-ru-inline.eml',
    client: 'thunderbird',
    lang: 'ru',
    shape: 'inline',
    expected:
      'Из бывших коллег — Игорь, он теперь в «Нортвинде».\n\nНаписала Игорю и Марине, Игорь уже согласился на кофе в пятницу.\n\nИгорь и Марина.\n\nОльга',
  },
  {
    file: 'thunderbird-ru-koi8-r.eml',
    client: 'thunderbird',
    lang: 'ru',
    shape: 'top',
    expected:
      'Выбрал Виктора (вместе запускали проект) и Светлану из маркетинга.\nСветлане уже написал, жду ответа.',
  },
  {
    file: 'thunderbird-sv-iso-8859-1.eml',
    client: 'thunderbird',
    lang: 'sv',
    shape: 'top',
    expected:
      'Varför: jag vill bli teamledare inom ett år.\nVad jag kan erbjuda: jag är bra på Excel och på att hålla ordning i projekt.\n\nMed vänliga hälsningar\nÅsa Lindqvist',
  },
  {
    file: 'thunderbird-pl-bottom-posted.eml',
    client: 'thunderbird',
    lang: 'pl',
    shape: 'bottom',
    expected:
      'Wybrałem Ewę, moją byłą kierowniczkę, i Łukasza z zespołu zakupów.\nZ Ewą umówiłem się na kawę w przyszły wtorek.\n\nPiotr',
  },
  {
    file: 'thunderbird-nl-inline.eml',
    client: 'thunderbird',
    lang: 'nl',
    shape: 'inline',
    expected:
      'Gekozen: het Logistiek Café in Rotterdam op 17 december.\n\nMijn opener wordt: "Wat brengt jou hier?" Die onthoud ik wel.',
  },
  {
    file: 'outlook-ja-header-block.eml',
    client: 'outlook',
    lang: 'ja',
    shape: 'top',
    expected:
      '先週、大学の先輩の中村さんとオンラインで30分話しました。\n今週の金曜日は、取引先の小林さんとコーヒーの予定です。\n\n伊藤',
  },
  {
    file: 'outlook-ru-koi8-r.eml',
    client: 'outlook',
    lang: 'ru',
    shape: 'top',
    expected:
      'Добрый день!\n\nЗачем мне это: хочу стать тимлидом в течение года.\nЧто могу предложить: помогаю коллегам с SQL и отчётами в Power BI.\n\nС уважением,\nЕлена Кузнецова',
  },
  {
    file: 'outlook-de-disclaimer.eml',
    client: 'outlook',
    lang: 'de',
    shape: 'top',
    expected:
      'Hallo,\n\nich gehe am 10. Dezember zum Product Meetup in Hamburg, zusammen mit meiner Kollegin Sabine.\n\nMit freundlichen Grüßen\nJonas Becker\nTeamleiter Einkauf',
  },
  {
    file: 'outlook-web-en-disclaimer.eml',
    client: 'outlook-web',
    lang: 'en',
    shape: 'top',
    expected:
      "Hi,\n\nI've picked Hannah from procurement and Olu, who I worked with on the warehouse project. Hannah and I are having coffee on Thursday.\n\nBest,\nChris Walker\nOperations Manager | Fabrikam Logistics",
  },
  {
    file: 'outlook-en-confidentiality-notice.eml',
    client: 'outlook',
    lang: 'en',
    shape: 'top',
    expected:
      'Morning,\n\nMet two people since your last note: Priyanka (ex-colleague, now at Contoso) and a supplier rep, Mike Durán – good “first coffee”.\n\nThanks,\nRobert',
  },
  {
    file: 'outlook-web-en-arrows.eml',
    client: 'outlook-web',
    lang: 'en',
    shape: 'top',
    expected:
      'Hi coach,\n\nShortlist:\n> Dev (ex-colleague, now at Northwind)\n> Aisha (met her at the ops summit)\n\nDev said yes to coffee on Monday.\n\nKaren',
  },
  {
    file: 'outlook-web-nl.eml',
    client: 'outlook-web',
    lang: 'nl',
    shape: 'top',
    expected:
      'Hoi,\n\nMijn waarom: ik wil binnen een jaar van de klantenservice naar productmanagement.\nWat ik kan bieden: ik ken onze klanten door en door en ik schrijf graag.\n\nGroetjes,\nFleur',
  },
  {
    file: 'outlook-ios-pt.eml',
    client: 'outlook-ios',
    lang: 'pt',
    shape: 'top',
    expected:
      'Escolhi a Fernanda (trabalhamos juntas no projeto de migração) e o Rodrigo do financeiro.\nCafé com a Fernanda na sexta!',
  },
  {
    file: 'outlook-android-es.eml',
    client: 'outlook-android',
    lang: 'es',
    shape: 'top',
    expected:
      'Voy al meetup de Product Hackers el 11 de diciembre en Madrid.\nMe apunté con mi compañera Irene.',
  },
  {
    file: 'outlook-mac-en.eml',
    client: 'outlook-mac',
    lang: 'en',
    shape: 'top',
    expected:
      "Signed up for the Cardiff Tech Meetup on 17 December. It's a lightning-talk night, so easy to chat to people afterwards.\n\nOwen",
  },
  {
    file: 'outlook-pl-iso-8859-2.eml',
    client: 'outlook',
    lang: 'pl',
    shape: 'top',
    expected:
      'Dzień dobry,\n\nMój powód: chcę w ciągu roku przejść z księgowości do analizy finansowej.\nCo mogę zaoferować: dobrze znam Excela i Power BI.\n\nPozdrawiam\nMarek Wiśniewski',
  },
  {
    file: 'yahoo-it-android.eml',
    client: 'yahoo',
    lang: 'it',
    shape: 'top',
    expected:
      "Perché: voglio passare dall'amministrazione al marketing entro un anno.\nCosa posso offrire: conosco bene Canva e i social.",
  },
  {
    file: 'yahoo-en-bottom-posted.eml',
    client: 'yahoo',
    lang: 'en',
    shape: 'bottom',
    expected:
      'Below is fine I hope: my picks are Tanya from accounts and George, my old shift supervisor.\nGeorge and I are getting coffee Saturday.\n\nBill',
  },
  {
    file: 'aol-en-bottom-posted.eml',
    client: 'aol',
    lang: 'en',
    shape: 'bottom',
    expected:
      'The church craft fair committee meets on December 12 and half of town goes.\nI will bring Sue from next door.',
  },
  {
    file: 'proton-en-footer.eml',
    client: 'proton',
    lang: 'en',
    shape: 'top',
    expected:
      "My why: I want to move from support into customer success within a year.\nWhat I can offer: I write clear docs and I'm good at calming down angry customers.\n\nLena",
  },
  {
    file: 'proton-de-bottom-posted.eml',
    client: 'proton',
    lang: 'de',
    shape: 'bottom',
    expected:
      'Ich habe Katrin aus dem Vertrieb und meinen früheren Chef Martin ausgesucht.\nMit Martin bin ich am Freitag zum Mittagessen verabredet.\n\nViele Grüße\nTim',
  },
  {
    file: 'superhuman-en-footer.eml',
    client: 'superhuman',
    lang: 'en',
    shape: 'top',
    expected:
      'Quick one: Marcus from my old team and Leila (we met at the design systems conf). Coffee with Leila is booked for Dec 9.\n\nSam',
  },
  {
    file: 'samsung-fr-galaxy-footer.eml',
    client: 'samsung',
    lang: 'fr',
    shape: 'top',
    expected:
      "Pourquoi : je veux passer de la comptabilité au contrôle de gestion d'ici l'été.\nCe que je peux offrir : je connais très bien Excel et Power Query.\n\nBonne journée,\nNadia",
  },
  {
    file: 'samsung-de-galaxy-footer.eml',
    client: 'samsung',
    lang: 'de',
    shape: 'top',
    expected:
      'Ich gehe am 12.12. zum Stammtisch der Logistik-Initiative in Köln. Bringe meinen Azubi mit.',
  },
  {
    file: 'samsung-cs-separator.eml',
    client: 'samsung',
    lang: 'cs',
    shape: 'top',
    expected:
      'Vybrala jsem Petra z účtárny a Janu, se kterou jsem dělala na projektu.\nS Janou jdeme na kávu ve čtvrtek.',
  },
  {
    file: 'spark-en.eml',
    client: 'spark',
    lang: 'en',
    shape: 'top',
    expected:
      "Why: I'm a junior data analyst and I want to be the person people ask about dashboards.\nOffer: I can teach anyone the basics of SQL in an afternoon.\n\nKenji",
  },
  {
    file: 'spark-de-inline.eml',
    client: 'spark',
    lang: 'de',
    shape: 'inline',
    expected:
      'Bei mir: Felix (früher im selben Team) und Frau Yilmaz, unsere Lieferantin.\n\nHabe beiden geschrieben. Felix kommt am 9. Dezember vorbei.\n\nFelix und Frau Yilmaz.\n\nLG Miriam',
  },
  {
    file: 'fastmail-en-bottom-posted.eml',
    client: 'fastmail',
    lang: 'en',
    shape: 'bottom',
    expected:
      'I went with Ravi (my old manager) and Claire from the book club, who works in UX.\nCoffee with Claire is on the 10th.',
  },
  {
    file: 'yandex-ru-bottom-posted.eml',
    client: 'yandex',
    lang: 'ru',
    shape: 'bottom',
    expected: 'Выбрал Сергея и Анну. С Сергеем встречаемся в субботу.',
  },
  {
    file: 'yandex-ru-mobile-footer.eml',
    client: 'yandex',
    lang: 'ru',
    shape: 'top',
    expected:
      'Сейчас в командировке до 10 декабря, потом вернусь к урокам.\nПока присмотрела конференцию «Стачка» в апреле.',
  },
  {
    file: 'mailru-ru.eml',
    client: 'mailru',
    lang: 'ru',
    shape: 'top',
    expected:
      'Встретилась с Леной из отдела кадров и с бывшим руководителем, Андреем Петровичем.\nС Андреем договорились созвониться ещё раз в январе.',
  },
];

const languages = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'ru', 'ja'];

const clientNames = [
  'gmail',
  'gmail-android',
  'gmail-ios',
  'outlook',
  'outlook-web',
  'outlook-ios',
  'outlook-android',
  'outlook-mac',
  'apple-mail',
  'iphone',
  'thunderbird',
  'yahoo',
  'aol',
  'proton',
  'superhuman',
  'samsung',
  'spark',
  'fastmail',
  'yandex',
  'mailru',
];

/** What must never reach the coach: the lesson, the client's header lines, footers, notices. */
const notThePerson = [
  /LESSON \d|Lesson \d of 4|Talk soon|Unsubscribe|You are getting this email|Drip Coach/i,
  /coach@drip-coach\.test|reply\.drip-coach\.test/,
  // Header verbs as clients end the header line; the person may use the same words mid-sentence.
  /(?:wrote|a écrit|escribió|ha scritto|geschreven|escreveu|napisał|pisze) ?:$/m,
  /\b(?:schrieb|schreef|skrev) [^\n]*:$/m,
  /(?:пишет|написал(?:\(а\))?|書きました|のメール):$/m,
  /Original|Ursprüngliche|Původní|Message d'origine|Oryginalna/,
  /^(?:From|Von|De|Da|Van|Od|От|差出人|Sent|Gesendet|Envoyé|Enviado|Wysłano|Отправлено):/m,
  /Sent (?:from|with|via)|Envoyé depuis|Verstuurd vanaf|Von meinem|Gesendet mit|Inviato da/,
  /Отправлено (?:с|из)|Odesláno|Outlook (?:para|for|für)|Proton Mail|Superhuman|Spark|Galaxy/,
  /confidential|vertrauliche|CONFIDENTIALITY|intended recipient|irrtümlich/i,
];

/** Text compared across the two parts: HTML renders paragraphs and apostrophes its own way. */
const words = (text: string) => text.replace(/’/g, "'").replace(/\s+/g, ' ').trim();

describe('extractReplyText on replies from many clients in eleven languages', () => {
  it('covers every client and language, top-posted, bottom-posted and inline', () => {
    expect(new Set(replies.map((r) => r.client))).toEqual(new Set(clientNames));
    const langs = new Set(replies.map((r) => r.lang));
    for (const lang of languages) expect(langs.has(lang), lang).toBe(true);
    for (const shape of ['bottom', 'inline'] as const) {
      const clients = new Set(replies.filter((r) => r.shape === shape).map((r) => r.client));
      expect(clients.size, shape).toBeGreaterThanOrEqual(4);
    }
  });

  it.each(replies)('$file: keeps exactly what the person wrote', async ({ file, expected }) => {
    const mail = await parseFixture(file);
    expect(extractReplyText({ text: mail.text, html: mail.html })).toBe(expected);
  });

  it.each(replies)('$file: lets no lesson, header, footer or notice through', async ({ file }) => {
    const mail = await parseFixture(file);
    const text = extractReplyText({ text: mail.text, html: mail.html });
    for (const pattern of notThePerson) expect(text, file).not.toMatch(pattern);
  });

  it.each(replies)(
    '$file: its HTML part alone finds the same words',
    async ({ file, expected }) => {
      const mail = await parseFixture(file);
      if (!mail.html) return;
      expect(words(extractReplyText({ html: mail.html }))).toBe(words(expected));
    },
  );

  it.each(replies)(
    '$file: is a real multipart reply where the client sends two parts',
    async ({ file }) => {
      const mail = await parseFixture(file);
      const singlePart = mail.contentType !== 'multipart/alternative';
      // Plain-text mode (Outlook, Thunderbird) and the AOL and Yandex web apps send one part.
      const oneByDesign =
        /^outlook-en-confidentiality|^outlook-pl-iso|^thunderbird-ru-koi8|^aol-|^yandex-ru-bottom/;
      expect(singlePart, file).toBe(oneByDesign.test(file));
      if (!singlePart) {
        expect(mail.text, file).not.toBe('');
        expect(mail.html, file).toContain('<');
      }
    },
  );

  it('reads the person\'s ">" lines as theirs because the HTML shows them outside any quote', async () => {
    for (const file of ['gmail-en-arrows.eml', 'outlook-web-en-arrows.eml']) {
      const mail = await parseFixture(file);
      // The text part alone cannot tell them from quoted lines...
      expect(extractReplyText({ text: mail.text }), file).not.toMatch(/^> /m);
      // ...the HTML part decides.
      expect(extractReplyText({ text: mail.text, html: mail.html }), file).toMatch(/^> /m);
    }
  });

  it('finds a reply below an unmarked quote only with the HTML part', async () => {
    const mail = await parseFixture('yahoo-en-bottom-posted.eml');
    expect(extractReplyText({ text: mail.text })).toBe('');
    expect(extractReplyText({ text: mail.text, html: mail.html })).toMatch(/^Below is fine/);
  });
});

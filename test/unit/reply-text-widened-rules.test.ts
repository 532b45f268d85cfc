import { describe, expect, it } from 'vitest';
import { extractReplyText } from '../../functions/core/reply-text.ts';

const coach = 'Drip Coach <coach@drip-coach.test>';
const reply = 'I picked Sam and Priya.\nCoffee with Sam on Thursday.\n\nThanks,\nAnna';
/** An attribution above a quote, to show a rule's cut stops where the quote starts. */
const gmailEn = `On Tue, Dec 1, 2026 at 9:00 AM ${coach} wrote:`;
const lesson = 'LESSON 2 OF 4: PICK 2-3 PEOPLE\nHi Anna,\nTalk soon,\nDrip Coach';
const quoted = lesson
  .split('\n')
  .map((line) => `> ${line}`)
  .join('\n');
const asDivs = (text: string) =>
  text
    .split('\n')
    .map(
      (line) => `<div>${line ? line.replace(/&/g, '&amp;').replace(/</g, '&lt;') : '<br>'}</div>`,
    )
    .join('');

/** Wraps a line at `width` as Gmail's text part does. */
function wrap(line: string, width: number): string {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && `${current} ${word}`.length > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  return [...out, current].join('\n');
}

// Gmail's text-part attributions, one per language (he and ar in their direction marks).
const gmailAttributions: readonly [string, string][] = [
  ['fi', 'ti 1.12.2026 klo 9.00 Drip Coach (coach@drip-coach.test) kirjoitti:'],
  ['sk', `ut 1. 12. 2026 o 9:00 ${coach} napísal(a):`],
  ['hu', `${coach} ezt írta (időpont: 2026. dec. 1., K, 9:00):`],
  ['ro', `În mar., 1 dec. 2026 la 09:00, ${coach} a scris:`],
  ['tr', `${coach}, 1 Ara 2026 Sal, 09:00 tarihinde şunu yazdı:`],
  ['uk', `вт, 1 груд. 2026 р. о 09:00 ${coach} пише:`],
  ['el', `Στις Τρί 1 Δεκ 2026 στις 9:00 π.μ., ο/η ${coach} έγραψε:`],
  ['ko', `2026년 12월 1일 (화) 오전 9:00, ${coach}님이 작성:`],
  ['zh', `${coach} 于2026年12月1日周二 09:00写道：`],
  ['zh-TW', `${coach} 於 2026年12月1日 週二 上午9:00寫道：`],
  [
    'he',
    '\u202Bבתאריך יום ג׳, 1 בדצמ׳ 2026 ב-9:00 מאת \u202ADrip Coach\u202C\u200F <\u202Acoach@drip-coach.test\u202C\u200F>:\u202C',
  ],
  [
    'ar',
    '\u202Bفي الثلاثاء، 1 ديسمبر 2026 في 9:00 ص تمت كتابة ما يلي بواسطة \u202ADrip Coach\u202C\u200F <\u202Acoach@drip-coach.test\u202C\u200F>:\u202C',
  ],
];

// Apple Mail's and Thunderbird's, where they differ from Gmail's.
const otherAttributions: readonly [string, string][] = [
  ['Apple Mail ko', `2026. 12. 1. 오전 9:00, ${coach} 작성:`],
  ['Apple Mail he', `ב-1 בדצמ׳ 2026, בשעה 9:00, ${coach} כתב/ה:`],
  ['Apple Mail tr', `1 Ara 2026 tarihinde 09:00 saatinde, ${coach} şunları yazdı:`],
  ['Apple Mail hu', `2026. dec. 1. dátummal, 9:00 időpontban ${coach} írta:`],
  ['Thunderbird hu', '2026. 12. 01. 9:00 keltezéssel, Drip Coach írta:'],
  ['Thunderbird tr', '1.12.2026 09:00 tarihinde Drip Coach yazdı:'],
  ['Thunderbird uk', '01.12.2026 09:00, Drip Coach пише:'],
  ['Thunderbird el', 'Στις 1/12/2026 9:00 π.μ., ο/η Drip Coach έγραψε:'],
  ['Thunderbird zh', '在 2026/12/1 9:00, Drip Coach 写道:'],
  ['Thunderbird fi', 'Drip Coach kirjoitti 1.12.2026 klo 9.00:'],
];

/** Outlook's From/Sent/To/Subject labels and its Sent value, per language. */
const outlookLabels: readonly [string, string, string, string, string, string][] = [
  ['es', 'De', 'Enviado el', 'Para', 'Asunto', 'martes, 1 de diciembre de 2026 9:00'],
  ['fr', 'De ', 'Envoyé ', 'À ', 'Objet ', 'mardi 1 décembre 2026 09:00'],
  ['it', 'Da', 'Inviato', 'A', 'Oggetto', 'martedì 1 dicembre 2026 09:00'],
  ['pt', 'De', 'Enviado', 'Para', 'Assunto', 'terça-feira, 1 de dezembro de 2026 09:00'],
  ['sv', 'Från', 'Skickat', 'Till', 'Ämne', 'den 1 december 2026 09:00'],
  ['da', 'Fra', 'Sendt', 'Til', 'Emne', '1. december 2026 09:00'],
  ['fi', 'Lähettäjä', 'Lähetetty', 'Vastaanottaja', 'Aihe', 'tiistai 1. joulukuuta 2026 9.00'],
  ['pl', 'Od', 'Wysłano', 'Do', 'Temat', 'wtorek, 1 grudnia 2026 09:00'],
  ['cs', 'Od', 'Odesláno', 'Komu', 'Předmět', 'úterý 1. prosince 2026 9:00'],
  ['sk', 'Od', 'Odoslané', 'Komu', 'Predmet', 'utorok 1. decembra 2026 9:00'],
  ['hu', 'Feladó', 'Elküldve', 'Címzett', 'Tárgy', '2026. december 1., kedd 9:00'],
  ['ro', 'De la', 'Trimis', 'Către', 'Subiect', 'marți, 1 decembrie 2026 09:00'],
  ['tr', 'Kimden', 'Gönderildi', 'Kime', 'Konu', '1 Aralık 2026 Salı 09:00'],
  ['uk', 'Від', 'Надіслано', 'Кому', 'Тема', 'вівторок, 1 грудня 2026 р. 09:00'],
  ['el', 'Από', 'Στάλθηκε', 'Προς', 'Θέμα', 'Τρίτη, 1 Δεκεμβρίου 2026 9:00 πμ'],
  ['ko', '보낸 사람', '보낸 날짜', '받는 사람', '제목', '2026년 12월 1일 화요일 오전 9:00'],
  ['zh', '发件人', '发送时间', '收件人', '主题', '2026年12月1日 9:00'],
  ['zh-TW', '寄件者', '寄件日期', '收件者', '主旨', '2026年12月1日 上午 09:00'],
  ['he', 'מאת', 'נשלח', 'אל', 'נושא', 'יום שלישי 01 דצמבר 2026 09:00'],
  ['ar', 'من', 'تاريخ الإرسال', 'إلى', 'الموضوع', 'الثلاثاء، 1 ديسمبر، 2026 09:00 ص'],
];

describe('attributions in more languages, whole or wrapped', () => {
  it.each([...gmailAttributions, ...otherAttributions])('%s', (_lang, attribution) => {
    for (const width of [1000, 76, 60]) {
      const header = wrap(attribution, width);
      expect(extractReplyText({ text: `${reply}\n\n${header}\n\n${quoted}` }), header).toBe(reply);
      expect(extractReplyText({ html: asDivs(`${reply}\n\n${header}\n\n${quoted}`) })).toBe(reply);
      // With the sender's address, the header ends the reply even above an unmarked quote.
      if (attribution.includes('@')) {
        expect(extractReplyText({ text: `${reply}\n\n${header}\n\n${lesson}` }), header).toBe(
          reply,
        );
      }
    }
  });
});

describe('Outlook header blocks without a rule line above them', () => {
  it.each(outlookLabels)('%s', (_lang, from, sent, to, subject, date) => {
    const block = `${from}: ${coach}\n${sent}: ${date}\n${to}: Anna <anna@example.com>\n${subject}: Lesson 2`;
    expect(extractReplyText({ text: `${reply}\n\n${block}\n\n${lesson}` })).toBe(reply);
    const bold = block.replace(/^([^:\n]+):/gm, '*$1:*');
    expect(extractReplyText({ text: `${reply}\n\n${bold}\n\n${lesson}` })).toBe(reply);
    expect(extractReplyText({ html: asDivs(`${reply}\n\n${block}\n\n${lesson}`) })).toBe(reply);
  });

  it("Foxmail's 原始邮件 banner and block", () => {
    const block = `------------------ 原始邮件 ------------------\n发件人: "Drip Coach"<coach@drip-coach.test>;\n发送时间: 2026年12月1日(星期二) 下午4:00\n收件人: "张伟"<zw@qq.com>;\n\n主题: Lesson 2`;
    expect(extractReplyText({ text: `${reply}\n\n${block}\n\n${lesson}` })).toBe(reply);
  });
});

describe("disclaimers ending the person's text, recognised by what they say", () => {
  const notices: readonly [string, string][] = [
    [
      'de',
      'Der Inhalt dieser E-Mail ist vertraulich und ausschließlich für den bezeichneten Adressaten bestimmt. Wir bitten Sie, sich in diesem Fall mit dem Absender in Verbindung zu setzen.',
    ],
    [
      'es',
      'Este mensaje y sus archivos adjuntos van dirigidos exclusivamente a su destinatario, pudiendo contener información confidencial sometida a secreto profesional.',
    ],
    [
      'it',
      'Questo messaggio e gli eventuali allegati sono riservati e destinati esclusivamente alla persona indicata come destinatario.',
    ],
    [
      'nl',
      'De informatie in dit bericht is vertrouwelijk en uitsluitend bestemd voor de geadresseerde. Openbaarmaking aan derden is niet toegestaan.',
    ],
    [
      'pt',
      'Esta mensagem pode conter informações confidenciais e é destinada exclusivamente ao destinatário. Caso a tenha recebido por engano, avise o remetente.',
    ],
    [
      'sv',
      'Detta e-postmeddelande är konfidentiellt och endast avsett för mottagaren. Om du fått det av misstag, kontakta avsändaren.',
    ],
    [
      'cs',
      'Tento e-mail a jeho přílohy jsou důvěrné a jsou určeny výhradně adresátovi. Názory v něm nemusí odpovídat stanovisku společnosti.',
    ],
    [
      'tr',
      'Bu e-posta ve ekleri gizlidir ve yalnızca alıcısına yöneliktir. Yetkisiz kullanımı, kopyalanması veya dağıtılması yasaktır.',
    ],
    [
      'ja',
      'このメールは宛先に記載された方のみを対象としており、機密情報が含まれている場合があります。内容の無断転載や複製は固く禁じられております。',
    ],
  ];

  it.each(notices)('%s: cut below the sign-off, in text and in HTML', (_lang, notice) => {
    expect(extractReplyText({ text: `${reply}\n\n${notice}` })).toBe(reply);
    expect(extractReplyText({ text: `${reply}\n\n${notice}\n\n${quoted}` })).toBe(reply);
    // HTML puts no blank line between the sign-off and the notice.
    expect(extractReplyText({ html: `<p>${reply.replace(/\n/g, '<br>')}<br>${notice}</p>` })).toBe(
      reply,
    );
  });

  it.each([
    'Thanks,\nAnna\n\nPS: this is confidential, please delete it from your notes after reading.',
    'Thanks,\nAnna\n\nOne request: please keep this confidential. Hannah is the only intended recipient of my invite so far, and her manager does not know.',
    'Thanks,\nAnna\n\nPlease tell me if I am the wrong recipient for these emails; my colleague should get them, so feel free to delete my address.',
    'Der Inhalt ist vertraulich, aber Jörg ist der Adressat meiner Bewerbung, und das darf er wissen.',
  ])('keeps a paragraph of the person that names the same things: %j', (text) => {
    expect(extractReplyText({ text })).toBe(text);
    expect(extractReplyText({ html: asDivs(text) })).toBe(text);
  });
});

describe('a dash alone on a line before a short name block', () => {
  it.each([
    ['—', 'Tom Harris\nSenior Designer, Atlas Studio'],
    ['–', 'Maria Rossi\nHead of Sales | Acme S.p.A.\n+39 02 1234 5678'],
  ])('%s is a signature separator', (dash, signature) => {
    const text = `${reply}\n\n${dash}\n${signature}`;
    expect(extractReplyText({ text })).toBe(reply);
    expect(extractReplyText({ text: `${text}\n\n${gmailEn}\n${quoted}` })).toBe(reply);
    expect(extractReplyText({ html: asDivs(text) })).toBe(reply);
  });

  it.each([
    'Picked Ruth.\n—\nAnd Gareth, next week.',
    'Picked Ruth.\n\n—\nI will tell you more on Friday!',
    'Picked Ruth.\n—\nTom\n\nAlso Gareth, from the cycling club, who I have known for years and who agreed.',
  ])('keeps a dash the person set between their own lines: %j', (text) => {
    expect(extractReplyText({ text })).toBe(text);
  });
});

describe("the person's own lines that look like headers stay", () => {
  it.each([
    'From: my manager, the answer was yes.\nTo be honest I was surprised.',
    'From: my manager\nSent: yesterday\nTo: the whole team\nSubject: the reorg',
    'Coffee with Paul on 3.12.2026 at 9:00, he said:\nthat went well',
    'Am 3. Dezember 2026 um 9:00 hat Paul mir geschrieben:\ner kommt auch.',
    'Coffee on 3.12.2026 at 9:00 with Paul <paul@example.com>:\nwe will talk about the job.',
  ])('%j', (text) => {
    expect(extractReplyText({ text })).toBe(text);
    expect(extractReplyText({ text: `${text}\n\n${gmailEn}\n${quoted}` })).toBe(text);
  });

  it('keeps a line of their own directly above a header', () => {
    const above = ['Anna Schmidt <anna@example.com>', 'See you on 3.12.2026 at 9:00'];
    for (const line of above) {
      const text = `${line}\nOn 01/12/2026 09:00, Drip Coach wrote:\n${quoted}`;
      expect(extractReplyText({ text })).toBe(line);
    }
  });
});

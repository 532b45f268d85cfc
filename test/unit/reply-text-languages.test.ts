import { describe, expect, it } from 'vitest';
import { extractReplyText } from '../../functions/core/reply-text.ts';

/** What clients write above quoted mail, and below the person's words, in one language. */
interface Markers {
  /** Something a person would reply in this language. */
  reply: string;
  /** Attributions as the named clients write them; `<a@b>` ones may stand above unmarked quotes. */
  attributions: readonly string[];
  separators: readonly string[];
  /** Outlook's (or GMX's) header block, one field a line. */
  headerBlock: readonly string[];
  /** App and device footers. */
  footers: readonly string[];
}

const coach = 'Drip Coach <coach@drip-coach.test>';
const subject = 'Subject-line: Lesson 2: Two or three coffees';

const markers: Readonly<Record<string, Markers>> = {
  en: {
    reply: 'I picked Sam and Priya.\nCoffee with Sam on Thursday.',
    attributions: [
      `On Tue, Dec 1, 2026 at 9:00\u202fAM ${coach} wrote:`, // Gmail
      `On 1 Dec 2026, at 09:00, ${coach} wrote:`, // Apple Mail
      'On 01/12/2026 09:00, Drip Coach wrote:', // Thunderbird
      `On Tuesday, December 1, 2026 at 09:00:12 AM EST, ${coach} wrote:`, // Yahoo
      `On 1 Dec 2026 at 09:00 +0000, ${coach}, wrote:`, // Spark
      'On Tue, 1 Dec 2026, at 09:00, Drip Coach wrote:', // Fastmail
      `On Tuesday, December 1st, 2026 at 09:00, ${coach} wrote:`, // Proton
      `On Tue, Dec 01, 2026 at 9:00 AM, ${coach} wrote:`, // Superhuman
      `Tuesday, December 1, 2026 9:00 AM +03:00 from ${coach}:`, // mail.ru
      `01.12.2026, 09:00, "Drip Coach" <coach@drip-coach.test>:`, // Yandex
    ],
    separators: [
      '-----Original Message-----',
      '-------- Original message --------',
      '----- Original Message -----',
      '---------- Forwarded message ---------',
      'Begin forwarded message:',
    ],
    headerBlock: [
      `From: ${coach}`,
      'Sent: Tuesday, December 1, 2026 9:00 AM',
      'To: Sam Lee <sam@example.com>',
      subject.replace('Subject-line', 'Subject'),
    ],
    footers: [
      'Sent from my iPhone',
      'Sent from my Galaxy',
      'Sent via the Samsung Galaxy S24, an AT&T 5G smartphone',
      'Get Outlook for iOS<https://aka.ms/o0ukef>',
      'Get Outlook for Android',
      'Sent from Yahoo Mail on Android',
      'Sent from the all new AOL app for iOS',
      'Sent with Proton Mail secure email.',
      'Sent with [Proton Mail](https://proton.me/mail/home) secure email.',
      'Sent via Superhuman',
      'Sent via Superhuman <https://sprh.mn/?vip=sam@example.com>',
      'Sent with Spark',
      'Sent from Mail for Windows',
    ],
  },
  de: {
    reply: 'Ich habe Jonas und Mira gewählt.\nMit Mira trinke ich am 12. Dezember Kaffee.',
    attributions: [
      `Am Di., 1. Dez. 2026 um 09:00 Uhr schrieb ${coach}:`, // Gmail
      `${coach} schrieb am Di., 1. Dez. 2026, 09:00:`, // Gmail for Android
      `Am 01.12.2026 um 09:00 schrieb ${coach}:`, // Apple Mail
      'Am 01.12.26 um 09:00 schrieb Drip Coach:', // Thunderbird
      `Am Dienstag, 1. Dezember 2026 um 09:00 schrieb ${coach}:`, // Proton
      `Am 1. Dez. 2026, 09:00 +0100 schrieb ${coach}:`, // Spark
    ],
    separators: [
      '-----Ursprüngliche Nachricht-----',
      '-------- Ursprüngliche Nachricht --------',
      '-------- Weitergeleitete Nachricht --------',
      'Anfang der weitergeleiteten Nachricht:',
    ],
    headerBlock: [
      `Von: ${coach}`,
      'Gesendet: Dienstag, 1. Dezember 2026 09:00',
      'An: Jonas Becker <jonas@example.de>',
      'Betreff: Lesson 2: Two or three coffees',
    ],
    footers: [
      'Von meinem iPhone gesendet',
      'Von meinem Galaxy gesendet',
      'Gesendet von meinem Samsung Galaxy Smartphone.',
      'Outlook für iOS beziehen<https://aka.ms/o0ukef>',
      'Von Yahoo Mail auf Android gesendet',
      'Gesendet mit der sicheren E-Mail von [Proton Mail](https://proton.me/mail/home).',
    ],
  },
  fr: {
    reply: "J'ai choisi Camille et Théo.\nCafé avec Théo jeudi.",
    attributions: [
      `Le mar. 1 déc. 2026 à 09:00, ${coach} a écrit :`, // Gmail
      `Le 1 déc. 2026 à 09:00, ${coach} a écrit :`, // Apple Mail
      'Le 01/12/2026 à 09:00, Drip Coach a écrit :', // Thunderbird
      `Le mardi 1 décembre 2026 à 09:00:12 UTC+1, ${coach} a écrit :`, // Yahoo
    ],
    separators: [
      "-----Message d'origine-----",
      "-------- Message d'origine --------",
      '-------- Message transféré --------',
      'Début du message réexpédié :',
    ],
    headerBlock: [
      `De : ${coach}`,
      'Envoyé : mardi 1 décembre 2026 09:00',
      'À : Camille Martin <camille@example.fr>',
      'Objet : Lesson 2: Two or three coffees',
    ],
    footers: [
      'Envoyé de mon iPhone',
      'Envoyé depuis mon appareil Galaxy',
      'Obtenir Outlook pour iOS',
      'Envoyé de Yahoo Mail pour Android',
      'Envoyé avec la messagerie sécurisée Proton Mail.',
    ],
  },
  es: {
    reply: 'He elegido a Lucía y a Mateo.\nCafé con Lucía el jueves.',
    attributions: [
      `El mar, 1 dic 2026 a las 9:00, Drip Coach (<coach@drip-coach.test>) escribió:`, // Gmail
      `El mar, 1 dic 2026, 9:00, ${coach} escribió:`, // Gmail for Android
      `El 1 dic 2026, a las 9:00, ${coach} escribió:`, // Apple Mail
      'El 01/12/2026 a las 9:00, Drip Coach escribió:', // Thunderbird
    ],
    separators: [
      '-----Mensaje original-----',
      '-------- Mensaje original --------',
      '---------- Mensaje reenviado ---------',
    ],
    headerBlock: [
      `De: ${coach}`,
      'Enviado: martes, 1 de diciembre de 2026 9:00',
      'Para: Lucía Fernández <lucia@example.es>',
      'Asunto: Lesson 2: Two or three coffees',
    ],
    footers: [
      'Enviado desde mi iPhone',
      'Enviado desde mi Galaxy',
      'Obtener Outlook para Android',
      'Enviado desde Yahoo Mail para Android',
    ],
  },
  it: {
    reply: 'Ho scelto Giulia e Marco.\nCaffè con Giulia giovedì.',
    attributions: [
      `Il giorno mar 1 dic 2026 alle ore 09:00 ${coach} ha scritto:`, // Gmail
      `Il giorno 1 dic 2026, alle ore 09:00, ${coach} ha scritto:`, // Apple Mail
      'Il 01/12/2026 09:00, Drip Coach ha scritto:', // Thunderbird
      `Il mar, 1 dic, 2026 alle 9:00, ${coach} ha scritto:`, // Yahoo
    ],
    separators: [
      '-----Messaggio originale-----',
      '-------- Messaggio originale --------',
      '---------- Messaggio inoltrato ---------',
    ],
    headerBlock: [
      `Da: ${coach}`,
      'Inviato: martedì 1 dicembre 2026 09:00',
      'A: Francesca Bianchi <francesca@example.it>',
      'Oggetto: Lesson 2: Two or three coffees',
    ],
    footers: [
      'Inviato da iPhone',
      'Inviato dal mio dispositivo Galaxy',
      'Scarica Outlook per iOS',
      'Inviato da Yahoo Mail su Android',
    ],
  },
  nl: {
    reply: 'Ik heb Sanne en Daan gekozen.\nKoffie met Sanne op donderdag.',
    attributions: [
      `Op di 1 dec 2026 om 09:00 schreef ${coach}:`, // Gmail
      `Op 1 dec 2026 om 09:00 heeft ${coach} het volgende geschreven:`, // Apple Mail
      'Op 01-12-2026 om 09:00 schreef Drip Coach:', // Thunderbird
    ],
    separators: [
      '-----Oorspronkelijk bericht-----',
      '-------- Oorspronkelijk bericht --------',
      '---------- Doorgestuurd bericht ---------',
    ],
    headerBlock: [
      `Van: ${coach}`,
      'Verzonden: dinsdag 1 december 2026 09:00',
      'Aan: Fleur de Vries <fleur@example.nl>',
      'Onderwerp: Lesson 2: Two or three coffees',
    ],
    footers: [
      'Verstuurd vanaf mijn iPhone',
      'Verzonden vanaf mijn iPhone',
      'Verzonden vanaf mijn Galaxy',
      'Outlook voor iOS downloaden',
    ],
  },
  pt: {
    reply: 'Escolhi a Fernanda e o Rodrigo.\nCafé com a Fernanda na sexta.',
    attributions: [
      `Em ter., 1 de dez. de 2026 às 09:00, ${coach} escreveu:`, // Gmail
      `Em 1 de dez. de 2026, à(s) 09:00, ${coach} escreveu:`, // Apple Mail
      'Em 01/12/2026 09:00, Drip Coach escreveu:', // Thunderbird
    ],
    separators: [
      '-----Mensagem original-----',
      '-------- Mensagem original --------',
      '---------- Mensagem encaminhada ---------',
    ],
    headerBlock: [
      `De: ${coach}`,
      'Enviado: terça-feira, 1 de dezembro de 2026 09:00',
      'Para: Beatriz Souza <bia@example.com.br>',
      'Assunto: Lesson 2: Two or three coffees',
    ],
    footers: [
      'Enviado do meu iPhone',
      'Enviado do meu smartphone Samsung Galaxy.',
      'Obter o Outlook para Android',
      'Enviado do Yahoo Mail para Android',
    ],
  },
  pl: {
    reply: 'Wybrałam Kasię i Tomka.\nKawa z Kasią w czwartek.',
    attributions: [
      `W dniu wt., 1 gru 2026 o 09:00 użytkownik ${coach} napisał:`, // Gmail
      `wt., 1 gru 2026 o 09:00 ${coach} napisał(a):`, // Gmail, earlier wording
      'W dniu 1.12.2026 o 09:00, Drip Coach pisze:', // Thunderbird
      `Wiadomość napisana przez ${coach} w dniu 1 gru 2026, o godz. 09:00:`, // Apple Mail
    ],
    separators: [
      '-----Oryginalna wiadomość-----',
      '-------- Oryginalna wiadomość --------',
      '---------- Wiadomość przekazana dalej ---------',
    ],
    headerBlock: [
      `Od: ${coach}`,
      'Wysłane: wtorek, 1 grudnia 2026 09:00',
      'Do: Marek Wiśniewski <marek@example.pl>',
      'Temat: Lesson 2: Two or three coffees',
    ],
    footers: [
      "Wysłane z iPhone'a",
      'Wysłano z mojego urządzenia Galaxy',
      'Pobierz aplikację Outlook dla systemu iOS',
    ],
  },
  sv: {
    reply: 'Jag valde Erik och Maja.\nKaffe med Erik på torsdag.',
    attributions: [
      `Den tis 1 dec. 2026 kl 09:00 skrev ${coach}:`, // Gmail
      `1 dec. 2026 kl. 09:00 skrev ${coach}:`, // Apple Mail
      'Den 2026-12-01 kl. 09:00, skrev Drip Coach:', // Thunderbird
    ],
    separators: [
      '-----Ursprungligt meddelande-----',
      '-------- Originalmeddelande --------',
      '---------- Vidarebefordrat meddelande ---------',
    ],
    headerBlock: [
      `Från: ${coach}`,
      'Skickat: den 1 december 2026 09:00',
      'Till: Maja Lindgren <maja@example.se>',
      'Ämne: Lesson 2: Two or three coffees',
    ],
    footers: [
      'Skickat från min iPhone',
      'Skickat från min Samsung Galaxy-smartphone.',
      'Skaffa Outlook för iOS',
      'Skickat från Yahoo Mail för Android',
    ],
  },
  ru: {
    reply: 'Выбрала Ивана и Олю.\nС Олей пьём кофе в четверг.',
    attributions: [
      `вт, 1 дек. 2026 г. в 09:00, ${coach}:`, // Gmail
      `1 дек. 2026 г., в 09:00, ${coach} написал(а):`, // Apple Mail
      '01.12.2026 09:00, Drip Coach пишет:', // Thunderbird
      `01.12.2026, 09:00, "Drip Coach" <coach@drip-coach.test>:`, // Yandex
      `Вторник, 1 декабря 2026, 9:00 +03:00 от ${coach}:`, // mail.ru
    ],
    separators: [
      '-----Исходное сообщение-----',
      '-------- Исходное сообщение --------',
      '-------- Пересланное сообщение --------',
      '---------- Пересылаемое сообщение ---------',
    ],
    headerBlock: [
      `От: ${coach}`,
      'Отправлено: вторник, 1 декабря 2026 г. 9:00',
      'Кому: Елена Кузнецова <elena@example.ru>',
      'Тема: Lesson 2: Two or three coffees',
    ],
    footers: [
      'Отправлено с iPhone',
      'Отправлено с устройства Galaxy',
      'Отправлено из мобильной Яндекс Почты',
      'Отправлено из Почты Mail.ru',
      'Получить Outlook для iOS',
    ],
  },
  ja: {
    reply: '鈴木さんと田中さんを選びました。\n田中さんとは木曜日にコーヒーです。',
    attributions: [
      `2026年12月1日(火) 9:00 ${coach}:`, // Gmail
      `2026/12/01 9:00、${coach}のメール:`, // Apple Mail
      '2026/12/01 9:00 に Drip Coach さんは書きました:', // Thunderbird
    ],
    separators: [
      '-----Original Message-----',
      '-----元のメッセージ-----',
      '-------- オリジナルメッセージ --------',
      '-------- 転送メッセージ --------',
    ],
    headerBlock: [
      `差出人: ${coach}`,
      '送信日時: 2026年12月1日 9:00',
      '宛先: 伊藤 健 <ken@example.jp>',
      '件名: Lesson 2: Two or three coffees',
    ],
    footers: ['iPhoneから送信', 'Galaxy スマートフォンから送信', 'iOS 版 Outlook を入手'],
  },
};

const lesson =
  'LESSON 2 OF 4: TWO OR THREE COFFEES\n\nHi Sam,\n\nPick 2 or 3 people and invite them for coffee.\n\nTalk soon,\nDrip Coach';

const quoted = (text: string) =>
  text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const htmlLines = (text: string) =>
  text
    .split('\n')
    .map((line) => `<div>${line ? escapeHtml(line) : '<br>'}</div>`)
    .join('');

const lessonHtml = htmlLines(lesson);

function cases(build: (lang: string, m: Markers) => [string, string, string][]) {
  return Object.entries(markers).flatMap(([lang, m]) => build(lang, m));
}

describe('quote headers, separators and footers in eleven languages: plain text', () => {
  it.each(
    cases((lang, m) =>
      m.attributions.flatMap((a): [string, string, string][] => [
        [`${lang} top-posted above "${a}"`, `${m.reply}\n\n${a}\n${quoted(lesson)}`, m.reply],
        [`${lang} bottom-posted below "${a}"`, `${a}\n${quoted(lesson)}\n\n${m.reply}`, m.reply],
        [
          `${lang} inline under "${a}"`,
          `${a}\n${quoted('Who did you pick?')}\n\n${m.reply}\n\n${quoted('Talk soon,')}`,
          m.reply,
        ],
      ]),
    ),
  )('%s', (_name, text, expected) => {
    expect(extractReplyText({ text })).toBe(expected);
  });

  it.each(
    cases((lang, m) =>
      m.attributions
        .filter((a) => a.includes('@'))
        .map((a): [string, string, string] => [
          `${lang} "${a}" above an unmarked quote`,
          `${m.reply}\n\n${a}\n\n${lesson}`,
          m.reply,
        ]),
    ),
  )('%s', (_name, text, expected) => {
    expect(extractReplyText({ text })).toBe(expected);
  });

  it.each(
    cases((lang, m) => [
      ...m.separators.map((s): [string, string, string] => [
        `${lang} separator "${s}"`,
        `${m.reply}\n\n${s}\n${m.headerBlock.join('\n')}\n\n${lesson}`,
        m.reply,
      ]),
      [`${lang} header block`, `${m.reply}\n\n${m.headerBlock.join('\n')}\n\n${lesson}`, m.reply],
      [
        `${lang} header block under an underscore line`,
        `${m.reply}\n________________________________\n${m.headerBlock.join('\n')}\n\n${lesson}`,
        m.reply,
      ],
    ]),
  )('%s', (_name, text, expected) => {
    expect(extractReplyText({ text })).toBe(expected);
  });

  it.each(
    cases((lang, m) =>
      m.footers.map((f): [string, string, string] => [
        `${lang} footer "${f}"`,
        `${m.reply}\n\n${f}\n\n${m.attributions[0]}\n${quoted(lesson)}`,
        m.reply,
      ]),
    ),
  )('%s', (_name, text, expected) => {
    expect(extractReplyText({ text })).toBe(expected);
  });
});

describe('quote headers, separators and footers in eleven languages: HTML', () => {
  it.each(
    cases((lang, m) =>
      m.attributions.flatMap((a): [string, string, string][] => [
        [
          `${lang} "${a}" above a bare blockquote (Yandex, AOL)`,
          `${htmlLines(m.reply)}<div><br></div><div>${escapeHtml(a)}</div><blockquote>${lessonHtml}</blockquote>`,
          m.reply,
        ],
        [
          `${lang} reply below "${a}" and its blockquote`,
          `<div>${escapeHtml(a)}</div><blockquote style="border-left:1px solid #0857A6; margin:10px; padding:0 0 0 10px;">${lessonHtml}</blockquote>${htmlLines(m.reply)}`,
          m.reply,
        ],
        [
          `${lang} inline answers between Gmail's split blockquotes under "${a}"`,
          `<div dir="ltr"><br></div><div class="gmail_quote"><div dir="ltr" class="gmail_attr">${escapeHtml(a)}<br></div><blockquote class="gmail_quote">Who did you pick?</blockquote>${htmlLines(m.reply)}<blockquote class="gmail_quote">Talk soon,</blockquote></div>`,
          m.reply,
        ],
      ]),
    ),
  )('%s', (_name, html, expected) => {
    expect(extractReplyText({ html })).toBe(expected);
  });

  it.each(
    cases((lang, m) => [
      ...m.attributions
        .filter((a) => a.includes('@'))
        .map((a): [string, string, string] => [
          `${lang} "${a}" above an unmarked quote`,
          `${htmlLines(m.reply)}<div><br></div><div>${escapeHtml(a)}</div>${lessonHtml}`,
          m.reply,
        ]),
      [
        `${lang} Outlook desktop header block`,
        `${m.reply
          .split('\n')
          .map((l) => `<p class="MsoNormal">${escapeHtml(l)}<o:p></o:p></p>`)
          .join(
            '',
          )}<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal">${m.headerBlock
          .map((f) => {
            const colon = f.search(/[:：]/);
            return `<b>${escapeHtml(f.slice(0, colon + 1))}</b>${escapeHtml(f.slice(colon + 1))}`;
          })
          .join('<br>')}</p></div>${lessonHtml}`,
        m.reply,
      ],
      ...m.separators.map((s): [string, string, string] => [
        `${lang} separator "${s}" (Samsung)`,
        `${htmlLines(m.reply)}<div><br></div><div align="left" dir="auto"><div>${escapeHtml(s)}</div>${m.headerBlock.map((f) => `<div>${escapeHtml(f)} </div>`).join('')}</div>${lessonHtml}`,
        m.reply,
      ]),
      ...m.footers.map((f): [string, string, string] => [
        `${lang} footer "${f}"`,
        `${htmlLines(m.reply)}<div><br></div><div dir="ltr">${escapeHtml(f)}</div><blockquote type="cite">${lessonHtml}</blockquote>`,
        m.reply,
      ]),
    ]),
  )('%s', (_name, html, expected) => {
    expect(extractReplyText({ html })).toBe(expected);
  });
});

describe('legal disclaimers without a "-- " line above them', () => {
  const disclaimers: readonly [string, string][] = [
    [
      'en, "This email and any attachments"',
      'This email and any attachments are confidential and intended solely for the use of the individual or entity to whom they are addressed. If you have received this email in error, please notify the sender immediately.',
    ],
    [
      'en, CONFIDENTIALITY NOTICE',
      'CONFIDENTIALITY NOTICE: The contents of this email message and any attachments are intended solely for the addressee(s) and may contain confidential and/or privileged information.',
    ],
    [
      'de, "Diese E-Mail enthält vertrauliche"',
      'Diese E-Mail enthält vertrauliche und/oder rechtlich geschützte Informationen. Wenn Sie nicht der richtige Adressat sind oder diese E-Mail irrtümlich erhalten haben, informieren Sie bitte sofort den Absender.',
    ],
    [
      'fr',
      "Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de ses destinataires. Si vous avez reçu ce message par erreur, merci de le détruire et d'en avertir l'expéditeur.",
    ],
    [
      'es',
      'Este mensaje y sus anexos son confidenciales y están dirigidos exclusivamente a su destinatario. Si lo ha recibido por error, notifíquelo al remitente y elimínelo.',
    ],
    [
      'it',
      'Questo messaggio e i suoi allegati sono riservati e destinati esclusivamente al destinatario. Se avete ricevuto questo messaggio per errore, vi preghiamo di cancellarlo.',
    ],
    [
      'nl',
      'Dit bericht is vertrouwelijk en uitsluitend bestemd voor de geadresseerde. Indien u dit bericht onterecht heeft ontvangen, verzoeken wij u het te verwijderen.',
    ],
    [
      'pl',
      'Ta wiadomość zawiera informacje poufne przeznaczone wyłącznie dla adresata. Jeśli otrzymali Państwo tę wiadomość omyłkowo, prosimy o jej usunięcie.',
    ],
    [
      'ru',
      'Это сообщение содержит конфиденциальную информацию и предназначено только для адресата. Если вы получили его по ошибке, сообщите отправителю и удалите письмо.',
    ],
    [
      'ja',
      'このメールには機密情報が含まれている可能性があります。誤って受信された場合は、お手数ですが送信者にご連絡のうえ、このメールを削除してください。',
    ],
  ];

  it.each(disclaimers)('%s: cut in the text part and in HTML', (_name, notice) => {
    const reply = 'Met Priya on Friday.\n\nRegards,\nMarcus Lee\nHead of Sales';
    const header = `From: ${coach}\nSent: Tuesday, December 1, 2026 9:00 AM\nTo: Marcus Lee <m@example.com>\nSubject: Lesson 2`;
    expect(extractReplyText({ text: `${reply}\n\n${notice}\n\n${header}\n\n${lesson}` })).toBe(
      reply,
    );
    expect(extractReplyText({ text: `${reply}\n\n${notice}` })).toBe(reply);
    expect(
      extractReplyText({
        html: `${htmlLines(reply)}<p style="font-size:8pt;color:gray">${escapeHtml(notice)}</p><div id="appendonsend"></div><hr><div id="divRplyFwdMsg">${htmlLines(header)}</div>${lessonHtml}`,
      }),
    ).toBe(reply);
  });

  it('keeps a paragraph that merely mentions confidentiality or a mistake', () => {
    const kept = [
      'This is confidential between us: I am looking for a new job, so please keep the emails coming.',
      'I sent Paul the wrong date by mistake, so our coffee moved to Friday the 11th.',
      'Disclaimer: I am not sure I can make the meetup, but I will try to get there after work.',
    ];
    for (const text of kept) expect(extractReplyText({ text })).toBe(text);
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMime } from '../../functions/adapters/mime.ts';
import { extractReplyText, htmlToText } from '../../functions/core/reply-text.ts';

const fixtures = new URL('../fixtures/replies/', import.meta.url);

/** Parses a fixture with the inbound adapter: HTML-only mail keeps an empty text. */
async function parseFixture(name: string) {
  return parseMime(readFileSync(new URL(name, fixtures)));
}

/** Every client fixture and exactly what the person wrote in it. */
const clientReplies: readonly { file: string; expected: string }[] = [
  {
    file: 'gmail-plain.eml',
    expected:
      'Hi! I picked Sam from the launch project and Priya Shah.\n\nCoffee with Sam is already booked for Thursday morning.\n\nThanks,\nDana',
  },
  {
    file: 'gmail-html.eml',
    expected:
      "Hey coach,\n\nMy three: Alex (my old team lead), Maria from design, and Chris.\n\nI've already emailed Alex, fingers crossed.",
  },
  {
    file: 'outlook-plain.eml',
    expected:
      "Hi,\n\nI've picked Tom and Anna. Tom said yes already, we're meeting on Monday.\n\nRegards,\nMarcus",
  },
  {
    file: 'outlook-html.eml',
    expected: 'Thanks for this lesson.\n\nI’ve chosen Daniel and Mei Ling.\n\nGrace',
  },
  {
    file: 'outlook-ios-plain.eml',
    expected: 'Ben and Carla said yes. Still waiting to hear from Raj.',
  },
  {
    file: 'outlook-ios-html.eml',
    expected: 'Picked Lena and Tobias.\n\nCoffee with Lena on Friday the 13th.',
  },
  { file: 'outlook-android-plain.eml', expected: 'Sam and Leo. Both said yes!' },
  { file: 'outlook-android-html.eml', expected: 'Pause please, travelling until the 20th.' },
  {
    file: 'apple-mail-plain.eml',
    expected:
      'Zoë here — I picked José and Renée from my old team.\n\nJosé already replied: coffee on Wednesday!\n\nZoë',
  },
  { file: 'apple-mail-html.eml', expected: 'Mine are Ingrid, Lars and Freya.\n\nHenrik' },
  { file: 'iphone-plain.eml', expected: 'Sofia and Mateo! Coffee with Sofia next Tuesday.' },
  { file: 'iphone-html.eml', expected: 'Not yet, busy until the 14th' },
  { file: 'android-plain.eml', expected: 'Lucas, Emma and Noah.' },
  {
    file: 'android-html.eml',
    expected:
      'I picked Siobhan and Declan.\n\nAlso, can you slow down a bit? The lessons are coming a bit fast for me.',
  },
  { file: 'yahoo-plain.eml', expected: 'Emily and Jack. Jack works at Northwind now.' },
  { file: 'yahoo-html.eml', expected: 'Going with Nina and Oscar.\n\nRyan' },
  { file: 'aol-plain.eml', expected: 'Barbara and Tom from church, and my neighbour Sue.' },
  {
    file: 'aol-html.eml',
    expected: 'Greg and Paula, both from my old job at the bank.\n\nKevin',
  },
  {
    file: 'thunderbird-plain.eml',
    expected: 'Picked Jonas and Mira. Coffee with Mira on 12 March.',
  },
  { file: 'thunderbird-html.eml', expected: 'Here you go:\n- Sam\n- Priya\n- Jordan' },
  { file: 'hotmail-plain.eml', expected: 'Rosa and Kofi. Meeting Kofi on Thursday the 5th.' },
  { file: 'hotmail-html.eml', expected: "Bonjour ! J'ai choisi Camille et Théo.\n\nChloé" },
  { file: 'signature-plain.eml', expected: 'My three are Kim, Lou and Bea.\n\nCheers,\nSam' },
  {
    file: 'inline-plain.eml',
    expected:
      'Done: I asked Martin and Yusuf.\n\nMartin and Yusuf. Coffee with Yusuf is on Friday.',
  },
];

/** Every client, in both its plain (multipart with a text part) and HTML-only form. */
const clients = [
  'gmail',
  'outlook',
  'outlook-ios',
  'outlook-android',
  'apple-mail',
  'iphone',
  'android',
  'yahoo',
  'aol',
  'thunderbird',
  'hotmail',
];

describe('extractReplyText on real client formats', () => {
  it('has a plain and an HTML fixture for every client', () => {
    const files = new Set(clientReplies.map((c) => c.file));
    for (const client of clients) {
      expect(files.has(`${client}-plain.eml`), client).toBe(true);
      expect(files.has(`${client}-html.eml`), client).toBe(true);
    }
  });

  it.each(clientReplies)('$file: keeps only what the person wrote', async ({ file, expected }) => {
    const mail = await parseFixture(file);
    expect(extractReplyText({ text: mail.text, html: mail.html })).toBe(expected);
  });

  it.each(clientReplies.filter((c) => c.file.endsWith('-html.eml')))(
    '$file: is an HTML-only message, so the HTML path is what ran',
    async ({ file }) => {
      const mail = await parseFixture(file);
      expect(mail.text ?? '').toBe('');
      expect(mail.html).toContain('<');
    },
  );

  // The HTML alternative of a multipart reply must read the same as its text part (modulo the
  // typographic apostrophes Outlook's HTML editor substitutes).
  it.each(
    clientReplies.filter((c) => c.file.endsWith('-plain.eml') && !c.file.startsWith('inline')),
  )('$file: its HTML alternative gives the same text', async ({ file, expected }) => {
    const mail = await parseFixture(file);
    if (mail.html === null) return;
    expect(mail.text).not.toBe('');
    expect(extractReplyText({ html: mail.html }).replace(/’/g, "'")).toBe(expected);
  });

  it('never lets the quoted lesson through', async () => {
    for (const { file } of clientReplies) {
      const mail = await parseFixture(file);
      const text = extractReplyText({ text: mail.text, html: mail.html });
      expect(text, file).not.toMatch(
        /LESSON 2|Two or three coffees|circle of influence|Unsubscribe/i,
      );
      expect(text, file).not.toMatch(/wrote:|schrieb|Original message|From: Drip Coach/i);
      expect(text, file).not.toMatch(/Sent from|Get Outlook|Outlook for|Rivera\n/);
    }
  });
});

describe('extractReplyText: text rules', () => {
  const cases: readonly [string, string, string][] = [
    [
      'English attribution on one line',
      'Sam and Priya.\n\nOn Tue, Mar 3, 2026 at 9:00 AM Drip Coach <coach@drip-coach.test> wrote:\n> Lesson',
      'Sam and Priya.',
    ],
    [
      'attribution wrapped over two lines',
      'Sam and Priya.\n\nOn Tue, Mar 3, 2026 at 9:00 AM Drip Coach\n<coach@drip-coach.test> wrote:\n\n> Lesson',
      'Sam and Priya.',
    ],
    [
      'attribution wrapped over three lines, without ">" quoting',
      'Sam.\n\nOn Tuesday, March 3, 2026,\n9:00 AM, Drip Coach\n<coach@drip-coach.test> wrote:\nLesson text',
      'Sam.',
    ],
    [
      'German "Am ... schrieb ...:"',
      'Ich habe Jonas gewählt.\n\nAm 03.03.2026 um 09:00 schrieb Drip Coach <coach@drip-coach.test>:\n> Lektion',
      'Ich habe Jonas gewählt.',
    ],
    [
      'French "Le ... a écrit :"',
      "J'ai choisi Théo.\n\nLe mar. 3 mars 2026 à 09:00, Drip Coach <coach@drip-coach.test> a écrit :\n> Leçon",
      "J'ai choisi Théo.",
    ],
    [
      'Yahoo mobile, quote on the attribution line itself',
      'Yes, Emily.\n\n  On Tue, Mar 3, 2026 at 9:00 AM, Drip Coach<coach@drip-coach.test> wrote:   LESSON 2 OF 4',
      'Yes, Emily.',
    ],
    [
      '-----Original Message-----',
      'Anna and Tom.\n\n-----Original Message-----\nFrom: Drip Coach <coach@drip-coach.test>\nSent: Tuesday\nLesson',
      'Anna and Tom.',
    ],
    [
      'Outlook header block without a separator',
      'Anna.\n\nFrom: Drip Coach <coach@drip-coach.test>\nSent: Tuesday, March 3, 2026 9:00 AM\nTo: Anna <a@example.com>\nSubject: Lesson 2\n\nLesson',
      'Anna.',
    ],
    [
      'Outlook underscore line + From:',
      'Anna.\n________________________________\nFrom: Drip Coach <coach@drip-coach.test>\nSent: Tuesday\nLesson',
      'Anna.',
    ],
    [
      'French Outlook header block',
      'Camille.\n\nDe : Drip Coach <coach@drip-coach.test>\nEnvoyé : mardi 3 mars 2026 09:00\nÀ : chloe@example.fr\nObjet : Leçon 2',
      'Camille.',
    ],
    [
      'interleaved ">" quotes keep the person’s lines',
      '> Who did you pick?\nSam and Priya.\n> Any coffee booked?\nFriday with Sam.\n> Talk soon',
      'Sam and Priya.\nFriday with Sam.',
    ],
    [
      'the "-- " signature delimiter',
      'Sam and Priya.\n\nThanks,\nDana\n\n-- \nDana Whitfield\nProduct Designer',
      'Sam and Priya.\n\nThanks,\nDana',
    ],
    ['a signature delimiter without its trailing space', 'Done.\n--\nDana Whitfield', 'Done.'],
    ['keeps a sign-off with the name', 'Sam, Priya.\n\nThanks, Sam', 'Sam, Priya.\n\nThanks, Sam'],
    ['Sent from my iPhone', 'Jordan.\n\nSent from my iPhone', 'Jordan.'],
    ['Sent from my iPad', 'Jordan.\nSent from my iPad', 'Jordan.'],
    ['Sent from my Android', 'Jordan.\n\nSent from my Android phone', 'Jordan.'],
    ['Sent from my Galaxy', 'Jordan.\n\n\n\nSent from my Galaxy', 'Jordan.'],
    ['Sent from Yahoo Mail for iPhone', 'Jordan.\n\nSent from Yahoo Mail for iPhone', 'Jordan.'],
    ['Sent from AOL Mobile Mail', 'Jordan.\n\nSent from AOL Mobile Mail', 'Jordan.'],
    [
      'Get Outlook for iOS with its link',
      'Jordan.\n\nGet Outlook for iOS<https://aka.ms/o0ukef>',
      'Jordan.',
    ],
    ['Get Outlook for Android', 'Jordan.\n\nGet Outlook for Android', 'Jordan.'],
    ['a German iPhone footer', 'Jonas.\n\nVon meinem iPhone gesendet', 'Jonas.'],
    [
      'CRLF and CR line endings, 3+ blank lines collapsed',
      'One.\r\n\r\n\r\n\r\nTwo.\rThree.  \r\n',
      'One.\n\nTwo.\nThree.',
    ],
    [
      'a "wrote:" line of the person’s own is kept',
      "Here's what I wrote:\nI want to lead a team.",
      "Here's what I wrote:\nI want to lead a team.",
    ],
    [
      'an "On ..." sentence without a date is kept',
      'On reflection I wrote: my why is growth.',
      'On reflection I wrote: my why is growth.',
    ],
    [
      'a forwarded lesson is cut',
      'FYI\n\n---------- Forwarded message ---------\nFrom: Drip Coach',
      'FYI',
    ],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    expect(extractReplyText({ text: input })).toBe(expected);
  });

  it('prefers the text part to the HTML part', () => {
    expect(extractReplyText({ text: 'From text', html: '<p>From HTML</p>' })).toBe('From text');
  });

  it('falls back to HTML when the text part is missing or blank', () => {
    expect(extractReplyText({ text: '  \n', html: '<p>From HTML</p>' })).toBe('From HTML');
    expect(extractReplyText({ html: '<p>From HTML</p>' })).toBe('From HTML');
    expect(extractReplyText({ text: null, html: null })).toBe('');
    expect(extractReplyText({})).toBe('');
  });
});

describe('extractReplyText: HTML quote containers', () => {
  const cases: readonly [string, string][] = [
    [
      'Gmail div.gmail_quote',
      '<div dir="ltr">Reply</div><div class="gmail_quote"><div class="gmail_attr">On Tue, X wrote:</div><blockquote class="gmail_quote">Q</blockquote></div>',
    ],
    [
      'Apple blockquote type=cite',
      '<div>Reply</div><blockquote type="cite"><div>On 3 Mar, X wrote:</div>Q</blockquote>',
    ],
    [
      'Thunderbird moz-cite-prefix',
      '<p>Reply</p><div class="moz-cite-prefix">On 3/3/26, X wrote:<br></div><blockquote type="cite" cite="mid:a@b">Q</blockquote>',
    ],
    [
      'Outlook desktop header block',
      '<p class="MsoNormal">Reply</p><div style="border:none;border-top:solid #E1E1E1 1.0pt"><p class="MsoNormal"><b>From:</b> X<br><b>Sent:</b> Tue<br><b>To:</b> Y<br><b>Subject:</b> Z</p></div><p>Q</p>',
    ],
    [
      'Outlook web divRplyFwdMsg after <hr>',
      '<div>Reply</div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> X</div><div>Q</div>',
    ],
    [
      'Outlook prefixed x_divRplyFwdMsg',
      '<div>Reply</div><div id="x_divRplyFwdMsg">From: X</div>Q',
    ],
    [
      '<hr> followed by From:/Sent: (no ids)',
      '<div>Reply</div><hr><div><b>From:</b> Drip Coach<br><b>Sent:</b> Tuesday<br><b>Subject:</b> Z</div><div>Q</div>',
    ],
    [
      'Outlook mobile reference message',
      '<div>Reply</div><div id="mail-editor-reference-message-container" class="ms-outlook-mobile-reference-message"><div>Q</div></div>',
    ],
    [
      'Yahoo yahoo_quoted',
      '<div>Reply</div><div id="yahoo_quoted_123" class="yahoo_quoted"><div>On Tuesday, X wrote:</div>Q</div>',
    ],
    [
      'AOL aolReplacedBody',
      '<div>Reply</div><div class="aolReplacedBody"><div>On Tuesday, X wrote:</div>Q</div>',
    ],
    [
      'classic AOL "-----Original Message-----" + AOLMsgPart',
      '<div>Reply</div><div>-----Original Message-----<br>From: X<br>To: Y<br>Sent: Tue<br>Subject: Z<br><div id="AOLMsgPart_0_4d68a632">Q</div></div>',
    ],
    [
      'Samsung "-------- Original message --------"',
      '<div dir="auto">Reply</div><div id="composer_signature"><div>Sent from my Galaxy</div></div><div><div>-------- Original message --------</div><div>From: X</div></div><div>Q</div>',
    ],
    [
      'Gmail signature after "-- "',
      '<div>Reply</div><span class="gmail_signature_prefix">-- </span><br><div class="gmail_signature">Sig</div>',
    ],
    [
      'iOS footer without an id',
      '<div dir="ltr">Reply</div><div dir="ltr"><br></div><div dir="ltr">Sent from my iPhone</div><blockquote type="cite">Q</blockquote>',
    ],
  ];

  it.each(cases)('%s', (_name, html) => {
    expect(extractReplyText({ html })).toBe('Reply');
  });

  it('keeps text after an unclosed quote container out, without losing what came before', () => {
    expect(extractReplyText({ html: '<p>Reply</p><div class="gmail_quote"><div>Q' })).toBe('Reply');
  });
});

describe('htmlToText', () => {
  it('turns blocks and <br> into lines and collapses whitespace', () => {
    expect(htmlToText('<div>One\n   two</div><div><br></div><p>Three<br>Four</p>')).toBe(
      'One two\n\nThree\nFour',
    );
  });

  it('drops head, style, script, title and comments', () => {
    const html =
      '<html><head><title>T</title><style>p{color:red}</style></head><body><!-- c --><script>alert(1)</script><p>Body</p><!--[if mso]>x<![endif]--></body></html>';
    expect(htmlToText(html)).toBe('Body');
  });

  it('decodes named and numeric entities, never into markup', () => {
    expect(
      htmlToText('<p>&lt;b&gt; &amp; &quot;Zo&euml;&quot; &#233;&#xE9; &#8217; &rsquo;</p>'),
    ).toBe('<b> & "Zoë" éé ’ ’');
    expect(htmlToText('&#0; &#xD800; &#x110000;')).toBe('\uFFFD \uFFFD \uFFFD');
    expect(htmlToText('&unknown; &amp')).toBe('&unknown; &');
  });

  it('renders an &nbsp;-only paragraph as a blank line', () => {
    expect(htmlToText('<p>A</p><p>&nbsp;</p><p>B</p>')).toBe('A\n\nB');
  });

  it('keeps <pre> whitespace, renders list items and rules', () => {
    expect(htmlToText('<pre>a  b\n c</pre><ul><li>x</li><li>y</li></ul><hr>')).toBe(
      'a  b\n c\n- x\n- y\n________________________________',
    );
  });

  it('keeps a bare "<" and survives broken markup', () => {
    expect(htmlToText('a < b and <<<div')).toBe('a < b and <<');
    // An unterminated quote falls back to the first ">" rather than swallowing the rest.
    expect(htmlToText('<div title="a>b">x</div><p class="unterminated>y')).toBe('x\ny');
  });

  it('returns "" for empty or non-string input', () => {
    expect(htmlToText('')).toBe('');
    expect(htmlToText(undefined as unknown as string)).toBe('');
  });
});

describe('bounded work on hostile input', () => {
  const budgetMs = 1500;

  const timed = (run: () => unknown): number => {
    const start = performance.now();
    run();
    return performance.now() - start;
  };

  it('handles megabytes of text, HTML and pathological patterns quickly', () => {
    const inputs = [
      'x'.repeat(5_000_000),
      `${'On '.repeat(200_000)}wrote:`,
      `${'> '.repeat(100_000)}\n`.repeat(10),
      `On 1 ${'a'.repeat(500)}\n`.repeat(2_000),
      `${'-'.repeat(100_000)}\n${'_'.repeat(100_000)}`,
    ];
    for (const text of inputs)
      expect(timed(() => extractReplyText({ text }))).toBeLessThan(budgetMs);
    const htmlInputs = [
      '<div>'.repeat(200_000),
      `<a "${'x'.repeat(300_000)}`,
      '<a "x>'.repeat(100_000),
      `<blockquote type="cite">${'<blockquote>'.repeat(50_000)}`,
      '&#x1F600;'.repeat(100_000),
      `<script>${'<'.repeat(300_000)}`,
    ];
    for (const html of htmlInputs) {
      expect(timed(() => extractReplyText({ html }))).toBeLessThan(budgetMs);
      expect(timed(() => htmlToText(html))).toBeLessThan(budgetMs);
    }
  });

  it('never throws and returns tidy text for arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.string({ maxLength: 2000 }), (text, html) => {
        for (const out of [
          extractReplyText({ text }),
          extractReplyText({ html }),
          htmlToText(html),
        ]) {
          expect(typeof out).toBe('string');
          expect(out).not.toMatch(/\r|\n\n\n/);
          expect(out).toBe(out.trim());
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Lines as Gmail's editor writes them in HTML. */
const asDivs = (text: string) =>
  text
    .split('\n')
    .map((line) =>
      line
        ? `<div>${line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</div>`
        : '<div><br></div>',
    )
    .join('');

const gt = (text: string) =>
  text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');

describe('what the review of defect 5 (issue 12) found', () => {
  const gmailAttr = 'On Tue, Dec 1, 2026 at 9:00 AM Drip Coach <coach@drip-coach.test> wrote:';
  const iosAttr = 'On Dec 1, 2026, at 9:00 AM, Drip Coach <coach@drip-coach.test> wrote:';

  const found: readonly [string, { text?: string; html?: string }, string][] = [
    // Bottom-posted: the person's text under the header and the quote.
    [
      'bottom-posted on an iPhone, its footer above the quote',
      {
        text: `\n\nSent from my iPhone\n\n${gt(`${iosAttr}\n\nWho did you pick?`)}\n\nSam and Priya.\nCoffee on Friday.`,
      },
      'Sam and Priya.\nCoffee on Friday.',
    ],
    [
      'bottom-posted in Gmail, the signature above the quote',
      {
        text: `\n\n-- \nPriya Raman\nSenior Buyer\n\n${gmailAttr}\n\n${gt('Who did you pick?')}\n\nSam and Jo.\n\nThanks,\nPriya`,
      },
      'Sam and Jo.\n\nThanks,\nPriya',
    ],
    [
      'bottom-posted under a bare blockquote (AOL, Yandex), HTML only',
      {
        html: `<div>On Tuesday, December 1, 2026, 9:00 AM, Drip Coach &lt;coach@drip-coach.test&gt; wrote:</div><blockquote><div>Who did you pick?</div></blockquote>${asDivs('Sam and Priya.')}`,
      },
      'Sam and Priya.',
    ],
    [
      'bottom-posted under a quote the text part does not mark (Yahoo), with its HTML',
      {
        text: 'On Tuesday, December 1, 2026 at 09:00:12 AM EST, Drip Coach <coach@drip-coach.test> wrote:\n\nWho did you pick?\n\n\nSam and Priya.',
        html: `<div class="yahoo_quoted"><div>On Tuesday, December 1, 2026 at 09:00:12 AM EST, Drip Coach &lt;coach@drip-coach.test&gt; wrote:</div><div>Who did you pick?</div></div>${asDivs('Sam and Priya.')}`,
      },
      'Sam and Priya.',
    ],
    // Inline: answers between quoted blocks.
    [
      "inline answers inside Gmail's quote wrapper, HTML only",
      {
        html: `<div dir="ltr"><br></div><div class="gmail_quote"><div class="gmail_attr">${gmailAttr.replace('<', '&lt;').replace('>', '&gt;')}<br></div><blockquote class="gmail_quote">Who did you pick?</blockquote><div>Sam and Priya.</div><blockquote class="gmail_quote">Any coffee booked?</blockquote><div>Friday with Sam.</div></div>`,
      },
      'Sam and Priya.\nFriday with Sam.',
    ],
    [
      'inline answers on an iPhone, its footer above the first quote',
      {
        text: `Hi!\n\nSent from my iPhone\n\n${gt(`${iosAttr}\n\nWho did you pick?`)}\n\nSam.\n\n${gt('Any coffee booked?')}\n\nFriday.`,
      },
      'Hi!\n\nSam.\n\nFriday.',
    ],
    [
      'inline answers under a Russian Thunderbird header',
      {
        text: '01.12.2026 09:00, Drip Coach пишет:\n> Кого вы выбрали?\n\nИгоря и Марину.\n\n> Когда кофе?\n\nВ пятницу.',
      },
      'Игоря и Марину.\n\nВ пятницу.',
    ],
    // Quote headers in other languages.
    [
      'Russian "... пишет:"',
      { text: 'Выбрала Ивана.\n\n01.12.2026 09:00, Drip Coach пишет:\n> Урок 2' },
      'Выбрала Ивана.',
    ],
    [
      'Russian "... написал(а):"',
      {
        text: 'Выбрала Ивана.\n\n1 дек. 2026 г., в 09:00, Drip Coach <coach@drip-coach.test> написал(а):\n> Урок 2',
      },
      'Выбрала Ивана.',
    ],
    [
      'Russian Gmail, no verb, above an unmarked quote',
      {
        text: 'Выбрала Ивана.\n\nвт, 1 дек. 2026 г. в 09:00, Drip Coach <coach@drip-coach.test>:\n\nУрок 2',
      },
      'Выбрала Ивана.',
    ],
    [
      'Polish Gmail "W dniu ... użytkownik ... napisał:"',
      {
        text: 'Kasia i Tomek.\n\nW dniu wt., 1 gru 2026 o 09:00 użytkownik Drip Coach <coach@drip-coach.test> napisał:\n> Lekcja 2',
      },
      'Kasia i Tomek.',
    ],
    [
      'Polish Gmail "... napisał(a):"',
      {
        text: 'Kasia i Tomek.\n\nwt., 1 gru 2026 o 09:00 Drip Coach <coach@drip-coach.test> napisał(a):\n> Lekcja 2',
      },
      'Kasia i Tomek.',
    ],
    [
      'Japanese Gmail "2026年12月1日(火) 9:00 Name <a@b>:"',
      {
        text: '鈴木さんです。\n\n2026年12月1日(火) 9:00 Drip Coach <coach@drip-coach.test>:\n> レッスン2',
      },
      '鈴木さんです。',
    ],
    [
      'Japanese Thunderbird "...さんは書きました:"',
      { text: '鈴木さんです。\n\n2026/12/01 9:00 に Drip Coach さんは書きました:\n> レッスン2' },
      '鈴木さんです。',
    ],
    // Client footers.
    [
      '"Verstuurd vanaf mijn iPhone"',
      { text: 'Sanne en Daan.\n\nVerstuurd vanaf mijn iPhone' },
      'Sanne en Daan.',
    ],
    [
      '"Envoyé depuis mon appareil Galaxy"',
      { text: 'Camille et Théo.\n\nEnvoyé depuis mon appareil Galaxy' },
      'Camille et Théo.',
    ],
    [
      '"Sent via Superhuman"',
      { text: 'Marcus and Leila.\n\nSent via Superhuman' },
      'Marcus and Leila.',
    ],
    [
      "Proton's footer with a Markdown link",
      { text: 'Lena.\n\nSent with [Proton Mail](https://proton.me/mail/home) secure email.' },
      'Lena.',
    ],
    // Outlook disclaimers with no "-- " above them.
    [
      'disclaimer "This email and any attachments are confidential..."',
      {
        text: 'Hannah and Olu.\n\nBest,\nChris\n\nThis email and any attachments are confidential and intended solely for the addressee. If you have received this email in error, please notify the sender and delete it.',
      },
      'Hannah and Olu.\n\nBest,\nChris',
    ],
    [
      'disclaimer "CONFIDENTIALITY NOTICE:"',
      {
        text: 'Priyanka and Mike.\n\nRobert\n\nCONFIDENTIALITY NOTICE: This message is intended only for the named recipient and may contain privileged information.',
      },
      'Priyanka and Mike.\n\nRobert',
    ],
    [
      'German disclaimer "Diese E-Mail enthält vertrauliche..."',
      {
        text: 'Sabine und Jonas.\n\nGruß\nJonas\n\nDiese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige Adressat sind oder diese E-Mail irrtümlich erhalten haben, informieren Sie bitte sofort den Absender und vernichten Sie diese E-Mail.',
      },
      'Sabine und Jonas.\n\nGruß\nJonas',
    ],
    // The person's own lines that look like something else.
    [
      'a French own line starting with a date and a comma',
      {
        text: "Le 14 décembre, je vois Paul pour un café.\nIl m'a écrit : « Avec plaisir ! »\nJe vous raconte après.",
      },
      "Le 14 décembre, je vois Paul pour un café.\nIl m'a écrit : « Avec plaisir ! »\nJe vous raconte après.",
    ],
    [
      'the person\'s ">" arrows, shown by the HTML to be theirs',
      {
        text: `Plan:\n> next step: call Ana\n> then: coffee with Bruno\nJess\n\n${gmailAttr}\n\n${gt('Lesson 3')}`,
        html: `<div dir="ltr">${asDivs('Plan:\n> next step: call Ana\n> then: coffee with Bruno\nJess')}</div><br><div class="gmail_quote"><div class="gmail_attr">On Tue, Dec 1, 2026 at 9:00 AM Drip Coach &lt;coach@drip-coach.test&gt; wrote:<br></div><blockquote class="gmail_quote">Lesson 3</blockquote></div>`,
      },
      'Plan:\n> next step: call Ana\n> then: coffee with Bruno\nJess',
    ],
    [
      'the same arrows in an HTML-only reply',
      {
        html: `${asDivs('Plan:\n> next step: call Ana\nJess')}<blockquote type="cite">Lesson 3</blockquote>`,
      },
      'Plan:\n> next step: call Ana\nJess',
    ],
    [
      'a quote the text part does not mark under a header the text rules do not know: the HTML decides',
      {
        text: 'Sam and Priya.\n\nQapla’ Drip Coach jatlh\n\nWho did you pick?\nTalk soon, Drip Coach',
        html: `${asDivs('Sam and Priya.')}<div class="gmail_quote"><div class="gmail_attr">Qapla’ Drip Coach jatlh</div><blockquote class="gmail_quote">${asDivs('Who did you pick?\nTalk soon, Drip Coach')}</blockquote></div>`,
      },
      'Sam and Priya.',
    ],
  ];

  it.each(found)('%s', (_name, body, expected) => {
    expect(extractReplyText(body)).toBe(expected);
  });
});

describe('the person keeps their own lines', () => {
  const kept: readonly [string, string][] = [
    [
      'a date and "wrote:" without a quote below',
      'On 2 March 2026 at 10:30, Paul wrote:\nsee you Friday!',
    ],
    ['a German sentence with "schrieb"', 'Am 3. Dezember schrieb ich Paul: er kommt auch.'],
    [
      'a Dutch sentence with "schreef ... :" and no quote below',
      'Op 9 december om 19:00 schreef ik me in voor de meetup:\nhet Logistiek Café in Rotterdam.',
    ],
    [
      '"From/To/Subject" lines without a date',
      'From: my manager\nTo: me\nSubject: the promotion\nShe said yes!',
    ],
    [
      'a line of their own that begins with "Sent from"',
      'Sent from the airport, sorry for the delay.\nSam and Priya.',
    ],
    ['"Sent with love" (no app or device)', 'Sam and Priya.\n\nSent with love'],
    ['a dash that is not a signature delimiter', 'Sam and Priya -- both said yes.\n-- Dana'],
    ['a name line under a sign-off', 'Sam, Priya.\n\nThanks, Sam'],
    ['a time and a colon in the middle of a line', 'Coffee at 10:30: Sam, then Priya at 14:00.'],
  ];

  it.each(kept)('%s', (_name, text) => {
    expect(extractReplyText({ text })).toBe(text);
    expect(extractReplyText({ html: asDivs(text) })).toBe(text);
  });
});

describe('properties of top-posted, bottom-posted and inline replies', () => {
  // Words a person writes, in several languages, including the ones quote headers start with;
  // a person's text never has a colon at a line end, so it never forms a header.
  const word = fc.constantFrom(
    'Sam',
    'Priya',
    'coffee',
    'Thursday',
    'Kaffee',
    'Donnerstag',
    'café',
    'jeudi',
    'kawa',
    'czwartek',
    'кофе',
    'четверг',
    'コーヒー',
    '木曜日',
    'On',
    'Am',
    'Le',
    'El',
    'Il',
    'Op',
    'Den',
    'W',
    'dniu',
    'wrote',
    'schrieb',
    'napisał',
    'пишет',
    '10',
    '2026',
    '14.12',
    'met',
    'and',
    'with',
    'yes!',
    'ok?',
    '«oui»',
    "l'été",
    '(Ana)',
  );
  const line = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join(' '));
  const paragraph = fc.array(line, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'));
  const personText = fc
    .array(paragraph, { minLength: 1, maxLength: 3 })
    .map((paragraphs) => paragraphs.join('\n\n'));
  const header = fc.constantFrom(
    'On Tue, Dec 1, 2026 at 9:00 AM Drip Coach <coach@drip-coach.test> wrote:',
    'Am 01.12.2026 um 09:00 schrieb Drip Coach <coach@drip-coach.test>:',
    'Le mar. 1 déc. 2026 à 09:00, Drip Coach <coach@drip-coach.test> a écrit :',
    '01.12.2026 09:00, Drip Coach пишет:',
    '2026年12月1日(火) 9:00 Drip Coach <coach@drip-coach.test>:',
    'W dniu 1.12.2026 o 09:00, Drip Coach pisze:',
  );
  const lessonPart = fc.constantFrom(
    'LESSON 2 OF 4: TWO OR THREE COFFEES\n\nHi Sam,',
    'Think about your circle of influence: people you have worked with.',
    'YOUR REPLY: Just hit reply with the names.\n\nTalk soon,\nDrip Coach',
  );
  const htmlOf = (text: string) => asDivs(text);
  const runs = { numRuns: 200 };

  it('top-posting P over a header and quoted Q returns P, from text, HTML or both', () => {
    fc.assert(
      fc.property(personText, header, lessonPart, (p, h, q) => {
        const text = `${p}\n\n${h}\n${gt(q)}\n`;
        const html = `${htmlOf(p)}<div class="gmail_quote"><div class="gmail_attr">${h.replace(/</g, '&lt;')}</div><blockquote class="gmail_quote">${htmlOf(q)}</blockquote></div>`;
        expect(extractReplyText({ text })).toBe(p);
        expect(extractReplyText({ html })).toBe(p);
        expect(extractReplyText({ text, html })).toBe(p);
      }),
      runs,
    );
  });

  it('bottom-posting P under a header and quoted Q returns P', () => {
    fc.assert(
      fc.property(personText, header, lessonPart, (p, h, q) => {
        const text = `${h}\n${gt(q)}\n\n${p}`;
        const html = `<div>${h.replace(/</g, '&lt;')}</div><blockquote type="cite">${htmlOf(q)}</blockquote>${htmlOf(p)}`;
        expect(extractReplyText({ text })).toBe(p);
        expect(extractReplyText({ html })).toBe(p);
        expect(extractReplyText({ text, html })).toBe(p);
      }),
      runs,
    );
  });

  it('answering between quoted blocks returns the answers in order', () => {
    fc.assert(
      fc.property(
        header,
        fc.array(fc.tuple(lessonPart, paragraph), { minLength: 1, maxLength: 4 }),
        (h, turns) => {
          const text = `${h}\n${turns.map(([q, a]) => `${gt(q)}\n\n${a}\n`).join('\n')}`;
          const html = `<div class="gmail_quote"><div class="gmail_attr">${h.replace(/</g, '&lt;')}</div>${turns
            .map(
              ([q, a]) =>
                `<blockquote class="gmail_quote">${htmlOf(q)}</blockquote>${htmlOf(a)}<div><br></div>`,
            )
            .join('')}</div>`;
          const answers = turns.map(([, a]) => a).join('\n\n');
          expect(extractReplyText({ text })).toBe(answers);
          expect(extractReplyText({ html })).toBe(answers);
          expect(extractReplyText({ text, html })).toBe(answers);
        },
      ),
      runs,
    );
  });

  it('keeps the person\'s own ">" lines when the HTML shows they are not quoted', () => {
    fc.assert(
      fc.property(
        personText,
        fc.array(fc.boolean(), { maxLength: 12 }),
        header,
        lessonPart,
        (p, arrows, h, q) => {
          const own = p
            .split('\n')
            .map((l, i) => (l && arrows[i] ? `> ${l}` : l))
            .join('\n');
          const text = `${own}\n\n${h}\n${gt(q)}`;
          const html = `${htmlOf(own)}<div class="gmail_quote"><div class="gmail_attr">${h.replace(/</g, '&lt;')}</div><blockquote class="gmail_quote">${htmlOf(q)}</blockquote></div>`;
          expect(extractReplyText({ text, html })).toBe(own);
        },
      ),
      runs,
    );
  });

  it('never throws and stays tidy and fast on hostile mixes of markers', () => {
    const token = fc.constantFrom(
      '>',
      '> ',
      '\n',
      '\n\n',
      ' wrote:',
      ' schrieb ',
      ' пишет:',
      'さんは書きました:',
      'On 1 Dec 2026 09:00',
      '<coach@drip-coach.test>:',
      '-----Original Message-----',
      '________________________________',
      'From: a',
      'Sent: 1',
      'Subject: x',
      '-- ',
      'Sent from my iPhone',
      'confidential intended recipient notify',
      '<blockquote type="cite">',
      '</blockquote>',
      '<div class="gmail_quote">',
      '<div id="divRplyFwdMsg">',
      '</div>',
      '&gt; ',
      'x'.repeat(700),
    );
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 300 }),
        fc.array(token, { maxLength: 300 }),
        (a, b) => {
          const text = a.join('');
          const html = b.join('');
          const start = performance.now();
          for (const out of [
            extractReplyText({ text }),
            extractReplyText({ html }),
            extractReplyText({ text, html }),
          ]) {
            expect(out).not.toMatch(/\r|\n\n\n/);
            expect(out).toBe(out.trim());
          }
          expect(performance.now() - start).toBeLessThan(1500);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('stays fast on inputs built against the new rules', () => {
    const inputs = [
      `${'schrieb '.repeat(80_000)}:`,
      `${'W dniu 1 '.repeat(60_000)}napisał:`,
      `${'@a> '.repeat(100_000)}:`,
      `On 1 Dec 2026 09:00 ${'a'.repeat(100_000)} wrote:   x`,
      `${'confidential recipient delete '.repeat(20_000)}`,
      `${'confidential\n'.repeat(40_000)}`,
      `${'Sent from my '.repeat(50_000)}iPhone`,
      `${'[Proton Mail](https://'.repeat(30_000)}`,
      `${'-'.repeat(50_000)} Original ${'-'.repeat(50_000)}`,
      `${'From: a\nSent: 1\n'.repeat(20_000)}`,
      `${'> x\n'.repeat(30_000)}`,
    ];
    for (const text of inputs) {
      const start = performance.now();
      extractReplyText({ text, html: `<div>${text}</div>` });
      expect(performance.now() - start).toBeLessThan(1500);
    }
  });
});

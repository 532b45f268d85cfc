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

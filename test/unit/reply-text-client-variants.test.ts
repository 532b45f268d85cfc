import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMime } from '../../functions/adapters/mime.ts';
import { extractReplyText } from '../../functions/core/reply-text.ts';

const fixtures = new URL('../fixtures/replies/', import.meta.url);

type Rule = 'attribution' | 'header block' | 'disclaimer' | 'dash signature' | 'own words kept';

interface Variant {
  file: string;
  client: string;
  lang: string;
  /** What the reply exercises; "own words kept" ones hold text that looks like a rule's target. */
  rule: Rule;
  expected: string;
}

/**
 * Replies that exercise each widened rule beyond the blind set's wording: Gmail attributions its
 * text part wraps (de, es, el, ro) or writes in scripts without spaces (zh-TW, Apple Mail ko);
 * Outlook header blocks without a rule line (fr, pl, ja, el, he, zh-TW, ar); disclaimers that
 * name the recipient and confidentiality but say nothing of what to do (it, nl, pt-BR, cs); a
 * dash signature; and the person's own "From:/To:/Subject:" lines, own paragraph about keeping
 * a name confidential, and own "—" between two of their lines, which all stay.
 */
const variants: readonly Variant[] = [
  {
    file: 'outlook-fr-header-block-no-rule.eml',
    client: 'outlook',
    lang: 'fr',
    rule: 'header block',
    expected:
      "Bonjour,\n\nJ'ai choisi Nathalie, mon ancienne responsable chez Michelin, et Hugo du service achats.\nCafé avec Nathalie vendredi matin.\n\nCordialement,\nPierre Lefèvre",
  },
  {
    file: 'outlook-pl-iso-8859-2-header-block-no-rule.eml',
    client: 'outlook',
    lang: 'pl',
    rule: 'header block',
    expected:
      'Dzień dobry,\n\nWybrałem Michała z działu zakupów i moją byłą szefową, panią Ewę.\nZ Michałem umówiłem się na kawę w środę.\n\nPozdrawiam\nKrzysztof Wiśniewski',
  },
  {
    file: 'outlook-ja-iso-2022-jp-header-block-no-rule.eml',
    client: 'outlook',
    lang: 'ja',
    rule: 'header block',
    expected:
      'お世話になっております。\n\n前職の上司の山本さんと、経理部の中村さんを選びました。\n山本さんとは来週木曜日にランチの予定です。\n\n田中',
  },
  {
    file: 'outlook-el-header-block-no-rule.eml',
    client: 'outlook',
    lang: 'el',
    rule: 'header block',
    expected:
      'Καλημέρα,\n\nΕπέλεξα τον Νίκο από το λογιστήριο και την πρώην προϊσταμένη μου, την Ελένη.\nΜε τον Νίκο θα πιούμε καφέ την Πέμπτη.\n\nΜε εκτίμηση,\nΓιώργος Παπαδόπουλος',
  },
  {
    file: 'outlook-he-windows-1255-header-block-no-rule.eml',
    client: 'outlook',
    lang: 'he',
    rule: 'header block',
    expected:
      'שלום,\n\nבחרתי את דנה מהכספים ואת יוסי, המנהל הקודם שלי.\nעם דנה אני נפגשת לקפה ביום חמישי.\n\nתודה,\nמיכל',
  },
  {
    file: 'outlook-zh-tw-big5-header-block-no-rule.eml',
    client: 'outlook',
    lang: 'zh-TW',
    rule: 'header block',
    expected:
      '您好，\n\n我選了以前的主管林經理和採購部的陳小姐。\n下週二和林經理約了喝咖啡。\n\n王小明',
  },
  {
    file: 'outlook-en-own-from-lines.eml',
    client: 'outlook',
    lang: 'en',
    rule: 'own words kept',
    expected:
      'Hi,\n\nQuick context for my picks, this landed yesterday:\nFrom: my manager\nTo: the whole team\nSubject: new structure\nSo Hannah moves into my team, which makes her an easy first coffee.\nMy second pick is Dev from the Leeds office.\n\nBest,\nMark',
  },
  {
    file: 'outlook-it-disclaimer-no-instruction.eml',
    client: 'outlook',
    lang: 'it',
    rule: 'disclaimer',
    expected:
      'Buongiorno,\n\nho scelto Francesca, la mia ex responsabile in Luxottica, e Davide della logistica.\nCon Francesca prendiamo un caffè giovedì.\n\nCordiali saluti\nMarco Ferrari',
  },
  {
    file: 'outlook-nl-disclaimer-no-instruction.eml',
    client: 'outlook',
    lang: 'nl',
    rule: 'disclaimer',
    expected:
      'Goedemorgen,\n\nIk kies Femke van inkoop en mijn oud-leidinggevende Bas.\nMet Femke drink ik donderdag koffie.\n\nMet vriendelijke groet,\nSanne Bakker',
  },
  {
    file: 'outlook-pt-br-disclaimer.eml',
    client: 'outlook',
    lang: 'pt-BR',
    rule: 'disclaimer',
    expected:
      'Bom dia,\n\nEscolhi a Juliana, minha antiga gestora na Ambev, e o Felipe do financeiro.\nCom a Juliana marquei um café na sexta.\n\nAtenciosamente,\nCarla Mendes',
  },
  {
    file: 'gmail-de-wrapped-attribution.eml',
    client: 'gmail',
    lang: 'de',
    rule: 'attribution',
    expected:
      'Hallo,\n\nich habe Katrin aus dem Einkauf und meinen alten Teamleiter Uwe gewählt.\nMit Katrin trinke ich Freitag einen Kaffee.\n\nLG\nJulia',
  },
  {
    file: 'gmail-es-wrapped-attribution.eml',
    client: 'gmail',
    lang: 'es',
    rule: 'attribution',
    expected:
      'Hola,\n\nHe elegido a Nuria, mi antigua jefa en Seat, y a Raúl de compras.\nCon Nuria tomo un café el jueves.\n\nSaludos,\nSergio',
  },
  {
    file: 'gmail-el-wrapped-attribution.eml',
    client: 'gmail',
    lang: 'el',
    rule: 'attribution',
    expected:
      'Γεια σας,\n\nΔιάλεξα τη Μαρία από το μάρκετινγκ και τον Κώστα, παλιό συνάδελφο.\nΜε τη Μαρία θα βρεθούμε για καφέ την Παρασκευή.\n\nΕυχαριστώ,\nΆννα',
  },
  {
    file: 'gmail-ro-wrapped-attribution.eml',
    client: 'gmail',
    lang: 'ro',
    rule: 'attribution',
    expected:
      'Bună ziua,\n\nAm ales-o pe Ioana de la achiziții și pe fostul meu șef, Andrei.\nCu Ioana beau o cafea joi dimineață.\n\nMulțumesc,\nMihai',
  },
  {
    file: 'gmail-zh-tw-attribution.eml',
    client: 'gmail',
    lang: 'zh-TW',
    rule: 'attribution',
    expected:
      '您好，\n\n我選了大學學長張志明和行銷部的黃小姐。\n這週四和張志明約了喝咖啡。\n\n謝謝！\n李怡君',
  },
  {
    file: 'gmail-en-own-confidential-paragraph.eml',
    client: 'gmail',
    lang: 'en',
    rule: 'own words kept',
    expected:
      "Hi,\n\nI picked Hannah from payroll and Dev from the Leeds office.\n\nThanks,\nOwen\n\nOne request: please keep this confidential. Hannah is the only intended recipient of my invite so far, and her manager doesn't know she is looking.",
  },
  {
    file: 'apple-mail-de-en-dash-signature.eml',
    client: 'apple-mail',
    lang: 'de',
    rule: 'dash signature',
    expected:
      'Hallo,\n\nich habe Svenja und Herrn Brandt gewählt.\nKaffee mit Svenja am Montag.\n\nJonas',
  },
  {
    file: 'apple-mail-fr-own-dash-divider.eml',
    client: 'apple-mail',
    lang: 'fr',
    rule: 'own words kept',
    expected:
      "Bonjour,\n\nJ'ai choisi Sophie pour jeudi.\n—\nEt Thomas la semaine prochaine, si son planning le permet.\n\nLéa",
  },
  {
    file: 'outlook-ar-windows-1256-header-block-no-rule.eml',
    client: 'outlook',
    lang: 'ar',
    rule: 'header block',
    expected:
      'مرحباً،\n\nاخترت سارة من قسم المالية ومديري السابق خالد.\nسألتقي بسارة لتناول القهوة يوم الخميس.\n\nمع التحية،\nأحمد',
  },
  {
    file: 'outlook-cs-windows-1250-disclaimer-no-instruction.eml',
    client: 'outlook',
    lang: 'cs',
    rule: 'disclaimer',
    expected:
      'Dobrý den,\n\nvybrala jsem Petra z účtárny a svou bývalou vedoucí, paní Horákovou.\nS Petrem jdeme na kávu ve čtvrtek.\n\nS pozdravem\nJana Svobodová',
  },
  {
    file: 'apple-mail-ko-attribution.eml',
    client: 'apple-mail',
    lang: 'ko',
    rule: 'attribution',
    expected:
      '안녕하세요.\n\n전 회사 동료 오세훈 님과 재무팀 윤아름 님을 골랐습니다.\n오세훈 님과는 수요일에 커피를 마십니다.\n\n이지은 드림',
  },
];

/** What must never reach the coach: the lesson, the client's header lines, footers, notices. */
const notThePerson = [
  /LESSON \d|Lesson \d of 4|Talk soon|Unsubscribe|You are getting this email|Drip Coach/i,
  /coach@drip-coach\.test|reply\.drip-coach\.test/,
  /(?:schrieb|escribió|έγραψε|a scris|寫道|작성|a écrit)\s*[:：]$/m,
  /^(?:Envoyé|Wysłano|送信日時|Στάλθηκε|נשלח|寄件日期|تاريخ الإرسال|Sent|Inviato|Verzonden|Enviado|Odesláno)\s?:/m,
  /riservat|vertrouwelijk|confidencia|důvěrn|destinat|geadresseerde|adresát/i,
  /Nordwind Logistik|\+49 40/,
];

/** Text compared across the two parts: HTML renders paragraphs and apostrophes its own way. */
const words = (text: string) => text.replace(/’/g, "'").replace(/\s+/g, ' ').trim();

async function parts(file: string) {
  return parseMime(readFileSync(new URL(file, fixtures)));
}

describe('extractReplyText on replies that exercise the widened rules', () => {
  it('covers every rule at least twice, in at least sixteen languages', () => {
    const rules: Rule[] = ['attribution', 'header block', 'disclaimer', 'dash signature'];
    for (const rule of rules) {
      const count = variants.filter((v) => v.rule === rule).length;
      expect(count, rule).toBeGreaterThanOrEqual(rule === 'dash signature' ? 1 : 2);
    }
    expect(variants.filter((v) => v.rule === 'own words kept').length).toBeGreaterThanOrEqual(3);
    expect(new Set(variants.map((v) => v.lang)).size).toBeGreaterThanOrEqual(16);
  });

  it.each(variants)('$file: keeps exactly what the person wrote', async ({ file, expected }) => {
    const mail = await parts(file);
    const text = extractReplyText({ text: mail.text, html: mail.html });
    expect(text).toBe(expected);
    for (const pattern of notThePerson) expect(text, file).not.toMatch(pattern);
  });

  it.each(variants)('$file: each part alone finds the same words', async ({ file, expected }) => {
    const mail = await parts(file);
    expect(words(extractReplyText({ text: mail.text }))).toBe(words(expected));
    expect(words(extractReplyText({ html: mail.html }))).toBe(words(expected));
  });
});

/**
 * The words that end (or open) a client's attribution line, "On <date>, <name> wrote:", in the
 * languages the clients (Gmail, Apple Mail, Thunderbird, Outlook, Yahoo) are run in. They are
 * only ever read at the end of a line that also carries a date or an address, never alone.
 */

/**
 * "wrote" as each language's clients write it before the closing colon. Words in scripts with
 * word spacing must start a word; an apostrophe before one ("m'a écrit") is a person's
 * sentence, not a client's header.
 */
export const wroteWords: readonly string[] = [
  'wrote', // en
  'writes', // en (Mutt, some webmail)
  'schrieb', // de
  'geschrieben', // de "hat ... geschrieben"
  'a\\s+[ée]crit', // fr
  'escribi[óo]', // es
  'va\\s+escriure', // ca
  'ha\\s+scritto', // it
  'scrisse', // it
  'escreveu', // pt
  'schreef', // nl
  'geschreven', // nl "heeft ... geschreven"
  'skrev', // sv, da, no
  'kirjoitti', // fi
  'kirjutas', // et
  'napisa[łl](?:a|\\(a\\))?', // pl
  'pisze', // pl
  'napsal(?:a|\\(a\\))?', // cs
  'nap[ií]sal(?:a|\\(a\\))?', // sk
  'napisao', // hr, sr, bs
  'napisala', // hr, sl
  'írta', // hu
  'a\\s+scris', // ro
  'yazdı', // tr
  'rašė', // lt
  'rakstīja', // lv
  'пишет', // ru
  'написал(?:а|\\(а\\))?', // ru
  'пише', // uk
  'написав(?:\\(ла\\))?', // uk
  'написала', // uk
  'написа', // bg
  'έγραψε', // el
  'כתב(?:ה|/ה)?', // he
  'كتب', // ar
  'đã\\s+viết', // vi
  'menulis', // id, ms
];

/**
 * Scripts without word spacing: Japanese (Thunderbird "さんは書きました", Apple Mail "のメール"),
 * Chinese ("写道", "寫道") and Korean (Gmail "님이 작성", Apple Mail "작성").
 */
export const cjkWroteWords: readonly string[] = ['書きました', 'のメール', '写道', '寫道', '작성'];

/**
 * Languages that put the verb before the name: "schrieb Name <a@b>:" (de), "schreef" (nl),
 * "skrev" (sv, da, no), "كتب" (ar).
 */
export const verbFirstWords: readonly string[] = ['schrieb', 'schreef', 'skrev', 'كتب'];

/**
 * Verbs that follow the sender when the date comes last: "Name <a@b> schrieb am <date>:"
 * (Gmail for Android in German), "wrote on <date>:" (Lotus Notes), "a scris în" (Gmail in
 * Romanian), "Name kirjoitti <date>:" (Thunderbird in Finnish).
 */
export const nameFirstVerbs: readonly string[] = [
  'schrieb',
  'wrote',
  'a\\s+écrit',
  'escribió',
  'ha\\s+scritto',
  'schreef',
  'escreveu',
  'skrev',
  'a\\s+scris',
  'kirjoitti',
  'napisał(?:a|\\(a\\))?',
  'написал(?:а|\\(а\\))?',
];

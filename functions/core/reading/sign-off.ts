/**
 * The sender signing off: a name at the very end of a reply after a closing word in any of
 * the five languages ("Abrazo, Nico", "Merci ☺️ Manon", "Merci und Grüsse, P. Keller"), after
 * a dash ("… right now. — Rachel"), or alone on the last line after a finished sentence
 * ("Good chat!\nLiam"). text.ts blanks the common shapes; this catches what it leaves, so the
 * writer is never taken for a contact. "Thanks to Anna for the intro" is no sign-off: a name
 * counts only with nothing but punctuation or emoji after it.
 */
import { type Doc, fold, type Span } from './text.ts';

const closing =
  '(?:many thanks|thanks|thank you|thx|cheers|best wishes|all the best|best|kind regards|best regards|warm regards|regards|warmly|sincerely|talk soon|speak soon|take care|love|yours|x+|xo|xoxo|vielen dank|danke schon|danke|viele grusse|liebe grusse|beste grusse|herzliche grusse|gruss|grusse|grussen|gruß|gruße|grußen|lg|vg|mfg|bis bald|tschuss|ciao|merci beaucoup|merci|bises|bisous|cordialement|bonne journee|bonne soiree|bonne fin de journee|belle journee|bonne continuation|a bientot|a plus|au revoir|bien a vous|amities|salutations|alles gute|bis dann|hasta luego|hasta pronto|un beso|tot ziens|fijne dag|groet|muchas gracias|gracias|un saludo|saludos|un abrazo|abrazos|abrazo|besos|besitos|nos vemos|hartelijke groeten|met vriendelijke groet|vriendelijke groet|groetjes|groeten|mvg|dank je wel|dank je|dank u|bedankt|tot snel|doei)';

/** Words that warm a closing up ("Freundliche Grüsse", "Many thanks", "Muchos saludos"). */
const warmth =
  '(?:(?:mit freundlichen|mit besten|mit herzlichen|mit lieben|mit vielen|freundliche|liebe|viele|beste|herzliche|schone|sonnige|many|kind|warm|warmest|best|with|all the|muchos|muchas|hartelijke|vriendelijke|met vriendelijke|bien|tres|gros|grosses|mille|un gran|un fuerte|fuerte)[ \\t]+)*';

/** A closing, or two joined ("Merci und Grüsse", "Thanks and regards"), at the end of the text before the name. */
const closingAtEnd = new RegExp(
  `(?:^|[\\n.!?…,;:)]|\\p{Extended_Pictographic}\\uFE0F?)[ \\t]*(${warmth}${closing}(?:[ \\t]+(?:und|and|et|y|en|&)[ \\t]+${warmth}${closing})*(?:[ \\t]+(?:so much|a lot|again|very much|beaucoup|encore|mil|wel|x+))?)[ \\t]*$`,
  'u',
);
const closingWord = new RegExp(`^${warmth}${closing}$`, 'u');

/** One to three capitalised words (initials with their dot, particles between: "Jan de Vries") at the end, maybe followed by emoji. */
const nameAtEnd =
  /(?:^|[^\p{L}\p{N}'’.-])(\p{Lu}[\p{L}'’-]*\.?(?:[ \t]+(?:(?:van|von|de|der|den|da|di|du|del|la|le|ten|ter)[ \t]+){0,2}\p{Lu}[\p{L}'’-]*\.?){0,2})[ \t]*[.!]*[ \t]*(?:\p{Extended_Pictographic}\uFE0F?[ \t]*)*$/u;

/** What may stand between a closing and the name: punctuation, emoji, a dash. */
const separator = /[\s,!.:;]*(?:\p{Extended_Pictographic}\uFE0F?[\s,!.]*)*([-–—~]?)[ \t]*$/u;
const listItem = /^[ \t]*(?:[-*•·]|\d+[.)])/u;
const finished = /(?:[.!?…)]|\p{Extended_Pictographic}\uFE0F?)[ \t]*$/u;

/** The span from the closing (or the name) to the end that is the sender signing, if any. */
export function senderSpan(doc: Doc): Span | null {
  const body = doc.body.trimEnd();
  const found = nameAtEnd.exec(body);
  if (!found) return null;
  const nameStart = found.index + found[0].length - found[0].trimStart().length;
  const words = (found[1] ?? '').split(/[ \t]+/u);
  // "Best Sam", "Kind Regards Sam", "Abrazo!": a closing written in capitals among the last words.
  for (let k = 1; k <= words.length; k++)
    if (closingWord.test(fold(words.slice(0, k).join(' ')).replace(/\.$/u, '')))
      return { start: nameStart, end: doc.body.length };
  const before = body.slice(0, nameStart);
  const sep = separator.exec(before);
  const headEnd = sep ? sep.index : nameStart;
  const closed = closingAtEnd.exec(doc.folded.slice(0, headEnd));
  if (closed)
    return { start: closed.index + closed[0].indexOf(closed[1] ?? ''), end: doc.body.length };
  const lines = before.split('\n');
  const ownLine = lines.at(-1) ?? '';
  const previous =
    lines
      .slice(0, -1)
      .reverse()
      .find((l) => l.trim() !== '') ?? '';
  // "… right now. — Rachel", or a dash opening the last line.
  if (sep?.[1]) {
    const dashOnOwnLine = /^[ \t]*[-–—~][ \t]*$/u.test(ownLine);
    if (
      finished.test(before.replace(/[ \t]*[-–—~][ \t]*$/u, '')) ||
      (dashOnOwnLine && (sep[1] !== '-' || !listItem.test(previous)))
    )
      return { start: nameStart, end: doc.body.length };
    return null;
  }
  // "Good chat!\nLiam": a name alone on the last line after a finished sentence, not a list.
  if (
    /^[ \t]*(?:\p{Extended_Pictographic}\uFE0F?[ \t]*)?$/u.test(ownLine) &&
    lines.length > 1 &&
    finished.test(previous) &&
    !listItem.test(previous)
  )
    return { start: nameStart, end: doc.body.length };
  return null;
}

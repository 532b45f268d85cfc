/**
 * Reading only what a subscriber wrote in a reply: the quoted lesson, the client's reply header,
 * signatures, app footers and disclaimers are cut away so the coach reacts to the person, not to
 * itself. The work is split by concern under `reply-text/`:
 *
 * - `html-to-text.ts`: HTML to lines, each marked quoted, signature or own by the HTML's markup
 *   (`html-quotes.ts` knows the clients' quote containers, `html-tags.ts` reads tags).
 * - `quote-markers.ts`, `separators.ts`: attributions ("X wrote:", `attribution-words.ts` in
 *   about 35 languages, wrapped over up to three lines), separators and Outlook's header blocks
 *   (`header-fields.ts`: From/Sent/To/Subject labels in 25 languages).
 * - `footers.ts`: app and device footers; `signatures.ts`: the signature delimiter ("-- " or a
 *   dash alone); `disclaimers.ts`: legal disclaimers, recognised by what they say.
 * - `classify.ts`: the person's lines of one part (top-posted, bottom-posted or interleaved).
 * - `reconcile.ts`: the text part's lines, judged with the HTML part's structure.
 * - `extract.ts`: the entry that ties them together.
 *
 * Everything is pure and bounded. Subscriber mail is untrusted, so input is capped before any
 * scanning, the HTML reader is a single linear pass (no DOM, no regex over the whole document)
 * and every regex is anchored to one line with bounded repetition.
 */
export { extractReplyText, type ReplyBody } from './reply-text/extract.ts';
export { htmlToText } from './reply-text/html-to-text.ts';

/**
 * What mail clients' HTML says about quoting: which elements hold quoted history, which hold a
 * signature, and after which element everything is the quoted message. This is what lets the
 * HTML part tell the person's lines from quoted ones when the text part cannot (a line the
 * person began with ">", or a quote the text part does not mark at all).
 */
import { classTokens, type ParsedTag, tagId } from './html-tags.ts';

/**
 * - `quote`: everything inside is quoted history (a cited blockquote, Yahoo's quoted div, an
 *   attribution line's container).
 * - `wrapper`: Gmail, Proton and Spark wrap the attribution and the cited blockquote in one
 *   element; the person's inline answers land inside it, between blockquotes. Its own text is
 *   quoted until the first blockquote in it closes, the person's after that.
 * - `signature`: the client's signature block.
 */
export type ContainerRole = 'quote' | 'wrapper' | 'signature';

/** Class names (matched as a suffix: Outlook prefixes `x_`, Yahoo `ydp<hash>`) of quotes. */
const quoteClassSuffixes = [
  'gmail_attr',
  'yahoo_quoted',
  'moz-cite-prefix',
  'moz-forward-container',
  'aolreplacedbody',
  'ms-outlook-mobile-reference-message',
];

/** Class names of elements that wrap an attribution and its blockquote. */
const wrapperClassSuffixes = ['gmail_quote', 'gmail_quote_container', 'protonmail_quote'];

/** Ids (without Outlook's `x_`) of elements holding the quoted message. */
const quoteIds = new Set(['mail-editor-reference-message-container']);

/** Ids of signature blocks. */
const signatureIds = new Set([
  'applemailsignature',
  'ms-outlook-mobile-signature',
  'ymail_android_signature',
  'ymail_ios_signature',
  'composer_signature',
  'signature',
]);

/**
 * Gmail's and Apple Mail's "indent" button writes a blockquote with no border; that is the
 * person's own indented text, not a quote.
 */
function isIndentation(tag: ParsedTag): boolean {
  const style = (tag.attrs.get('style') ?? '').toLowerCase().replace(/\s+/g, '');
  return style.includes('border:none') || style.includes('border-left:none');
}

function hasSuffix(tokens: readonly string[], suffixes: readonly string[]): boolean {
  return tokens.some((token) => suffixes.some((suffix) => token.endsWith(suffix)));
}

function isSignatureClass(token: string): boolean {
  return (
    token.endsWith('signature') ||
    token.endsWith('signature_block') ||
    token.endsWith('signature_prefix')
  );
}

/** The role of an element that opens a quote, wrapper or signature, else null. */
export function containerRole(tag: ParsedTag): ContainerRole | null {
  const tokens = classTokens(tag);
  if (tag.name === 'blockquote') {
    if ((tag.attrs.get('type') ?? '').toLowerCase() === 'cite') return 'quote';
    if ((tag.attrs.get('cite') ?? '').toLowerCase().startsWith('mid:')) return 'quote';
    if (tokens.some((token) => token.endsWith('quote'))) return 'quote';
    // Yandex, AOL and mail.ru quote with a bare or border-styled blockquote.
    return isIndentation(tag) ? null : 'quote';
  }
  const id = tagId(tag);
  const name = (tag.attrs.get('name') ?? '').toLowerCase();
  if (
    signatureIds.has(id) ||
    tokens.some(isSignatureClass) ||
    name === 'messagesignaturesection' ||
    (tag.attrs.get('data-signature-widget') ?? '').toLowerCase() === 'container'
  ) {
    return 'signature';
  }
  if (quoteIds.has(id) || id.startsWith('yahoo_quoted') || hasSuffix(tokens, quoteClassSuffixes))
    return 'quote';
  if (hasSuffix(tokens, wrapperClassSuffixes) || name === 'messagereplysection') return 'wrapper';
  return null;
}

/**
 * Elements after which the rest of the document is the quoted message: Outlook writes no
 * container around it, only these markers before its header block (and AOL its message part).
 */
export function startsQuotedTail(tag: ParsedTag): boolean {
  const id = tagId(tag);
  return (
    id === 'divrplyfwdmsg' ||
    id === 'appendonsend' ||
    id === 'olk_src_body_section' ||
    id.startsWith('aolmsgpart') ||
    (tag.attrs.get('name') ?? '').toLowerCase() === 'divrplyfwdmsg'
  );
}

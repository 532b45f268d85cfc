import type { CompiledEmail, Placeholders } from './course.ts';

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => htmlEscapes[c] ?? c);
}

/**
 * The coach's own paragraphs (an opening that lists what was done, help for
 * someone discouraged) may span lines. Everything else, and anything a
 * subscriber wrote (quoted through `clip`, which flattens it), is one line.
 */
const multiline = new Set<string>(['openingText', 'encouragement', 'ackText', 'tallyText']);

// Control characters could forge line structure in the plain-text part.
function plain(value: string, lines: boolean): string {
  if (!lines) return value.replace(/[\p{Cc}\p{Cf}]/gu, ' ');
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n]|\p{Cf}/gu, ' ')
    .replace(/\n{3,}/g, '\n\n');
}

function html(value: string, lines: boolean): string {
  return lines ? escapeHtml(plain(value, true)).replace(/\n/g, '<br>') : escapeHtml(value);
}

function fill(
  template: string,
  values: Placeholders,
  encode: (v: string, lines: boolean) => string,
): string {
  return template.replace(/\{\{([a-zA-Z]+)\}\}/g, (_, name: string) => {
    const value = values[name as keyof Placeholders];
    if (value === undefined) throw new Error(`placeholder ${name} has no value`);
    return encode(value, multiline.has(name));
  });
}

/** A rendered email body. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * Fills a precompiled email's placeholders: escaped in HTML, control
 * characters removed in text. Subjects are static: subscriber text never
 * reaches a header.
 */
export function renderEmail(email: CompiledEmail, values: Placeholders): RenderedEmail {
  return {
    subject: email.subject,
    html: fill(email.html, values, html),
    // An empty optional line (a quote we have nothing for) must not leave a gap.
    text: fill(email.text, values, plain).replace(/\n{3,}/g, '\n\n'),
  };
}

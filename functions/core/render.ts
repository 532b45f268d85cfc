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

// Control characters could forge line structure in the plain-text part.
function plain(value: string): string {
  return value.replace(/[\p{Cc}\p{Cf}]/gu, ' ');
}

function fill(template: string, values: Placeholders, encode: (v: string) => string): string {
  return template.replace(/\{\{([a-zA-Z]+)\}\}/g, (_, name: string) => {
    const value = values[name as keyof Placeholders];
    if (value === undefined) throw new Error(`placeholder ${name} has no value`);
    return encode(value);
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
    html: fill(email.html, values, escapeHtml),
    // An empty optional line (a quote we have nothing for) must not leave a gap.
    text: fill(email.text, values, plain).replace(/\n{3,}/g, '\n\n'),
  };
}

import { placeholderNames } from '../../functions/core/course.ts';
import type { Layout } from './mjml.ts';
import { at, lineAt, lineOf } from './problems.ts';

const knownPlaceholders: ReadonlySet<string> = new Set(placeholderNames);
export const placeholderToken = /\{\{([^{}]*)\}\}/g;
const validPlaceholderName = /^[A-Za-z][A-Za-z0-9]*$/;
// Every email must carry these, in both parts, or it cannot legally be sent.
const footerPlaceholders = ['manageUrl', 'unsubscribeUrl', 'postalAddress'] as const;
const linkPlaceholders = ['manageUrl', 'unsubscribeUrl'] as const;

// Components whose content is HTML rather than MJML; their inner text is what a subscriber reads.
const contentTags: ReadonlySet<string> = new Set([
  'mj-text',
  'mj-button',
  'mj-raw',
  'mj-table',
  'mj-navbar-link',
  'mj-accordion-title',
  'mj-accordion-text',
  'mj-social-element',
]);

// Components that hold only other components; text directly inside them is dropped by MJML.
const layoutTags: ReadonlySet<string> = new Set([
  'mj-wrapper',
  'mj-section',
  'mj-group',
  'mj-column',
  'mj-hero',
  'mj-navbar',
  'mj-social',
  'mj-accordion',
  'mj-accordion-element',
  'mj-carousel',
]);

/**
 * Checks tag balance and stray text in a body before it is wrapped. MJML's parser
 * silently closes an unclosed tag at the end of the document, which would pull the
 * layout's footer inside the body and blame the layout; and it drops text that is
 * not inside a content component without a word.
 */
export function bodyStructureProblems(body: string, file: string): string[] {
  if (body.trim() === '') return [`${at(file, 1)}: is empty`];
  const stack: { tag: string; line: number }[] = [];
  let textStart = 0;
  for (const match of body.matchAll(/<!--[\s\S]*?-->|<(\/?)(mj-[a-z-]+)\b[^>]*?(\/?)>/g)) {
    const [token, closing, tag, selfClosing] = match;
    const top = stack.at(-1);
    if (top !== undefined && contentTags.has(top.tag)) {
      if (closing === '/' && tag === top.tag) {
        stack.pop();
        textStart = match.index + token.length;
      }
      continue;
    }
    const text = body.slice(textStart, match.index).trim();
    // Text inside an unknown tag is left for MJML, which names the unknown tag instead.
    if (text !== '' && (top === undefined || layoutTags.has(top.tag))) {
      return [
        `${at(file, lineAt(body, textStart))}: text "${text.slice(0, 40)}" must sit inside <mj-text>`,
      ];
    }
    textStart = match.index + token.length;
    if (tag === undefined) continue;
    if (closing === '/') {
      if (top?.tag !== tag) {
        const expected =
          top === undefined ? 'nothing is open' : `<${top.tag}> from line ${top.line} is open`;
        return [`${at(file, lineAt(body, match.index))}: </${tag}> closes nothing (${expected})`];
      }
      stack.pop();
    } else if (selfClosing !== '/') {
      stack.push({ tag, line: lineAt(body, match.index) });
    }
  }
  const open = stack.at(-1);
  if (open !== undefined) return [`${at(file, open.line)}: <${open.tag}> is never closed`];
  const trailing = body.slice(textStart).trim();
  if (trailing !== '') {
    return [
      `${at(file, lineAt(body, textStart))}: text "${trailing.slice(0, 40)}" must sit inside <mj-text>`,
    ];
  }
  return [];
}

/** Unknown, malformed and unbalanced placeholders, each at its line of `file`. */
export function placeholderProblems(content: string, file: string): string[] {
  const problems: string[] = [];
  for (const match of content.matchAll(placeholderToken)) {
    const name = match[1] ?? '';
    const where = at(file, lineAt(content, match.index));
    if (!validPlaceholderName.test(name)) {
      problems.push(`${where}: malformed placeholder "${match[0]}" (write {{name}}, no spaces)`);
    } else if (!knownPlaceholders.has(name)) {
      problems.push(
        `${where}: unknown placeholder {{${name}}} (allowed: ${placeholderNames.join(', ')})`,
      );
    }
  }
  const rest = content.replace(placeholderToken, (token) => token.replace(/[{}]/g, ' '));
  const stray = rest.search(/\{\{|\}\}/);
  if (stray >= 0) {
    problems.push(
      `${at(file, lineAt(rest, stray))}: unbalanced "{{" or "}}"; placeholders are written {{name}}`,
    );
  }
  return problems;
}

export function placeholdersIn(content: string): Set<string> {
  return new Set(Array.from(content.matchAll(placeholderToken), (match) => match[1] ?? ''));
}

/** One email's sources and what the build made of them. */
export interface BuiltEmail {
  label: string;
  mjmlFile: string;
  textFile: string;
  body: string;
  textBody: string;
  html: string;
  text: string;
  isConfirm: boolean;
  /** Dynamic placeholders the pacing fills for this email, which it must therefore show. */
  shows: readonly string[];
}

/** What the compiled email must hold: footer, links, the confirm link only in the confirm email. */
export function outputProblems(email: BuiltEmail, layout: Layout): string[] {
  const { html, text, label } = email;
  const problems: string[] = [];
  const hint = '(the footer lives in layout.mjml and layout.txt)';
  const layoutMjml = at(layout.mjmlFile, 1);
  const layoutText = at(layout.textFile, 1);
  if (/%7B%7B|%7D%7D|&#123;|&lbrace;/i.test(html)) {
    problems.push(
      `${at(email.mjmlFile, 1)}: ${label} HTML: MJML encoded a placeholder's braces; the runtime would not fill it`,
    );
  }
  for (const name of linkPlaceholders) {
    if (!html.includes(`href="{{${name}}}"`)) {
      problems.push(`${layoutMjml}: ${label} HTML: no link to {{${name}}} ${hint}`);
    }
  }
  for (const name of footerPlaceholders) {
    if (!html.includes(`{{${name}}}`)) {
      problems.push(`${layoutMjml}: ${label} HTML: missing {{${name}}} ${hint}`);
    }
    if (!text.includes(`{{${name}}}`)) {
      problems.push(`${layoutText}: ${label} text: missing {{${name}}} ${hint}`);
    }
  }
  if (email.isConfirm) {
    if (!html.includes('href="{{confirmUrl}}"')) {
      problems.push(
        `${at(email.mjmlFile, 1)}: ${label} HTML: the confirm email needs a link to {{confirmUrl}}`,
      );
    }
    if (!text.includes('{{confirmUrl}}')) {
      problems.push(
        `${at(email.textFile, 1)}: ${label} text: the confirm email needs {{confirmUrl}}`,
      );
    }
  } else {
    // Only the confirm email is sent with a confirm token.
    for (const [file, source] of [
      [email.mjmlFile, email.body],
      [email.textFile, email.textBody],
      [layout.mjmlFile, layout.mjmlBefore + layout.mjmlAfter],
      [layout.textFile, layout.textBefore + layout.textAfter],
    ] as const) {
      if (source.includes('{{confirmUrl}}')) {
        problems.push(
          `${at(file, lineOf(source, '{{confirmUrl}}'))}: ${label}: {{confirmUrl}} is only available in the confirm email`,
        );
      }
    }
  }
  // The pacing fills these for this email; leaving one out would silently drop what it says.
  for (const name of email.shows) {
    if (!html.includes(`{{${name}}}`)) {
      problems.push(`${at(email.mjmlFile, 1)}: ${label} HTML: must show {{${name}}}`);
    }
    if (!text.includes(`{{${name}}}`)) {
      problems.push(`${at(email.textFile, 1)}: ${label} text: must show {{${name}}}`);
    }
  }
  // Placeholders in the sources must survive compilation verbatim, or the runtime cannot fill them.
  for (const name of placeholdersIn(email.body)) {
    if (!html.includes(`{{${name}}}`)) {
      problems.push(
        `${at(email.mjmlFile, lineOf(email.body, `{{${name}}}`))}: ${label} HTML: placeholder {{${name}}} did not survive MJML`,
      );
    }
  }
  return problems;
}

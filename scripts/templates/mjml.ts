import { createRequire } from 'node:module';
import { at, errorMessage } from './problems.ts';

/** Where `layout.mjml` takes each email's body sections. A comment keeps the layout valid MJML on its own. */
export const MJML_BODY_SLOT = '<!-- slot:body -->';
/** Where `layout.txt` takes each email's plain-text body. */
export const TEXT_BODY_SLOT = '{{body}}';

interface MjmlIssue {
  line?: number;
  message?: string;
  tagName?: string;
}

interface MjmlOptions {
  validationLevel: 'strict' | 'soft' | 'skip';
  keepComments: boolean;
  fonts: Record<string, string>;
  minify: boolean;
  minifyOptions: { minifyCss: false };
  ignoreIncludes: boolean;
}

type Mjml2Html = (input: string, options: MjmlOptions) => Promise<{ html: string }>;

// mjml ships no type declarations; a narrow local signature is safer than an untyped import.
/** MJML's compiler (CommonJS, no types): build time only, never in a runtime bundle. */
export const mjml2html = createRequire(import.meta.url)('mjml') as Mjml2Html;

/** How the templates are compiled; the benchmark compiles with the same options. */
export const mjmlOptions: MjmlOptions = {
  // Strict makes unknown tags and misplaced components fail the build instead of rendering oddly.
  validationLevel: 'strict',
  // Author comments stay out of subscribers' inboxes (and out of the byte count).
  keepComments: false,
  // The layout uses system fonts; MJML's default Google Fonts links would add a tracking-capable fetch.
  fonts: {},
  // Whitespace collapsing only: the CSS minifier needs cssnano, which is not installed, and gains little.
  minify: true,
  minifyOptions: { minifyCss: false },
  // Includes would let a template read arbitrary files at build time; nothing here needs them.
  ignoreIncludes: true,
};

/** The layout every email is wrapped in: the MJML and text around the body slot. */
export interface Layout {
  mjmlFile: string;
  textFile: string;
  mjmlBefore: string;
  mjmlAfter: string;
  textBefore: string;
  textAfter: string;
}

/** Compiles one body inside the layout; MJML's complaints become problems at the author's line. */
export async function compileMjml(
  body: string,
  bodyFile: string,
  layout: Layout,
  problems: string[],
): Promise<string | undefined> {
  try {
    const { html } = await mjml2html(`${layout.mjmlBefore}${body}${layout.mjmlAfter}`, mjmlOptions);
    return html;
  } catch (error) {
    const issues = mjmlIssues(error);
    if (issues.length === 0) {
      problems.push(`${at(bodyFile, 1)}: MJML failed: ${errorMessage(error)}`);
    }
    for (const issue of issues) {
      const where = locateLine(issue.line, body, bodyFile, layout);
      const tag = issue.tagName === undefined ? '' : ` <${issue.tagName}>`;
      problems.push(`${where}: invalid MJML${tag}: ${issue.message ?? 'unknown problem'}`);
    }
    return undefined;
  }
}

function mjmlIssues(error: unknown): MjmlIssue[] {
  if (typeof error !== 'object' || error === null || !('errors' in error)) return [];
  const { errors } = error;
  return Array.isArray(errors) ? (errors as MjmlIssue[]) : [];
}

/** Maps a line of the wrapped document back to the file the author edits. */
function locateLine(
  line: number | undefined,
  body: string,
  bodyFile: string,
  layout: Layout,
): string {
  if (line === undefined) return at(bodyFile, 1);
  const bodyFirstLine = layout.mjmlBefore.split('\n').length;
  const bodyLines = body.split('\n').length;
  if (line < bodyFirstLine) return at(layout.mjmlFile, line);
  if (line < bodyFirstLine + bodyLines) return at(bodyFile, line - bodyFirstLine + 1);
  return at(layout.mjmlFile, line - bodyLines + 1);
}

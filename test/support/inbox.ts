import { z } from 'zod';

const storedEmail = z.object({
  messageId: z.string(),
  from: z.string(),
  replyTo: z.array(z.string()),
  destination: z.object({ to: z.array(z.string()) }),
  subject: z.string(),
  body: z.object({ html: z.string().optional(), text: z.string().optional() }),
  headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  at: z.number(),
});

/** An email as the aws-ses-v2-local inbox holds it. */
export type StoredEmail = z.infer<typeof storedEmail>;

/** Every email the local SES emulator accepted for `to`, oldest first. */
export async function inbox(sesUrl: string, to: string): Promise<StoredEmail[]> {
  const response = await fetch(`${sesUrl}/store`);
  const { emails } = z.object({ emails: z.array(storedEmail) }).parse(await response.json());
  return emails.filter((email) => email.destination.to.includes(to));
}

/** A header's value, case-insensitively. */
export function header(email: StoredEmail, name: string): string | undefined {
  return email.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

/** The href of the first link whose visible text contains `text`. */
export function linkByText(email: StoredEmail, text: string): string {
  const html = email.body.html ?? '';
  for (const match of html.matchAll(/<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi)) {
    const visible = (match[2] ?? '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    if (visible.includes(text)) return (match[1] ?? '').replace(/&amp;/g, '&');
  }
  throw new Error(`no link with text "${text}" in "${email.subject}"`);
}

/** The value of a hidden form field in an HTML page. */
export function formField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`no field ${name}`);
  return match[1];
}

import { readFileSync, readdirSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { extractReplyText } from './functions/core/reply-text.ts';
const dir = 'test/fixtures/replies';
for (const f of readdirSync(dir).filter((n) => n.endsWith('.eml')).sort()) {
  const raw = readFileSync(`${dir}/${f}`);
  const p = await simpleParser(raw, { skipHtmlToText: true });
  const out = extractReplyText({ text: p.text ?? null, html: typeof p.html === 'string' ? p.html : null });
  const p2 = await simpleParser(raw);
  const out2 = extractReplyText({ text: p2.text ?? null, html: typeof p2.html === 'string' ? p2.html : null });
  console.log(`=== ${f} (text=${(p.text ?? '').length})\n${out}\n${out2 === out ? '' : `--- default mailparser text differs:\n${out2}\n`}`);
}

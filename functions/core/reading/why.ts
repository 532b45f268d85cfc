/**
 * Step 1: the person's why and one thing they can offer. Labels ("Why:", "Mein Warum:",
 * "Mon pourquoi :", "Mi porqué:", "Mijn waarom:", "Offer:", "Anbieten kann ich") split the
 * answer even within one line; otherwise the sentence that offers help is the offer and the
 * sentences that say what the person wants are the why.
 */
import { fold, wordCount } from './text.ts';

const MAX_CHARS = 300;

const offerCue =
  /\b(?:offer|offering|i can help|i could help|i can share|i could share|i can teach|i could teach|i can introduce|i could introduce|i can give|i could give|i can bring|i can lend|i can mentor|i'?m good at|i am good at|i'?m great at|i'?m pretty good at|i'?m really good at|i'?m decent at|happy to help|happy to share|glad to help|glad to show|in return|give back|my skills?|i know (?:a lot|my way) (?:about|around)|i can do|i could do|i make|anbieten|biete|ich kann .{0,40}helfen|kann ich .{0,40}helfen|je peux (?:offrir|aider|partager)|offrir|puedo (?:ofrecer|ayudar)|ofrecer|ik kan .{0,40}helpen|aanbieden|bieden)\b/u;

const offerLabel =
  /(?:^|\s)(?:(?:and\s+)?(?:one\s+)?(?:thing\s+)?(?:that\s+)?(?:what\s+)?i\s+(?:can|could)\s+offer(?:\s+is)?|something i could give back|my\s+offer(?:\s+is)?|offer|what i can give|something i can offer(?:\s+is)?|angebot|anbieten kann ich|mon offre|ce que je peux offrir|oferta|lo que puedo ofrecer|aanbod)\s*[:=\-–—]\s*/iu;

const whyLabel =
  /^(?:\d[.)]\s*)?(?:(?:my|the|mein|mon|mi|mijn)\s+)?(?:why|reason|warum|grund|pourquoi|raison|porque|porqué|razón|razon|waarom|reden)(?:\s+is)?\s*[:=\-–—?]\s*/iu;

/** Sentences that are not the why: thanks, doubt, apologies, pleasantries. */
const notWhy =
  /^(?:thanks|thank you|thx|cheers|ok|okay|great|sounds good|will do|got it|love this|nice|cool|awesome|yes|sure|perfect|noted|hi|hello|hey|not sure|still thinking|no idea|sorry|apologies|entschuldigung|sorry fur|desole|desolee|pardon|perdon|lo siento|excuses|danke|merci|gracias|bedankt|pourquoi ?\??$|warum\??$)/iu;

/** "My why is to ...", "Mein Warum ist, ...": the why named in the sentence itself. */
const whyInline =
  /^.*?\b(?:my why|my reason|the reason|mein warum|mein grund|mon pourquoi|ma raison|mi porqu[eé]|mi raz[oó]n|mijn waarom|mijn reden)\s+(?:is|ist|est|es|es que|is dat)\s*,?\s*/iu;

function limit(text: string): string {
  if (text.length <= MAX_CHARS) return text;
  const cut = text.slice(0, MAX_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/u, '')}…`;
}

function sentencesOf(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let current = '';
    for (const part of line.split(/(?<=[.!?])\s+/u)) {
      current = current ? `${current} ${part}` : part;
      if (/\b(?:Dr|Mr|Mrs|Ms|Prof|St|e\.g|i\.e)\.$/iu.test(current)) continue;
      if (current.trim()) out.push(current.trim());
      current = '';
    }
    if (current.trim()) out.push(current.trim());
  }
  return out;
}

/** The why and the offer in a step-1 answer (`body`: the reply without greeting and sign-off). */
export function whyAndOffer(body: string): { why: string | null; offer: string | null } {
  let text = body.replace(/\p{Extended_Pictographic}\uFE0F?/gu, ' ').replace(/[ \t]+/g, ' ');
  let offer: string | null = null;
  // "Why: … Offer: …" on one line: the label splits it.
  const labelled = offerLabel.exec(text);
  if (labelled) {
    const rest = text.slice(labelled.index + labelled[0].length);
    const end = rest.search(/\n\s*\n|\n(?=\s*(?:why|reason)\b)/iu);
    offer = limit((end === -1 ? rest : rest.slice(0, end)).trim()) || null;
    text = text.slice(0, labelled.index);
  }
  const why: string[] = [];
  const others: string[] = [];
  for (const raw of sentencesOf(text)) {
    const sentence = raw.replace(/^\s*(?:[-*•]|\d{1,2}[.)])\s+/u, '').trim();
    const inline = !whyLabel.test(sentence) && whyInline.test(sentence);
    const bare = (inline ? sentence.replace(whyInline, '') : sentence.replace(whyLabel, '')).trim();
    if (
      !bare ||
      notWhy.test(bare) ||
      /^(?:thanks|thank you|danke|merci|gracias|bedankt) for\b/iu.test(bare)
    )
      continue;
    if (wordCount(bare) < 3 && !whyLabel.test(sentence) && !inline) continue;
    if (offer === null && offerCue.test(fold(sentence))) {
      offer = limit(sentence) || null;
      continue;
    }
    if (whyLabel.test(sentence) || inline)
      why.push(inline ? bare.replace(/^\p{Ll}/u, (c) => c.toUpperCase()) : bare);
    else others.push(bare);
  }
  // A named why ("Why: …", "My why is …") is the why; otherwise the first sentences are.
  const chosen = (why.length > 0 ? why : others).slice(0, 2).join(' ').trim();
  return { why: wordCount(chosen) >= 3 ? limit(chosen) : null, offer };
}

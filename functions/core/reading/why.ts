/**
 * Step 1: the person's why and one thing they can offer. Labels ("Why:", "Mein Warum:",
 * "Mon pourquoi :", "Mi porqué:", "Mijn waarom:", "Offer:", "Anbieten kann ich") split the
 * answer even within one line; otherwise the sentence that offers help is the offer and the
 * sentences that say what the person wants are the why.
 */
import { fold, foldKeep, wordCount } from './text.ts';
import {
  goalCue,
  notWhy,
  offerCue,
  offerEnd,
  offerLabel,
  statesNone,
  whyInline,
  whyLabel,
} from './why-words.ts';

const MAX_CHARS = 300;
/** How many sentences of a story told under a why heading may come before its goal. */
const MAX_STORY = 5;

function limit(text: string): string {
  if (text.length <= MAX_CHARS) return text;
  const cut = text.slice(0, MAX_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/u, '')}…`;
}

/** Sentences with their paragraph (blank lines part paragraphs). */
function sentencesOf(text: string): { text: string; paragraph: number }[] {
  const out: { text: string; paragraph: number }[] = [];
  let paragraph = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) {
      paragraph++;
      continue;
    }
    let current = '';
    for (const part of line.split(/(?<=[.!?])\s+/u)) {
      current = current ? `${current} ${part}` : part;
      if (/\b(?:Dr|Mr|Mrs|Ms|Prof|St|e\.g|i\.e)\.$/iu.test(current)) continue;
      if (current.trim()) out.push({ text: current.trim(), paragraph });
      current = '';
    }
    if (current.trim()) out.push({ text: current.trim(), paragraph });
  }
  return out;
}

/** A labelled offer, or null when it only says there is none yet ("Offer: not sure yet"). */
function offerAfterLabel(text: string): string | null {
  const offer = limit(text.trim());
  return offer && !statesNone(fold(offer)) ? offer : null;
}

/**
 * The why to report: a named why ("Why: …", "My why is …") with, when it tells a story, the
 * goal sentence that follows it; otherwise the first sentences.
 */
function chooseWhy(named: string[], goal: string | null, others: string[]): string | null {
  let chosen = (named.length > 0 ? named : others).slice(0, 2).join(' ').trim();
  if (goal !== null) {
    chosen = named.join(' ');
    if (chosen.length > MAX_CHARS) chosen = `${named[0]} ${goal}`;
    if (chosen.length > MAX_CHARS) chosen = goal;
  }
  return wordCount(chosen) >= 3 ? limit(chosen) : null;
}

/** "Already know my why (switching to policy work…)", "Mein Warum kenne ich: …": said after all. */
const knownThen =
  /\b(?:know|knew|have|got|kenne|habe|connais|tengo|ken|weet|heb)\b[^.!?()\n:]{0,20}\b(?:why|warum|pourquoi|porqu[eé]|waarom|reason|grund|raison|raz[oó]n|reden)\b[^(:\n.!?]{0,15}?(?:\(([^)]{8,})\)|:\s*([^\n]{8,}))/iu;
const offerLead =
  /[,;]?\s*(?:and|und|et|y|en)?\s*(?:i can|i could|ich kann|je peux|puedo|ik kan)?\s*$/iu;

/** The why (and an offer with it) stated after saying it is known, or null. */
function knownAndStated(text: string): { why: string | null; offer: string | null } | null {
  const m = knownThen.exec(text);
  const content = (m?.[1] ?? m?.[2])?.trim();
  if (!content) return null;
  const at = foldKeep(content).search(offerCue);
  const why = (at > 0 ? content.slice(0, at).replace(offerLead, '') : content).trim();
  const offer = at >= 0 ? content.slice(at).trim() : null;
  return { why: wordCount(why) >= 2 ? limit(why) : null, offer: offer ? limit(offer) : null };
}

/** The why and the offer in a step-1 answer (`body`: the reply without greeting and sign-off). */
export function whyAndOffer(body: string): { why: string | null; offer: string | null } {
  let text = body.replace(/\p{Extended_Pictographic}\uFE0F?/gu, ' ').replace(/[ \t]+/g, ' ');
  const stated = knownAndStated(text);
  if (stated?.why) return stated;
  // "I already know my why.": the sentences around it say what else, not the why.
  let knownUnsaid = false;
  let offer: string | null = null;
  // "Why: … Offer: …" on one line: the label splits it.
  const labelled = offerLabel.exec(text);
  if (labelled) {
    const rest = text.slice(labelled.index + labelled[0].length);
    const end = rest.search(offerEnd);
    offer = offerAfterLabel(end === -1 ? rest : rest.slice(0, end));
    // What follows the offer (a why written after it) is still read.
    text = `${text.slice(0, labelled.index)}\n${end === -1 ? '' : rest.slice(end)}`;
  }
  const why: string[] = [];
  const others: string[] = [];
  // A heading alone on its line ("Mein Warum:") labels the line after it.
  let headed = false;
  // A why heading followed by a story ("My why: I got laid off… I want to…"): its goal.
  let story: { paragraph: number; pending: string[] } | null = null;
  let goal: string | null = null;
  for (const { text: raw, paragraph } of sentencesOf(text)) {
    const sentence = raw.replace(/^\s*(?:[-*•]|\d{1,2}[.)])\s+/u, '').trim();
    const folded = fold(sentence);
    const inline = !whyLabel.test(sentence) && whyInline.test(sentence);
    const bare = (inline ? sentence.replace(whyInline, '') : sentence.replace(whyLabel, '')).trim();
    const labelled = headed || whyLabel.test(sentence) || inline;
    headed = !bare && whyLabel.test(sentence);
    if (story && (labelled || paragraph !== story.paragraph)) story = null;
    if (statesNone(folded) && /\b(?:know|knew|kenne|connais|ken|weet)\b/u.test(folded))
      knownUnsaid = true;
    if (
      !bare ||
      // "Not sure yet, but I want to…": doubt or thanks before a goal do not void it.
      (notWhy.test(bare) && !goalCue.test(folded)) ||
      /^(?:thanks|thank you|danke|merci|gracias|bedankt) for\b/iu.test(bare) ||
      statesNone(folded) ||
      (bare !== sentence && statesNone(fold(bare))) ||
      // "¿Y qué podría ofrecer yo?": a question states nothing.
      (!labelled && /\?\s*$/u.test(sentence))
    )
      continue;
    if (wordCount(bare) < 3 && !labelled) continue;
    if (offer === null && !labelled && offerCue.test(folded)) {
      offer = limit(sentence) || null;
      continue;
    }
    if (labelled) {
      why.push(inline ? bare.replace(/^\p{Ll}/u, (c) => c.toUpperCase()) : bare);
      if (why.length === 1 && !goalCue.test(fold(bare))) story = { paragraph, pending: [] };
      continue;
    }
    others.push(bare);
    if (!story || goal !== null) continue;
    story.pending.push(bare);
    if (goalCue.test(folded)) {
      goal = bare;
      why.push(...story.pending);
      story = null;
    } else if (story.pending.length >= MAX_STORY) story = null;
  }
  const told = knownUnsaid ? others.filter((o) => goalCue.test(fold(o))) : others;
  return { why: chooseWhy(why, goal, told), offer };
}

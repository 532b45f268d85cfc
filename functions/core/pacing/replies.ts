import { clip } from '../pacing-text.ts';
import type { Subscriber } from '../subscriber.ts';
import { answered, command } from './commands.ts';
import { checkIn, moveLesson } from './lessons.ts';
import { resume } from './lifecycle.ts';
import {
  add,
  dateSlot,
  dayAfter,
  item,
  key,
  lessonItem,
  localDayOf,
  note,
  slot,
  soonest,
  uniqueKey,
  without,
} from './schedule.ts';
import { type PacingContext, type PacingResult, pacingRules, type ReplyFacts } from './types.ts';

/** A thing to follow up on: who or what, and the day it happens. */
interface Mention {
  about: string;
  date: string;
  people: string[];
  event: string | null;
  text: string;
}

/** Who or what a plan is about, compared case-blind: "sam" is "Sam"; corrections find follow-ups by it. */
export function aboutOf(people: readonly string[], event: string | null): string {
  return (event ?? [...people].sort().join(' & ')).toLowerCase().trim();
}

/** Plans and the event, each with its date: the only things followed up (never a bare date). */
function mentionsOf(facts: ReplyFacts): Mention[] {
  const mentions: Mention[] = [];
  for (const plan of facts.plans ?? []) {
    if (!plan.date || plan.people.length === 0) continue;
    mentions.push({
      about: aboutOf(plan.people, null),
      date: plan.date,
      people: plan.people,
      event: null,
      text: plan.text,
    });
  }
  if (facts.event?.date) {
    const about = aboutOf([], facts.event.name);
    if (!mentions.some((m) => m.about === about)) {
      mentions.push({
        about,
        date: facts.event.date,
        people: [],
        event: facts.event.name,
        text: facts.event.name,
      });
    }
  }
  return mentions;
}

/**
 * Follow-ups, once per explicit future date, naming the person or event:
 * asked the day after. Never for a past date or a word that only looks like
 * one (the reader gives only dated plans and events); never twice for the
 * same date and who or what; a plan they cancel drops its follow-up, and a
 * plan moved to another date moves it.
 */
function followUps(
  state: Subscriber,
  facts: ReplyFacts,
  now: Date,
  ctx: PacingContext,
): Subscriber {
  let next = state;
  const cancelled = (facts.negated ?? []).map((n) => aboutOf(n.people, null));
  if (cancelled.length > 0) {
    const dropped = next.agenda.filter(
      (i) => i.kind === 'follow-up' && cancelled.includes(i.vars.followUpAbout ?? ''),
    );
    next = without(next, (i) => dropped.includes(i));
    const done = [...next.followUpsDone, ...dropped.map((i) => i.vars.followUpRef ?? '')];
    next = { ...next, followUpsDone: done.slice(-pacingRules.maxFollowUpsDone) };
  }
  const today = localDayOf(next, now);
  for (const mention of mentionsOf(facts)) {
    const ref = `${mention.date}|${mention.about}`;
    if (mention.date < today || next.followUpsDone.includes(ref)) continue;
    const at = slot(next, dateSlot(next, dayAfter(mention.date)), ctx);
    const pending = next.agenda.find(
      (i) => i.kind === 'follow-up' && i.vars.followUpAbout === mention.about,
    );
    if (pending) {
      // The same plan on another day: the question moves with it.
      next = {
        ...next,
        agenda: next.agenda.map((i) =>
          i === pending
            ? { ...i, dueAt: at.toISOString(), vars: { ...i.vars, followUpRef: ref } }
            : i,
        ),
      };
      continue;
    }
    if (next.agenda.filter((i) => i.kind === 'follow-up').length >= pacingRules.maxFollowUps) break;
    const text = ctx.rules.followUpText({
      people: mention.people.map((p) => clip(p, 40)),
      event: mention.event ? clip(mention.event, 80) : null,
      text: clip(mention.text, 60),
    });
    const [withSeq, sendKey] = uniqueKey(next, 'follow-up');
    next = add(
      withSeq,
      item('follow-up', 'follow-up', 'follow-up', at, sendKey, null, {
        followUpText: text,
        followUpAbout: mention.about,
        followUpRef: ref,
      }),
    );
  }
  return next;
}

/**
 * An acknowledgement of this reply, due now (folded into a lesson due the
 * same day). Several replies before it goes share one acknowledgement, so
 * five replies in an evening are one email, not five days of them. A reply
 * that logged nothing ("nothing to report") is thanked only inside another
 * email due that day (`foldOnly`), never by an email of its own.
 */
function acknowledge(
  state: Subscriber,
  ack: { text: string; logged: boolean; answersLesson: boolean },
  now: Date,
  ctx: PacingContext,
): Subscriber {
  const pending = state.agenda.find((i) => i.kind === 'note' && i.template === 'ack');
  if (pending) {
    const said = pending.vars.ackText ?? '';
    const merged = said.includes(ack.text) ? said : `${said} ${ack.text}`.trim();
    const { foldOnly: _plain, ...vars } = pending.vars;
    const kept = ack.logged ? vars : pending.vars;
    return {
      ...state,
      agenda: state.agenda.map((i) =>
        i === pending ? { ...i, vars: { ...kept, ackText: merged } } : i,
      ),
    };
  }
  const step = state.awaiting?.step ?? null;
  // The answer to a lesson has its own key (apart from the numbered "ack-<n>" ones);
  // every other reply (to a check-in, a follow-up, a second word) gets a numbered one.
  const ackKey = ack.answersLesson && step !== null ? key(state, `ack-lesson-${step}`) : null;
  if (ackKey && state.agenda.some((i) => i.sendKey === ackKey)) return state;
  const [next, sendKey] = ackKey ? [state, ackKey] : uniqueKey(state, 'ack');
  const vars: Record<string, string> = {
    ackText: ack.text,
    ...(ack.logged ? {} : { foldOnly: 'true' }),
  };
  return add(next, item('note', 'ack', 'ack', soonest(next, now, ctx), sendKey, step, vars));
}

/** What the person reads first: feelings and news before content (COACHING.md). */
function ackTextOf(facts: ReplyFacts, learned: string | null, celebrate: boolean): string {
  const parts: string[] = [];
  if (facts.news || facts.kind === 'news')
    parts.push('Congratulations: that is great news, and well earned.');
  else if (celebrate && !learned) parts.push('Well done: that is exactly the habit.');
  if (learned) parts.push(learned);
  if (parts.length === 0) parts.push('Thank you for writing back: it is logged.');
  return parts.join(' ');
}

/**
 * A reply, read. What it teaches is learned first (even beside a command:
 * "not yet, but I picked Sam"), then the kind of reply decides: a command is
 * obeyed; discouragement gets help and holds the next lesson until they
 * write again or a week passes; a question is answered honestly (a person
 * will read it); everything else is acknowledged, in words that say what
 * was logged. A paused course keeps what they wrote for the day it resumes,
 * unless the pause had no end: then writing back means they are back.
 */
export function onReply(
  state: Subscriber,
  step: number | null,
  facts: ReplyFacts,
  now: Date,
  ctx: PacingContext,
): PacingResult {
  if (!['active', 'paused', 'graduated'].includes(state.status)) return { state, emails: [] };
  let next: Subscriber = { ...state, lastReplyAt: now.toISOString(), quietCheckIns: 0 };
  if (facts.command === 'stop') return command(next, facts, now, ctx);
  const learned = ctx.rules.learn(next, facts, step, now);
  next = followUps(learned.state, facts, now, ctx);
  if (facts.command) return command(next, facts, now, ctx);
  const ackText = ackTextOf(facts, learned.ack.text, learned.ack.celebrate);
  if (next.status === 'paused' && next.pausedUntil) {
    const heard = [...next.heardWhilePaused, ackText].slice(-pacingRules.maxHeldAcks);
    return { state: { ...next, heardWhilePaused: heard }, emails: [] };
  }
  if (next.status === 'paused') next = resume(next, now, ctx);
  if (next.status === 'graduated') next = checkIn({ ...next, status: 'active' }, now, ctx);
  if (next.heldForReply) {
    // They wrote again after being discouraged: the course goes on, at its pace.
    next = { ...next, heldForReply: false };
    const lesson = lessonItem(next);
    if (lesson) next = moveLesson(next, slot(next, now, ctx, 1), now, ctx);
  }
  // A meeting reported with a worry is still a meeting: it is celebrated, not held.
  const discouraged =
    (facts.kind === 'discouragement' || facts.discouraged === true) && facts.met.length === 0;
  const question = facts.question ?? null;
  const said = [learned.ack.text, question ? questionText : null].filter(Boolean).join(' ');
  if (discouraged) return { state: encourage(next, said, now, ctx), emails: [] };
  const answersLesson =
    step !== null &&
    next.awaiting?.step === step &&
    !next.awaiting.replied &&
    (!question || learned.ack.text !== null);
  if (question) {
    // A person answers it; the subscriber is told so, and what was logged beside it.
    const told = note(
      next,
      'question-received',
      { ackText: [questionText, learned.ack.text].filter(Boolean).join(' ') },
      now,
      ctx,
    );
    return { state: answersLesson ? answered(told, now, ctx) : told, emails: [] };
  }
  const logged =
    learned.ack.text !== null ||
    learned.ack.celebrate ||
    facts.news === true ||
    facts.kind === 'news';
  const acked = acknowledge(next, { text: ackText, logged, answersLesson }, now, ctx);
  return { state: answersLesson ? answered(acked, now, ctx) : acked, emails: [] };
}

const questionText =
  'Your question has gone to the person who runs this course, who will read it and answer you by email. I am an automatic coach and would rather not guess.';

/** Help, a smaller next step, and no new lesson until they write again (or a week passes). */
function encourage(state: Subscriber, said: string, now: Date, ctx: PacingContext): Subscriber {
  let next: Subscriber = { ...state, heldForReply: true };
  next = without(next, (i) => i.kind === 'nudge');
  const lesson = lessonItem(next);
  if (lesson) {
    const week = slot(next, now, ctx, pacingRules.discouragedHoldDays);
    if (Date.parse(lesson.dueAt) < week.getTime()) {
      next = {
        ...next,
        agenda: next.agenda.map((i) => (i === lesson ? { ...i, dueAt: week.toISOString() } : i)),
      };
    }
  }
  const [withSeq, sendKey] = uniqueKey(next, 'encourage');
  return add(
    withSeq,
    item('note', 'encourage', 'encourage', soonest(withSeq, now, ctx), sendKey, null, {
      // Feelings first, then what was logged beside them (COACHING.md).
      encouragement: [ctx.rules.encouragement(next), said].filter(Boolean).join('\n\n'),
    }),
  );
}

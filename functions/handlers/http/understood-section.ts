import { hasLogged, type Logged, loggedOf } from '../../core/check-in-logged.ts';
import { pauseRange } from '../../core/manage.ts';
import { clip, localDay, type Reader } from '../../core/pacing-text.ts';
import { formatShortDate } from '../../core/progress.ts';
import type { CheckIn } from '../../core/records.ts';
import { escapeHtml as e } from '../../core/render.ts';
import { fromLocal } from '../../core/send-window.ts';
import { bannerFor, formOpen, type ManageView } from './manage-forms.ts';

/** How many replies the section lists: the newest that logged something. */
const shownReplies = 10;

/** How each reply command reads in "Read as: ...". */
const commandNames: Record<string, string> = {
  pause: 'pause',
  resume: 'resume',
  stop: 'stop',
  faster: 'faster, please',
  slower: 'slower, please',
  skip: 'skip this lesson',
  done: 'done',
  'not-yet': 'not yet',
};

/** What to do instead, for commands a correction cannot undo. */
const commandHints: Record<string, string> = {
  stop: 'If you did not mean to leave, use Resubscribe under “Come back”.',
  faster: 'To change it back, choose your pace under Preferences.',
  slower: 'To change it back, choose your pace under Preferences.',
};

/** A local date as the reader reads it, "Thursday 3 December"; a malformed one as stored. */
function dayText(date: string, reader: Reader): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  try {
    return localDay(fromLocal({ year, month, day, hour: 12, minute: 0 }, reader.timezone), reader);
  } catch {
    return date;
  }
}

/** One reply's forms: what they post besides the link's and the form's tokens. */
interface Target {
  view: ManageView;
  checkIn: CheckIn;
  /** Unique per item on the page, for input ids. */
  id: string;
}

function hiddenFields(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${e(value)}">`)
    .join('');
}

/** A one-press correction (remove, not met, resume). */
function pressForm(t: Target, values: Record<string, string>, label: string, what: string) {
  return `${formOpen(t.view, 'correct')}${hiddenFields({ checkIn: t.checkIn.id, ...values })}<button type="submit" class="small quiet">${e(label)}<span class="sr-only"> (${e(what)})</span></button></form>`;
}

/** A correction that needs one value typed or picked, folded until asked for. */
function valueForm(
  t: Target,
  values: Record<string, string>,
  summary: string,
  what: string,
  input: { label: string; html: string },
) {
  return `<details class="rename"><summary>${e(summary)}<span class="sr-only"> (${e(what)})</span></summary>${formOpen(t.view, 'correct', 'rename-form')}${hiddenFields({ checkIn: t.checkIn.id, ...values })}<label for="${t.id}">${e(input.label)}</label><span class="row">${input.html}<button type="submit" class="small">Save</button></span></form></details>`;
}

function entry(label: string, value: string, actions: string, folded = ''): string {
  return `<li class="person"><span class="person-main"><span class="person-name">${e(value)}</span><span class="person-meta">${e(label)}</span></span><span class="person-actions">${actions}</span>${folded}</li>`;
}

function nameInput(t: Target, name: string): { label: string; html: string } {
  return {
    label: `The right name for ${name}`,
    html: `<input id="${t.id}" name="to" type="text" maxlength="60" required value="${e(name)}" autocomplete="off">`,
  };
}

function dateInput(t: Target, date: string | null, range?: { min: string; max: string }) {
  const bounds = range ? ` min="${range.min}" max="${range.max}"` : '';
  return {
    label: 'The right date',
    html: `<input id="${t.id}" name="date" type="date" required value="${e(date ?? '')}"${bounds}>`,
  };
}

function personItems(t: Target, logged: Logged): string[] {
  const met = (name: string) => logged.met.some((m) => m.toLowerCase() === name.toLowerCase());
  const named = logged.people.filter((n) => !met(n));
  // One entry per name: remove it in one press, or give the name it should have been.
  const person =
    (field: 'met' | 'people', label: string, remove: string, suffix: string) =>
    (name: string, i: number) => {
      const it = { ...t, id: `${t.id}-${suffix}${i}` };
      return entry(
        label,
        name,
        pressForm(it, { field, op: 'remove', name }, remove, name),
        valueForm(it, { field, op: 'rename', name }, 'Wrong name', name, nameInput(it, name)),
      );
    };
  return [
    ...logged.met.map(person('met', 'Met', 'Not met', 'm')),
    ...named.map(person('people', 'Named as one of your people', 'Not a person', 'p')),
  ];
}

function planItems(t: Target, logged: Logged, reader: Reader): string[] {
  const when = (date: string | null) => (date ? `on ${dayText(date, reader)}` : 'no date yet');
  const items = logged.plans.map((plan) => {
    const it = { ...t, id: `${t.id}-l${plan.index}` };
    const what = plan.people.length ? `Coffee with ${plan.people.join(', ')}` : plan.text;
    const index = String(plan.index);
    return entry(
      `Planned, ${when(plan.date)}`,
      what,
      pressForm(it, { field: 'plan', op: 'remove', index }, 'Remove', what),
      valueForm(
        it,
        { field: 'plan', op: 'date', index },
        'Change the date',
        what,
        dateInput(it, plan.date),
      ),
    );
  });
  const event = logged.event;
  if (event) {
    const it = { ...t, id: `${t.id}-e` };
    items.push(
      entry(
        `Event, ${when(event.date)}`,
        event.name,
        pressForm(it, { field: 'event', op: 'remove' }, 'Remove', event.name),
        valueForm(
          it,
          { field: 'event', op: 'date' },
          'Change the date',
          event.name,
          dateInput(it, event.date),
        ),
      ),
    );
  }
  return items;
}

function textItems(t: Target, logged: Logged): string[] {
  const items: string[] = [];
  for (const [field, label] of [
    ['why', 'Your why'],
    ['offer', 'What you can offer'],
  ] as const) {
    const value = logged[field];
    if (!value) continue;
    const it = { ...t, id: `${t.id}-${field}` };
    const input = `<input id="${it.id}" name="text" type="text" maxlength="300" required value="${e(value)}" autocomplete="off">`;
    items.push(
      entry(
        label,
        `“${clip(value, 300)}”`,
        pressForm(it, { field, op: 'remove' }, 'Remove', label),
        valueForm(it, { field, op: 'edit' }, 'Edit', label, {
          label: `${label}, as you meant it`,
          html: input,
        }),
      ),
    );
  }
  return items;
}

function commandItem(t: Target, logged: Logged): string[] {
  const command = logged.command;
  if (!command) return [];
  const { subscriber, now } = t.view.snapshot;
  const read = `Read as: ${commandNames[command] ?? command}`;
  if (command !== 'pause') {
    const hint = commandHints[command];
    return [
      entry('A request to the course', read, hint ? `<span class="hint">${e(hint)}</span>` : ''),
    ];
  }
  const until = logged.until ? `Pause until ${dayText(logged.until, subscriber)}` : read;
  const paused = subscriber.status === 'paused';
  const it = { ...t, id: `${t.id}-c` };
  const undo = pressForm(
    it,
    { field: 'command', op: 'remove' },
    paused ? 'Not meant: resume my course' : 'Not meant: remove',
    until,
  );
  const range = pauseRange(now, subscriber.timezone);
  const move = paused
    ? valueForm(
        it,
        { field: 'command', op: 'date' },
        'Change the date',
        until,
        dateInput(it, logged.until, range),
      )
    : '';
  return [entry('A request to the course', until, undo, move)];
}

function replyItem(view: ManageView, checkIn: CheckIn, n: number): string {
  const { subscriber } = view.snapshot;
  const logged = loggedOf(checkIn);
  const t: Target = { view, checkIn, id: `u${n}` };
  const items = [
    ...textItems(t, logged),
    ...personItems(t, logged),
    ...planItems(t, logged, subscriber),
    ...commandItem(t, logged),
  ];
  const step = checkIn.step ? ` · step ${checkIn.step}` : '';
  const count = checkIn.corrections?.length ?? 0;
  const corrected = count
    ? `<p class="hint">You corrected this reply ${count === 1 ? 'once' : `${count} times`}.</p>`
    : '';
  return `<li><p class="meta"><time datetime="${e(checkIn.at)}">${e(formatShortDate(new Date(checkIn.at), subscriber))}</time>${e(step)}</p><p class="said">“${e(clip(checkIn.text, 160))}”</p>${corrected}<ul class="people">${items.join('')}</ul></li>`;
}

/**
 * "What I understood from your replies": the newest replies that logged
 * something, each item with a one-step form to correct or remove it. Plain
 * forms, so it works without JavaScript; every value is escaped.
 */
export function understoodSection(view: ManageView): string {
  const replies = view.snapshot.checkIns
    .filter((c) => hasLogged(loggedOf(c)))
    .slice(0, shownReplies);
  const body = replies.length
    ? `<ol class="checkins">${replies.map((c, n) => replyItem(view, c, n)).join('')}</ol>`
    : '<p class="empty">Nothing logged from your replies yet. When you reply, what I take from it shows up here, and you can correct it.</p>';
  return `<section class="card" id="understood" aria-labelledby="understood-title">
<h2 id="understood-title">What I understood from your replies</h2>
<p class="muted">What the coach took from each reply. If something is wrong, correct or remove it here: the course goes by what you say.</p>
${bannerFor(view, 'understood')}${body}
</section>`;
}

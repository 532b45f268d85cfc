import { pauseRange, sendHourRange } from '../../core/manage.ts';
import { formatLocal, formatShortDate, type StepView } from '../../core/progress.ts';
import { escapeHtml as e } from '../../core/render.ts';
import { firstName, type Pace } from '../../core/subscriber.ts';
import { followOnPitch } from './copy.ts';
import { localeChoices } from './locale-choices.ts';
import {
  type Banner,
  bannerFor,
  formOpen,
  type ManageAction,
  type ManageView,
  manageActions,
  sectionOf,
} from './manage-forms.ts';
import type { Page } from './pages.ts';
import { understoodSection } from './understood-section.ts';

/** What a successful form says on the page it redirects to (a fixed text: nothing is reflected). */
const doneNotices: Record<ManageAction, string> = {
  preferences: 'Your preferences are saved.',
  pause: 'Your course is paused.',
  resume: 'Welcome back: your course is running again.',
  people: 'Your people list is updated.',
  unsubscribe: 'You are unsubscribed. No more course emails will be sent.',
  resubscribe: 'You are back in. Lesson 1 is on its way.',
  correct: 'Thank you: it is corrected, and the course goes by what you said.',
  'next-course': 'Your new course has started. What comes next is shown below.',
  delete: '',
};

/**
 * The notice for a redirect's `done=<action>`: the fixed text of a known
 * action, in its section, or none for anything else.
 */
export function doneNotice(done: string | null): Banner | null {
  const action = manageActions.find((a) => a === done && doneNotices[a]);
  return action ? { section: sectionOf[action], message: doneNotices[action] } : null;
}

// Every zone this runtime knows, computed once; UTC first, as Intl does not list it.
const timezones: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone')];

const paceChoices: { value: Pace; label: string; hint: string }[] = [
  { value: 'gentle', label: 'Gentle', hint: 'More room between emails, for busy weeks.' },
  { value: 'normal', label: 'Normal', hint: 'A lesson every three to four days.' },
  { value: 'intense', label: 'Intense', hint: 'Emails come about twice as fast.' },
];

function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

function stepItem(step: StepView): string {
  const state = { done: 'done', current: 'you are here', upcoming: 'coming up' }[step.state];
  const replied = step.replied ? '<span class="tag">Replied</span>' : '';
  return `<li class="${step.state}"${step.state === 'current' ? ' aria-current="step"' : ''}><span class="dot" aria-hidden="true"></span><span class="step-text"><span class="step-no">Step ${step.step}</span> <span class="step-title">${e(step.title)}</span> <span class="sr-only">(${state})</span></span>${replied}</li>`;
}

function progressSection(view: ManageView): string {
  const { progress, subscriber } = view.snapshot;
  const banner = bannerFor(view, 'progress');
  const next = progress.next
    ? `<p class="next"><span class="next-label">Next</span><span><strong>${e(progress.next.label)}</strong><br>${e(progress.next.when)} <span class="muted">(${e(subscriber.timezone)})</span></span></p>`
    : '';
  const phaseText =
    progress.repeatPhase === 'upcoming'
      ? 'Then: two or three meetings a month, with light check-ins'
      : 'Now: two or three meetings a month, with light check-ins';
  const phase = `<li class="phase ${progress.repeatPhase}"${progress.repeatPhase === 'current' ? ' aria-current="step"' : ''}><span class="dot" aria-hidden="true"></span><span class="step-text">${e(phaseText)}</span></li>`;
  return `<section class="card" id="progress" aria-labelledby="progress-title">
<div class="section-head"><h2 id="progress-title">Your progress</h2><span class="badge badge-${e(progress.status)}">${e(progress.statusLabel)}</span></div>
${banner}<p class="headline">${e(progress.headline)}</p>
${progress.statusNote ? `<p class="muted">${e(progress.statusNote)}</p>` : ''}${next}
<h3 class="map-title">Course map</h3>
<ol class="map">${progress.steps.map(stepItem).join('')}${phase}</ol>
${nextCourseOffer(view)}</section>`;
}

/** The follow-on course, offered in plain words once the course is finished. */
function nextCourseOffer(view: ManageView): string {
  const course = view.snapshot.nextCourse;
  if (!course) return '';
  const pitch = followOnPitch[course.id] ?? `${course.title} is a short follow-on course.`;
  return `<div class="next-course"><h3>What comes next</h3>
<p>You have finished the course. ${e(pitch)}</p>
${formOpen(view, 'next-course')}<button type="submit">Start ${e(course.title)}</button></form></div>
`;
}

function checkInsSection(view: ManageView): string {
  const { checkIns, subscriber } = view.snapshot;
  const items = checkIns
    .map((c) => {
      const when = new Date(c.at);
      const step = c.step ? ` · step ${c.step}` : '';
      return `<li><p class="meta"><time datetime="${e(c.at)}">${e(formatShortDate(when, subscriber))}</time>${e(step)}</p><p class="said">${e(c.text)}</p></li>`;
    })
    .join('');
  const body = items
    ? `<ol class="checkins">${items}</ol>`
    : '<p class="empty">No check-ins yet. Reply to any lesson and your answer shows up here.</p>';
  return `<section class="card" id="check-ins" aria-labelledby="check-ins-title">
<h2 id="check-ins-title">Your check-ins</h2>
<p class="muted">What you replied, newest first.</p>
${body}
</section>`;
}

function personItem(view: ManageView, index: number): string {
  const { subscriber } = view.snapshot;
  const person = subscriber.people[index];
  if (!person) return '';
  const name = e(person.name);
  const meta = person.met
    ? `Met${person.lastContactAt ? ` · last contact ${e(formatShortDate(new Date(person.lastContactAt), subscriber))}` : ''}`
    : 'Not met yet';
  const metForm = `${formOpen(view, 'people')}<input type="hidden" name="op" value="met"><input type="hidden" name="name" value="${name}"><input type="hidden" name="met" value="${person.met ? 'false' : 'true'}"><button type="submit" class="small secondary">${person.met ? 'Mark as not met' : 'Mark as met'}<span class="sr-only"> (${name})</span></button></form>`;
  const renameForm = `<details class="rename"><summary>Rename<span class="sr-only"> ${name}</span></summary>${formOpen(view, 'people', 'rename-form')}<input type="hidden" name="op" value="rename"><input type="hidden" name="name" value="${name}"><label for="rename-${index}">New name for ${name}</label><span class="row"><input id="rename-${index}" name="to" type="text" maxlength="60" required value="${name}" autocomplete="off"><button type="submit" class="small">Save</button></span></form></details>`;
  const removeForm = `${formOpen(view, 'people')}<input type="hidden" name="op" value="remove"><input type="hidden" name="name" value="${name}"><button type="submit" class="small quiet">Remove<span class="sr-only"> ${name}</span></button></form>`;
  return `<li class="person${person.met ? ' met' : ''}"><span class="person-main"><span class="person-name">${name}</span><span class="person-meta">${meta}</span></span><span class="person-actions">${metForm}${removeForm}</span>${renameForm}</li>`;
}

function peopleSection(view: ManageView): string {
  const { subscriber, progress } = view.snapshot;
  const count = progress.meetingsThisMonth;
  const tally = `This month: ${count} meeting${count === 1 ? '' : 's'} logged. The target is two or three.`;
  const list = subscriber.people.length
    ? `<ul class="people">${subscriber.people.map((_, i) => personItem(view, i)).join('')}</ul>`
    : '<p class="empty">No one on your list yet. Add the two or three people you want to take for coffee, or reply to lesson 2 with their names.</p>';
  return `<section class="card" id="people" aria-labelledby="people-title">
<h2 id="people-title">Your people</h2>
<p class="muted">${e(tally)}</p>
${bannerFor(view, 'people')}${list}
${formOpen(view, 'people', 'add-person')}<input type="hidden" name="op" value="add"><label for="add-name">Add someone</label><span class="row"><input id="add-name" name="name" type="text" maxlength="60" required autocomplete="off" placeholder="A name"><button type="submit">Add</button></span></form>
</section>`;
}

function timezoneOptions(current: string, zones: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const zone of zones.includes(current) ? zones : [current, ...zones]) {
    const region = zone.includes('/') ? (zone.split('/')[0] as string) : 'Other';
    groups.set(region, [...(groups.get(region) ?? []), zone]);
  }
  return [...groups]
    .map(
      ([region, list]) =>
        `<optgroup label="${e(region)}">${list
          .map(
            (zone) =>
              `<option value="${e(zone)}"${zone === current ? ' selected' : ''}>${e(zone.replace(/_/g, ' '))}</option>`,
          )
          .join('')}</optgroup>`,
    )
    .join('');
}

function preferencesSection(view: ManageView): string {
  const { subscriber } = view.snapshot;
  const paces = paceChoices
    .map(
      (c) =>
        `<label class="choice"><input type="radio" name="pace" value="${c.value}"${subscriber.pace === c.value ? ' checked' : ''}><span><strong>${c.label}</strong><span class="hint">${c.hint}</span></span></label>`,
    )
    .join('');
  const hours = Array.from(
    { length: sendHourRange.max - sendHourRange.min + 1 },
    (_, i) => sendHourRange.min + i,
  )
    .map(
      (h) =>
        `<option value="${h}"${subscriber.sendHour === h ? ' selected' : ''}>${hourLabel(h)}</option>`,
    )
    .join('');
  const locales = localeChoices(subscriber.locale)
    .map(
      (c) =>
        `<option value="${e(c.value)}"${c.value === subscriber.locale ? ' selected' : ''}>${e(c.label)}</option>`,
    )
    .join('');
  const weekend = (value: 'no' | 'yes', label: string) =>
    `<label class="choice"><input type="radio" name="skipWeekends" value="${value}"${subscriber.skipWeekends === (value === 'yes') ? ' checked' : ''}><span><strong>${label}</strong></span></label>`;
  return `<section class="card" id="preferences" aria-labelledby="preferences-title">
<h2 id="preferences-title">Preferences</h2>
${bannerFor(view, 'preferences')}${formOpen(view, 'preferences')}
<fieldset><legend>Pace</legend><div class="choices">${paces}</div></fieldset>
<div class="field-row"><div><label for="sendHour">Send time</label><select id="sendHour" name="sendHour">${hours}</select></div>
<div><label for="timezone">Time zone</label><select id="timezone" name="timezone">${timezoneOptions(subscriber.timezone, timezones)}</select></div></div>
<label for="locale">Date and time format</label><select id="locale" name="locale" aria-describedby="locale-hint">${locales}</select>
<p class="hint" id="locale-hint">How dates and times are written in your emails and on this page. The course itself is in English.</p>
<fieldset><legend>Weekends</legend><div class="choices two">${weekend('no', 'Send as usual')}${weekend('yes', 'Wait until Monday')}</div></fieldset>
<button type="submit">Save preferences</button></form>
</section>`;
}

function pauseSection(view: ManageView): string {
  const { subscriber, now } = view.snapshot;
  const { status } = subscriber;
  const parts: string[] = [];
  if (status === 'active') {
    const range = pauseRange(now, subscriber.timezone);
    parts.push(`${formOpen(view, 'pause')}<label for="until">Pause until</label>
<p class="hint" id="until-hint">Leave the date empty to pause until you resume. Nothing is sent while you are away.</p>
<span class="row wrap"><input id="until" name="until" type="date" min="${range.min}" max="${range.max}" aria-describedby="until-hint"><button type="submit">Pause the course</button></span></form>`);
  } else if (status === 'paused') {
    const until = subscriber.pausedUntil
      ? ` It picks up again by itself on ${formatLocal(new Date(subscriber.pausedUntil), subscriber)}.`
      : '';
    parts.push(
      `${formOpen(view, 'resume')}<p>Your course is on a break.${e(until)} Resume now to pick up where you left off.</p><button type="submit">Resume now</button></form>`,
    );
  }
  if (
    status === 'active' ||
    status === 'paused' ||
    status === 'graduated' ||
    status === 'pending'
  ) {
    parts.push(
      `${formOpen(view, 'unsubscribe', 'leave')}<p>Stop all course emails. Your progress is kept, so you can come back.</p><button type="submit" class="secondary">Unsubscribe</button></form>`,
    );
  } else if (status === 'unsubscribed') {
    parts.push(
      `${formOpen(view, 'resubscribe')}<p>Start the course again from lesson 1. No confirmation email needed: this link proves it is you.</p><button type="submit">Resubscribe</button></form>`,
    );
  }
  if (parts.length === 0) return '';
  const title = status === 'unsubscribed' ? 'Come back' : 'Pause or leave';
  return `<section class="card" id="pause" aria-labelledby="pause-title">
<h2 id="pause-title">${title}</h2>
${bannerFor(view, 'pause')}${parts.join('<hr>')}
</section>`;
}

function dataSection(view: ManageView): string {
  const t = encodeURIComponent(view.token);
  return `<section class="card" id="data" aria-labelledby="data-title">
<h2 id="data-title">Your data</h2>
<p>Download everything we hold about you as a JSON file: profile, preferences, check-ins, people, every email we sent you and when you signed up and confirmed.</p>
<p class="action"><a class="button secondary" href="/manage/data?t=${e(t)}" download>Download my data</a></p>
<hr>
<p>Or delete it all, for good. You can download a copy first.</p>
<p class="action"><a class="button danger-outline" href="/manage/delete?t=${e(t)}">Delete everything</a></p>
</section>`;
}

/** The manage page: progress, check-ins, people, preferences, pause, data. Works without JavaScript. */
export function managePage(view: ManageView): Page {
  const { subscriber, course } = view.snapshot;
  const sections: [id: string, label: string, html: string][] = [
    ['progress', 'Progress', progressSection(view)],
    ['check-ins', 'Check-ins', checkInsSection(view)],
    ['understood', 'What I understood', understoodSection(view)],
    ['people', 'People', peopleSection(view)],
    ...(subscriber.status === 'suppressed'
      ? []
      : [['preferences', 'Preferences', preferencesSection(view)] as [string, string, string]]),
    ['pause', '', pauseSection(view)],
    ['data', 'Your data', dataSection(view)],
  ];
  const shown = new Set(sections.filter(([, , html]) => html).map(([id]) => id));
  // An answer whose section is not on the page (say, it changed the status) goes on top.
  const orphan = [view.notice, view.error].some((b) => b && !shown.has(b.section));
  const top = orphan
    ? bannerFor(
        {
          ...view,
          notice: view.notice && { ...view.notice, section: 'top' },
          error: view.error && { ...view.error, section: 'top' },
        },
        'top',
      )
    : '';
  const nav = sections
    .filter(([, label, html]) => label && html)
    .map(([id, label]) => `<a href="#${id}">${label}</a>`)
    .join('');
  return {
    status: view.error ? 400 : 200,
    title: 'Your course',
    layout: 'sections',
    body: `<header class="page-head">
<p class="eyebrow">${e(course.title)}</p>
<h1>Hi ${e(firstName(subscriber))}</h1>
<p class="lede">Your course page for <strong class="address">${e(subscriber.email)}</strong>. This link is personal: please do not forward it.</p>
<nav class="toc" aria-label="On this page">${nav}</nav>
</header>
${top}${sections.map(([, , html]) => html).join('\n')}`,
  };
}

/** The confirmation step before deleting everything. */
export function deleteConfirmPage(token: string, formToken: string): Page {
  const t = encodeURIComponent(token);
  return {
    status: 200,
    title: 'Delete everything?',
    body: `<h1>Delete everything?</h1>
<p>This deletes your profile, preferences, check-ins, people list, the replies you wrote and the log of emails we sent you. Your course stops at once. It cannot be undone.</p>
<p>We keep one thing: a keyed fingerprint of your address that records that you unsubscribed and deleted your data, and when. It cannot be turned back into your address. If you sign up again one day, you start afresh.</p>
<p><a href="/manage/data?t=${e(t)}" download>Download my data</a> first if you want a copy.</p>
<form method="post" action="/manage/delete"><input type="hidden" name="t" value="${e(token)}"><input type="hidden" name="csrf" value="${e(formToken)}">
<span class="actions"><button type="submit" class="danger">Yes, delete everything</button><a class="button secondary" href="/manage?t=${e(t)}#data">Keep my data</a></span></form>`,
  };
}

/** Shown once everything is deleted. */
export function deletedPage(): Page {
  return {
    status: 200,
    title: 'Everything is deleted',
    body: `<h1>Everything is deleted</h1><p>We deleted every record we held about you, and you will get no more emails from us. Links in old emails no longer open anything.</p><p>Thank you for giving the course a try. If you want to come back one day, you can <a href="/">sign up again</a> and start afresh.</p>`,
  };
}

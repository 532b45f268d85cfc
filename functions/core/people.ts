import { ValidationError } from './errors.ts';
import { pacingRules } from './pacing/index.ts';
import type { Person, Subscriber } from './subscriber.ts';

/** Longest name kept for a person (replies are clipped to the same length). */
export const personNameLimit = 60;

/** A change the subscriber makes to their people list on the manage page. */
export type PeopleEdit =
  | { op: 'add'; name: string }
  | { op: 'rename'; name: string; to: string }
  | { op: 'met'; name: string; met: boolean }
  | { op: 'remove'; name: string };

const ops: readonly PeopleEdit['op'][] = ['add', 'rename', 'met', 'remove'];

/** Trims and collapses a typed name; rejects empty, over-long and control-character names. */
export function cleanPersonName(raw: unknown, field = 'name'): string {
  if (typeof raw !== 'string') throw new ValidationError(field, 'is required');
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!name) throw new ValidationError(field, 'is required');
  if (name.length > personNameLimit) {
    throw new ValidationError(field, `must be at most ${personNameLimit} characters`);
  }
  if (/[\p{Cc}\p{Cf}]/u.test(name)) throw new ValidationError(field, 'has control characters');
  return name;
}

/** Reads a people form (`op`, `name`, `to`, `met`) into an edit; throws ValidationError. */
export function parsePeopleEdit(fields: Record<string, unknown>): PeopleEdit {
  const op = fields.op;
  if (typeof op !== 'string' || !ops.includes(op as PeopleEdit['op'])) {
    throw new ValidationError('op', 'is not a known change');
  }
  const name = cleanPersonName(fields.name);
  switch (op as PeopleEdit['op']) {
    case 'add':
      return { op: 'add', name };
    case 'rename':
      return { op: 'rename', name, to: cleanPersonName(fields.to, 'to') };
    case 'met':
      return { op: 'met', name, met: fields.met === 'true' || fields.met === true };
    default:
      return { op: 'remove', name };
  }
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function indexOf(people: readonly Person[], name: string): number {
  const index = people.findIndex((p) => same(p.name, name));
  // Most likely removed or renamed in another tab; say so rather than guess.
  if (index < 0) throw new ValidationError('person', `“${name}” is no longer on your list`);
  return index;
}

/**
 * Applies one edit to the people list; pure, returns the new subscriber state.
 * Marking someone met logs a meeting for the monthly tally (unmarking takes it
 * back). Names stay unique (case-insensitively), because replies and forms find
 * people by name. Rule breaks throw ValidationError with field `person` and a
 * whole sentence as the reason.
 */
export function editPeople(state: Subscriber, edit: PeopleEdit, now: Date): Subscriber {
  const people = [...state.people];
  let meetings = state.meetings;
  switch (edit.op) {
    case 'add': {
      if (people.some((p) => same(p.name, edit.name))) {
        throw new ValidationError('person', `“${edit.name}” is already on your list`);
      }
      if (people.length >= pacingRules.maxPeople) {
        throw new ValidationError(
          'person',
          `Your list holds at most ${pacingRules.maxPeople} people`,
        );
      }
      people.push({ name: edit.name, met: false, addedAt: now.toISOString(), lastContactAt: null });
      break;
    }
    case 'rename': {
      const index = indexOf(people, edit.name);
      if (people.some((p, i) => i !== index && same(p.name, edit.to))) {
        throw new ValidationError('person', `“${edit.to}” is already on your list`);
      }
      people[index] = { ...(people[index] as Person), name: edit.to };
      break;
    }
    case 'met': {
      const index = indexOf(people, edit.name);
      const person = people[index] as Person;
      // A second press (a stale tab) must not log the meeting twice.
      if (person.met === edit.met) return state;
      if (edit.met) {
        const at = now.toISOString();
        people[index] = { ...person, met: true, lastContactAt: at };
        // Counts in the monthly tally, like "I met Sam" in a reply.
        meetings = [...meetings, { at, names: [person.name] }].slice(-pacingRules.maxMeetings);
      } else {
        // Undo: drop the meeting that marked this contact, and fall back to any earlier one.
        meetings = meetings.filter(
          (m) =>
            !(
              m.at === person.lastContactAt &&
              m.names.length === 1 &&
              same(m.names[0] ?? '', person.name)
            ),
        );
        const earlier = meetings
          .filter((m) => m.names.some((n) => same(n, person.name)))
          .map((m) => m.at)
          .sort()
          .at(-1);
        people[index] = { ...person, met: false, lastContactAt: earlier ?? null };
      }
      break;
    }
    case 'remove':
      people.splice(indexOf(people, edit.name), 1);
      break;
  }
  return { ...state, people, meetings };
}

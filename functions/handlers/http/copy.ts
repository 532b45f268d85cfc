import type { ValidationError } from '../../core/errors.ts';

/** How each form field is named in a sentence about it. */
const fieldLabels: Record<string, string> = {
  email: 'Email',
  name: 'Name',
  timezone: 'Time zone',
  locale: 'Date and time format',
  pace: 'Pace',
  sendHour: 'Send time',
  skipWeekends: 'Weekends',
  until: 'The date',
  to: 'The new name',
  op: 'The change',
  course: 'Course',
  checkIn: 'The reply',
  field: 'What to correct',
  index: 'The plan',
  date: 'The date',
  text: 'The text',
  // People and correction rules explain themselves in whole sentences.
  person: '',
  item: '',
};

/** How the manage page offers a follow-on course, by its id, in plain words. */
export const followOnPitch: Record<string, string> = {
  'keep-it-going': 'Keep It Going is a short follow-on: three emails over a month.',
};

/** A refused field as one readable sentence: "Send time must be a whole hour from 7 to 20." */
export function fieldMessage(error: ValidationError): string {
  const label = fieldLabels[error.field] ?? error.field;
  return label ? `${label} ${error.reason}.` : `${error.reason}.`;
}

/**
 * The signup form's sentence for a refused field. Unlike {@link fieldMessage}
 * it always names the field, since the signup form has no whole-sentence rules.
 */
export function signupFieldMessage(error: ValidationError): string {
  return `${fieldLabels[error.field] || error.field} ${error.reason}.`;
}

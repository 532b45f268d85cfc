import {
  type CoachError,
  ConflictError,
  ExpiredTokenError,
  ForbiddenError,
  InvalidTokenError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../core/errors.ts';
import { linkRequestPage } from './link-pages.ts';
import { errorPage } from './pages.ts';
import { type Answer, json, page } from './respond.ts';

/** How an error reads over HTTP. */
export interface HttpError {
  status: number;
  code: string;
  title: string;
  message: string;
  field?: string;
}

const table: [new (...args: never[]) => CoachError, number, string, string][] = [
  [ValidationError, 400, 'invalid_input', 'Please check the form'],
  [InvalidTokenError, 400, 'invalid_link', 'This link is not valid'],
  [ExpiredTokenError, 410, 'expired_link', 'This link has expired'],
  [ForbiddenError, 403, 'forbidden', 'This form cannot be accepted'],
  [NotFoundError, 404, 'not_found', 'Not found'],
  [PayloadTooLargeError, 413, 'too_large', 'Request too large'],
  [UnsupportedMediaTypeError, 415, 'unsupported_media_type', 'Unsupported request format'],
  [ConflictError, 409, 'conflict', 'Please try again'],
];

/** The one place errors become HTTP statuses. Unknown errors are 500s with a generic message. */
export function toHttpError(error: unknown): HttpError {
  for (const [type, status, code, title] of table) {
    if (error instanceof type) {
      return {
        status,
        code,
        title,
        message: error.message,
        ...(error instanceof ValidationError ? { field: error.field } : {}),
      };
    }
  }
  return {
    status: 500,
    code: 'internal',
    title: 'Something went wrong',
    message: 'Something went wrong on our side. Please try again in a minute.',
  };
}

/** What the request and its route say about how an error should read. */
export interface ErrorContext {
  /** The client asked for JSON (a JSON body, or `Accept: application/json`). */
  wantsJson: boolean;
  /** The route answers JSON to clients that ask for it (signup's script), field errors included. */
  answersJson: boolean;
  /** The route's token is a manage link. */
  manageLink: boolean;
  /** The error came from the route's use case, and the route can show its form again. */
  formAgain: boolean;
}

/**
 * How a failed request is answered: its form again with the refused field, a
 * page offering a fresh manage link, a JSON error or an error page. `failure`
 * is the error as HTTP reads it, in every case, for logging.
 */
export type ErrorAnswer =
  | { kind: 'form-again'; failure: HttpError; error: ValidationError }
  | { kind: 'fresh-link'; failure: HttpError; reason: 'expired' | 'invalid' }
  | { kind: 'json'; failure: HttpError }
  | { kind: 'page'; failure: HttpError };

/** Input a person can fix on the form; the link's token (`t`) is not one of those. */
function isFieldError(error: unknown): error is ValidationError {
  return error instanceof ValidationError && error.field !== 't';
}

/** A link that cannot work again: expired, broken, or cut off before its token. */
function isDeadLink(error: unknown): boolean {
  return (
    error instanceof ExpiredTokenError ||
    error instanceof InvalidTokenError ||
    (error instanceof ValidationError && error.field === 't')
  );
}

type Rule = (error: unknown, failure: HttpError, context: ErrorContext) => ErrorAnswer | null;

// The policy as data: the first rule that answers wins; otherwise an error page.
const rules: Rule[] = [
  // A refused field re-shows the form; a JSON client of a JSON route gets JSON instead.
  (error, failure, c) =>
    c.formAgain && isFieldError(error) && !(c.answersJson && c.wantsJson)
      ? { kind: 'form-again', failure, error }
      : null,
  // A dead manage link offers a fresh one, never a dead end.
  (error, failure, c) =>
    c.manageLink && isDeadLink(error) && !c.wantsJson
      ? {
          kind: 'fresh-link',
          failure,
          reason: error instanceof ExpiredTokenError ? 'expired' : 'invalid',
        }
      : null,
  (_, failure, c) => (c.wantsJson ? { kind: 'json', failure } : null),
];

/**
 * The one error policy of the web: decides how a failed request is answered,
 * from the error and what the request and its route declare. Pure; see
 * {@link errorAnswerOf} for the answer itself.
 */
export function answerError(error: unknown, context: ErrorContext): ErrorAnswer {
  const failure = toHttpError(error);
  for (const rule of rules) {
    const answer = rule(error, failure, context);
    if (answer) return answer;
  }
  return { kind: 'page', failure };
}

/**
 * The answer for a failed request. A `form-again` reaches here only when its
 * route has no form to show, and reads as the plain error page.
 */
export function errorAnswerOf(answer: ErrorAnswer): Answer {
  const { failure } = answer;
  switch (answer.kind) {
    case 'fresh-link':
      return page(linkRequestPage(failure.status, answer.reason));
    case 'json':
      return json(failure.status, {
        error: {
          code: failure.code,
          message: failure.message,
          ...(failure.field ? { field: failure.field } : {}),
        },
      });
    default:
      return page(errorPage(failure.status, failure.title, failure.message));
  }
}

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

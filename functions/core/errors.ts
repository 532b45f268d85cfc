/** Base of the domain's error taxonomy; HTTP mapping lives in one place (handlers/http/errors.ts). */
export class CoachError extends Error {
  override name = 'CoachError';
}

/** Input that breaks a rule; `field` names what to fix. */
export class ValidationError extends CoachError {
  override name = 'ValidationError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** A signed link that is malformed, tampered with, or signed for another purpose. */
export class InvalidTokenError extends CoachError {
  override name = 'InvalidTokenError';
}

/** A signed link that was genuine but has expired or was already used. */
export class ExpiredTokenError extends CoachError {
  override name = 'ExpiredTokenError';
}

/** Something the request names does not exist (or may not be revealed). */
export class NotFoundError extends CoachError {
  override name = 'NotFoundError';
}

/** A request body that is too large to accept. */
export class PayloadTooLargeError extends CoachError {
  override name = 'PayloadTooLargeError';
}

/** A request body in a format we do not accept. */
export class UnsupportedMediaTypeError extends CoachError {
  override name = 'UnsupportedMediaTypeError';
}

/** A concurrent writer changed the record first; the caller may re-read and retry. */
export class ConflictError extends CoachError {
  override name = 'ConflictError';
}

/** A request that is well formed but not allowed: a forged form or a foreign origin. */
export class ForbiddenError extends CoachError {
  override name = 'ForbiddenError';
}

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

/**
 * An event, message or request envelope that is not what its source sends (a
 * malformed SES receipt, SNS or EventBridge event, HTTP event, or MIME
 * message). Retrying cannot fix it: the edge logs `reason` and drops it.
 */
export class InvalidEventError extends CoachError {
  override name = 'InvalidEventError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The settings a function starts with are incomplete or wrong; the message names each. */
export class ConfigError extends CoachError {
  override name = 'ConfigError';
}

/** What went wrong handing an email to the mail service, as its adapter classifies it. */
export class MailError extends CoachError {
  override name = 'MailError';
}

/** The mail service answered that it did not send this time; sending later may work. */
export class MailRetryLaterError extends MailError {
  override name = 'MailRetryLaterError';
}

/** The mail service asked us to slow down; the send did not happen and may be retried. */
export class MailThrottledError extends MailRetryLaterError {
  override name = 'MailThrottledError';
}

/**
 * The mail service refused this very message for good (SES: MessageRejected,
 * for content it will not send); sending it again cannot help.
 */
export class MailRejectedError extends MailError {
  override name = 'MailRejectedError';
}

/** No answer from the mail service: the email may or may not have gone out. */
export class MailOutcomeUnknownError extends MailError {
  override name = 'MailOutcomeUnknownError';
}

/** The caller's `confirm` answered no: nothing was handed to the mail service. */
export class SendCancelledError extends MailError {
  override name = 'SendCancelledError';
}

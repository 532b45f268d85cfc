import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ExpiredTokenError,
  ForbiddenError,
  InvalidTokenError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../functions/core/errors.ts';
import {
  answerError,
  type ErrorContext,
  errorAnswerOf,
} from '../../functions/handlers/http/errors.ts';

/** An HTML client on a route that takes no manage link and has no form to show again. */
const plain: ErrorContext = {
  wantsJson: false,
  answersJson: false,
  manageLink: false,
  formAgain: false,
};

describe('answerError', () => {
  it('reads each error class as its status and code, on an error page', () => {
    // Prepare
    const errors = [
      new ValidationError('email', 'is not an address'),
      new InvalidTokenError('malformed link'),
      new ExpiredTokenError('this link has expired'),
      new ForbiddenError('this form was sent from another site'),
      new NotFoundError('We hold no data for this link any more.'),
      new PayloadTooLargeError('request body over 16384 bytes'),
      new UnsupportedMediaTypeError('content type text/plain is not accepted'),
      new ConflictError('please try again'),
      new Error('the table is down'),
    ];

    // Act
    const answers = errors.map((error) => answerError(error, plain));

    // Assess
    expect(answers.map((a) => [a.kind, a.failure.status, a.failure.code])).toEqual([
      ['page', 400, 'invalid_input'],
      ['page', 400, 'invalid_link'],
      ['page', 410, 'expired_link'],
      ['page', 403, 'forbidden'],
      ['page', 404, 'not_found'],
      ['page', 413, 'too_large'],
      ['page', 415, 'unsupported_media_type'],
      ['page', 409, 'conflict'],
      ['page', 500, 'internal'],
    ]);
  });

  it('never shows what an unknown error says', () => {
    // Prepare
    const error = new Error('connect ECONNREFUSED 10.0.0.7:8000');

    // Act
    const answer = errorAnswerOf(answerError(error, plain));

    // Assess
    expect(answer).toMatchObject({ kind: 'page', page: { status: 500 } });
    expect(JSON.stringify(answer)).not.toContain('ECONNREFUSED');
  });

  it('offers a fresh link for a dead manage link: expired, broken or missing its token', () => {
    // Prepare
    const manage = { ...plain, manageLink: true };
    const dead = [
      new ExpiredTokenError('this link has expired'),
      new InvalidTokenError('link signature does not match'),
      new ValidationError('t', 'the link is missing its token'),
    ];

    // Act
    const answers = dead.map((error) => answerError(error, manage));

    // Assess
    expect(answers.map((a) => a.kind === 'fresh-link' && [a.reason, a.failure.status])).toEqual([
      ['expired', 410],
      ['invalid', 400],
      ['invalid', 400],
    ]);
    expect(errorAnswerOf(answers[0]!)).toMatchObject({
      kind: 'page',
      page: { status: 410, title: 'This link has expired' },
    });
    expect(errorAnswerOf(answers[1]!)).toMatchObject({
      page: { status: 400, title: 'This link does not work' },
    });
  });

  it('keeps the plain error page for dead links that are not manage links', () => {
    // Prepare
    const error = new ExpiredTokenError('this link has expired');

    // Act
    const answer = errorAnswerOf(answerError(error, plain));

    // Assess
    expect(answer).toMatchObject({ page: { status: 410, title: 'This link has expired' } });
    expect(JSON.stringify(answer)).not.toContain('/manage/link');
  });

  it('answers JSON when asked, naming the field, even for a dead manage link', () => {
    // Prepare
    const json = { ...plain, wantsJson: true, manageLink: true };

    // Act
    const field = errorAnswerOf(answerError(new ValidationError('email', 'is too long'), json));
    const link = errorAnswerOf(answerError(new ExpiredTokenError('this link has expired'), json));

    // Assess
    expect(field).toEqual({
      kind: 'json',
      status: 400,
      body: { error: { code: 'invalid_input', message: 'email: is too long', field: 'email' } },
    });
    expect(link).toEqual({
      kind: 'json',
      status: 410,
      body: { error: { code: 'expired_link', message: 'this link has expired' } },
    });
  });

  it('shows the form again for a refused field, unless a JSON route was asked for JSON', () => {
    // Prepare
    const refused = new ValidationError('sendHour', 'must be a whole hour from 7 to 20');
    const contexts: ErrorContext[] = [
      { ...plain, formAgain: true },
      // Manage forms are HTML only: a JSON post still gets its page back.
      { ...plain, formAgain: true, wantsJson: true },
      // Signup speaks JSON to its script.
      { ...plain, formAgain: true, wantsJson: true, answersJson: true },
      // Before the use case ran (reading the body): no form to show again.
      plain,
    ];

    // Act
    const kinds = contexts.map((context) => answerError(refused, context).kind);

    // Assess
    expect(kinds).toEqual(['form-again', 'form-again', 'json', 'page']);
  });

  it('never shows a form again for a dead link token', () => {
    // Prepare
    const missing = new ValidationError('t', 'the link is missing its token');

    // Act
    const answer = answerError(missing, { ...plain, formAgain: true, manageLink: true });

    // Assess
    expect(answer.kind).toBe('fresh-link');
  });
});

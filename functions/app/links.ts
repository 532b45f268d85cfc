import { type SigningKey, verifyToken } from '../core/tokens.ts';

/**
 * What checking a link needs: the keys that sign links and the current time.
 * Kept this narrow so a prompt page never needs the store or the mailer.
 */
export interface LinkCheckDeps {
  settings: { keys: readonly SigningKey[] };
  clock: { now(): Date };
}

/**
 * Checks an emailed confirmation link before its prompt is shown. Changes
 * nothing: confirming takes a press (a POST), so link scanners that open links
 * cannot subscribe anyone; this only spares a dead link its button. Throws
 * InvalidTokenError for a tampered or foreign link, ExpiredTokenError for an
 * expired one.
 */
export function checkConfirmLink(deps: LinkCheckDeps, token: string): void {
  verifyToken(deps.settings.keys, 'confirm', token, deps.clock.now());
}

/**
 * Checks an emailed unsubscribe link before its prompt is shown. Changes
 * nothing: a GET never unsubscribes. Throws InvalidTokenError for a tampered or
 * foreign link (unsubscribe links never expire).
 */
export function checkUnsubscribeLink(deps: LinkCheckDeps, token: string): void {
  verifyToken(deps.settings.keys, 'unsubscribe', token, deps.clock.now());
}

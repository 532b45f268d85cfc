import { deleteEverything } from '../../functions/app/manage.ts';
import { suppressAddress } from '../../functions/app/operator.ts';
import { linkLifetimes } from '../../functions/core/compose.ts';
import { signToken } from '../../functions/core/tokens.ts';
import { consoleDeps } from '../deps.ts';
import { ConsoleError, type ConsoleIo, printJson } from '../io.ts';
import { openTarget } from '../target.ts';
import { emailArgument, subscriberIdOf } from './subscriber.ts';

/**
 * `coach erase <email> --yes`: what "Delete everything" on the manage page
 * does, the same use case (deleteEverything), from the operator's side. The
 * operator holds the signing keys, so the console signs the manage link the
 * person would have used; it never leaves this process.
 */
export async function eraseCommand(
  io: ConsoleIo,
  address: string,
  options: { yes?: boolean; json?: boolean; stack?: string },
): Promise<void> {
  const email = emailArgument(address);
  if (!options.yes) {
    throw new ConsoleError(
      `erasing deletes every record of ${email} and cannot be undone: run again with --yes`,
    );
  }
  const target = await openTarget(io, options);
  try {
    const deps = { ...consoleDeps(target, io), rawMail: target.rawMail };
    const subscriberId = await subscriberIdOf(deps, email);
    const now = deps.clock.now();
    const token = signToken(deps.settings.keys, 'manage', {
      subscriberId,
      expiresAt: new Date(now.getTime() + linkLifetimes.manageMs),
      data: '',
    });
    await deleteEverything(deps, token);
    if (options.json) printJson(io, { erased: email, subscriberId });
    else {
      io.stdout.write(
        `erased ${email} (${subscriberId}): every record, the address lookup and stored replies; a keyed hash of the address stays as proof\n`,
      );
    }
  } finally {
    target.destroy();
  }
}

/**
 * `coach suppress <email>`: stops all mail to the address for good, as the
 * bounce handler does for a permanent bounce or a complaint.
 */
export async function suppressCommand(
  io: ConsoleIo,
  address: string,
  options: { json?: boolean; stack?: string },
): Promise<void> {
  const email = emailArgument(address);
  const target = await openTarget(io, options);
  try {
    const deps = consoleDeps(target, io);
    const result = await suppressAddress(deps, email);
    if (result.outcome === 'unknown') {
      throw new ConsoleError(`no subscriber has the address ${email}; nothing to suppress`);
    }
    if (options.json) printJson(io, { email, ...result });
    else {
      io.stdout.write(
        result.outcome === 'suppressed'
          ? `suppressed ${email}: nothing more is sent to it, and a new signup changes nothing\n`
          : `${email} was already suppressed\n`,
      );
    }
  } finally {
    target.destroy();
  }
}

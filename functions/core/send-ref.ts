/**
 * The name one send goes by outside the ledger: in the `X-Coach-Send` header
 * and the SES `send` tag, so SES's own record of what it sent (its Send
 * events, or the local emulator's store) can settle a send whose outcome the
 * coach never learned. SES tag values allow letters, digits, `_` and `-`;
 * subscriber ids are lowercase base32 and send keys `[a-z0-9-]`, so `_`
 * separates them unambiguously.
 */
export function sendRef(subscriberId: string, sendKey: string): string {
  return `${subscriberId}_${sendKey}`;
}

const refPattern = /^([a-z2-7]{1,64})_([a-z0-9-]{1,180})$/;

/** The subscriber and send key a ref names, or null for anything we did not write. */
export function parseSendRef(ref: string): { subscriberId: string; sendKey: string } | null {
  const match = refPattern.exec(ref);
  return match ? { subscriberId: match[1] as string, sendKey: match[2] as string } : null;
}

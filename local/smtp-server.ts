import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import type { InboundResult } from '../functions/handlers/inbound-handler.ts';
import type { FolderRawMailStore } from './folder-raw-mail.ts';

/** Settings of the local reply server. */
export interface SmtpOptions {
  port: number;
  replyDomain: string;
  rawMail: FolderRawMailStore;
  rawPrefix: string;
  maxBytes: number;
  /** The stack's (dev) clock, so a reply is received at the coach's notion of now. */
  clock: () => Date;
  /** The same inbound handler the Lambda runs, fed the same SES receipt event shape. */
  handler: (event: unknown) => Promise<InboundResult>;
}

/** A running SMTP server. */
export interface RunningSmtp {
  port: number;
  stop(): Promise<void>;
}

/** What {@link collectMessage} read from one DATA stream. */
export interface CollectedMessage {
  /** The chunks held: the whole message, or none once it passed the limit. */
  chunks: Buffer[];
  /** Bytes the stream carried, all of them counted even when discarded. */
  size: number;
  tooLarge: boolean;
}

/**
 * Reads a message stream to its end (SMTP needs the whole DATA read before it
 * may answer), holding at most `maxBytes`: once the message passes the limit,
 * what was kept is dropped and the rest is only counted as it streams past, so
 * memory stays bounded whatever a client sends.
 */
export function collectMessage(stream: Readable, maxBytes: number): Promise<CollectedMessage> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        chunks = [];
        return;
      }
      chunks.push(chunk);
    });
    stream.once('error', reject);
    stream.once('end', () => {
      const exceeded = (stream as unknown as { sizeExceeded?: boolean }).sizeExceeded === true;
      resolve({ chunks, size, tooLarge: exceeded || size > maxBytes });
    });
  });
}

function smtpError(message: string, code: number): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The local twin of SES inbound: accepts mail for the reply domain only, stores
 * the raw message in a folder (as the S3 action would) and calls the inbound
 * handler with an SES receipt event. Answers only after the reply is read, so a
 * client that gets 250 knows the check-in is stored.
 */
export async function startSmtp(options: SmtpOptions): Promise<RunningSmtp> {
  const domain = options.replyDomain.toLowerCase();
  const server = new SMTPServer({
    name: 'drip-coach.local',
    banner: 'drip-coach local reply server',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    logger: false,
    onRcptTo(address, _session, callback) {
      const rcpt = address.address.toLowerCase();
      if (!rcpt.endsWith(`@${domain}`)) {
        callback(smtpError(`550 5.1.1 this server only accepts mail for ${domain}`, 550));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      collectMessage(stream, options.maxBytes).then(
        async ({ chunks, tooLarge }) => {
          if (tooLarge) {
            callback(smtpError('552 5.3.4 message too large', 552));
            return;
          }
          const messageId = `local-${Date.now()}-${randomBytes(6).toString('hex')}`;
          try {
            const file = options.rawMail.path(`${options.rawPrefix}${messageId}`);
            await mkdir(dirname(file), { recursive: true });
            await writeFile(file, Buffer.concat(chunks));
            const recipients = session.envelope.rcptTo.map((r) => r.address);
            const answer = await options.handler({
              Records: [
                {
                  eventSource: 'aws:ses',
                  ses: {
                    mail: {
                      messageId,
                      timestamp: options.clock().toISOString(),
                      source: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                      destination: recipients,
                    },
                    receipt: {
                      recipients,
                      spamVerdict: { status: 'PASS' },
                      virusVerdict: { status: 'PASS' },
                    },
                  },
                },
              ],
            });
            const outcome =
              answer.status === 'handled' ? (answer.results[0]?.outcome ?? 'dropped') : 'dropped';
            callback(null, `queued as ${messageId}: ${outcome}`);
          } catch (error) {
            console.error('local inbound failed', error);
            callback(smtpError('451 4.3.0 temporary failure, try again', 451));
          }
        },
        (error: unknown) => {
          console.error('local inbound stream failed', error);
          callback(smtpError('451 4.3.0 temporary failure, try again', 451));
        },
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

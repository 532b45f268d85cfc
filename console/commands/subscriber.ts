import { createWriteStream, type WriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { CoachDeps } from '../../functions/app/deps.ts';
import { buildDataExport } from '../../functions/core/data-export.ts';
import { ValidationError } from '../../functions/core/errors.ts';
import { parseEmailField } from '../../functions/core/subscriber.ts';
import { consoleDeps } from '../deps.ts';
import { ConsoleError, type ConsoleIo, printJson, progressBar } from '../io.ts';
import { openTarget, type Target } from '../target.ts';
import { buildTimeline, timelineText } from '../timeline.ts';

/** A valid address from an argument, or an error naming it. */
export function emailArgument(value: string): string {
  try {
    return parseEmailField({ email: value });
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ConsoleError(`<email>: "${value}" ${error.reason}`);
    }
    throw error;
  }
}

/** The subscriber id registered for an address, or an error saying there is none. */
export async function subscriberIdOf(deps: Pick<CoachDeps, 'subscribers'>, email: string) {
  const id = await deps.subscribers.findIdByEmail(email);
  if (!id) throw new ConsoleError(`no subscriber has the address ${email}`);
  return id;
}

/** `coach subscriber <email>`: one person's timeline and what comes next. */
export async function subscriberCommand(
  io: ConsoleIo,
  address: string,
  options: { json?: boolean; stack?: string },
): Promise<void> {
  const email = emailArgument(address);
  const target = await openTarget(io, options);
  try {
    const deps = consoleDeps(target, io);
    const id = await subscriberIdOf(deps, email);
    const subscriber = await deps.subscribers.get(id);
    if (!subscriber) throw new ConsoleError(`no subscriber has the address ${email}`);
    const [sends, checkIns, inbound] = await Promise.all([
      deps.ledger.list(id),
      deps.checkIns.list(id),
      deps.inbound.list(id),
    ]);
    const course = deps.courses[subscriber.courseId];
    const timeline = buildTimeline({ subscriber, course, sends, checkIns, inbound });
    if (options.json) {
      printJson(io, timeline);
      return;
    }
    io.stdout.write(
      timelineText(timeline, (emailId) => course?.emails[emailId]?.subject ?? emailId),
    );
  } finally {
    target.destroy();
  }
}

/** Every subscriber id, from a scan that reads only the profiles' keys. */
async function profileIds(target: Target): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await target.dynamodb.send(
      new ScanCommand({
        TableName: target.config.TABLE_NAME,
        ProjectionExpression: 'pk',
        FilterExpression: 'sk = :profile AND begins_with(pk, :sub)',
        ExpressionAttributeValues: { ':profile': { S: 'profile' }, ':sub': { S: 'sub#' } },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      ids.push(String(unmarshall(item).pk).slice('sub#'.length));
    }
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return ids.sort();
}

/**
 * `coach export`: every subscriber as one JSON line each, in the shape of the
 * manage page's "Download my data" (core/data-export.ts), to stdout or a file.
 */
export async function exportCommand(
  io: ConsoleIo,
  options: { out?: string; json?: boolean; stack?: string },
): Promise<void> {
  const target = await openTarget(io, options);
  let file: WriteStream | undefined;
  try {
    const deps = consoleDeps(target, io);
    const ids = await profileIds(target);
    const path = options.out ? resolve(io.cwd, options.out) : undefined;
    if (path) file = createWriteStream(path);
    const write = (line: string) =>
      file ? new Promise<void>((done) => file?.write(line, () => done())) : io.stdout.write(line);
    const progress = progressBar(io, {
      label: 'exporting',
      total: ids.length,
      json: options.json || !path,
    });
    let exported = 0;
    for (const id of ids) {
      const subscriber = await deps.subscribers.get(id);
      progress.increment();
      if (!subscriber) continue; // erased meanwhile
      const [checkIns, sends, inbound] = await Promise.all([
        deps.checkIns.list(id),
        deps.ledger.list(id),
        deps.inbound.list(id),
      ]);
      const data = buildDataExport({
        subscriber,
        courseTitle: deps.courses[subscriber.courseId]?.title ?? subscriber.courseId,
        checkIns,
        sends,
        inbound,
        now: deps.clock.now(),
      });
      await write(`${JSON.stringify(data)}\n`);
      exported++;
    }
    progress.stop();
    if (path) {
      await new Promise<void>((done) => file?.end(() => done()));
      file = undefined;
      if (options.json) printJson(io, { out: path, subscribers: exported });
      else io.stdout.write(`wrote ${exported} subscribers to ${options.out}\n`);
    }
  } finally {
    file?.end();
    target.destroy();
  }
}

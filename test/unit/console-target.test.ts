import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleIo } from '../../console/io.ts';
import { openTarget } from '../../console/target.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function io(env: Record<string, string>, outputs?: Record<string, string>): ConsoleIo {
  const quiet = { write: () => true };
  return {
    stdout: quiet,
    stderr: quiet,
    env,
    cwd: process.cwd(),
    ...(outputs ? { stackOutputs: async () => outputs } : {}),
  };
}

const keys = `k1:${'z'.repeat(40)}`;

describe('finding the coach to work on', () => {
  it('reads a deployed stack’s settings from its outputs, with no local stack', async () => {
    const settings = {
      TABLE_NAME: 'DripCoach-Table-1',
      FROM_ADDRESS: 'coach@example.org',
      OPERATOR_EMAIL: 'operator@example.com',
      REPLY_DOMAIN: 'reply.example.org',
      BASE_URL: 'https://coach.example.org',
      POSTAL_ADDRESS: 'Example Org, 1 Main Street',
      DUE_SHARDS: '4',
      TOKEN_KEYS: keys,
      RAW_MAIL_BUCKET: 'dripcoach-replies',
    };
    const target = await openTarget(io({}, { ConsoleSettings: JSON.stringify(settings) }), {
      stack: 'DripCoach',
    });
    try {
      expect(target.kind).toBe('aws');
      expect(target.description).toBe('stack DripCoach (table DripCoach-Table-1)');
      expect(target.config).toMatchObject({ TABLE_NAME: 'DripCoach-Table-1', DUE_SHARDS: 4 });
      expect(target.keys).toEqual([{ id: 'k1', secret: 'z'.repeat(40) }]);
      expect(target.rawMail).not.toBeNull();
    } finally {
      target.destroy();
    }
  });

  it('names what is wrong with a stack’s settings', async () => {
    await expect(
      openTarget(io({}, { ConsoleSettings: JSON.stringify({ TABLE_NAME: 't' }) }), {
        stack: 'Half',
      }),
    ).rejects.toThrow(/^stack Half: invalid configuration: FROM_ADDRESS is missing/);
  });

  it('finds the local stack through DATA_DIR, and says when it is not running', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'drip-target-'));
    dirs.push(dataDir);
    await expect(openTarget(io({ DATA_DIR: dataDir }), {})).rejects.toThrow(
      /no local stack found: .*stack\.json does not exist/,
    );
    const running = {
      pid: process.pid,
      url: 'http://localhost:3999',
      sesUrl: 'http://localhost:8999',
      smtpPort: 2999,
      dynamoEndpoint: 'http://127.0.0.1:9999',
      tableName: 'drip-local',
    };
    writeFileSync(join(dataDir, 'stack.json'), JSON.stringify(running));
    writeFileSync(join(dataDir, 'token-keys'), keys);
    const target = await openTarget(io({ DATA_DIR: dataDir }), {});
    try {
      expect(target.kind).toBe('local');
      expect(target.config).toMatchObject({
        TABLE_NAME: 'drip-local',
        BASE_URL: 'http://localhost:3999',
        FROM_ADDRESS: 'coach@drip-coach.test',
        OPERATOR_EMAIL: 'operator@drip-coach.test',
      });
    } finally {
      target.destroy();
    }
    // A pid no process has: the stack stopped without removing its file.
    writeFileSync(join(dataDir, 'stack.json'), JSON.stringify({ ...running, pid: 2 ** 22 + 7 }));
    await expect(openTarget(io({ DATA_DIR: dataDir }), {})).rejects.toThrow(/is not running/);
  });

  it('takes emulators named by the environment', async () => {
    const target = await openTarget(
      io({
        AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9998',
        AWS_ENDPOINT_URL_SESV2: 'http://127.0.0.1:9997',
        TABLE_NAME: 'shared',
        TOKEN_KEYS: keys,
        DATA_DIR: tmpdir(),
      }),
      {},
    );
    try {
      expect(target.kind).toBe('env');
      expect(target.description).toBe('emulators at http://127.0.0.1:9998, table shared');
    } finally {
      target.destroy();
    }
  });
});

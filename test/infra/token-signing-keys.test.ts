import { describe, expect, it, vi } from 'vitest';
import { type Config, ConfigError, loadConfig, parseKeyList } from '../../functions/config.ts';
import { loadSigningKeys } from '../../functions/wiring.ts';
import {
  applyEvent,
  type CustomResourceEvent,
  newKeyList,
  type PutParameter,
} from '../../infra/token-keys-provider.ts';

/** A CloudFormation event for the key parameter resource. */
function event(
  requestType: CustomResourceEvent['RequestType'],
  properties: CustomResourceEvent['ResourceProperties'] = {},
  physicalId?: string,
): CustomResourceEvent {
  return {
    RequestType: requestType,
    ResponseURL: 'https://cloudformation-custom-resource-response.example/x',
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/DripCoach/1',
    RequestId: 'r1',
    LogicalResourceId: 'TokenSigningKeysParameterA62F9262',
    ...(physicalId ? { PhysicalResourceId: physicalId } : {}),
    ResourceProperties: {
      ParameterName: '/DripCoach/token-signing-keys',
      KeyId: 'p1',
      Description: 'keys',
      ...properties,
    },
  };
}

/** An SSM stand-in: one parameter store, PutParameter without overwrite. */
function fakeStore() {
  const values = new Map<string, string>();
  const put: PutParameter = vi.fn(async ({ Name, Value }) => {
    if (values.has(Name)) return 'exists';
    values.set(Name, Value);
    return 'created';
  });
  return { values, put };
}

describe('the key parameter provider (deploy time)', () => {
  it('creates a key list the functions accept: one key, p1, 64 random characters', async () => {
    const { values, put } = fakeStore();
    const done = await applyEvent(event('Create'), put);
    expect(done).toEqual({ physicalId: '/DripCoach/token-signing-keys', outcome: 'created' });
    const value = values.get('/DripCoach/token-signing-keys') ?? '';
    expect(value).toMatch(/^p1:[A-Za-z0-9_-]{64}$/);
    expect(parseKeyList(value)).toEqual([{ id: 'p1', secret: value.slice(3) }]);
    // A fresh random key each time, never a constant.
    expect(newKeyList('p1')).not.toBe(newKeyList('p1'));
  });

  it('never overwrites keys that are there: a redeploy, an upgrade or a restore keeps them', async () => {
    const { values, put } = fakeStore();
    values.set('/DripCoach/token-signing-keys', 'k1:kept-from-before-kept-from-before-00');
    for (const type of ['Create', 'Update'] as const) {
      const done = await applyEvent(event(type, {}, '/DripCoach/token-signing-keys'), put);
      expect(done.outcome).toBe('exists');
    }
    expect(values.get('/DripCoach/token-signing-keys')).toBe(
      'k1:kept-from-before-kept-from-before-00',
    );
  });

  it('leaves the parameter on delete, and on a rename keeps the old one', async () => {
    const { values, put } = fakeStore();
    await applyEvent(event('Create'), put);
    const deleted = await applyEvent(event('Delete', {}, '/DripCoach/token-signing-keys'), put);
    expect(deleted).toEqual({
      physicalId: '/DripCoach/token-signing-keys',
      outcome: 'kept on delete',
    });
    const renamed = await applyEvent(
      event('Update', { ParameterName: '/Other/keys' }, '/DripCoach/token-signing-keys'),
      put,
    );
    expect(renamed.physicalId).toBe('/Other/keys');
    expect([...values.keys()].sort()).toEqual(['/DripCoach/token-signing-keys', '/Other/keys']);
  });

  it('refuses a malformed name or key id instead of writing something unreadable', async () => {
    const { put } = fakeStore();
    await expect(applyEvent(event('Create', { ParameterName: 'relative' }), put)).rejects.toThrow(
      /ParameterName/,
    );
    await expect(applyEvent(event('Create', { KeyId: 'K:1' }), put)).rejects.toThrow(/KeyId/);
    expect(put).not.toHaveBeenCalled();
  });
});

describe('loadSigningKeys (cold start)', () => {
  const base = {
    TABLE_NAME: 't',
    FROM_ADDRESS: 'coach@example.com',
    OPERATOR_EMAIL: 'operator@example.com',
    REPLY_DOMAIN: 'reply.example.com',
    BASE_URL: 'https://coach.example.com',
    POSTAL_ADDRESS: '1 Main Street',
  };
  const secret = 'a'.repeat(40);

  it('requires TOKEN_KEYS or TOKEN_PARAMETER_NAME, and a parameter name that SSM accepts', () => {
    expect(() => loadConfig(base)).toThrow(/set TOKEN_KEYS or TOKEN_PARAMETER_NAME/);
    expect(() => loadConfig({ ...base, TOKEN_PARAMETER_NAME: 'no spaces allowed' })).toThrow(
      /TOKEN_PARAMETER_NAME: an SSM parameter name/,
    );
    expect(
      loadConfig({ ...base, TOKEN_PARAMETER_NAME: '/DripCoach/token-signing-keys' }),
    ).toMatchObject({ TOKEN_PARAMETER_NAME: '/DripCoach/token-signing-keys' });
  });

  it('takes TOKEN_KEYS as given, reading nothing', async () => {
    const read = vi.fn();
    const config = loadConfig({ ...base, TOKEN_KEYS: `k1:${secret}` });
    expect(await loadSigningKeys(config, read)).toEqual([{ id: 'k1', secret }]);
    expect(read).not.toHaveBeenCalled();
  });

  it('reads and decrypts the parameter once per process, however often it is asked', async () => {
    const read = vi.fn(async () => `k2:${secret}b,p1:${secret}`);
    const config = loadConfig({ ...base, TOKEN_PARAMETER_NAME: '/Once/token-signing-keys' });
    const [first, second] = await Promise.all([
      loadSigningKeys(config, read),
      loadSigningKeys(config, read),
    ]);
    expect(await loadSigningKeys(config, read)).toBe(first);
    expect(second).toBe(first);
    expect(first).toEqual([
      { id: 'k2', secret: `${secret}b` },
      { id: 'p1', secret },
    ]);
    expect(read).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledWith('/Once/token-signing-keys');
  });

  it('does not cache a failed read, and never puts the value in an error', async () => {
    const config: Config = loadConfig({ ...base, TOKEN_PARAMETER_NAME: '/Retry/keys' });
    const failing = vi.fn(async () => {
      throw new Error('AccessDeniedException');
    });
    await expect(loadSigningKeys(config, failing)).rejects.toThrow('AccessDeniedException');
    const malformed = vi.fn(async () => 'p1:short-and-secret');
    const error = await loadSigningKeys(config, malformed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toMatch(/\/Retry\/keys is not a key list/);
    expect(String(error)).not.toContain('short-and-secret');
    await expect(loadSigningKeys(config, async () => undefined)).rejects.toThrow(/is empty/);
    const good = vi.fn(async () => `p1:${secret}`);
    expect(await loadSigningKeys(config, good)).toEqual([{ id: 'p1', secret }]);
  });
});

import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import { createLogger } from '@onething/runtime';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicantKey, formLimits } from '../src/forms/form-limits';

const log = createLogger('form-limits-test', 'silent');
const REDIS_URL = 'redis://127.0.0.1:6379';
const redisUp = await new Promise<boolean>((resolve) => {
  const socket = createConnection({ host: '127.0.0.1', port: 6379 }, () => {
    socket.end();
    resolve(true);
  });
  socket.once('error', () => resolve(false));
});
if (!redisUp && process.env.REQUIRE_REDIS)
  throw new Error(`REQUIRE_REDIS is set but ${REDIS_URL} does not answer`);

const me = '11010519491231002X';
const other = '440524188001010014';

describe.each([
  { store: 'memory', redisUrl: undefined },
  ...(redisUp ? [{ store: 'Redis', redisUrl: REDIS_URL }] : []),
])('checkForm and prefillForm limits per applicant in $store', ({ redisUrl }) => {
  // A secret of this run's own: its counters in a shared Redis are its own.
  const limits = formLimits({
    checksPerMinute: 3,
    prefillsPerMinute: 1,
    lifted: false,
    redisUrl,
    secret: randomBytes(32),
    log,
  });
  beforeAll(() => limits.ready());
  afterAll(() => limits.close());

  it('refuses past the limit with RATE_LIMITED and when to retry, each applicant and operation apart', async () => {
    for (let i = 0; i < 3; i++) await limits.consume('checkForm', me);
    const refused = await limits.consume('checkForm', me).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(GraphQLError);
    expect((refused as GraphQLError).extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 3 });
    expect((refused as GraphQLError).extensions.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await expect(limits.consume('checkForm', other)).resolves.toBeUndefined();
    await expect(limits.consume('prefillForm', me)).resolves.toBeUndefined();
    await expect(limits.consume('prefillForm', me)).rejects.toThrow(/limit is 1 a minute/);
  });
});

describe('the key of an applicant’s counter', () => {
  it('holds no ID number and depends on the secret', () => {
    const key = applicantKey(me, Buffer.from('a'));
    expect(key).not.toContain(me);
    expect(key).toBe(applicantKey(me, Buffer.from('a')));
    expect(key).not.toBe(applicantKey(me, Buffer.from('b')));
    expect(key).not.toBe(applicantKey(other, Buffer.from('a')));
  });
});

describe('lifted limits (LIMITS_LIFTED)', () => {
  it('refuse nothing', async () => {
    const lifted = formLimits({
      checksPerMinute: 1,
      prefillsPerMinute: 1,
      lifted: true,
      secret: Buffer.from('x'),
      log,
    });
    for (let i = 0; i < 5; i++) await lifted.consume('checkForm', me);
  });
});

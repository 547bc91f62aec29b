import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support';

// The whole stack with its limits on (test stacks lift them), small enough for a test to reach.
const ANONYMOUS_PER_MINUTE = 30;
const CHECKS_PER_MINUTE = 3;
const QUOTA_FILES = 2;

const png = () =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2000)]);

describe('rate limits and quotas on the whole stack', () => {
  let s: TestStack;
  let citizen: string;
  const material = async (method: string, path: string, token: string, body?: Buffer) => {
    const res = await fetch(`${s.gatewayUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'image/png' } : {}) },
      ...(body ? { body } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
  };

  beforeAll(async () => {
    s = await startTestStack({
      env: { LIMITS_LIFTED: 'false', RATE_LIMIT_ANONYMOUS: String(ANONYMOUS_PER_MINUTE) },
      hallEnv: {
        FORM_CHECKS_PER_MINUTE: String(CHECKS_PER_MINUTE),
        MATERIAL_QUOTA_FILES: String(QUOTA_FILES),
      },
    });
    citizen = await s.token('citizen');
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('answers a burst from one anonymous client with 429 RATE_LIMITED and Retry-After, and serves another identity', async () => {
    const burst = await Promise.all(
      Array.from({ length: ANONYMOUS_PER_MINUTE + 10 }, () =>
        fetch(`${s.gatewayUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        }),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((x) => x === 200)).toHaveLength(ANONYMOUS_PER_MINUTE);
    expect(statuses.filter((x) => x === 429)).toHaveLength(10);
    const refused = burst.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await refused.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['RATE_LIMITED']);

    // The same address signed in is counted by its account, and served.
    const signedIn = await s.gql<{ __typename: string }>('{ __typename }', {}, citizen);
    expect(signedIn.status).toBe(200);
    expect(signedIn.data).toEqual({ __typename: 'Query' });
    expect(await s.metric(s.gatewayUrl, 'onething_gateway_rate_limited_total')).toBe(10);
  });

  it('refuses an applicant’s checkForm past their limit, before any department is asked', async () => {
    const check = () =>
      s.gql(
        'query C($v: [FormValueInput!]!) { checkForm(bundleCode: "HOUSE-TRANSFER", values: $v, materials: []) { valid } }',
        { v: [] },
        citizen,
      );
    for (let i = 0; i < CHECKS_PER_MINUTE; i++) expect((await check()).errors).toBeUndefined();
    const refused = await check();
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('holds an applicant to the upload quota, and lets them delete an upload to make room', async () => {
    const uploads = [];
    for (let i = 0; i < QUOTA_FILES; i++) {
      const r = await material('POST', '/materials', citizen, png());
      expect(r.status).toBe(201);
      uploads.push(r.body.id as string);
    }
    const refused = await material('POST', '/materials', citizen, png());
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions).toMatchObject({
      code: 'MATERIAL_QUOTA_EXCEEDED',
      maxFiles: QUOTA_FILES,
    });
    // Someone else cannot delete it; its owner can.
    const seller = await s.token('seller');
    expect((await material('DELETE', `/materials/${uploads[0]}`, seller)).status).toBe(404);
    expect((await material('DELETE', `/materials/${uploads[0]}`, citizen)).status).toBe(204);
    expect((await material('GET', `/materials/${uploads[0]}`, citizen)).status).toBe(404);
    expect((await material('POST', '/materials', citizen, png())).status).toBe(201);
  });
});

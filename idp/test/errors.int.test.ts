import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp } from './support';

/** Every error answer is OAuth-shaped: a code and a description saying what to do. */
function expectError(answer: { status: number; body: unknown }, status: number, error: string) {
  expect(answer.status).toBe(status);
  expect(answer.body).toEqual({ error, error_description: expect.any(String) });
}

describe('refused token requests', () => {
  let t: Awaited<ReturnType<typeof startIdp>>;
  beforeAll(async () => {
    t = await startIdp();
  });
  afterAll(() => t.idp.close());

  it('names the known personas when an unknown one is asked for', async () => {
    for (const answer of [
      await t.form({ grant_type: 'persona', persona: 'president' }),
      await t.call('GET', '/token?persona=president'),
    ]) {
      expectError(answer, 400, 'invalid_request');
      expect(answer.body.error_description).toContain('"president"');
      for (const id of ['citizen', 'seller', 'legal-rep', 'window-staff', 'staff-fund'])
        expect(answer.body.error_description).toContain(id);
    }
    const missing = await t.call('GET', '/token');
    expectError(missing, 400, 'invalid_request');
    expect(missing.body.error_description).toContain('persona is missing');
  });

  it('answers unsupported_grant_type for an unknown grant, listing the grants it takes', async () => {
    const answer = await t.form({ grant_type: 'password', username: 'a', password: 'b' });
    expectError(answer, 400, 'unsupported_grant_type');
    expect(answer.body.error_description).toMatch(/persona.*client_credentials.*custom/);
    const none = await t.json({ persona: 'citizen' });
    expectError(none, 400, 'invalid_request');
    expect(none.body.error_description).toContain('grant_type is missing');
  });

  it('refuses malformed bodies with invalid_request', async () => {
    expectError(
      await t.call('POST', '/token', {
        body: '{"grant_type":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'invalid_request',
    );
    expectError(await t.json(['persona', 'citizen']), 400, 'invalid_request');
    expectError(await t.json({ grant_type: 'persona', persona: 42 }), 400, 'invalid_request');
    const repeated = await t.call('POST', '/token', {
      body: 'grant_type=persona&persona=citizen&persona=seller',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectError(repeated, 400, 'invalid_request');
    expect(repeated.body.error_description).toContain('persona is sent more than once');
    const plain = await t.call('POST', '/token', {
      body: 'persona',
      headers: { 'content-type': 'text/plain' },
    });
    expectError(plain, 415, 'invalid_request');
    expect(plain.body.error_description).toContain('application/x-www-form-urlencoded');
    expectError(
      await t.call('POST', '/token', {
        body: `grant_type=persona&persona=${'x'.repeat(70_000)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      413,
      'invalid_request',
    );
  });

  it('answers 404 not_found listing the endpoints for an unknown path', async () => {
    const answer = await t.call('GET', '/authorize?client_id=x');
    expectError(answer, 404, 'not_found');
    expect(answer.body.error_description).toContain('/.well-known/jwks.json');
  });

  it('refuses client credentials in the URL: GET /token takes a persona only', async () => {
    const answer = await t.call('GET', '/token?grant_type=client_credentials&client_id=hall&client_secret=x');
    expectError(answer, 400, 'invalid_request');
    expect(answer.body.error_description).toContain('persona is missing');
  });
});

describe('a provider with custom tokens disabled', () => {
  let t: Awaited<ReturnType<typeof startIdp>>;
  beforeAll(async () => {
    t = await startIdp({ allowCustomTokens: false });
  });
  afterAll(() => t.idp.close());

  it('refuses the custom grant with 403 unauthorized_client and leaves it out of discovery', async () => {
    const answer = await t.json({ grant_type: 'custom', claims: { role: 'window-staff', name: '张三' } });
    expectError(answer, 403, 'unauthorized_client');
    expect(answer.body.error_description).toContain('ALLOW_CUSTOM_TOKENS');
    const discovery = await t.call('GET', '/.well-known/openid-configuration');
    expect(discovery.body.grant_types_supported).toEqual(['persona', 'client_credentials']);
    const unknown = await t.form({ grant_type: 'nope' });
    expect(unknown.body.error_description).not.toContain('custom');
  });

  it('still issues persona tokens', async () => {
    expect((await t.form({ grant_type: 'persona', persona: 'citizen' })).status).toBe(200);
  });
});

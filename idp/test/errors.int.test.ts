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

  it('answers unsupported_grant_type for a grant it does not take', async () => {
    const answer = await t.form({
      grant_type: 'password',
      client_id: 'dev-tools',
      username: 'a',
      password: 'b',
    });
    expectError(answer, 400, 'unsupported_grant_type');
    const none = await t.form({ persona: 'citizen', client_id: 'dev-tools' });
    expectError(none, 400, 'invalid_request');
    expect(none.body.error_description).toContain('grant_type');
  });

  it('refuses a token request that is not a form, or sends a parameter twice', async () => {
    const json = await t.call('POST', '/token', {
      body: JSON.stringify({ grant_type: 'persona', persona: 'citizen', client_id: 'dev-tools' }),
      headers: { 'content-type': 'application/json' },
    });
    expectError(json, 400, 'invalid_request');
    const repeated = await t.call('POST', '/token', {
      body: 'grant_type=persona&client_id=dev-tools&persona=citizen&persona=seller',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectError(repeated, 400, 'invalid_request');
    expect(repeated.body.error_description).toContain('persona');
  });

  it('refuses the development grants to every client but dev-tools', async () => {
    const answer = await t.form({
      grant_type: 'persona',
      persona: 'citizen',
      client_id: 'hall',
      client_secret: 'hall-test-secret',
    });
    expectError(answer, 400, 'invalid_request');
    expect(answer.body.error_description).toContain('not allowed for this client');
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

  it('refuses the custom grant and leaves it out of discovery', async () => {
    const answer = await t.form({
      grant_type: 'custom',
      claims: JSON.stringify({ role: 'window-staff', name: '张三' }),
    });
    expectError(answer, 400, 'unsupported_grant_type');
    const discovery = await t.call('GET', '/.well-known/openid-configuration');
    expect(discovery.body.grant_types_supported).toContain('persona');
    expect(discovery.body.grant_types_supported).not.toContain('custom');
  });

  it('still issues persona tokens', async () => {
    expect((await t.form({ grant_type: 'persona', persona: 'citizen' })).status).toBe(200);
  });
});

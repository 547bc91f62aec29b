import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, startIdp } from './support';

describe('client_credentials for service clients', () => {
  let t: Awaited<ReturnType<typeof startIdp>>;
  beforeAll(async () => {
    t = await startIdp();
  });
  afterAll(() => t.idp.close());

  it('issues a service token for id and secret in the body', async () => {
    const { status, body } = await t.form({
      grant_type: 'client_credentials',
      client_id: 'hall',
      client_secret: 'hall-test-secret',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 600 });
    expect(body.persona).toBeUndefined();
    const { payload } = await t.verify(body.access_token);
    expect(payload).toMatchObject({ sub: 'hall', role: 'service', enterprises: [], departments: [] });
    expect(payload).not.toHaveProperty('persona');
    expect(payload).not.toHaveProperty('id_number');
  });

  it('issues a service token for HTTP Basic, with id and secret form-urlencoded', async () => {
    const { status, body } = await t.form(
      { grant_type: 'client_credentials' },
      { authorization: basic('batch', 'a secret:with+odd&chars') },
    );
    expect(status).toBe(200);
    expect((await t.verify(body.access_token)).payload.sub).toBe('batch');
  });

  it('refuses a wrong secret with 401 invalid_client, in the body or by Basic', async () => {
    const viaBody = await t.form({
      grant_type: 'client_credentials',
      client_id: 'hall',
      client_secret: 'wrong-one',
    });
    expect(viaBody.status).toBe(401);
    expect(viaBody.body.error).toBe('invalid_client');
    const viaBasic = await t.form(
      { grant_type: 'client_credentials' },
      { authorization: basic('hall', 'nope-nope') },
    );
    expect(viaBasic.status).toBe(401);
    expect(viaBasic.body.error).toBe('invalid_client');
  });

  it('answers an unknown client exactly as a wrong secret, so ids cannot be probed', async () => {
    const unknown = await t.form({
      grant_type: 'client_credentials',
      client_id: 'mallory',
      client_secret: 'whatever1',
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toBe('invalid_client');
    expect(unknown.body.error_description.replace('mallory', 'X')).toBe(
      (
        await t.form({ grant_type: 'client_credentials', client_id: 'hall', client_secret: 'whatever1' })
      ).body.error_description.replace('hall', 'X'),
    );
  });

  it('refuses a request without credentials, or with two sets of them', async () => {
    const none = await t.form({ grant_type: 'client_credentials', client_id: 'hall' });
    expect(none.status).toBe(401);
    expect(none.body.error).toBe('invalid_client');
    const twice = await t.form(
      { grant_type: 'client_credentials', client_secret: 'hall-test-secret' },
      { authorization: basic('hall', 'hall-test-secret') },
    );
    expect(twice.status).toBe(400);
    expect(twice.body.error).toBe('invalid_request');
  });
});

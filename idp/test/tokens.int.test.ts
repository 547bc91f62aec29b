import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp } from './support';

describe('tokens verified through the served JWKS', () => {
  let t: Awaited<ReturnType<typeof startIdp>>;
  beforeAll(async () => {
    t = await startIdp();
  });
  afterAll(() => t.idp.close());

  it('publishes discovery pointing at its own JWKS and token endpoint', async () => {
    const { status, body } = await t.call('GET', '/.well-known/openid-configuration');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      issuer: t.url,
      jwks_uri: `${t.url}/.well-known/jwks.json`,
      token_endpoint: `${t.url}/token`,
      authorization_endpoint: `${t.url}/auth`,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
      id_token_signing_alg_values_supported: expect.arrayContaining(['RS256']),
    });
    expect(body.grant_types_supported).toEqual(
      expect.arrayContaining([
        'authorization_code',
        'refresh_token',
        'client_credentials',
        'persona',
        'custom',
      ]),
    );
    const jwks = await t.call('GET', new URL(body.jwks_uri).pathname);
    expect(jwks.body.keys).toHaveLength(1);
    expect(jwks.body.keys[0]).toMatchObject({
      kty: 'RSA',
      alg: 'RS256',
      use: 'sig',
      kid: expect.any(String),
    });
    expect(jwks.body.keys[0].d).toBeUndefined();
  });

  it('signs every persona’s token so that it verifies with the configured issuer and audience', async () => {
    const jwks = (await t.call('GET', '/.well-known/jwks.json')).body;
    for (const persona of t.idp.personas) {
      const { status, body, headers } = await t.form({ grant_type: 'persona', persona: persona.id });
      expect(status).toBe(200);
      expect(headers.get('cache-control')).toBe('no-store');
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 600, persona: persona.id });
      expect(decodeProtectedHeader(body.access_token)).toMatchObject({ alg: 'RS256', kid: jwks.keys[0].kid });
      const { payload } = await t.verify(body.access_token);
      expect(payload).toMatchObject({
        iss: t.url,
        aud: 'test-audience',
        sub: persona.subject,
        name: persona.name,
        role: persona.role,
        enterprises: persona.enterprises,
        departments: persona.departments,
        persona: persona.id,
      });
      expect(payload.id_number).toBe(persona.idNumber);
    }
  });

  it('gives applicants their ID number as sub and staff their staff id', async () => {
    const citizen = (
      await t.verify((await t.form({ grant_type: 'persona', persona: 'citizen' })).body.access_token)
    ).payload;
    expect(citizen.sub).toMatch(/^\d{17}[\dX]$/);
    expect(citizen.id_number).toBe(citizen.sub);
    const staff = (
      await t.verify((await t.form({ grant_type: 'persona', persona: 'staff-tax' })).body.access_token)
    ).payload;
    expect(staff).toMatchObject({
      sub: 'staff-tax-01',
      role: 'department-staff',
      departments: ['tax'],
      enterprises: [],
    });
    expect(staff).not.toHaveProperty('id_number');
  });

  it('expires each token TOKEN_TTL_SECONDS after it was issued, with a fresh jti', async () => {
    const a = await t.form({ grant_type: 'persona', persona: 'seller' });
    const b = await t.form({ grant_type: 'persona', persona: 'seller' });
    const pa = (await t.verify(a.body.access_token)).payload;
    const pb = (await t.verify(b.body.access_token)).payload;
    expect(pa.exp! - pa.iat!).toBe(600);
    expect(a.body.expires_in).toBe(600);
    expect(pa.jti).toEqual(expect.any(String));
    expect(pa.jti).not.toBe(pb.jti);
  });

  it('takes the persona grant as a form and as GET /token?persona=', async () => {
    const viaForm = await t.form({ grant_type: 'persona', persona: 'legal-rep' });
    const viaGet = await t.call('GET', '/token?persona=legal-rep');
    for (const answer of [viaForm, viaGet]) {
      expect(answer.status).toBe(200);
      expect(answer.body.persona).toBe('legal-rep');
      const { payload } = await t.verify(answer.body.access_token);
      expect(payload.enterprises).toEqual(t.idp.personas.find((p) => p.id === 'legal-rep')!.enterprises);
    }
  });

  it('is refused by a verifier expecting another audience or issuer', async () => {
    const { body } = await t.form({ grant_type: 'persona', persona: 'citizen' });
    const jwks = createRemoteJWKSet(new URL(`${t.url}/.well-known/jwks.json`));
    await expect(jwtVerify(body.access_token, jwks, { audience: 'other' })).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
    });
    await expect(jwtVerify(body.access_token, jwks, { issuer: 'other' })).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
    });
  });

  it('answers health', async () => {
    const { status, body } = await t.call('GET', '/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', personas: 12 });
  });
});

import { generatePopulation } from '@onething/legacy-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithCode } from '../src/code-flow';
import { startIdp, testOptions } from './support';

const REDIRECT = 'http://127.0.0.1:9/';

describe('signing in by the authorization-code flow with PKCE', () => {
  let t: Awaited<ReturnType<typeof startIdp>>;
  beforeAll(async () => {
    t = await startIdp({ webRedirectUris: [REDIRECT] });
  });
  afterAll(() => t.idp.close());

  /** The login page of a fresh sign-in, with the cookies it set. */
  const loginPage = async (url: string) => {
    const res = await fetch(
      `${url}/auth?${new URLSearchParams({
        client_id: 'onething-web',
        response_type: 'code',
        redirect_uri: REDIRECT,
        scope: 'openid',
        code_challenge: 'x'.repeat(43),
        code_challenge_method: 'S256',
      })}`,
      { redirect: 'manual' },
    );
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const at = new URL(res.headers.get('location')!, url);
    return { at, cookie, html: await (await fetch(at, { headers: { cookie } })).text() };
  };

  it('lists the personas on its login page', async () => {
    const { html } = await loginPage(t.url);
    for (const p of t.idp.personas) expect(html).toContain(`data-persona="${p.id}"`);
  });

  it('gives the chosen persona an access token, an ID token with their claims, and a refresh token', async () => {
    const tokens = await signInWithCode({
      issuer: t.url,
      clientId: 'onething-web',
      redirectUri: REDIRECT,
      persona: 'legal-rep',
    });
    const persona = t.idp.personas.find((p) => p.id === 'legal-rep')!;
    const { payload } = await t.verify(tokens.access_token);
    expect(payload).toMatchObject({
      sub: persona.subject,
      role: 'applicant',
      id_number: persona.idNumber,
      enterprises: persona.enterprises,
    });
    const id = JSON.parse(Buffer.from(tokens.id_token.split('.')[1]!, 'base64url').toString());
    expect(id).toMatchObject({ aud: 'onething-web', name: persona.name, role: 'applicant' });
    expect(tokens.refresh_token).toEqual(expect.any(String));

    const refreshed = await t.form({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      client_id: 'onething-web',
    });
    expect(refreshed.status).toBe(200);
    expect((await t.verify(refreshed.body.access_token)).payload.sub).toBe(persona.subject);
  });

  it('refuses a code flow without PKCE', async () => {
    const res = await fetch(
      `${t.url}/auth?${new URLSearchParams({
        client_id: 'onething-web',
        response_type: 'code',
        redirect_uri: REDIRECT,
        scope: 'openid',
      })}`,
      { redirect: 'manual' },
    );
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });

  describe('a seeded resident by ID number (ALLOW_CUSTOM_TOKENS, development and tests)', () => {
    const population = generatePopulation({ seed: testOptions().seed, persons: testOptions().persons });
    const rep = population.enterprises.find((e) => e.status === 'active')!;
    const resident = population.persons.find((p) => p.idNumber === rep.legalRepIdNumber)!;

    it('signs in any person of the population, with the enterprises they represent', async () => {
      const tokens = await signInWithCode({
        issuer: t.url,
        clientId: 'onething-web',
        redirectUri: REDIRECT,
        idNumber: resident.idNumber,
      });
      const { payload } = await t.verify(tokens.access_token);
      expect(payload).toMatchObject({
        sub: resident.idNumber,
        role: 'applicant',
        id_number: resident.idNumber,
        name: resident.name,
      });
      expect(payload.enterprises).toContain(rep.uscc);
      const id = JSON.parse(Buffer.from(tokens.id_token.split('.')[1]!, 'base64url').toString());
      expect(id).toMatchObject({ name: resident.name, id_number: resident.idNumber });
    });

    it('answers a wrong or unknown ID number on the login page, naming what is wrong', async () => {
      const { at, cookie, html } = await loginPage(t.url);
      expect(html).toContain('name="id_number"');
      const login = (idNumber: string) =>
        fetch(`${t.url}${at.pathname}/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ id_number: idNumber }),
        });
      const bad = await login('11010519491231002');
      expect(bad.status).toBe(400);
      const badHtml = await bad.text();
      expect(badHtml).toContain('role="alert"');
      expect(badHtml).toContain('GB11643.format');
      expect(badHtml).toContain('value="11010519491231002"');
      const unknown = await login('11010519491231002X');
      expect(unknown.status).toBe(400);
      expect(await unknown.text()).toContain('Nobody of the seeded population');
    });

    it('is not offered, and not taken, without ALLOW_CUSTOM_TOKENS', async () => {
      const strict = await startIdp({ allowCustomTokens: false, webRedirectUris: [REDIRECT] });
      try {
        const { html } = await loginPage(strict.url);
        expect(html).not.toContain('name="id_number"');
        await expect(
          signInWithCode({
            issuer: strict.url,
            clientId: 'onething-web',
            redirectUri: REDIRECT,
            idNumber: resident.idNumber,
          }),
        ).rejects.toThrow(/answered 400/);
      } finally {
        await strict.idp.close();
      }
    });
  });
});

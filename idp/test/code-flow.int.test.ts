import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithCode } from '../src/code-flow';
import { startIdp } from './support';

const REDIRECT = 'http://127.0.0.1:9/';

describe('signing in by the authorization-code flow with PKCE', () => {
  let t: Awaited<ReturnType<typeof startIdp>>;
  beforeAll(async () => {
    t = await startIdp({ webRedirectUris: [REDIRECT] });
  });
  afterAll(() => t.idp.close());

  it('lists the personas on its login page', async () => {
    const res = await fetch(
      `${t.url}/auth?${new URLSearchParams({
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
    const page = await fetch(new URL(res.headers.get('location')!, t.url), { headers: { cookie } });
    const html = await page.text();
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
});

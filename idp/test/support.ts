import { createLogger } from '@onething/runtime';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { createDevIdp, type DevIdpOptions } from '../src/server';

/** The options of a test provider: a population of 2000, so it starts fast, on port 0. */
export function testOptions(overrides: Partial<DevIdpOptions> = {}): DevIdpOptions {
  return {
    host: '127.0.0.1',
    port: 0,
    seed: 20261122,
    persons: 2000,
    issuer: undefined,
    audience: 'test-audience',
    webClientId: 'onething-web',
    webRedirectUris: ['http://127.0.0.1:9/'],
    tokenTtlSeconds: 600,
    signingKeyFile: undefined,
    serviceClients: new Map([
      ['hall', 'hall-test-secret'],
      ['batch', 'a secret:with+odd&chars'],
    ]),
    allowCustomTokens: true,
    // Tests ask for many tokens from one address; rate-limit.int.test.ts sets its own limit.
    tokenRequestsPerMinute: 60,
    limitsLifted: true,
    ...overrides,
  };
}

/** A provider listening on port 0, and helpers to speak to it as a client and a verifier would. */
export async function startIdp(overrides: Partial<DevIdpOptions> = {}) {
  const options = testOptions(overrides);
  const idp = createDevIdp(options, createLogger('dev-idp-test', 'silent'));
  const { url } = await idp.listen();
  const jwks = createRemoteJWKSet(new URL(`${url}/.well-known/jwks.json`));

  /** One request; the status, headers and parsed JSON body of the answer. */
  const call = async (
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string> } = {},
  ) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: init.headers ?? {},
      body: init.body ?? null,
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests read answers of every shape
    const body = (await res.json()) as any;
    return { status: res.status, headers: res.headers, body };
  };
  /**
   * POSTs token parameters as a form; the development grants (persona, custom) are asked for by the public
   * client dev-tools unless the test names another.
   */
  const form = (params: Record<string, string>, headers: Record<string, string> = {}) => {
    const dev = params.grant_type === 'persona' || params.grant_type === 'custom';
    const withClient = dev && params.client_id === undefined ? { ...params, client_id: 'dev-tools' } : params;
    return call('POST', '/token', {
      body: new URLSearchParams(withClient).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  };
  /** Verifies a token through the served JWKS, as the gateway does in production. */
  const verify = async (token: string) =>
    jwtVerify<JWTPayload & Record<string, unknown>>(token, jwks, {
      issuer: idp.issuer,
      audience: options.audience,
      algorithms: ['RS256'],
    });
  return { idp, url, options, call, form, verify };
}

/** Basic authorization of a client, with id and secret form-urlencoded first as RFC 6749 §2.3.1 asks. */
export function basic(id: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replaceAll('%20', '+');
  return `Basic ${Buffer.from(`${enc(id)}:${enc(secret)}`).toString('base64')}`;
}

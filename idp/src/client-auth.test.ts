import { describe, expect, it } from 'vitest';
import { authenticateClient, basicCredentials } from './client-auth';
import { OAuthError } from './errors';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('basicCredentials', () => {
  it('is undefined without a Basic authorization', () => {
    expect(basicCredentials(undefined)).toBeUndefined();
    expect(basicCredentials('Bearer abc')).toBeUndefined();
  });

  it('form-decodes the id and the secret, which may hold a colon', () => {
    expect(basicCredentials(`Basic ${b64('hall:a+secret%3Awith%26odd:chars')}`)).toEqual({
      id: 'hall',
      secret: 'a secret:with&odd:chars',
      via: 'basic',
    });
  });

  it('refuses a Basic header that does not hold id:secret', () => {
    for (const header of [`Basic ${b64('no-colon')}`, 'Basic ***', `Basic ${b64('hall:%zz')}`]) {
      expect(() => basicCredentials(header)).toThrow(OAuthError);
      try {
        basicCredentials(header);
      } catch (e) {
        expect((e as OAuthError).status).toBe(401);
        expect((e as OAuthError).headers['www-authenticate']).toMatch(/^Basic /);
      }
    }
  });
});

describe('authenticateClient', () => {
  const clients = new Map([['hall', 'hall-dev-secret']]);

  it('accepts the configured secret only', () => {
    expect(authenticateClient(clients, { id: 'hall', secret: 'hall-dev-secret', via: 'body' })).toBe('hall');
    expect(() => authenticateClient(clients, { id: 'hall', secret: 'hall-dev-secreT', via: 'body' })).toThrow(
      /invalid_client/,
    );
    expect(() =>
      authenticateClient(clients, { id: 'ghost', secret: '\u0000unknown-client', via: 'body' }),
    ).toThrow(/invalid_client/);
  });
});

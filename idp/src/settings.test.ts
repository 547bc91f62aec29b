import { ConfigError } from '@onething/runtime';
import { describe, expect, it } from 'vitest';
import { devIdpSettings } from './settings';

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    devIdpSettings.load(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected the settings to be refused');
}

describe('devIdpSettings', () => {
  it('runs without configuration', () => {
    const config = devIdpSettings.load({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 4010,
      seed: 20261122,
      persons: 10_000,
      issuer: undefined,
      audience: 'onething',
      webClientId: 'onething-web',
      tokenTtlSeconds: 28_800,
      signingKeyFile: undefined,
      allowCustomTokens: false,
      logLevel: 'info',
    });
    expect([...config.serviceClients]).toEqual([['hall', 'hall-dev-secret']]);
  });

  it('reads service clients, secrets that hold colons included', () => {
    const { serviceClients } = devIdpSettings.load({
      SERVICE_CLIENTS: 'hall:s3cret-one, batch:a:b:c:d:e:f:g',
    });
    expect([...serviceClients]).toEqual([
      ['hall', 's3cret-one'],
      ['batch', 'a:b:c:d:e:f:g'],
    ]);
  });

  it('refuses a malformed client list without printing any secret', () => {
    const message = problemsOf({ SERVICE_CLIENTS: 'hall:short,hall:long-enough-1,hall:long-enough-2' });
    expect(message).toContain('SERVICE_CLIENTS=(hidden)');
    expect(message).toContain('at least 8 characters');
    expect(message).toContain('"hall" is given twice');
    expect(message).not.toMatch(/short|long-enough/);
  });

  it('reads ALLOW_CUSTOM_TOKENS as a yes/no word, not as any non-empty text', () => {
    expect(devIdpSettings.load({ ALLOW_CUSTOM_TOKENS: 'false' }).allowCustomTokens).toBe(false);
    expect(devIdpSettings.load({ ALLOW_CUSTOM_TOKENS: 'No' }).allowCustomTokens).toBe(false);
    expect(devIdpSettings.load({ ALLOW_CUSTOM_TOKENS: '1' }).allowCustomTokens).toBe(true);
    expect(problemsOf({ ALLOW_CUSTOM_TOKENS: 'maybe' })).toContain(
      'ALLOW_CUSTOM_TOKENS="maybe": must be true or false',
    );
  });

  it('names every wrong setting with what it is for', () => {
    const message = problemsOf({
      TOKEN_TTL_SECONDS: '-5',
      ISSUER: 'onething-dev-idp',
      PORT: 'http',
      WEB_REDIRECT_URIS: 'not a url',
    });
    expect(message).toContain('TOKEN_TTL_SECONDS="-5": must be above 0');
    expect(message).toContain('ISSUER="onething-dev-idp": must be the URL clients reach this provider at');
    expect(message).toContain('"not a url" is not a URL');
    expect(message).toContain('PORT="http"');
  });

  it('documents the client list default without reading it from the schema', () => {
    expect(devIdpSettings.describe().find((s) => s.env === 'SERVICE_CLIENTS')?.default).toBe(
      'hall:hall-dev-secret',
    );
  });

  it('signs custom claims only where a test turns them on', () => {
    expect(devIdpSettings.load({}).allowCustomTokens).toBe(false);
    expect(devIdpSettings.load({ ALLOW_CUSTOM_TOKENS: 'true' }).allowCustomTokens).toBe(true);
  });

  it('never runs in the production profile: it hands tokens to anyone who asks', () => {
    const message = problemsOf({ PROFILE: 'production' });
    expect(message).toContain(
      'PROFILE="production": dev-idp is a development tool and never runs in production',
    );
    expect(message).toContain('JWKS_URL');
  });
});

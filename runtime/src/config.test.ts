import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, defineSettings, settings } from './config';
import { maskIdNumber, maskIdNumbersIn } from './logger';

const spec = defineSettings('tax-standin', {
  port: { env: 'PORT', schema: settings.port(4101), doc: 'Port of the service.' },
  seed: { env: 'SEED', schema: settings.positiveInt(1), doc: 'Seed of the generated data.' },
  upstream: { env: 'UPSTREAM_URL', schema: settings.url(), doc: 'Where the department system listens.' },
});

describe('settings', () => {
  it('reads, coerces and defaults', () => {
    expect(spec.load({ UPSTREAM_URL: 'http://127.0.0.1:1' })).toEqual({
      profile: 'development',
      port: 4101,
      seed: 1,
      upstream: 'http://127.0.0.1:1',
    });
  });

  it('names every wrong setting in one error, with what it is for', () => {
    let err: unknown;
    try {
      spec.load({ PORT: '70000', SEED: 'abc' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const { message, problems } = err as ConfigError;
    expect(problems).toHaveLength(3);
    expect(message).toContain('PORT="70000"');
    expect(message).toContain('SEED="abc"');
    expect(message).toContain('UPSTREAM_URL=(unset)');
    expect(message).toContain('Where the department system listens.');
  });

  it('never prints a secret setting, even when it is wrong', () => {
    const withSecret = defineSettings('fund', {
      apps: {
        env: 'APPS',
        schema: z.string().regex(/^\w+:\w+$/, 'must be appid:secret'),
        doc: 'Apps.',
        secret: true,
      },
    });
    expect(() => withSecret.load({ APPS: 'hall:s3cret,broken' })).toThrow(
      /APPS=\(hidden\): must be appid:secret/,
    );
    expect(() => withSecret.load({ APPS: 'hall:s3cret,broken' })).not.toThrow(/s3cret/);
  });

  it('describes the settings for the docs', () => {
    expect(spec.describe()[0]).toEqual({ env: 'PORT', default: '4101', doc: 'Port of the service.' });
  });
});

describe('a settings file (CONFIG_FILE)', () => {
  const fileOf = (settings: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), 'settings-')), 'service.json');
    writeFileSync(path, JSON.stringify(settings));
    return path;
  };

  it('takes strings, numbers and booleans by variable; the environment wins', () => {
    const CONFIG_FILE = fileOf({ PORT: 4200, SEED: '7', UPSTREAM_URL: 'http://127.0.0.1:1' });
    expect(spec.load({ CONFIG_FILE })).toMatchObject({ port: 4200, seed: 7 });
    expect(spec.load({ CONFIG_FILE, PORT: '4300' })).toMatchObject({ port: 4300 });
  });

  it('names in one error every key that is no setting, every value of the wrong kind, and where each came from', () => {
    const CONFIG_FILE = fileOf({ PORTS: 1, SEED: 'abc', UPSTREAM_URL: ['x'] });
    let message = '';
    try {
      spec.load({ CONFIG_FILE });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`CONFIG_FILE=${CONFIG_FILE}: "PORTS" is not a setting of this service`);
    expect(message).toContain(
      `CONFIG_FILE=${CONFIG_FILE}: "UPSTREAM_URL" must be a string, a number or a boolean`,
    );
    expect(message).toContain(`SEED="abc" (in ${CONFIG_FILE}): must be a number`);
    expect(() => spec.load({ CONFIG_FILE: fileOf([1]) })).toThrow(/must be a JSON object of settings/);
  });
});

describe('checks across settings', () => {
  const service = defineSettings(
    'gateway',
    {
      signs: { env: 'SIGNS', schema: z.enum(['yes', 'no']).default('yes'), doc: 'Whether it signs.' },
      key: {
        env: 'KEY_FILE',
        schema: z.string().endsWith('.key', 'must end in .key').optional(),
        doc: 'The key.',
      },
    },
    {
      checks: (c) =>
        'key' in c && c.key === undefined && c.signs === 'yes'
          ? [{ setting: 'key', problem: 'is required while SIGNS=yes' }]
          : [],
    },
  );

  it('joins the one error, naming the setting to change', () => {
    expect(() => service.load({})).toThrow(/KEY_FILE=\(unset\): is required while SIGNS=yes\. The key\./);
    expect(service.load({ SIGNS: 'no' })).toMatchObject({ signs: 'no', key: undefined });
  });

  it('does not report again a setting that is already wrong', () => {
    let problems: readonly string[] = [];
    try {
      service.load({ KEY_FILE: 'gateway.pem' });
    } catch (e) {
      problems = (e as ConfigError).problems;
    }
    expect(problems).toEqual(['KEY_FILE="gateway.pem": must end in .key. The key.']);
  });
});

describe('ID masking', () => {
  it('keeps the region and the check character only', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********00*X');
    expect(maskIdNumbersIn('GET /persons/11010519491231002X?x=1')).toBe(
      'GET /persons/110105********00*X?x=1',
    );
  });
});

describe('the production profile', () => {
  const service = defineSettings('subgraph-tax', {
    port: { env: 'PORT', schema: settings.port(4002), doc: 'Port of the service.' },
    apiKey: {
      env: 'TAX_API_KEY',
      schema: z.string().min(1).default('tax-dev-key'),
      secret: true,
      doc: 'The tax system’s API key.',
      production: { devValue: 'tax-dev-key', fix: 'set the key the tax department issued to you' },
    },
    keys: {
      env: 'API_KEYS',
      schema: z.string().default('onething:tax-dev-key'),
      secret: true,
      doc: 'Accepted keys as name:key.',
      production: { devValue: 'onething:tax-dev-key' },
    },
    devIdp: {
      env: 'DEV_IDP_URL',
      schema: settings.url().optional(),
      doc: 'Passes the development identity provider.',
      production: { refuseIfSet: 'users sign in at your identity provider; unset it' },
    },
    introspection: {
      env: 'ALLOW_INTROSPECTION',
      schema: z.enum(['true', 'false']).default('true'),
      doc: 'Whether the schema may be introspected.',
      production: { default: 'false', why: 'the schema is not listed to strangers unless you allow it' },
    },
  });

  const refusal = (env: NodeJS.ProcessEnv): ConfigError => {
    try {
      service.load(env);
    } catch (e) {
      if (e instanceof ConfigError) return e;
      throw e;
    }
    throw new Error('expected the start to be refused');
  };

  it('is development unless PROFILE says production, and refuses any other word', () => {
    expect(service.load({}).profile).toBe('development');
    expect(service.load({ PROFILE: 'production', TAX_API_KEY: 'k', API_KEYS: 'a:b' }).profile).toBe(
      'production',
    );
    expect(refusal({ PROFILE: 'prod' }).message).toContain(
      'PROFILE="prod": must be development or production',
    );
  });

  it('keeps the development conveniences in development', () => {
    expect(service.load({ DEV_IDP_URL: 'http://127.0.0.1:4010' })).toMatchObject({
      apiKey: 'tax-dev-key',
      devIdp: 'http://127.0.0.1:4010',
      introspection: 'true',
    });
  });

  it('refuses every development convenience in one error, each named with how to fix it', () => {
    const { problems, message } = refusal({ PROFILE: 'production', DEV_IDP_URL: 'http://127.0.0.1:4010' });
    expect(problems).toHaveLength(3);
    expect(message).toMatch(/TAX_API_KEY=\(unset\): .*development value .*set the key the tax department/);
    expect(message).toMatch(/API_KEYS=\(unset\): .*development value/);
    expect(message).toMatch(
      /DEV_IDP_URL="http:\/\/127.0.0.1:4010": .*users sign in at your identity provider/,
    );
  });

  it('refuses a development secret by its value, given alone or within a list, without printing what was given', () => {
    const { problems, message } = refusal({
      PROFILE: 'production',
      TAX_API_KEY: 'tax-dev-key',
      API_KEYS: 'hall:s3cret-key, another:tax-dev-key',
    });
    expect(problems).toHaveLength(2);
    expect(message).toMatch(/TAX_API_KEY=\(hidden\): is the development value/);
    expect(message).toMatch(/API_KEYS=\(hidden\): is the development value/);
    expect(message).not.toContain('s3cret-key');
  });

  it('gives a setting its production default, which an explicit value still overrides', () => {
    const own = { PROFILE: 'production', TAX_API_KEY: 'a-real-key', API_KEYS: 'hall:s3cret-key' };
    expect(service.load(own).introspection).toBe('false');
    expect(service.load({ ...own, ALLOW_INTROSPECTION: 'true' }).introspection).toBe('true');
  });

  it('lists in development what production would refuse, naming settings and never values', () => {
    expect(service.developmentConveniences({ DEV_IDP_URL: 'http://127.0.0.1:4010' })).toEqual([
      'TAX_API_KEY',
      'API_KEYS',
      'DEV_IDP_URL',
    ]);
    expect(service.developmentConveniences({ TAX_API_KEY: 'real', API_KEYS: 'a:real-key' })).toEqual([]);
  });

  it('describes what production changes, for the docs', () => {
    expect(service.productionRules().map((r) => r.env)).toEqual([
      'TAX_API_KEY',
      'API_KEYS',
      'DEV_IDP_URL',
      'ALLOW_INTROSPECTION',
    ]);
  });

  it('holds a rule only where another setting says so, and says so in the docs', () => {
    const gateway = defineSettings('gateway', {
      auth: { env: 'AUTH', schema: z.enum(['jwt', 'off']).default('jwt'), doc: 'Tokens.' },
      issuer: {
        env: 'JWT_ISSUER',
        schema: z.string().default('dev-idp'),
        doc: 'Issuer.',
        production: {
          devValue: 'dev-idp',
          onlyIf: { given: (raw) => raw('AUTH') !== 'off', doc: 'unless AUTH=off' },
        },
      },
    });
    expect(() => gateway.load({ PROFILE: 'production' })).toThrow(/JWT_ISSUER=\(unset\): would be/);
    expect(gateway.load({ PROFILE: 'production', AUTH: 'off' }).profile).toBe('production');
    expect(gateway.developmentConveniences({ AUTH: 'off' })).toEqual([]);
    expect(gateway.productionRules()[0]!.refusal).toMatch(/given \(unless AUTH=off\)$/);
  });

  it('refuses to start a development tool at all', () => {
    const tool = defineSettings(
      'dev-idp',
      { port: { env: 'PORT', schema: settings.port(4010), doc: 'Port.' } },
      { developmentOnly: 'it issues tokens to anyone who asks: use your government identity provider' },
    );
    expect(tool.load({}).port).toBe(4010);
    expect(() => tool.load({ PROFILE: 'production' })).toThrow(
      /PROFILE="production": dev-idp is a development tool and never runs in production: it issues tokens to anyone/,
    );
  });
});

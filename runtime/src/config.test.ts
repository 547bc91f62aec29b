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

describe('ID masking', () => {
  it('keeps the region and the check character only', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********00*X');
    expect(maskIdNumbersIn('GET /persons/11010519491231002X?x=1')).toBe(
      'GET /persons/110105********00*X?x=1',
    );
  });
});

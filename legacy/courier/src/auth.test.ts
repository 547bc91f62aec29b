import { describe, expect, it } from 'vitest';
import { authenticate, NonceStore } from './auth';
import { Refusal } from './codes';
import { digestHolds, digestOf } from './digest';
import { wireTime } from './time';

const apps = new Map([['onething-hall', 'courier-dev-secret']]);
const now = Date.UTC(2026, 11, 4, 6, 30, 0);

function signed(
  overrides: Record<string, string> = {},
  secret = 'courier-dev-secret',
  msgType = 'ORDERQUERY',
) {
  const params: Record<string, string> = {
    app_key: 'onething-hall',
    timestamp: wireTime(now),
    nonce: 'a1b2c3d4e5f6a7b8c9d0',
    logistics_interface: '{"waybillNo":"EA100000008CN"}',
    ...overrides,
  };
  params.data_digest = digestOf(secret, {
    msgType,
    appKey: params.app_key!,
    timestamp: params.timestamp!,
    nonce: params.nonce!,
    payload: params.logistics_interface!,
  });
  return params;
}

const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'ok';
  } catch (e) {
    return e instanceof Refusal ? e.code : String(e);
  }
};

describe('the data digest', () => {
  it('is Base64 of HMAC-SHA256 over type, key, timestamp, nonce and payload', () => {
    // Computed independently: printf 'PUSH\nk\n2026-12-04 14:30:00\nn\n{}' | openssl dgst -sha256 -hmac s -binary | base64
    expect(
      digestOf('s', {
        msgType: 'PUSH',
        appKey: 'k',
        timestamp: '2026-12-04 14:30:00',
        nonce: 'n',
        payload: '{}',
      }),
    ).toBe('/mXyxWzcy2/iUJXFRIfzCEldnWn141E3TVbf2CEvRaU=');
  });

  it('does not hold for another message type, payload or secret', () => {
    const parts = { msgType: 'ORDERCANCEL', appKey: 'k', timestamp: 't', nonce: 'n', payload: '{}' };
    const digest = digestOf('s', parts);
    expect(digestHolds('s', parts, digest)).toBe(true);
    expect(digestHolds('s', { ...parts, msgType: 'ORDERCREATE' }, digest)).toBe(false);
    expect(digestHolds('s', { ...parts, payload: '{ }' }, digest)).toBe(false);
    expect(digestHolds('t', parts, digest)).toBe(false);
    expect(digestHolds('s', parts, 'not base64')).toBe(false);
  });
});

describe('a request’s common parameters', () => {
  it('authenticates a signed request once, and refuses its replay (A05)', () => {
    const nonces = new NonceStore();
    const params = signed();
    expect(authenticate('ORDERQUERY', params, apps, nonces, now)).toBe('onething-hall');
    expect(codeOf(() => authenticate('ORDERQUERY', params, apps, nonces, now))).toBe('A05');
  });

  it.each([
    ['a missing digest', { data_digest: '' }, 'A01'],
    ['a timestamp not in the platform’s format', { timestamp: '1764829800' }, 'A01'],
    ['a short nonce', { nonce: 'abc' }, 'A01'],
    ['an unknown app key', { app_key: 'nobody' }, 'A02'],
  ])('refuses %s', (_what, override, code) => {
    const params = { ...signed(), ...override };
    expect(codeOf(() => authenticate('ORDERQUERY', params, apps, new NonceStore(), now))).toBe(code);
  });

  it('refuses a digest made with another secret, or for another message type (A03)', () => {
    expect(
      codeOf(() =>
        authenticate('ORDERQUERY', signed({}, 'another-secret-value'), apps, new NonceStore(), now),
      ),
    ).toBe('A03');
    expect(codeOf(() => authenticate('ORDERCANCEL', signed(), apps, new NonceStore(), now))).toBe('A03');
  });

  it('refuses a timestamp more than five minutes away (A04), without spending the nonce', () => {
    const nonces = new NonceStore();
    const stale = signed({ timestamp: wireTime(now - 301_000) });
    expect(codeOf(() => authenticate('ORDERQUERY', stale, apps, nonces, now))).toBe('A04');
    expect(nonces.use('onething-hall', stale.nonce!, now)).toBe(true);
  });
});

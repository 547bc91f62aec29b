import { describe, expect, it } from 'vitest';
import { CALLBACK_HEADERS, callbackSignature, signCallback, verifyCallback } from './callback-signature';

const secrets = new Map([
  ['tax', 'tax-secret'],
  ['fund', 'fund-secret'],
]);
const body = JSON.stringify({ department: 'tax', caseNumber: 'T-1' });
const NOW = 1_800_000_000_000;

describe('callback signatures', () => {
  it('accepts a callback signed with its department’s secret, naming the sender and nonce', () => {
    const headers = signCallback('tax', 'tax-secret', body, NOW, 'n'.repeat(32));
    expect(verifyCallback(headers, body, secrets, 60_000, NOW + 1_000)).toEqual({
      ok: true,
      department: 'tax',
      nonce: 'n'.repeat(32),
      timestamp: NOW,
    });
  });

  it('refuses a callback without the signature headers as CALLBACK_UNSIGNED, naming them', () => {
    const v = verifyCallback({}, body, secrets, 60_000, NOW);
    expect(v).toMatchObject({ ok: false, code: 'CALLBACK_UNSIGNED' });
    if (!v.ok) expect(v.message).toContain(CALLBACK_HEADERS.signature);
  });

  it('refuses another department’s secret, a changed body, an unknown department and junk as invalid', () => {
    const forged = signCallback('tax', 'fund-secret', body, NOW);
    const changed = signCallback('tax', 'tax-secret', body, NOW);
    const unknown = signCallback('police', 'tax-secret', body, NOW);
    const junk = { ...signCallback('tax', 'tax-secret', body, NOW), [CALLBACK_HEADERS.signature]: 'zz' };
    for (const [headers, sent] of [
      [forged, body],
      [changed, body.replace('T-1', 'T-2')],
      [unknown, body],
      [junk, body],
    ] as const)
      expect(verifyCallback(headers, sent, secrets, 60_000, NOW)).toMatchObject({
        ok: false,
        code: 'CALLBACK_SIGNATURE_INVALID',
      });
  });

  it('refuses a callback older (or further ahead) than the maximum age as CALLBACK_STALE', () => {
    const headers = signCallback('fund', 'fund-secret', body, NOW);
    expect(verifyCallback(headers, body, secrets, 60_000, NOW + 60_001)).toMatchObject({
      ok: false,
      code: 'CALLBACK_STALE',
    });
    expect(verifyCallback(headers, body, secrets, 60_000, NOW - 60_001)).toMatchObject({ ok: false });
  });

  it('signs timestamp.nonce.body with HMAC-SHA256 (a published test vector for departments)', () => {
    expect(callbackSignature('secret', '1800000000000', 'abcdefghijklmnop', '{}')).toBe(
      'dcdeb298619b45a39ed940dba87cd11301c85a434545149db980c00e0777fb11',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalString, signParams, verifySignature } from './signature';

// The worked example of PROTOCOL.md; the signature was checked with
// `printf %s '<canonical>' | openssl dgst -sha256 -hmac fund-dev-secret`.
const example = {
  appid: 'onething-hall',
  timestamp: '1767225600',
  nonce: '8f3a2c9d41b7e6a0',
  zjhm: '330503198911307628,110101199003074530',
};
const exampleSign = '65cda054754cabf0a35c5ee116003c9b7fc5277351a9fd486ecf421bd4062de3';

describe('fund signature', () => {
  it('builds the canonical string from the parameters sorted by name, without sign, values as they are', () => {
    expect(canonicalString({ ...example, sign: 'ignored' })).toBe(
      'appid=onething-hall&nonce=8f3a2c9d41b7e6a0&timestamp=1767225600&zjhm=330503198911307628,110101199003074530',
    );
    expect(canonicalString({ b: '', a: '叶 建+鹏' })).toBe('a=叶 建+鹏&b=');
  });

  it('signs the worked example of PROTOCOL.md', () => {
    expect(signParams(example, 'fund-dev-secret')).toBe(exampleSign);
  });

  it('verifies a signature, and refuses it for another secret, a changed value or a malformed sign', () => {
    expect(verifySignature({ ...example, sign: exampleSign }, 'fund-dev-secret')).toBe(true);
    expect(verifySignature({ ...example, sign: exampleSign }, 'other-secret')).toBe(false);
    expect(
      verifySignature({ ...example, zjhm: '330503198911307628', sign: exampleSign }, 'fund-dev-secret'),
    ).toBe(false);
    expect(verifySignature({ ...example, sign: exampleSign.toUpperCase() }, 'fund-dev-secret')).toBe(false);
    expect(verifySignature(example, 'fund-dev-secret')).toBe(false);
  });
});

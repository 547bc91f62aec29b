import { describe, expect, it } from 'vitest';
import { canonicalRequest, parseAuthorization, signature, signedHeaders, verifySignature } from './signature';

const parts = {
  method: 'POST',
  path: '/sms/v1/SendSms',
  timestamp: '1800000000',
  nonce: 'abcdefghijklmnop',
  body: '{}',
};

describe('the request signature', () => {
  it('signs the canonical request of PROTOCOL.md (its test vector)', () => {
    expect(canonicalRequest(parts)).toBe(
      'POST\n/sms/v1/SendSms\nx-sms-nonce:abcdefghijklmnop\nx-sms-timestamp:1800000000\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    );
    expect(signature(parts, 'sms-dev-secret-0001')).toBe(TEST_VECTOR);
  });

  it('does not hold for another body, path, timestamp, nonce or secret', () => {
    const sig = signature(parts, 'sms-dev-secret-0001');
    expect(verifySignature(parts, 'sms-dev-secret-0001', sig)).toBe(true);
    expect(verifySignature({ ...parts, body: '{ }' }, 'sms-dev-secret-0001', sig)).toBe(false);
    expect(verifySignature({ ...parts, path: '/sms/v1/QuerySendDetails' }, 'sms-dev-secret-0001', sig)).toBe(
      false,
    );
    expect(verifySignature({ ...parts, timestamp: '1800000001' }, 'sms-dev-secret-0001', sig)).toBe(false);
    expect(verifySignature({ ...parts, nonce: 'abcdefghijklmnoq' }, 'sms-dev-secret-0001', sig)).toBe(false);
    expect(verifySignature(parts, 'another-secret-000', sig)).toBe(false);
    expect(verifySignature(parts, 'sms-dev-secret-0001', 'not hex')).toBe(false);
  });

  it('travels in the Authorization header with the access key id', () => {
    const h = signedHeaders(parts, 'onething-hall', 'sms-dev-secret-0001');
    expect(parseAuthorization(h.authorization)).toEqual({
      accessKeyId: 'onething-hall',
      signature: TEST_VECTOR,
    });
    expect(parseAuthorization('Bearer x')).toBeUndefined();
  });
});

// Computed once, independently of this module's later changes: PROTOCOL.md quotes it.
const TEST_VECTOR = 'e5670738631b099d12eaccd17b748b5f362752380f19b40a3c15df4cb0b83f47';

import { describe, expect, it } from 'vitest';
import { canonicalJson, RequestLedger } from './ledger';

describe('request ledger', () => {
  it('treats the same body with keys in another order as the same request', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    const a = RequestLedger.fingerprint('submit', { item_code: 'X', form: { a: 1, b: 2 } });
    const b = RequestLedger.fingerprint('submit', { form: { b: 2, a: 1 }, item_code: 'X' });
    expect(a).toBe(b);
  });

  it('replays the first answer for the same request and flags a different one', () => {
    const ledger = new RequestLedger();
    const fp = RequestLedger.fingerprint('submit', { n: 1 });
    expect(ledger.replay('req-00000001', fp)).toBeUndefined();
    ledger.remember('req-00000001', fp, { case_no: 'SW1' });
    expect(ledger.replay('req-00000001', fp)).toEqual({ answer: { case_no: 'SW1' } });
    expect(ledger.replay('req-00000001', RequestLedger.fingerprint('submit', { n: 2 }))).toBe('conflict');
    expect(ledger.replay('req-00000001', RequestLedger.fingerprint('correct SW1', { n: 1 }))).toBe(
      'conflict',
    );
  });
});

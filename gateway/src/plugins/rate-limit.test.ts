import { ANONYMOUS, type Identity } from '@onething/runtime/identity';
import { describe, expect, it } from 'vitest';
import { limitKey } from './rate-limit';

const LIMITS = { anonymous: 600, account: 300, service: 60_000, uploads: 30 };
const SECRET = Buffer.from('test secret');
const applicant = (idNumber: string): Identity => ({
  subject: idNumber,
  role: 'applicant',
  idNumber,
  enterprises: [],
  departments: [],
});

describe('the counter a request is charged to', () => {
  it('is the address for a caller without a token, with the anonymous limit', () => {
    const a = limitKey(ANONYMOUS, '198.51.100.7', LIMITS, SECRET);
    expect(a).toMatchObject({ kind: 'anonymous', max: 600 });
    expect(limitKey(ANONYMOUS, '198.51.100.7', LIMITS, SECRET).key).toBe(a.key);
    expect(limitKey(ANONYMOUS, '198.51.100.8', LIMITS, SECRET).key).not.toBe(a.key);
  });

  it('is the account for a signed-in applicant, whatever address it comes from', () => {
    const one = limitKey(applicant('11010519491231002X'), '198.51.100.7', LIMITS, SECRET);
    expect(one).toMatchObject({ kind: 'account', max: 300 });
    expect(limitKey(applicant('11010519491231002X'), '203.0.113.1', LIMITS, SECRET).key).toBe(one.key);
    expect(limitKey(applicant('110105194912310037'), '198.51.100.7', LIMITS, SECRET).key).not.toBe(one.key);
  });

  it('is the service client for the hall, with the service limit', () => {
    const hall: Identity = { subject: 'hall', role: 'service', enterprises: [], departments: [] };
    expect(limitKey(hall, '127.0.0.1', LIMITS, SECRET)).toMatchObject({ kind: 'service', max: 60_000 });
  });

  it('never holds the ID number or the address, and depends on the secret', () => {
    const id = '11010519491231002X';
    const key = limitKey(applicant(id), '198.51.100.7', LIMITS, SECRET).key;
    expect(key).not.toContain(id);
    expect(key).not.toContain('198.51.100.7');
    expect(limitKey(applicant(id), '198.51.100.7', LIMITS, Buffer.from('other')).key).not.toBe(key);
    expect(limitKey(ANONYMOUS, '198.51.100.7', LIMITS, SECRET).key).not.toContain('198.51.100.7');
  });
});

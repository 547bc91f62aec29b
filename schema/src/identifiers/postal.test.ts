import { describe, expect, it } from 'vitest';
import { s10CheckDigit, validateMobileNumber, validatePostalCode, validateS10 } from './index';

const rules = (r: { ok: boolean; problems?: readonly { rule: string }[] }) =>
  r.ok ? [] : r.problems!.map((p) => p.rule);

describe('postal item identifier (UPU S10)', () => {
  it.each([
    ['00071758', '1'],
    ['96633102', '0'],
    ['76129403', '8'],
    ['47110815', '1'],
  ])('computes the check digit of %s as %s', (serial, check) => {
    expect(s10CheckDigit(serial)).toBe(check);
  });

  it.each(['EB000717618HK', 'EE471108151FR', ' ea 000 717 618 cn '])('accepts %s', (id) => {
    expect(validateS10(id).ok).toBe(true);
  });

  it('names the expected check digit', () => {
    const r = validateS10('EB000717617HK');
    expect(rules(r)).toEqual(['UPU-S10.checkDigit']);
    expect(JSON.stringify(r)).toContain('should be \\"8\\"');
  });

  it.each(['EB00071761HK', '1012345678912', 'EB0007176181K'])('refuses the shape of %s', (id) => {
    expect(rules(validateS10(id))).toEqual(['UPU-S10.format']);
  });

  it('refuses a reserved service indicator', () => {
    expect(rules(validateS10(`SA00071758${'1'}CN`))).toEqual(['UPU-S10.serviceIndicator']);
  });
});

describe('mobile number (MIIT numbering plan, 1[3-9]x)', () => {
  it.each([
    ['13912345678', '13912345678'],
    ['+86 139-1234-5678', '13912345678'],
    ['19900001111', '19900001111'],
  ])('accepts %s as %s', (input, value) => {
    expect(validateMobileNumber(input)).toMatchObject({ ok: true, value });
  });

  it('names every problem of a number at once', () => {
    expect(rules(validateMobileNumber('1201234567'))).toEqual(['MIIT.mobile.length', 'MIIT.mobile.prefix']);
  });

  it.each(['12912345678', '10086123456'])('refuses the prefix of %s', (n) => {
    expect(rules(validateMobileNumber(n))).toEqual(['MIIT.mobile.prefix']);
  });

  it('refuses letters', () => {
    expect(rules(validateMobileNumber('1391234567a'))).toEqual(['MIIT.mobile.digits']);
  });
});

describe('postal code (six digits, four levels)', () => {
  it('accepts a code and names its province', () => {
    expect(validatePostalCode('313000', '浙江省')).toMatchObject({
      ok: true,
      details: { province: '浙江省' },
    });
    expect(validatePostalCode('100010')).toMatchObject({ ok: true, details: { province: '北京市' } });
  });

  it.each(['31300', '3130000', '31300a'])('refuses the shape of %s', (c) => {
    expect(rules(validatePostalCode(c))).toEqual(['PostalCode.format']);
  });

  it('refuses a code allocated to no province', () => {
    expect(rules(validatePostalCode('990000'))).toEqual(['PostalCode.province']);
  });

  it('refuses a code of another province than the address', () => {
    const r = validatePostalCode('100010', '浙江省');
    expect(rules(r)).toEqual(['PostalCode.provinceMismatch']);
    expect(JSON.stringify(r)).toContain('北京市');
  });
});

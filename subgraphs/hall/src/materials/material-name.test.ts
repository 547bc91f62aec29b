import { describe, expect, it } from 'vitest';
import { inlineDisposition, MaterialNameError, materialName } from './material-name';

describe('materialName', () => {
  it('decodes the URI-encoded name and drops any folder in front of it', () => {
    expect(materialName(encodeURIComponent('身份证 正反面.pdf'), 'application/pdf')).toBe(
      '身份证 正反面.pdf',
    );
    expect(materialName(encodeURIComponent('C:\\fakepath\\户口簿.jpg'), 'image/jpeg')).toBe('户口簿.jpg');
    expect(materialName('scans%2Fcontract.png', 'image/png')).toBe('contract.png');
  });

  it('names a file sent without a name by the type of its content', () => {
    expect(materialName(undefined, 'image/png')).toBe('material.png');
    expect(materialName('', 'application/pdf')).toBe('material.pdf');
  });

  it('refuses a name that is not URI-encoded, holds control characters or is too long', () => {
    expect(() => materialName('%E4%B8', 'image/png')).toThrow(MaterialNameError);
    expect(() => materialName('a%0D%0Ab.pdf', 'image/png')).toThrow(/control characters/);
    expect(() => materialName(encodeURIComponent('证'.repeat(201)), 'image/png')).toThrow(
      /201 characters long; at most 200/,
    );
    expect(materialName(encodeURIComponent('证'.repeat(200)), 'image/png')).toHaveLength(200);
  });
});

describe('inlineDisposition', () => {
  it('gives the UTF-8 name in filename* and an ASCII stand-in in filename', () => {
    expect(inlineDisposition("房产证 (copy)'s.pdf")).toBe(
      `inline; filename="___ (copy)'s.pdf"; filename*=UTF-8''%E6%88%BF%E4%BA%A7%E8%AF%81%20%28copy%29%27s.pdf`,
    );
    expect(inlineDisposition('a"b\\c.png')).toBe(
      `inline; filename="a_b_c.png"; filename*=UTF-8''a%22b%5Cc.png`,
    );
  });
});

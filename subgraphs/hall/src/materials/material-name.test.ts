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

describe('materialName refuses names that would deceive staff', () => {
  const refused = (name: string, type: 'application/pdf' | 'image/jpeg' | 'image/png' = 'image/jpeg') => {
    try {
      materialName(encodeURIComponent(name), type);
    } catch (e) {
      expect(e).toBeInstanceOf(MaterialNameError);
      return (e as Error).message;
    }
    throw new Error(`${name} was accepted`);
  };

  it('refuses right-to-left overrides and zero-width characters, as text fields do, naming them', () => {
    // Shown as "身份证exe.jpg" on a staff screen; it is an .exe.
    expect(refused('身份证\u202Egpj.exe')).toMatch(/U\+202E/);
    expect(refused('身份\u200B证.jpg')).toMatch(/U\+200B.*rename the file/);
    expect(refused('证\uFEFF.jpg')).toMatch(/U\+FEFF/);
    expect(refused('<img src=x>.jpg')).toMatch(/"<"/);
  });

  it('refuses an extension that contradicts the type found in the content, naming the right one', () => {
    expect(refused('身份证.pdf', 'image/png')).toMatch(/ends in \.pdf but the file is PNG.*\.png/);
    expect(refused('scan.tiff', 'application/pdf')).toMatch(/\.tiff.*PDF/);
    expect(materialName(encodeURIComponent('户口簿.JPEG'), 'image/jpeg')).toBe('户口簿.JPEG');
    expect(materialName(encodeURIComponent('合同 [2] v1+v2.pdf'), 'application/pdf')).toBe(
      '合同 [2] v1+v2.pdf',
    );
  });

  it('refuses executable extensions inside the name ("x.exe.jpg"), naming them', () => {
    expect(refused('身份证.exe.jpg')).toMatch(/\.exe/);
    expect(refused('invoice.PDF.scr.pdf', 'application/pdf')).toMatch(/\.scr/);
    expect(materialName(encodeURIComponent('v1.2 身份证.jpg'), 'image/jpeg')).toBe('v1.2 身份证.jpg');
  });

  it('names every problem of a name in one error', () => {
    const message = refused('a\u202E.exe.pdf', 'image/png');
    expect(message).toMatch(/U\+202E/);
    expect(message).toMatch(/\.exe/);
    expect(message).toMatch(/\.pdf/);
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

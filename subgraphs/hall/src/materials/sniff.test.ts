import { describe, expect, it } from 'vitest';
import { claimedType, sniffType } from './sniff';

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => new TextEncoder().encode(s);

// First bytes as real files have them: a PDF 1.7 header, a JFIF JPEG, an EXIF JPEG from a phone, a PNG.
const PDF = text('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
const JFIF = bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01);
const EXIF = bytes(0xff, 0xd8, 0xff, 0xe1, 0x2f, 0xfe, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00);
const PNG = bytes(
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  0x00,
  0x00,
  0x00,
  0x0d,
  0x49,
  0x48,
  0x44,
  0x52,
);

describe('sniffType', () => {
  it('knows PDF, JPEG (JFIF and EXIF) and PNG by their first bytes', () => {
    expect(sniffType(PDF)).toBe('application/pdf');
    expect(sniffType(JFIF)).toBe('image/jpeg');
    expect(sniffType(EXIF)).toBe('image/jpeg');
    expect(sniffType(PNG)).toBe('image/png');
  });

  it('refuses what only its name calls a PDF: a text file, an HTML page, a ZIP', () => {
    expect(sniffType(text('身份证复印件.pdf\nthis is not a PDF'))).toBeUndefined();
    expect(sniffType(text('<!DOCTYPE html><html><body>%PDF-1.7</body></html>'))).toBeUndefined();
    expect(sniffType(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00))).toBeUndefined();
    expect(sniffType(text(' %PDF-1.7'))).toBeUndefined();
  });

  it('refuses an empty file and headers cut short', () => {
    expect(sniffType(new Uint8Array())).toBeUndefined();
    expect(sniffType(text('%PDF'))).toBeUndefined();
    expect(sniffType(bytes(0xff, 0xd8))).toBeUndefined();
    expect(sniffType(PNG.slice(0, 7))).toBeUndefined();
  });

  it('goes by the content when the claim lies: a PNG sent as application/pdf is a PNG', () => {
    expect(claimedType('application/pdf')).toBe('application/pdf');
    expect(sniffType(PNG)).toBe('image/png');
  });
});

describe('claimedType', () => {
  it('reads the media type of a content-type header, ignoring case and parameters', () => {
    expect(claimedType('Application/PDF; name="a.pdf"')).toBe('application/pdf');
    expect(claimedType('image/png')).toBe('image/png');
    expect(claimedType('image/jpg')).toBe('image/jpeg');
  });

  it('claims nothing for types that are not ours, or no header', () => {
    expect(claimedType('application/octet-stream')).toBeUndefined();
    expect(claimedType('text/html')).toBeUndefined();
    expect(claimedType(undefined)).toBeUndefined();
    expect(claimedType('')).toBeUndefined();
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore } from './blob-store';

/** Every file under a directory, as paths relative to it. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();

describe('BlobStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'blobs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores content under its SHA-256, two levels of two hex digits deep', async () => {
    const content = Buffer.from('%PDF-1.7 户口簿');
    const sha = BlobStore.sha256(content);
    const stored = await new BlobStore(dir).put(content);
    expect(stored).toEqual({ sha256: sha, size: content.length, created: true });
    expect(filesUnder(dir)).toEqual([join(sha.slice(0, 2), sha.slice(2, 4), sha)]);
    expect(readFileSync(join(dir, sha.slice(0, 2), sha.slice(2, 4), sha))).toEqual(content);
  });

  it('keeps the same content once, and leaves no temporary file behind', async () => {
    const blobs = new BlobStore(dir);
    const first = await blobs.put(Buffer.from('same bytes'));
    const second = await blobs.put(Buffer.from('same bytes'));
    const [a, b] = await Promise.all([blobs.put(Buffer.from('other')), blobs.put(Buffer.from('other'))]);
    expect(second).toEqual({ ...first, created: false });
    expect(a.sha256).toBe(b.sha256);
    expect(filesUnder(dir)).toHaveLength(2);
    expect(filesUnder(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('reads a stored file back as a stream, and says what it does not hold', async () => {
    const blobs = new BlobStore(dir);
    const { sha256 } = await blobs.put(Buffer.from('营业执照'));
    expect(await text(blobs.read(sha256))).toBe('营业执照');
    expect(await blobs.has(sha256)).toBe(true);
    expect(await blobs.has('0'.repeat(64))).toBe(false);
  });

  it('refuses a path that is not a content address', () => {
    const blobs = new BlobStore(dir);
    expect(() => blobs.pathOf('../../etc/passwd')).toThrow(/not a SHA-256/);
    expect(() => blobs.read('AB'.repeat(32))).toThrow(/not a SHA-256/);
  });
});

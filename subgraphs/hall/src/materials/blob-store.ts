import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

const SHA256 = /^[0-9a-f]{64}$/;

/** What storing a file gave: its content address, its size, and whether this call wrote it. */
export interface StoredBlob {
  readonly sha256: string;
  readonly size: number;
  /** False when the same content was already stored and its file is reused. */
  readonly created: boolean;
}

/**
 * Files stored on disk by content: `<dir>/<first 2 hex>/<next 2 hex>/<sha256>`. The same content is kept
 * once however often it is uploaded, and a stored file never changes, so its address is also its check.
 * A file is written under a temporary name beside its place and renamed into it: a reader (or another
 * hall process sharing the directory) sees the whole file or none.
 */
export class BlobStore {
  constructor(readonly dir: string) {}

  /** The SHA-256 of content, in lower-case hex. */
  static sha256(content: Uint8Array): string {
    return createHash('sha256').update(content).digest('hex');
  }

  /** Where the file of a content address lives; refuses anything that is not an address (no `../`). */
  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new RangeError(`"${sha256}" is not a SHA-256 in lower-case hex`);
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Stores content; a second call with the same content reuses the file. */
  async put(content: Uint8Array): Promise<StoredBlob> {
    const sha256 = BlobStore.sha256(content);
    const path = this.pathOf(sha256);
    if (await this.has(sha256)) return { sha256, size: content.length, created: false };
    await mkdir(join(path, '..'), { recursive: true });
    const temp = `${path}.${randomBytes(8).toString('hex')}.tmp`;
    try {
      const file = await open(temp, 'wx');
      try {
        await file.writeFile(content);
        // On disk before the rename makes it visible: a crash must not leave a short file at the address.
        await file.sync();
      } finally {
        await file.close();
      }
      // Two processes storing the same content both rename; the second replaces identical bytes.
      await rename(temp, path);
    } catch (e) {
      await unlink(temp).catch(() => {});
      throw e;
    }
    return { sha256, size: content.length, created: true };
  }

  /** Whether the content is stored. */
  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  /** Deletes the file of a content address (no record may point at it any more); gone already is fine. */
  async remove(sha256: string): Promise<void> {
    await unlink(this.pathOf(sha256)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  /** The stored file as a stream (it errors if the file is not there: ask {@link has} first). */
  read(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/database';
import { hallSettings } from '../src/settings';

/**
 * The embedded PGlite's shared_buffers: PostgreSQL's 128MB would sit in the hall's WebAssembly memory for
 * good; the hall asks for PGLITE_SHARED_BUFFERS (16MB by default), on a new data directory and on one an
 * earlier start made.
 */
describe('the embedded store’s buffers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'onething-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const sharedBuffers = async (pgliteSharedBuffers: string | undefined) => {
    const { db } = await openDatabase({ dataDir: join(dir, 'hall'), pgliteSharedBuffers });
    try {
      return (await sql<{ sb: string }>`select current_setting('shared_buffers') as sb`.execute(db)).rows[0]!
        .sb;
    } finally {
      await db.destroy();
    }
  };

  it('takes the setting, by default 16MB, on a new directory and again on the same one', async () => {
    const byDefault = hallSettings.spec.pgliteSharedBuffers.schema.parse(undefined);
    expect(byDefault).toBe('16MB');
    expect(await sharedBuffers(byDefault)).toBe('16MB');
    expect(await sharedBuffers('8MB')).toBe('8MB');
  });

  it('refuses a size PostgreSQL would not read, naming the setting', () => {
    expect(() => hallSettings.load({ PGLITE_SHARED_BUFFERS: '16 megabytes' })).toThrow(
      /PGLITE_SHARED_BUFFERS/,
    );
  });
});

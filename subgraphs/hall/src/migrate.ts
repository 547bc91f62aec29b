import { runService } from '@onething/runtime';
import { openDatabase } from './platform/database';
import { hallMigrationSettings } from './settings';

/**
 * The hall's migrations alone, then exit: a deployment's migration job runs this before a new version of
 * the hall rolls out, so no hall process serves while the schema changes under it. The hall migrates at
 * its own start too (under Kysely's lock, once for every process starting at once), finding nothing left
 * to do after this.
 */
runService('hall-migrate', hallMigrationSettings, async (config, log) => {
  const started = Date.now();
  const { db, engine } = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    pgliteSharedBuffers: config.pgliteSharedBuffers,
  });
  await db.destroy();
  log.info({ engine, ms: Date.now() - started }, 'the hall store is migrated to the latest schema');
  process.exit(0);
});

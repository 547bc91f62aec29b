import type { Logger } from '@onething/runtime';
import { identityKey } from '@onething/runtime/identity';
import { hallSubgraphSdl } from '@onething/schema';
import { createSubgraphServer, type Subgraph, subgraphMetrics } from '@onething/subgraph-kit';
import { Hall } from './hall';
import { hallResolvers } from './resolvers';
import type { HallConfig } from './settings';
import { AuditTrail } from './store/audit';
import { Consents } from './store/consents';
import { openDatabase } from './store/database';
import { Prefills } from './store/prefills';
import { SupergraphClient, serviceToken } from './supergraph-client';

/**
 * Builds the hall (without listening): its store (PGlite or PostgreSQL, migrated), its bundles checked
 * against the departments' items read through the supergraph, and its subgraph.
 */
export async function createHallSubgraph(
  config: HallConfig,
  log: Logger,
): Promise<Subgraph & { hall: Hall }> {
  const { db, engine } = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    onConnectionError: (err) =>
      log.warn({ err: err.message }, 'a database connection failed; the pool replaces it'),
  });
  log.info({ engine, where: config.databaseUrl ? 'DATABASE_URL' : config.dataDir }, 'hall store open');
  const client = new SupergraphClient(
    config.gatewayUrl,
    serviceToken({ tokenUrl: config.tokenUrl, clientId: config.clientId, clientSecret: config.clientSecret }),
  );
  let hall: Hall;
  try {
    hall = await Hall.load({ bundlesDir: config.bundlesDir, client, waitMs: config.catalogueWaitMs, log });
  } catch (e) {
    await db.destroy();
    throw e;
  }
  const subgraph = createSubgraphServer({
    department: 'hall',
    sdl: hallSubgraphSdl(),
    resolvers: [
      hallResolvers({
        hall,
        client,
        consents: new Consents(db),
        audit: new AuditTrail(db),
        prefills: new Prefills(db),
      }),
    ],
    identityKey: identityKey(config.identitySecret),
    loaders: () => ({}),
    log,
    host: config.host,
    port: config.port,
    metrics: subgraphMetrics('hall'),
    onClose: () => void db.destroy(),
  });
  return Object.assign(subgraph, { hall });
}

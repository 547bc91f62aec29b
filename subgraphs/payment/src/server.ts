import { createPaymentAdapter, privateKeyFile, publicKeyFile } from '@onething/adapter-payment';
import type { Logger } from '@onething/runtime';
import { platformSubgraphSdl } from '@onething/schema';
import { createSubgraphServer, subgraphMetrics, systemClientSettings } from '@onething/subgraph-kit';
import { NOTIFICATION_PATH, registerNotifications } from './notifications';
import { paymentResolvers } from './resolvers';
import type { PaymentSubgraphConfig } from './settings';

/** Builds the payment subgraph (without listening): its GraphQL over the adapter, and the notification route. */
export function createPaymentSubgraph(config: PaymentSubgraphConfig, log: Logger) {
  const metrics = subgraphMetrics('payment');
  const adapter = createPaymentAdapter({
    client: systemClientSettings(config),
    hooks: metrics.hooks,
    callerId: config.callerId,
    callerKey: privateKeyFile(config.callerKeyFile),
    platformKey: publicKeyFile(config.platformKeyFile),
  });
  return createSubgraphServer({
    department: 'payment',
    sdl: platformSubgraphSdl('payment'),
    resolvers: [paymentResolvers(adapter, config.notifyUrl, config.checkoutUrl)],
    identityKeys: config.identityKeys,
    loaders: () => adapter.loaders(),
    log,
    host: config.host,
    port: config.port,
    metrics,
    requestDeadlineMs: config.requestDeadlineMs,
    // The platform signs its notifications itself; they carry no identity of the gateway's.
    identityPaths: ['/graphql'],
    routes: (app) =>
      registerNotifications(app, adapter, { url: config.relayUrl, secret: config.relaySecret }, log),
    onClose: () => adapter.close(),
  });
}

export { NOTIFICATION_PATH };

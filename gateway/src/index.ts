export { AuthError, createAuth, identityFromClaims } from './auth';
export { environmentFromArgs } from './cli';
export type { GatewayContext } from './context';
export { SubgraphDataSource } from './data-source';
export { queryLimits } from './plugins/limits';
export { gatewayMetrics } from './plugins/metrics';
export { createGateway, type Gateway } from './server';
export { type GatewayConfig, gatewaySettings } from './settings';

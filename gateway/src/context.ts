import type { Identity } from '@onething/runtime/identity';

/** Per request: who is asking (verified at the gateway) and the internal header that says so to subgraphs. */
export interface GatewayContext {
  readonly identity: Identity;
  /** The signed internal identity header for this identity. */
  readonly identityHeader: string;
}

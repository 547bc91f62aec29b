import type { Identity } from '@onething/runtime/identity';

/** Per request: who is asking (verified at the gateway) and what subgraphs are told of the request. */
export interface GatewayContext {
  readonly identity: Identity;
  /** The signed internal identity header for this identity; none where no subgraph is sent it. */
  readonly identityHeader: string | undefined;
  /** The client's headers that FORWARD_HEADERS passes on to some subgraph, by lower-case name. */
  readonly clientHeaders: Readonly<Record<string, string>>;
}

import type { Logger } from '@onething/runtime';
import type { Identity } from '@onething/runtime/identity';
import type { Access } from './access';

/** What every resolver of a subgraph gets: who is asking, what they may do, this request's loaders. */
export interface SubgraphContext<L> {
  readonly identity: Identity;
  readonly access: Access;
  /** DataLoaders of this request only (created on first use). */
  readonly loaders: L;
  readonly log: Logger;
}

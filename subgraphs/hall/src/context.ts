import type { SubgraphContext } from '@onething/subgraph-kit';
import type { ApplicationReads } from './applications/reads';
import type { RequestBatches } from './platform/request-batches';

/** What every resolver of the hall is given: the subgraph kit's context with the hall's per-request reads. */
export type HallContext = SubgraphContext<{ applications?: ApplicationReads; batches?: RequestBatches }>;

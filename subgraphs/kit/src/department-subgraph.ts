import type { DepartmentAdapter } from '@onething/adapter-core';
import type { Logger } from '@onething/runtime';
import type { IdentityKeys } from '@onething/runtime/identity';
import { DEPARTMENT, type DepartmentKey, departmentSubgraphSdl } from '@onething/schema';
import { Catalogue } from './catalogue';
import { departmentOperations } from './department-operations';
import { entryPoints } from './entry-points';
import { feeAssessmentOperation } from './fee-assessment';
import type { SubgraphMetrics } from './metrics';
import { createSubgraphServer, type Subgraph } from './server';

/**
 * A department's subgraph, wired: its SDL from schema/subgraphs, the shared entry points, its items and
 * case operations on its adapter, and its own field resolvers.
 */
export function createDepartmentSubgraph<L>(options: {
  readonly department: DepartmentKey;
  readonly adapter: DepartmentAdapter & { loaders(): L };
  /** The department's own fields on people, enterprises and units. */
  readonly resolvers: Record<string, unknown>;
  readonly config: {
    readonly identityKeys: IdentityKeys;
    readonly host: string;
    readonly port: number;
    readonly requestDeadlineMs: number;
  };
  readonly metrics: SubgraphMetrics;
  readonly log: Logger;
}): Subgraph {
  const { department, adapter, config } = options;
  const catalogue = new Catalogue(adapter);
  return createSubgraphServer({
    department,
    sdl: departmentSubgraphSdl(department),
    resolvers: [
      entryPoints(department),
      departmentOperations(DEPARTMENT[department], adapter, catalogue),
      feeAssessmentOperation(DEPARTMENT[department], adapter, catalogue),
      options.resolvers,
    ],
    identityKeys: config.identityKeys,
    loaders: () => adapter.loaders(),
    log: options.log,
    host: config.host,
    port: config.port,
    metrics: options.metrics,
    requestDeadlineMs: config.requestDeadlineMs,
    onClose: () => adapter.close(),
  });
}

export { Access, type CaseOperation } from './access';
export { INSTANT_RANGE, instantArgument, type LimitRange, listLimit } from './arguments';
export { Catalogue } from './catalogue';
export type { SubgraphContext } from './context';
export { departmentOperations } from './department-operations';
export { createDepartmentSubgraph } from './department-subgraph';
export { entryPoints } from './entry-points';
export {
  extensionsOf,
  formatError,
  formatErrors,
  SUBGRAPH_ERRORS,
  type SubgraphErrorCode,
  subgraphError,
} from './errors';
export { fieldValues, type ValueProblem } from './field-values';
export { type SubgraphMetrics, subgraphMetrics } from './metrics';
export { createSubgraphServer, mergeResolvers, type Subgraph, type SubgraphOptions } from './server';
export { subgraphSettings, systemClientSettings } from './settings';
export { caseShape, itemShape } from './shapes';

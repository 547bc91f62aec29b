import { composeOurSupergraph, readSupergraph } from '../supergraph';
import { readAllowances } from './allowances';
import { checkedInSupergraph } from './base';
import { checkSchema, type SchemaCheckResult } from './check';
import { docExamples, exampleOperations, teamOperations, webOperations } from './operations';

export { type BreakingChangeAllowance, parseAllowances, readAllowances } from './allowances';
export { type BaseSupergraph, checkedInSupergraph } from './base';
export { type ClassifiedChanges, classifyChanges, type SchemaChange } from './changes';
export { apiSchema, checkSchema, type SchemaCheckInput, type SchemaCheckResult } from './check';
export {
  docExamples,
  type InvalidOperation,
  type OperationSet,
  teamOperations,
  validateOperations,
  webOperations,
} from './operations';
export { formatReport } from './report';

/**
 * `npm run schema:check` on this repository: schema/subgraphs as they are in the working tree, against the
 * last checked-in supergraph, with the web app's operations, the example client's, the teams' registered
 * ones and the guides' examples.
 */
export async function checkOurSchema(env: NodeJS.ProcessEnv = process.env): Promise<SchemaCheckResult> {
  return checkSchema({
    base: checkedInSupergraph(env),
    compose: composeOurSupergraph,
    supergraphFile: readSupergraph(),
    operations: [await webOperations(), await exampleOperations(), ...teamOperations(), ...docExamples()],
    allowances: readAllowances(),
  });
}

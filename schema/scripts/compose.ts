import { writeFileSync } from 'node:fs';
import { composeOurSupergraph, SUPERGRAPH_FILE } from '../src/supergraph';

// `npm run compose`: schema/subgraphs → schema/supergraph.graphql. A test fails while the file is stale.
try {
  writeFileSync(SUPERGRAPH_FILE, composeOurSupergraph());
  process.stdout.write(`wrote ${SUPERGRAPH_FILE.pathname}\n`);
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}

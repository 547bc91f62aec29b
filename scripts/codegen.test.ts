import { describe, expect, it } from 'vitest';
import { staleGeneratedFiles } from './codegen';

describe('the generated GraphQL types', () => {
  // CI runs this in `npm test`: a schema or an operation changed without `npm run codegen` fails here, and
  // once regenerated, a page reading what the schema no longer has fails the typecheck, not in a browser.
  it('are what the schema and the operations of the web app and the examples generate now (else run `npm run codegen`)', async () => {
    expect(await staleGeneratedFiles()).toEqual([]);
  }, 120_000);
});

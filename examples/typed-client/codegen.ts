import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator's client preset over the one schema: every `graphql(`…`)` under src/ becomes a
 * typed document in src/generated/, whose result and variables types are the schema's. Run `npm run
 * codegen` (here) after changing an operation or taking a new schema; an operation the schema does not
 * validate fails here, not at run time.
 */
const config: CodegenConfig = {
  // The schema the gateway serves: in this repository the composed supergraph (its federation directives
  // are not part of any operation's types). Another team points at its copy, or at a development gateway's
  // URL (http://127.0.0.1:4000/graphql, introspection allowed there).
  schema: '../../schema/supergraph.graphql',
  documents: ['src/**/*.ts', '!src/generated/**'],
  // The schema's order, not the alphabet's (a status filter lists statuses in the order they happen).
  config: { sort: false },
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Documents as strings, to send with fetch: no GraphQL client and no graphql runtime needed.
        documentMode: 'string',
        useTypeImports: true,
        enumType: 'const',
        // Every custom scalar travels as a string (docs/frontend.md, "Values"): Money too, never a float.
        scalars: {
          Date: 'string',
          DateTime: 'string',
          IdNumber: 'string',
          USCC: 'string',
          UnitCode: 'string',
          Money: 'string',
        },
      },
    },
  },
};

export default config;

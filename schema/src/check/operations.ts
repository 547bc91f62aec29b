import { readdirSync, readFileSync } from 'node:fs';
import {
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  NoDeprecatedCustomRule,
  NoUnusedFragmentsRule,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  validate,
  visit,
} from 'graphql';

/**
 * The operations clients are known to send, which a schema change must keep valid: the web app's (its
 * documents module) and those a team registers as `.graphql` files under schema/operations/<team>/.
 * Fragments are shared within a set (one client), not across sets.
 */
export interface OperationSet {
  /** Whose operations: "the web app", "team integrators", "the guides"… */
  readonly owner: string;
  readonly definitions: readonly { readonly file: string; readonly definition: DefinitionNode }[];
}

/** A registered operation (or fragment) the new schema no longer validates. */
export interface InvalidOperation {
  readonly owner: string;
  readonly file: string;
  /** `query BundleForm`, `fragment PartParts`… */
  readonly operation: string;
  readonly errors: readonly string[];
}

/** Where the web app keeps the operations it sends. */
export const WEB_DOCUMENTS = new URL('../../../web/src/api/documents.ts', import.meta.url);
/** Where teams register the operations their clients send, one folder per team. */
export const TEAM_OPERATIONS_DIR = new URL('../../operations/', import.meta.url);
/** The guides, whose ```graphql examples readers copy into their clients. */
export const DOCS_DIR = new URL('../../../docs/', import.meta.url);

/** The example client of docs/frontend.md, whose operations another team starts from. */
export const EXAMPLE_DOCUMENTS = new URL('../../../examples/typed-client/src/operations.ts', import.meta.url);

/**
 * Every GraphQL document a client's documents module exports. The module is imported, not scanned, so
 * whatever builds the documents (urql's `gql`, generated typed documents) is honoured.
 */
export async function moduleOperations(file: URL, owner: string, label: string): Promise<OperationSet> {
  const documents: Record<string, unknown> = await import(file.href);
  const definitions = Object.values(documents)
    .filter((d): d is DocumentNode => (d as DocumentNode | null)?.kind === Kind.DOCUMENT)
    .flatMap((d) => d.definitions.map((definition) => ({ file: label, definition })));
  return { owner, definitions };
}

/** The web app's operations. */
export const webOperations = (file: URL = WEB_DOCUMENTS) =>
  moduleOperations(file, 'the web app', 'web/src/api/documents.ts');

/** The example client's operations (examples/typed-client). */
export const exampleOperations = (file: URL = EXAMPLE_DOCUMENTS) =>
  moduleOperations(file, 'the example client', 'examples/typed-client/src/operations.ts');

/** Each team's registered operations: schema/operations/<team>/*.graphql. */
export function teamOperations(dir: URL = TEAM_OPERATIONS_DIR, label = 'schema/operations'): OperationSet[] {
  let teams: string[];
  try {
    teams = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
  return teams.map((team) => {
    const folder = new URL(`${team}/`, dir);
    const files = readdirSync(folder)
      .filter((f) => f.endsWith('.graphql'))
      .sort();
    return {
      owner: `team ${team}`,
      definitions: files.flatMap((f) => {
        const file = `${label}/${team}/${f}`;
        return parseIn(file, readFileSync(new URL(f, folder), 'utf8')).definitions.map((definition) => ({
          file,
          definition,
        }));
      }),
    };
  });
}

/**
 * The guides' examples: every ```graphql block of docs/*.md, one set per guide (a block may spread a
 * fragment another block of the same guide defines), so a schema change cannot leave a guide wrong.
 */
export function docExamples(dir: URL = DOCS_DIR): OperationSet[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((guide) => {
      const text = readFileSync(new URL(guide, dir), 'utf8');
      const blocks = [...text.matchAll(/^```graphql\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? '');
      if (blocks.length === 0) return [];
      const file = `docs/${guide}`;
      return [
        {
          owner: 'the guides',
          definitions: blocks.flatMap((block) =>
            parseIn(file, block).definitions.map((definition) => ({ file, definition })),
          ),
        },
      ];
    });
}

const parseIn = (file: string, text: string) => {
  try {
    return parse(text);
  } catch (e) {
    throw new Error(`${file} holds GraphQL that does not parse: ${(e as Error).message}`);
  }
};

const nameOf = (d: OperationDefinitionNode | FragmentDefinitionNode) =>
  d.kind === Kind.FRAGMENT_DEFINITION
    ? `fragment ${d.name.value}`
    : `${d.operation} ${d.name?.value ?? '(anonymous)'}`;

const ALL_BUT_UNUSED_FRAGMENTS = specifiedRules.filter((r) => r !== NoUnusedFragmentsRule);

/**
 * Validates every registered operation and fragment against a schema, each with the fragments it spreads:
 * how many were checked, those that failed, and the valid operations that use deprecated fields or
 * values (who must move before they can be removed).
 */
export function validateOperations(
  schema: GraphQLSchema,
  sets: readonly OperationSet[],
): { checked: number; invalid: InvalidOperation[]; deprecatedUses: InvalidOperation[] } {
  let checked = 0;
  const deprecatedUses: InvalidOperation[] = [];
  const invalid = sets.flatMap((set) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const { definition } of set.definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION && !fragments.has(definition.name.value))
        fragments.set(definition.name.value, definition);
    const seen = new Set<string>();
    return set.definitions.flatMap(({ file, definition }) => {
      if (definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION)
        return [];
      const name = nameOf(definition);
      // Documents built from shared fragments repeat them: check each definition once.
      if (seen.has(name)) return [];
      seen.add(name);
      checked += 1;
      const document: DocumentNode = {
        kind: Kind.DOCUMENT,
        definitions: [definition, ...spreadFragments(definition, fragments)],
      };
      const rules = definition.kind === Kind.FRAGMENT_DEFINITION ? ALL_BUT_UNUSED_FRAGMENTS : specifiedRules;
      const errors = validate(schema, document, rules).map((e) => e.message);
      if (errors.length > 0) return [{ owner: set.owner, file, operation: name, errors }];
      if (definition.kind === Kind.OPERATION_DEFINITION) {
        const uses = validate(schema, document, [NoDeprecatedCustomRule]).map((e) => e.message);
        if (uses.length > 0) deprecatedUses.push({ owner: set.owner, file, operation: name, errors: uses });
      }
      return [];
    });
  });
  return { checked, invalid, deprecatedUses };
}

/** The fragments a definition spreads, transitively (a missing one is left for validation to name). */
function spreadFragments(
  root: OperationDefinitionNode | FragmentDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): FragmentDefinitionNode[] {
  const found = new Map<string, FragmentDefinitionNode>();
  const walk = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (
          !fragment ||
          found.has(name) ||
          (root.kind === Kind.FRAGMENT_DEFINITION && root.name.value === name)
        )
          return;
        found.set(name, fragment);
        walk(fragment);
      },
    });
  walk(root);
  return [...found.values()];
}

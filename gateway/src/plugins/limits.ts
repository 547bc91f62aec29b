import { codedError } from '@onething/schema/errors';
import {
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';

/**
 * Limits on what one query may ask, checked while validating — before planning, so a query over a limit
 * never reaches a subgraph. Fragments are expanded (a fragment spread ten times counts ten times) and a
 * fragment cycle cannot loop the check (cycles are refused by graphql's own NoFragmentCycles rule).
 *
 * The cost of an operation is what it may make the subgraphs do: each field costs 1 (`__typename` 0),
 * and the fields under a list are counted once per row it may return — its `first` or `limit` argument,
 * as a literal or else the argument's default, or DEFAULT_LIST_SIZE for a list without one.
 *
 * An operation made only of introspection (`__schema`, `__type`) is judged by the introspection setting
 * instead of the depth and cost limits: GraphiQL's own introspection query is 15 levels deep, and what it
 * can cost is bounded by the schema (graphql's MaxIntrospectionDepthRule refuses the nesting of lists —
 * `fields`, `interfaces`, `possibleTypes` — that could blow it up). An introspection field in a query
 * that asks for anything else lifts nothing. Aliases are counted in every operation.
 */

/** Rows a list without a `first`/`limit` argument is counted as. */
export const DEFAULT_LIST_SIZE = 10;

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

interface Measure {
  depth: number;
  aliases: number;
  cost: number;
  /** Whether every top-level field is introspection (`__schema`, `__type`, `__typename`). */
  introspectionOnly: boolean;
  /** Whether any top-level field is `__schema` or `__type`. */
  introspects: boolean;
}

/** The rows a list field is counted as: its `first`/`limit` argument, else the argument's default, else 10. */
function listSize(node: FieldNode, field: GraphQLField<unknown, unknown> | undefined): number {
  for (const name of ['first', 'limit']) {
    const arg = node.arguments?.find((a) => a.name.value === name);
    const literal = arg && intOf(arg.value);
    if (literal !== undefined) return Math.max(literal, 0);
    const fallback = field?.args.find((a) => a.name === name)?.defaultValue;
    if (typeof fallback === 'number') return Math.max(fallback, 0);
  }
  return DEFAULT_LIST_SIZE;
}

const intOf = (value: ValueNode): number | undefined =>
  value.kind === Kind.INT ? Number(value.value) : undefined;

function fieldOf(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === '__schema') return { type: schema.getType('__Schema') } as GraphQLField<unknown, unknown>;
  if (name === '__type') return { type: schema.getType('__Type') } as GraphQLField<unknown, unknown>;
  if (parent && (isObjectType(parent) || isInterfaceType(parent))) return parent.getFields()[name];
  return undefined;
}

function measure(
  schema: GraphQLSchema,
  set: SelectionSetNode,
  parent: GraphQLCompositeType | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  memo: Map<string, Measure>,
  visiting: Set<string>,
): Measure {
  const m: Measure = { depth: 0, aliases: 0, cost: 0, introspectionOnly: true, introspects: false };
  const add = (inner: Measure) => {
    m.depth = Math.max(m.depth, inner.depth);
    m.aliases += inner.aliases;
    m.cost += inner.cost;
    m.introspectionOnly &&= inner.introspectionOnly;
    m.introspects ||= inner.introspects;
  };
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const name = sel.name.value;
      if (sel.alias) m.aliases++;
      if (INTROSPECTION_ROOTS.has(name)) m.introspects = true;
      else if (name !== '__typename') m.introspectionOnly = false;
      if (name === '__typename') {
        m.depth = Math.max(m.depth, 1);
        continue;
      }
      const field = fieldOf(schema, parent, name);
      if (!sel.selectionSet) {
        m.depth = Math.max(m.depth, 1);
        m.cost += 1;
        continue;
      }
      const type = field && getNamedType(field.type);
      const inner = measure(
        schema,
        sel.selectionSet,
        type && isCompositeType(type) ? type : undefined,
        fragments,
        memo,
        visiting,
      );
      const rows = field && isListType(getNullableType(field.type)) ? listSize(sel, field) : 1;
      m.depth = Math.max(m.depth, inner.depth + 1);
      m.aliases += inner.aliases;
      m.cost += 1 + rows * inner.cost;
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const on = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
      add(
        measure(
          schema,
          sel.selectionSet,
          on && isCompositeType(on) ? on : undefined,
          fragments,
          memo,
          visiting,
        ),
      );
    } else {
      const name = sel.name.value;
      const fragment = fragments.get(name);
      if (!fragment || visiting.has(name)) continue;
      let inner = memo.get(name);
      if (!inner) {
        visiting.add(name);
        const on = schema.getType(fragment.typeCondition.name.value);
        inner = measure(
          schema,
          fragment.selectionSet,
          on && isCompositeType(on) ? on : undefined,
          fragments,
          memo,
          visiting,
        );
        visiting.delete(name);
        memo.set(name, inner);
      }
      add(inner);
    }
  }
  return m;
}

/** The limits an operation is held to (fragments expanded). */
export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxCost: number;
}

/**
 * A validation rule refusing operations deeper than `maxDepth`, with more than `maxAliases` aliases, or
 * costing more than `maxCost` (see the module comment).
 */
export function queryLimits({ maxDepth, maxAliases, maxCost }: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => {
    const doc = context.getDocument();
    const schema = context.getSchema();
    const fragments = new Map(
      doc.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((f) => [f.name.value, f]),
    );
    const memo = new Map<string, Measure>();
    return {
      OperationDefinition(op) {
        const root =
          op.operation === 'query'
            ? schema.getQueryType()
            : op.operation === 'mutation'
              ? schema.getMutationType()
              : schema.getSubscriptionType();
        const { depth, aliases, cost, introspectionOnly, introspects } = measure(
          schema,
          op.selectionSet,
          root ?? undefined,
          fragments,
          memo,
          new Set(),
        );
        // Introspection alone is judged by the introspection setting (Apollo Server's own rule).
        const introspection = introspectionOnly && introspects;
        const name = op.name ? `operation ${op.name.value}` : 'the operation';
        if (depth > maxDepth && !introspection) {
          context.reportError(
            codedError(
              'QUERY_TOO_DEEP',
              `${name} is ${depth} levels deep; at most ${maxDepth} are allowed. Ask for less nested data.`,
              { depth, maxDepth },
              { nodes: [op] },
            ),
          );
        }
        if (aliases > maxAliases) {
          context.reportError(
            codedError(
              'TOO_MANY_ALIASES',
              `${name} uses ${aliases} aliases; at most ${maxAliases} are allowed. Send several requests instead.`,
              { aliases, maxAliases },
              { nodes: [op] },
            ),
          );
        }
        if (cost > maxCost && !introspection) {
          context.reportError(
            codedError(
              'QUERY_TOO_COSTLY',
              `${name} costs ${cost}; at most ${maxCost} is allowed (each field 1, the fields under a list once per row it may return: its first/limit, else ${DEFAULT_LIST_SIZE}). Ask for fewer rows or fields, or send several requests.`,
              { cost, maxCost },
              { nodes: [op] },
            ),
          );
        }
      },
    };
  };
}

import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/**
 * Limits on what one query may ask, checked while validating — before planning, so a query over a limit
 * never reaches a subgraph. Fragments are expanded (a fragment spread ten times counts ten times) and a
 * fragment cycle cannot loop the check (cycles are refused by graphql's own NoFragmentCycles rule).
 */

interface Measure {
  depth: number;
  aliases: number;
}

function measure(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  memo: Map<string, Measure>,
  visiting: Set<string>,
): Measure {
  let depth = 0;
  let aliases = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.alias) aliases++;
      if (sel.selectionSet) {
        const inner = measure(sel.selectionSet, fragments, memo, visiting);
        depth = Math.max(depth, inner.depth + 1);
        aliases += inner.aliases;
      } else depth = Math.max(depth, 1);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const inner = measure(sel.selectionSet, fragments, memo, visiting);
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
    } else {
      const name = sel.name.value;
      const fragment = fragments.get(name);
      if (!fragment || visiting.has(name)) continue;
      let inner = memo.get(name);
      if (!inner) {
        visiting.add(name);
        inner = measure(fragment.selectionSet, fragments, memo, visiting);
        visiting.delete(name);
        memo.set(name, inner);
      }
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
    }
  }
  return { depth, aliases };
}

/** A validation rule refusing operations deeper than `maxDepth` or with more than `maxAliases` aliases. */
export function queryLimits(maxDepth: number, maxAliases: number) {
  return (context: ValidationContext): ASTVisitor => {
    const doc = context.getDocument();
    const fragments = new Map(
      doc.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((f) => [f.name.value, f]),
    );
    const memo = new Map<string, Measure>();
    return {
      OperationDefinition(op) {
        const { depth, aliases } = measure(op.selectionSet, fragments, memo, new Set());
        const name = op.name ? `operation ${op.name.value}` : 'the operation';
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(
              `${name} is ${depth} levels deep; at most ${maxDepth} are allowed. Ask for less nested data.`,
              {
                nodes: [op],
                extensions: { code: 'QUERY_TOO_DEEP', depth, maxDepth },
              },
            ),
          );
        }
        if (aliases > maxAliases) {
          context.reportError(
            new GraphQLError(
              `${name} uses ${aliases} aliases; at most ${maxAliases} are allowed. Send several requests instead.`,
              {
                nodes: [op],
                extensions: { code: 'TOO_MANY_ALIASES', aliases, maxAliases },
              },
            ),
          );
        }
      },
    };
  };
}

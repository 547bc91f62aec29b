import { failSpan, isTracing, type Span, tracer } from '@onething/runtime/tracing';
import { type GraphQLSchema, isObjectType, responsePathAsArray } from 'graphql';

/**
 * A span per resolver the subgraph declares (`Query.me`, `Person.taxpayer`, `Mutation.submitApplication`,
 * `Query._entities`), active while it runs, so the department calls it makes are its children; fields
 * read off their parent by graphql's default resolver have none. The schema is wrapped only while
 * tracing is on: off, it is served untouched. A resolver that answers at once stays synchronous.
 */
export function traceResolvers(schema: GraphQLSchema, subgraph: string): void {
  if (!isTracing()) return;
  const t = tracer('subgraph');
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      const name = `${type.name}.${field.name}`;
      field.resolve = (source, args, ctx, info) =>
        t.startActiveSpan(
          name,
          {
            attributes: {
              'onething.subgraph': subgraph,
              'graphql.field.name': field.name,
              'graphql.field.path': responsePathAsArray(info.path).join('.'),
              'graphql.operation.type': info.operation.operation,
              ...(info.operation.name ? { 'graphql.operation.name': info.operation.name.value } : {}),
            },
          },
          (span) => settle(span, () => resolve(source, args, ctx, info)),
        );
    }
  }
}

/** Ends the span when the resolver's answer is there: at once, or when its promise settles. */
function settle(span: Span, run: () => unknown): unknown {
  let answer: unknown;
  try {
    answer = run();
  } catch (e) {
    failSpan(span, e);
    span.end();
    throw e;
  }
  if (!(answer instanceof Promise)) {
    span.end();
    return answer;
  }
  return answer.then(
    (value) => {
      span.end();
      return value;
    },
    (e: unknown) => {
      failSpan(span, e);
      span.end();
      throw e;
    },
  );
}

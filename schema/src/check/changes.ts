import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';
import type { BreakingChangeAllowance } from './allowances';

/** One change between two API schemas, as GraphQL Inspector names and grades it. */
export interface SchemaChange {
  /** Inspector's change type, e.g. `FIELD_REMOVED`. */
  readonly type: string;
  /** The schema coordinate it touches, e.g. `Query.bundle` (absent for schema-wide changes). */
  readonly path: string | undefined;
  readonly message: string;
  /** Why Inspector graded it so, when it says. */
  readonly reason: string | undefined;
}

/** The changes, graded: breaking (with or without a reviewed allowance), dangerous, safe. */
export interface ClassifiedChanges {
  /** Breaking changes no allowance covers: each fails the check. */
  readonly breaking: readonly SchemaChange[];
  /** Breaking changes an allowance covers, with the allowance's reason. */
  readonly allowed: readonly (SchemaChange & { readonly allowance: BreakingChangeAllowance })[];
  /** Changes that break no valid operation but may change what a client sees (a new enum value…). */
  readonly dangerous: readonly SchemaChange[];
  readonly safe: readonly SchemaChange[];
  /** Allowances that match no breaking change of this diff: stale once their change is merged. */
  readonly unusedAllowances: readonly BreakingChangeAllowance[];
}

const covers = (a: BreakingChangeAllowance, c: SchemaChange) =>
  a.path === c.path && (a.change === undefined || a.change === c.type);

/** Diffs two API schemas with `@graphql-inspector/core` and grades each change. */
export async function classifyChanges(
  before: GraphQLSchema,
  after: GraphQLSchema,
  allowances: readonly BreakingChangeAllowance[],
): Promise<ClassifiedChanges> {
  const changes = await diff(before, after);
  const of = (level: CriticalityLevel) =>
    changes.filter((c: Change) => c.criticality.level === level).map(toSchemaChange);
  const breaking = of(CriticalityLevel.Breaking);
  const allowed = breaking.flatMap((c) => {
    const allowance = allowances.find((a) => covers(a, c));
    return allowance ? [{ ...c, allowance }] : [];
  });
  return {
    breaking: breaking.filter((c) => !allowances.some((a) => covers(a, c))),
    allowed,
    dangerous: of(CriticalityLevel.Dangerous),
    safe: of(CriticalityLevel.NonBreaking),
    unusedAllowances: allowances.filter((a) => !breaking.some((c) => covers(a, c))),
  };
}

const toSchemaChange = (c: Change): SchemaChange => ({
  type: String(c.type),
  path: c.path,
  message: c.message,
  reason: c.criticality.reason,
});

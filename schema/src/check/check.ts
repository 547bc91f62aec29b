import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';
import { CompositionError } from '../compose';
import type { BreakingChangeAllowance } from './allowances';
import type { BaseSupergraph } from './base';
import { type ClassifiedChanges, classifyChanges } from './changes';
import { type InvalidOperation, type OperationSet, validateOperations } from './operations';

/** What a schema check looks at. */
export interface SchemaCheckInput {
  /** The last checked-in supergraph. */
  readonly base: BaseSupergraph;
  /** Composes the changed subgraphs into a supergraph SDL; throws CompositionError when they do not compose. */
  readonly compose: () => string;
  /** The supergraph file as it is in the change, to tell when it was not recomposed; skipped when absent. */
  readonly supergraphFile?: string;
  readonly operations: readonly OperationSet[];
  readonly allowances: readonly BreakingChangeAllowance[];
}

/** What the check found. It passes when `problems` says nothing. */
export interface SchemaCheckResult {
  readonly base: string;
  /** Why the subgraphs do not compose; empty when they do. */
  readonly compositionErrors: readonly string[];
  /** The change recomposes to another supergraph than the one it holds in schema/supergraph.graphql. */
  readonly staleSupergraphFile: boolean;
  /** Absent when the subgraphs do not compose. */
  readonly changes?: ClassifiedChanges;
  readonly invalidOperations: readonly InvalidOperation[];
  /** Valid registered operations that use something deprecated: who must move before it goes. */
  readonly deprecatedUses: readonly InvalidOperation[];
  /** How many registered operations and fragments were validated. */
  readonly operationsChecked: number;
  readonly passed: boolean;
}

/** The schema clients see: the supergraph without federation's machinery and @inaccessible parts. */
export const apiSchema = (supergraphSdl: string): GraphQLSchema =>
  Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();

/**
 * Composes the changed subgraphs, diffs the API schema against the last checked-in one, and validates every
 * registered operation against the new schema. Fails on composition errors, unallowed breaking changes,
 * operations that no longer validate, and a supergraph file that was not recomposed.
 */
export async function checkSchema(input: SchemaCheckInput): Promise<SchemaCheckResult> {
  let composed: string;
  try {
    composed = input.compose();
  } catch (e) {
    if (!(e instanceof CompositionError)) throw e;
    return {
      base: input.base.from,
      compositionErrors: e.problems,
      staleSupergraphFile: false,
      invalidOperations: [],
      deprecatedUses: [],
      operationsChecked: 0,
      passed: false,
    };
  }
  const after = apiSchema(composed);
  const changes = await classifyChanges(apiSchema(input.base.sdl), after, input.allowances);
  const operations = validateOperations(after, input.operations);
  const staleSupergraphFile = input.supergraphFile !== undefined && input.supergraphFile !== composed;
  return {
    base: input.base.from,
    compositionErrors: [],
    staleSupergraphFile,
    changes,
    invalidOperations: operations.invalid,
    deprecatedUses: operations.deprecatedUses,
    operationsChecked: operations.checked,
    passed: changes.breaking.length === 0 && operations.invalid.length === 0 && !staleSupergraphFile,
  };
}

import { describe, expect, it } from 'vitest';
import type { GraphQLAnswer, SupergraphClient } from '../platform/supergraph-client';
import { DepartmentApi, DispatchError } from './department-api';

const actingFor = { idNumber: '11010519491231002X', enterprises: [] };

/** The department API over a supergraph that answers every call with `answer`. */
const answering = (answer: GraphQLAnswer<unknown>) =>
  new DepartmentApi({ query: async () => answer } as unknown as SupergraphClient);

const failureOf = async (answer: GraphQLAnswer<unknown>): Promise<DispatchError> => {
  const e = await answering(answer)
    .get('tax', 'TAX-1', actingFor)
    .catch((e: unknown) => e);
  expect(e).toBeInstanceOf(DispatchError);
  return e as DispatchError;
};

const error = (code: string, more: Record<string, unknown> = {}) => ({
  errors: [{ message: `${code} happened`, extensions: { code, ...more } }],
});

describe('whether a dispatch failure is tried again', () => {
  it('is as the department’s subgraph said, whatever the code', async () => {
    expect((await failureOf(error('RATE_LIMITED', { retryable: true }))).retryable).toBe(true);
    expect((await failureOf(error('DEPARTMENT_UNAVAILABLE', { retryable: false }))).retryable).toBe(false);
    expect((await failureOf(error('SUBGRAPH_TIMEOUT', { retryable: false }))).retryable).toBe(false);
    expect((await failureOf(error('DEPARTMENT_REJECTED', { retryable: false }))).retryable).toBe(false);
  });

  it('without a word on it: again when the gateway or the subgraph failed, final when it was refused', async () => {
    for (const code of ['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT', 'NOT_READY', 'INTERNAL_SERVER_ERROR'])
      expect((await failureOf(error(code))).retryable, code).toBe(true);
    for (const code of ['INVALID_INPUT', 'FORBIDDEN', 'GRAPHQL_VALIDATION_FAILED'])
      expect((await failureOf(error(code))).retryable, code).toBe(false);
    expect((await failureOf({ errors: [{ message: 'no code' }] })).retryable).toBe(false);
  });

  it('is again when nothing was answered at all', async () => {
    const failure = await failureOf({ data: null });
    expect(failure).toMatchObject({ retryable: true, code: 'NO_ANSWER' });
  });

  it('keeps the code and the wait the department asked for', async () => {
    const failure = await failureOf(
      error('DEPARTMENT_UNAVAILABLE', { retryable: true, retryAfterSeconds: 30 }),
    );
    expect(failure).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', retryAfterMs: 30_000 });
  });
});

describe('whether a failed call may have reached the department', () => {
  it('may, when the gateway lost or could not read its subgraph, or nothing came back', async () => {
    for (const code of [
      'SUBGRAPH_UNAVAILABLE',
      'SUBGRAPH_TIMEOUT',
      'SUBGRAPH_MALFORMED_RESPONSE',
      'INTERNAL_SERVER_ERROR',
    ])
      expect((await failureOf(error(code))).uncertain, code).toBe(true);
    expect((await failureOf({ data: null })).uncertain).toBe(true);
    const unreachable = await new DepartmentApi({
      query: async () => {
        throw new Error('socket hang up');
      },
    } as unknown as SupergraphClient)
      .get('tax', 'TAX-1', actingFor)
      .catch((e: unknown) => e as DispatchError);
    expect(unreachable).toMatchObject({ code: 'GATEWAY_UNREACHABLE', uncertain: true });
  });

  it('did not, when the department answered or the call was refused before it was sent', async () => {
    for (const code of [
      'DEPARTMENT_REJECTED',
      'DEPARTMENT_TIMEOUT',
      'RATE_LIMITED',
      'NOT_READY',
      'UNAUTHENTICATED',
    ])
      expect((await failureOf(error(code, { retryable: true }))).uncertain, code).toBe(false);
  });
});

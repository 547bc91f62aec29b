import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../envelope';

const REQUEST_ID = /^[\x21-\x7e]{8,128}$/;

/** The request id (idempotency key) of a write, or the problem with it: 8–128 visible ASCII characters. */
export function requestIdOf(req: FastifyRequest): { id: string } | { error: FieldError } {
  const raw = req.headers['x-request-id'];
  const id = typeof raw === 'string' ? raw : undefined;
  if (id && REQUEST_ID.test(id)) return { id };
  return { error: { field: 'X-Request-Id', reason: '必填，8至128个可见ASCII字符' } };
}

/** The same check for `?request_id=` of the case lookup. */
export function validRequestId(id: unknown): id is string {
  return typeof id === 'string' && REQUEST_ID.test(id);
}

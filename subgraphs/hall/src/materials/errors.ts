import { sendError } from '@onething/runtime/http';
import type { ErrorCode } from '@onething/schema/errors';
import type { FastifyReply } from 'fastify';

/**
 * The codes the material routes refuse with (listed in docs/materials.md); their HTTP statuses and
 * meanings are the registry's (`@onething/schema/errors`). Messages say what was wrong and how to fix it.
 */
export type MaterialErrorCode = Extract<
  ErrorCode,
  | 'MATERIAL_EMPTY'
  | 'MATERIAL_NAME_INVALID'
  | 'BAD_REQUEST'
  | 'FORBIDDEN'
  | 'MATERIAL_QUOTA_EXCEEDED'
  | 'MATERIAL_NOT_FOUND'
  | 'MATERIAL_HANDED_IN'
  | 'MATERIAL_TOO_LARGE'
  | 'MATERIAL_TYPE_NOT_ALLOWED'
  | 'MATERIAL_TYPE_MISMATCH'
  | 'INTERNAL_SERVER_ERROR'
  | 'STORE_UNAVAILABLE'
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'VISIT_EXPIRED'
  | 'DELEGATION_NOT_ACTIVE'
  | 'DELEGATION_OUT_OF_SCOPE'
>;

/** Answers with one error in the shape every service uses: `{ errors: [{ message, extensions }] }`. */
export function refuse(
  reply: FastifyReply,
  code: MaterialErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): FastifyReply {
  return sendError(reply, code, message, extensions);
}

import type { FastifyReply } from 'fastify';

/**
 * The refusals of the material routes, with their HTTP status. The codes are the public contract (listed
 * in docs/materials.md); messages say what was wrong and how to fix it.
 */
export const MATERIAL_ERRORS = {
  MATERIAL_EMPTY: 400,
  MATERIAL_NAME_INVALID: 400,
  BAD_REQUEST: 400,
  FORBIDDEN: 403,
  MATERIAL_QUOTA_EXCEEDED: 403,
  MATERIAL_NOT_FOUND: 404,
  MATERIAL_HANDED_IN: 409,
  MATERIAL_TOO_LARGE: 413,
  MATERIAL_TYPE_NOT_ALLOWED: 415,
  MATERIAL_TYPE_MISMATCH: 415,
  INTERNAL_SERVER_ERROR: 500,
  STORE_UNAVAILABLE: 503,
} as const;

/** A code of {@link MATERIAL_ERRORS}. */
export type MaterialErrorCode = keyof typeof MATERIAL_ERRORS;

/** Answers with one error in the shape every service uses: `{ errors: [{ message, extensions }] }`. */
export function refuse(
  reply: FastifyReply,
  code: MaterialErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .code(MATERIAL_ERRORS[code])
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions: { code, ...extensions } }] });
}

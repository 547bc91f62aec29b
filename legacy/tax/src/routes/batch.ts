import type { FastifyReply, FastifyRequest } from 'fastify';
import { type FieldError, refuse } from '../envelope';

/** Keys per batch query at most: more is refused with 1002, not cut short. */
export const BATCH_LIMIT = 50;

/**
 * Reads the key list of a batch query: 1 to {@link BATCH_LIMIT} keys, each checked (every bad one named
 * at once), duplicates dropped. Refuses in the envelope and gives `undefined` when it cannot be served.
 */
export function batchKeys(
  req: FastifyRequest,
  reply: FastifyReply,
  raw: unknown,
  name: string,
  check: (key: string) => { value: string } | { reason: string },
): string[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) {
    refuse(req, reply, '1001', { errors: [{ field: name, reason: `应为1至${BATCH_LIMIT}个元素的数组` }] });
    return undefined;
  }
  if (raw.length > BATCH_LIMIT) {
    refuse(req, reply, '1002', { msg: `批量查询超过${BATCH_LIMIT}条（收到${raw.length}条）` });
    return undefined;
  }
  const errors: FieldError[] = [];
  const keys = new Set<string>();
  raw.forEach((k, i) => {
    const checked = typeof k === 'string' ? check(k) : { reason: '应为字符串' };
    if ('reason' in checked) errors.push({ field: `${name}[${i}]`, reason: checked.reason });
    else keys.add(checked.value);
  });
  if (errors.length > 0) {
    refuse(req, reply, '1001', { errors });
    return undefined;
  }
  return [...keys];
}

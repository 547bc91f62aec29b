import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The tax system's answer codes. Business refusals come under HTTP 200 with one of these codes; only
 * authentication (401), unreadable requests (400) and system failures (500) change the HTTP status.
 */
export const TAX_CODES = {
  '0000': '成功',
  '1001': '参数错误',
  '1002': '批量查询超过50条',
  '3001': '事项编码不存在',
  '3002': '业务校验不通过',
  '3003': '案件不存在',
  '3004': '当前状态不允许补正',
  '3005': '请求编号已使用且请求内容不一致',
  '3006': '证照不存在或尚未签发',
  '4010': 'API密钥无效或缺失',
  '4040': '接口不存在',
  '9999': '系统繁忙',
} as const;

/** One of the tax system's answer codes. */
export type TaxCode = keyof typeof TAX_CODES;

/** One bad parameter of a request, as code 1001 lists them (every one at once). */
export interface FieldError {
  readonly field: string;
  readonly reason: string;
}

/** The envelope every answer of the tax system comes in. */
export interface Envelope<T> {
  readonly code: TaxCode;
  readonly msg: string;
  readonly data: T;
}

/** A successful answer. */
export function ok<T>(data: T): Envelope<T> {
  return { code: '0000', msg: TAX_CODES['0000'], data };
}

/**
 * Sends a refusal in the envelope (HTTP 200 unless told otherwise) and marks the logged request as
 * refused, so the request log tells refusals from successes although both are HTTP 200.
 */
export function refuse(
  req: FastifyRequest,
  reply: FastifyReply,
  code: Exclude<TaxCode, '0000'>,
  options: { msg?: string; errors?: readonly FieldError[]; status?: number } = {},
) {
  if (req.logged) req.logged.outcome = 'refused';
  return reply.code(options.status ?? 200).send({
    code,
    msg: options.msg ?? TAX_CODES[code],
    data: options.errors ? { errors: options.errors } : null,
  });
}

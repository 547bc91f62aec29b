/**
 * The platform's answer codes (PROTOCOL.md §3). Every answer is `{code, message, data?}`: `0000` is
 * success; 1xxx refuse the caller (HTTP 401), 2xxx the request's form (HTTP 400), 3xxx the business
 * rules (HTTP 200), 4xxx the payer's channel (HTTP 200), 9999 a failure of the platform (HTTP 500).
 */
export const PAYMENT_CODES = {
  '0000': '成功',
  '1001': '调用方未登记',
  '1002': '签名验证失败',
  '1003': '时间戳超出允许范围',
  '1004': '随机数重复使用',
  '2001': '请求参数不合法',
  '3001': '订单不存在',
  '3002': '业务流水号重复但内容不同',
  '3003': '订单状态不允许此操作',
  '3004': '退款金额超出可退金额',
  '3005': '收款单位不存在',
  '3006': '对账单尚未生成',
  '3007': '票据不存在',
  '4001': '缴款码不存在',
  '4002': '缴款金额与订单金额不符',
  '4003': '订单已缴款',
  '9999': '系统异常',
} as const;

export type PaymentCode = keyof typeof PAYMENT_CODES;

/** The HTTP status a code is answered with. */
export function httpStatusOf(code: PaymentCode): number {
  if (code.startsWith('1')) return 401;
  if (code.startsWith('2')) return 400;
  if (code === '9999') return 500;
  return 200;
}

/** A refusal by the platform's rules, answered in the envelope by the service wrapper. */
export class Refusal extends Error {
  constructor(
    readonly code: Exclude<PaymentCode, '0000' | '9999'>,
    readonly detail?: string,
    readonly data?: unknown,
  ) {
    super(`${code} ${PAYMENT_CODES[code]}${detail ? `：${detail}` : ''}`);
  }

  get envelope() {
    return {
      code: this.code,
      message: `${PAYMENT_CODES[this.code]}${this.detail ? `：${this.detail}` : ''}`,
      ...(this.data === undefined ? {} : { data: this.data }),
    };
  }
}

/**
 * The platform's answer codes (PROTOCOL.md §4). Every answer is HTTP 200 with one of these in
 * `{success, code, msg, data}`, except a system failure (HTTP 500, S99) and a body that is not a form
 * (HTTP 415).
 */
export const COURIER_CODES = {
  S00: '成功',
  A01: '缺少必要参数',
  A02: '客户标识不存在',
  A03: '数据摘要校验失败',
  A04: '时间戳超出允许范围',
  A05: '随机数重复使用',
  B01: '参数校验不通过',
  B02: '客户订单号已下单但内容不同',
  B03: '运单不存在',
  B04: '运单已揽收，不可取消',
  B05: '查询运单数超过上限',
  S99: '系统异常',
} as const;

export type CourierCode = keyof typeof COURIER_CODES;

/** One bad field, as B01 lists them, every one at once. */
export interface FieldError {
  /** Path of the field in `logistics_interface`, e.g. `receiver.mobile`. */
  readonly field: string;
  /** Why, in the platform's words. */
  readonly reason: string;
}

/** The envelope of every answer. */
export interface Envelope<T = unknown> {
  readonly success: boolean;
  readonly code: CourierCode;
  readonly msg: string;
  readonly data?: T;
}

export function success<T>(data: T): Envelope<T> {
  return { success: true, code: 'S00', msg: COURIER_CODES.S00, data };
}

/** A refusal by the platform's rules, thrown anywhere in a service and answered in the envelope. */
export class Refusal extends Error {
  constructor(
    readonly code: Exclude<CourierCode, 'S00' | 'S99'>,
    readonly msg: string = COURIER_CODES[code],
    readonly data?: unknown,
  ) {
    super(`${code} ${msg}`);
  }

  get envelope(): Envelope {
    return {
      success: false,
      code: this.code,
      msg: this.msg,
      ...(this.data === undefined ? {} : { data: this.data }),
    };
  }
}

/** B01 naming every bad field at once (一次告知). */
export function invalidFields(errors: readonly FieldError[]): Refusal {
  return new Refusal('B01', `${COURIER_CODES.B01}：${errors.map((e) => e.field).join('、')}`, { errors });
}

/**
 * The fund system's answer codes (返回码, `fhm`). Every answer of a service is HTTP 200 with one of these
 * in the envelope, except a system failure (HTTP 500, E9999) and a body that is not a form (HTTP 415).
 */
export const FUND_CODES = {
  '000000': '成功',
  E1001: '应用标识不存在',
  E1002: '签名校验失败',
  E1003: '时间戳超出允许范围',
  E1004: '随机数重复使用',
  E1005: '缺少必要参数',
  E1006: '服务不存在',
  E2001: '参数值不合法',
  E3001: '事项不存在',
  E3002: '业务校验不通过',
  E3003: '受理编号不存在',
  E3004: '当前状态不可补正',
  E3005: '请求流水号重复但内容不同',
  E3006: '证照未签发',
  E9999: '系统异常',
} as const;

/** One of the fund system's answer codes. */
export type FundCode = keyof typeof FUND_CODES;

/** One bad parameter, as E2001 lists them (错误信息: 字段, 原因), every one at once. */
export interface ParamError {
  /** The parameter as sent, e.g. `zjhm` or `bd_tqje`. */
  readonly zd: string;
  /** Why it was refused, in the system's words. */
  readonly yy: string;
}

/** The envelope every answer comes in: 返回码, 返回信息, 数据. */
export interface Envelope<T = unknown> {
  readonly fhm: FundCode;
  readonly fhxx: string;
  readonly data?: T;
}

/** A successful answer. */
export function success<T>(data: T): Envelope<T> {
  return { fhm: '000000', fhxx: FUND_CODES['000000'], data };
}

/**
 * A refusal by the system's own rules, thrown by a service and answered in the envelope by the service
 * wrapper, so every check can stop a request where it finds the problem.
 */
export class Refusal extends Error {
  constructor(
    readonly fhm: Exclude<FundCode, '000000' | 'E9999'>,
    readonly fhxx: string = FUND_CODES[fhm],
    readonly data?: unknown,
  ) {
    super(`${fhm} ${fhxx}`);
  }

  get envelope(): Envelope {
    return { fhm: this.fhm, fhxx: this.fhxx, ...(this.data === undefined ? {} : { data: this.data }) };
  }
}

/** Refuses with E2001 naming every bad parameter at once (一次告知). */
export function invalidParams(errors: readonly ParamError[]): Refusal {
  return new Refusal('E2001', `${FUND_CODES.E2001}：${errors.map((e) => e.zd).join('、')}`, {
    cwxx: errors,
  });
}

/** Refuses with E1005 naming every missing parameter at once. */
export function missingParams(names: readonly string[]): Refusal {
  return new Refusal('E1005', `${FUND_CODES.E1005}：${names.join('、')}`, {
    cwxx: names.map((zd) => ({ zd, yy: '必填参数未提供' })),
  });
}

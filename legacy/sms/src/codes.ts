/**
 * The gateway's answer codes (`Code`). Every answer of an action is HTTP 200 with one of these, except a
 * failure of the gateway itself (HTTP 500, `System.Error`) and a body that is not JSON (HTTP 415).
 */
export const SMS_CODES = {
  OK: '成功',
  'Auth.Missing': '请求未签名：缺少Authorization、X-Sms-Timestamp或X-Sms-Nonce',
  'Auth.AccessKeyNotFound': 'AccessKeyId不存在',
  'Auth.SignatureMismatch': '签名校验失败',
  'Auth.RequestExpired': '请求时间戳超出允许范围',
  'Auth.NonceReused': '随机数重复使用',
  'Param.Invalid': '参数不合法',
  'Mobile.Invalid': '手机号码格式错误',
  'Sign.NotRegistered': '短信签名未报备或不可用',
  'Template.NotRegistered': '短信模板不存在或未审核通过',
  'Template.SignMismatch': '模板与签名不匹配',
  'Template.ParamMissing': '模板变量缺少取值',
  'Template.ParamUnknown': '模板中不存在该变量',
  'Template.ParamTooLong': '变量取值超过长度限制',
  'Template.ParamForbidden': '变量取值含有模板不允许的内容（链接或电话号码）',
  'Template.ParamFormat': '变量取值不符合变量类型',
  'Limit.Minute': '触发号码分钟级流控',
  'Limit.Hour': '触发号码小时级流控',
  'Limit.Day': '触发号码天级流控',
  'OutId.Conflict': 'OutId已用于内容不同的发送请求',
  'Message.NotFound': '发送记录不存在',
  'System.Error': '系统繁忙',
} as const;

/** One of the gateway's answer codes. */
export type SmsCode = keyof typeof SMS_CODES;

/** One bad parameter, every one listed at once. */
export interface ParamProblem {
  /** The parameter, e.g. `PhoneNumber` or `TemplateParam.ref`. */
  readonly Param: string;
  readonly Reason: string;
}

/**
 * A refusal by the gateway's rules, thrown by an action and answered by the action wrapper in the
 * gateway's envelope, so every check can stop a request where it finds the problem.
 */
export class Refusal extends Error {
  constructor(
    readonly code: Exclude<SmsCode, 'OK' | 'System.Error'>,
    readonly detail: string = SMS_CODES[code],
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(`${code} ${detail}`);
  }
}

/** Refuses with `code`, listing every bad parameter at once (一次告知). */
export function paramRefusal(
  code: Exclude<SmsCode, 'OK' | 'System.Error'>,
  problems: readonly ParamProblem[],
): Refusal {
  return new Refusal(code, `${SMS_CODES[code]}：${problems.map((p) => p.Param).join('、')}`, {
    Problems: problems,
  });
}

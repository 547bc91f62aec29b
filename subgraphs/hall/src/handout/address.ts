import type { HandOutMethod, PostalAddress } from './model';

/** One problem of a hand-out given, on its input path, in both languages. */
export interface HandOutProblem {
  readonly path: string;
  readonly rule: string;
  readonly message: { zh: string; en: string };
}

const LIMITS: Record<keyof PostalAddress, { max: number; zh: string; en: string }> = {
  name: { max: 50, zh: '收件人', en: 'the recipient' },
  phone: { max: 11, zh: '手机号码', en: 'the mobile number' },
  province: { max: 20, zh: '省', en: 'the province' },
  city: { max: 20, zh: '市', en: 'the city' },
  county: { max: 20, zh: '区县', en: 'the county or district' },
  address: { max: 120, zh: '详细地址', en: 'the street address' },
  postalCode: { max: 6, zh: '邮政编码', en: 'the postal code' },
};

/**
 * Checks a way of hand-out as given: posting needs a whole address, each part within its length, a
 * mainland mobile number (the courier texts the recipient) and a 6-digit postal code (GB/T 2260's
 * provinces carry their own, the courier checks the match). Every problem at once; trimmed values.
 */
export function checkHandOut(
  input: { method: HandOutMethod; address?: Partial<Record<keyof PostalAddress, string>> | null },
  at = 'handOut',
): { method: HandOutMethod; address: PostalAddress | null } | { problems: HandOutProblem[] } {
  if (input.method === 'COLLECT') return { method: 'COLLECT', address: null };
  const given = input.address;
  if (!given)
    return {
      problems: [
        {
          path: `${at}.address`,
          rule: 'handOut.addressRequired',
          message: { zh: '邮寄送达需填写收件地址', en: 'posting needs an address' },
        },
      ],
    };
  const problems: HandOutProblem[] = [];
  const out: Record<string, string> = {};
  for (const [key, l] of Object.entries(LIMITS) as [
    keyof PostalAddress,
    (typeof LIMITS)[keyof PostalAddress],
  ][]) {
    const v = (given[key] ?? '').trim();
    out[key] = v;
    if (v === '' || [...v].length > l.max)
      problems.push({
        path: `${at}.address.${key}`,
        rule: 'handOut.length',
        message: {
          zh: `请填写${l.zh}（不超过${l.max}个字）`,
          en: `give ${l.en} (at most ${l.max} characters)`,
        },
      });
  }
  if (out.phone && !/^1[3-9]\d{9}$/.test(out.phone))
    problems.push({
      path: `${at}.address.phone`,
      rule: 'handOut.phone',
      message: { zh: '手机号码应为以1开头的11位数字', en: 'a mobile number is 11 digits starting with 1' },
    });
  if (out.postalCode && !/^\d{6}$/.test(out.postalCode))
    problems.push({
      path: `${at}.address.postalCode`,
      rule: 'handOut.postalCode',
      message: { zh: '邮政编码应为6位数字', en: 'a postal code is 6 digits' },
    });
  return problems.length > 0 ? { problems } : { method: 'POST', address: out as unknown as PostalAddress };
}

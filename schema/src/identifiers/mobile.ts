import { type IdentifierProblem, problem, type Validation } from './problem';

/** What a valid mainland mobile number tells: its network prefix (号段). */
export interface MobileDetails {
  /** The first three digits (号段), e.g. `139`. */
  readonly prefix: string;
}

/**
 * Validates a mainland China mobile number (手机号码) by the public mobile numbering plan MIIT administers
 * under 《电信网码号资源管理办法》 (工业和信息化部令第28号) and its 电信网编号计划: 11 digits, `1` then a
 * second digit 3 to 9 (号段 13x–19x). A `+86`/`86`/`0086` country prefix and spaces or hyphens are dropped.
 */
export function validateMobileNumber(input: string): Validation<MobileDetails> {
  const value = input.replace(/[\s-]+/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  const problems: IdentifierProblem[] = [];
  if (!/^\d+$/.test(value)) {
    problems.push(
      problem(
        'MIIT.mobile.digits',
        `手机号码只能由数字组成，收到“${input.slice(0, 32)}”`,
        `A mobile number is digits only; got "${input.slice(0, 32)}"`,
      ),
    );
    return { ok: false, problems };
  }
  if (value.length !== 11)
    problems.push(
      problem(
        'MIIT.mobile.length',
        `手机号码应为11位，收到${value.length}位`,
        `A mobile number has 11 digits; got ${value.length}`,
      ),
    );
  if (!/^1[3-9]/.test(value))
    problems.push(
      problem(
        'MIIT.mobile.prefix',
        `手机号码应以13至19开头（号段1[3-9]x），收到“${value.slice(0, 3)}”`,
        `A mobile number begins with 13 to 19 (numbering plan 1[3-9]x); got "${value.slice(0, 3)}"`,
      ),
    );
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value, details: { prefix: value.slice(0, 3) } };
}

import { type IdentifierProblem, isDivisionCode, problem, type Validation } from './problem';

/** What a valid resident identity number tells about its holder. */
export interface ResidentIdDetails {
  /** Administrative division of first registration (GB/T 2260). */
  readonly divisionCode: string;
  /** ISO date `yyyy-MM-dd`. */
  readonly birthDate: string;
  readonly sex: 'male' | 'female';
}

/** Weights 2^(17-i) mod 11 of GB 11643-1999 for positions 1..17. */
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);
const CHECK_CHARACTERS = '10X98765432';

/** The check character GB 11643-1999 gives for the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Validates a citizen resident identity number (公民身份号码, GB 11643-1999): 17 digits and a check
 * character (`X` for ten), a division code, and a real birth date not in the future.
 * Surrounding spaces are dropped and a lower-case `x` is read as `X`.
 */
export function validateResidentId(input: string, today: Date = new Date()): Validation<ResidentIdDetails> {
  const value = input.trim().toUpperCase();
  const problems: IdentifierProblem[] = [];
  if (!/^\d{17}[\dX]$/.test(value)) {
    problems.push(
      problem(
        'GB11643.format',
        `身份证号码应为17位数字加1位校验码（数字或X），收到“${input}”`,
        `A resident ID number is 17 digits and a check character (a digit or X); got "${input}"`,
      ),
    );
    return { ok: false, problems };
  }
  const divisionCode = value.slice(0, 6);
  if (!isDivisionCode(divisionCode)) {
    problems.push(
      problem(
        'GB11643.divisionCode',
        `前6位“${divisionCode}”不是有效的行政区划代码`,
        `The first six digits "${divisionCode}" are not an administrative division code`,
      ),
    );
  }
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isRealDate(year, month, day) || year < 1880) {
    problems.push(
      problem(
        'GB11643.birthDate',
        `第7至14位“${value.slice(6, 14)}”不是真实的出生日期`,
        `Digits 7 to 14 "${value.slice(6, 14)}" are not a real birth date`,
      ),
    );
  } else if (Date.UTC(year, month - 1, day) > today.getTime()) {
    problems.push(
      problem(
        'GB11643.birthDate',
        `出生日期 ${birthDate} 晚于今天`,
        `The birth date ${birthDate} is in the future`,
      ),
    );
  }
  const expected = residentIdCheckCharacter(value);
  if (value[17] !== expected) {
    problems.push(
      problem(
        'GB11643.checkCharacter',
        `校验码应为“${expected}”，而不是“${value[17]}”：请核对号码是否抄错`,
        `The check character should be "${expected}", not "${value[17]}": the number was probably mistyped`,
      ),
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  const sex = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, details: { divisionCode, birthDate, sex } };
}

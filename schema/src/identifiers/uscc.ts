import { type IdentifierProblem, isDivisionCode, problem, type Validation } from './problem';

/** The 31 characters of GB 32100-2015: digits and capitals without I, O, S, V, Z. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** What a valid unified social credit code tells about its holder. */
export interface UsccDetails {
  /** Registration authority (登记管理部门) code, position 1; `9` is market regulation. */
  readonly authority: string;
  /** Entity type (机构类别) code, position 2; under `9`: 1 enterprise, 2 individual business, 3 cooperative. */
  readonly entityType: string;
  /** Administrative division of registration (GB/T 2260), positions 3–8. */
  readonly divisionCode: string;
  /** Organisation code (GB 11714), positions 9–17. */
  readonly organisationCode: string;
}

/** Weights 3^i mod 31 of GB 32100-2015 for positions 1..17. */
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

/** The check character GB 32100-2015 gives for the first 17 characters. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/**
 * Validates a unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters of the
 * standard's alphabet, a division code at positions 3–8, and the check character.
 */
export function validateUscc(input: string): Validation<UsccDetails> {
  const value = input.trim().toUpperCase();
  const problems: IdentifierProblem[] = [];
  if (value.length !== 18) {
    problems.push(
      problem(
        'GB32100.length',
        `统一社会信用代码应为18位，收到${value.length}位`,
        `A unified social credit code has 18 characters; got ${value.length}`,
      ),
    );
    return { ok: false, problems };
  }
  const foreign = [...value].filter((c) => !USCC_CHARSET.includes(c));
  if (foreign.length > 0) {
    const list = [...new Set(foreign)].join('');
    problems.push(
      problem(
        'GB32100.charset',
        `含有不允许的字符“${list}”：代码只用数字和除 I、O、S、V、Z 以外的大写字母`,
        `Contains characters not allowed "${list}": codes use digits and capital letters except I, O, S, V, Z`,
      ),
    );
    return { ok: false, problems };
  }
  const divisionCode = value.slice(2, 8);
  if (!isDivisionCode(divisionCode)) {
    problems.push(
      problem(
        'GB32100.divisionCode',
        `第3至8位“${divisionCode}”不是有效的行政区划代码`,
        `Positions 3 to 8 "${divisionCode}" are not an administrative division code`,
      ),
    );
  }
  const expected = usccCheckCharacter(value);
  if (value[17] !== expected) {
    problems.push(
      problem(
        'GB32100.checkCharacter',
        `校验码应为“${expected}”，而不是“${value[17]}”：请核对代码是否抄错`,
        `The check character should be "${expected}", not "${value[17]}": the code was probably mistyped`,
      ),
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value,
    details: {
      authority: value[0]!,
      entityType: value[1]!,
      divisionCode,
      organisationCode: value.slice(8, 17),
    },
  };
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * Completes a GB 11714 organisation code (组织机构代码, positions 9–17 of a USCC): eight digits or capital
 * letters (A = 10 … Z = 35) and the check character, 11 − (Σ value × weight mod 11), `X` for 10, `0` for 11.
 */
export function completeOrganisationCode(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8))
    throw new RangeError(`an organisation code body is 8 digits or capitals, got "${body8}"`);
  const sum = [...body8].reduce((s, c, i) => s + Number.parseInt(c, 36) * ORG_WEIGHTS[i]!, 0);
  const check = 11 - (sum % 11);
  return body8 + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}

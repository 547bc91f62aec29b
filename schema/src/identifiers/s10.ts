import { type IdentifierProblem, problem, type Validation } from './problem';

/** What a valid S10 item identifier tells about the item. */
export interface S10Details {
  /** The service indicator (业务种类), 2 letters; `E?` is EMS. */
  readonly serviceIndicator: string;
  /** The serial number, 8 digits. */
  readonly serial: string;
  /** The ISO 3166-1 alpha-2 code of the issuing postal operator's country. */
  readonly country: string;
}

/** Weights of UPU S10 over the 8 serial digits. */
const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/**
 * The check digit UPU S10 gives for an 8-digit serial number: the weighted sum modulo 11, subtracted from
 * 11; a result of 10 becomes 0 and 11 becomes 5.
 */
export function s10CheckDigit(serial: string): string {
  if (!/^\d{8}$/.test(serial)) throw new RangeError('an S10 serial number has 8 digits');
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(serial[i]), 0);
  const check = 11 - (sum % 11);
  return String(check === 10 ? 0 : check === 11 ? 5 : check);
}

/**
 * Validates a postal item identifier of UPU standard S10 (邮件号码): 13 characters, 2 letters of service
 * indicator, 8 digits of serial number, the check digit, and the 2-letter country code (EMS waybills of
 * China Post: `E?########?CN`). Service indicators beginning with J, K, S, T or W are not for items.
 */
export function validateS10(input: string): Validation<S10Details> {
  const value = input.replace(/\s+/g, '').toUpperCase();
  const problems: IdentifierProblem[] = [];
  const m = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/.exec(value);
  if (!m) {
    problems.push(
      problem(
        'UPU-S10.format',
        `邮件号码应为13位：2位字母、9位数字、2位字母（如 EA123456785CN），收到“${input.slice(0, 32)}”`,
        `An S10 item identifier has 13 characters: 2 letters, 9 digits, 2 letters (e.g. EA123456785CN); got "${input.slice(0, 32)}"`,
      ),
    );
    return { ok: false, problems };
  }
  const [, serviceIndicator, serial, check, country] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (/^[JKSTW]/.test(serviceIndicator))
    problems.push(
      problem(
        'UPU-S10.serviceIndicator',
        `业务种类代码“${serviceIndicator}”不用于邮件（J、K、S、T、W 开头的代码另作他用）`,
        `The service indicator "${serviceIndicator}" is not one for items (those beginning with J, K, S, T or W are reserved)`,
      ),
    );
  const expected = s10CheckDigit(serial);
  if (check !== expected)
    problems.push(
      problem(
        'UPU-S10.checkDigit',
        `邮件号码校验位应为“${expected}”，收到“${check}”`,
        `The check digit should be "${expected}", got "${check}"`,
      ),
    );
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value, details: { serviceIndicator, serial, country } };
}

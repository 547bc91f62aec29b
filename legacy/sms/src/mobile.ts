/**
 * A mainland mobile number (手机号码): 11 digits in the 13x–19x blocks that the numbering plan assigns to
 * public mobile networks (工业和信息化部《电信网编号计划（2017年版）》), optionally written with the
 * country code +86 or 86 in front, which is removed.
 */
export function normaliseMobile(raw: string): string | undefined {
  const digits = raw.trim().replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : undefined;
}

/** A number as logs and answers about other people show it: the first 3 and last 4 digits. */
export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '***';
}

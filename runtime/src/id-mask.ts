/** Masks a resident ID number for logs: region and check character stay, the birth date and sequence go. */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14, 16)}*${id.slice(17)}` : '***';
}

// Standing alone: no digit before (a letter may be: `\n` of an escaped line break), no digit or letter after.
const ID_NUMBER = /(?<!\d)(\d{6})\d{8}(\d{2})\d([\dXx])(?![\dA-Za-z])/g;

/** Masks every resident ID number found anywhere in a string (a log line, a span's URL or error). */
export function maskIdNumbersIn(text: string): string {
  return text.replace(ID_NUMBER, '$1********$2*$3');
}

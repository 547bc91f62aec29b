/**
 * What a text value of the one schema may be written with: letters and digits of every script, spaces,
 * and punctuation — but not the ASCII characters that markup, scripts, shells and query languages are
 * written with (`< > " ; \ / { } [ ] $ ` | = * % ^ ~ @ +`), nor control, invisible formatting (bidi
 * overrides, zero-width characters) or private-use characters. Names, addresses, certificate numbers and
 * comments never need them (Chinese text writes ；：“” and （） full-width), and a value holding them is
 * almost always pasted from somewhere it does not belong, or an attack on the systems it travels to
 * (the registry's SOAP, the staff's screens, printed certificates). Stores and wire formats escape every
 * value anyway; this keeps such values out of the departments' records.
 */

const MARKUP = new Set('<>";\\/{}[]$`|=*%^~@+');
/** Control, format, unassigned, private-use and surrogate characters; line and paragraph separators. */
const INVISIBLE = /[\p{C}\u2028\u2029]/u;

/** How to show a character in a message: visible ones quoted, others by code point. */
function shown(c: string): string {
  if (MARKUP.has(c)) return `"${c}"`;
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The characters of `text` a text value may not hold, each once, as messages show them (`"<"`, `U+202E`).
 * `multiline` lets line breaks through (a comment), not a name or an address.
 */
export function forbiddenCharacters(text: string, options: { multiline?: boolean } = {}): string[] {
  const found = new Set<string>();
  for (const c of text) {
    if (options.multiline && (c === '\n' || c === '\r')) continue;
    if (MARKUP.has(c) || INVISIBLE.test(c)) found.add(shown(c));
  }
  return [...found];
}

/** The problem's messages for {@link forbiddenCharacters} found in a value. */
export function forbiddenCharactersMessage(found: readonly string[]): { zh: string; en: string } {
  const list = found.join(' ');
  return {
    zh: `含有不能填写的字符 ${list}：请删除，标点请用中文全角（，；：“”（））`,
    en: `holds characters a text value may not hold: ${list}; remove them (write punctuation full-width: ，；：“”（）)`,
  };
}

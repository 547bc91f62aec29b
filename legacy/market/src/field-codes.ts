/**
 * The market wire names a form field by the camelCase of its semantic key (`enterprise.businessScope` →
 * `enterpriseBusinessScope`): the prefix is lower case, so the first capital marks where the dot was.
 */
export function wireCode(key: string): string {
  return key.replace(/\.([a-zA-Z])/, (_, c: string) => c.toUpperCase());
}

/** The semantic key of a wire field code (the inverse of {@link wireCode}). */
export function semanticKey(code: string): string {
  return code.replace(/^([a-z]+)([A-Z])/, (_, prefix: string, c: string) => `${prefix}.${c.toLowerCase()}`);
}

/** One problem with a filled form: where, which rule, what to do — in both languages of the hall. */
export interface FormProblem {
  /** The field's semantic key, or `materials.<id>` for a material. */
  readonly field: string;
  /** Stable rule code, e.g. `field.required`, `GB11643.checkCharacter`, `seller.notOwner`. */
  readonly code: string;
  readonly message: { readonly zh: string; readonly en: string };
  /** Items of the bundle the problem concerns. */
  readonly items: readonly string[];
}

export const problem = (
  field: string,
  code: string,
  zh: string,
  en: string,
  items: readonly string[],
): FormProblem => ({
  field,
  code,
  message: { zh, en },
  items,
});

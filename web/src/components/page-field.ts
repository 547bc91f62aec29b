import type { FormField } from '../api/types';
import type { Localized } from '../app/i18n';

/**
 * A field of a page's own form (not of a bundle's one form), in the shape the Field component and the
 * schema's `checkField` read, so it is labelled, hinted and checked like every field of the one form.
 */
export function pageField(
  key: string,
  label: Localized,
  type: string,
  options: { required?: boolean; hint?: Localized; maxLength?: number } = {},
): FormField {
  return {
    key,
    label,
    type: type as FormField['type'],
    required: options.required ?? true,
    requiredFor: [],
    usedBy: [],
    editable: true,
    hint: options.hint ?? null,
    minLength: null,
    maxLength: options.maxLength ?? null,
    patterns: [],
    min: null,
    max: null,
    options: [],
    section: key.split('.')[0] ?? key,
  };
}

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
    __typename: 'OneFormField',
    key,
    label: text(label),
    type: type as FormField['type'],
    required: options.required ?? true,
    requiredFor: [],
    usedBy: [],
    editable: true,
    hint: options.hint ? text(options.hint) : null,
    minLength: null,
    maxLength: options.maxLength ?? null,
    patterns: [],
    min: null,
    max: null,
    options: [],
    section: key.split('.')[0] ?? key,
  };
}

/** A text in both languages as the schema answers it. */
const text = (t: Localized) => ({ __typename: 'LocalizedText' as const, zh: t.zh, en: t.en });

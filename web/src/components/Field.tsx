import type { ReactElement } from 'react';
import type { Department, FormField, Problem } from '../api/types';
import { useI18n } from '../app/i18n';
import { DepartmentName } from './Department';

/** Where a field's value came from, when a department prefilled it. */
export interface Source {
  readonly department: Department;
  readonly updatedAt: string;
  readonly editable: boolean;
}

export const fieldId = (key: string) => `field-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

const INPUT_TYPES: Record<string, { type: string; inputMode?: 'decimal' | 'numeric' | 'tel' }> = {
  // Not type="date": its picker and its display follow the browser's locale whatever the page's language,
  // so an English page showed 年/月/日 (and a Chinese page mm/dd/yyyy). A date is typed as written on the
  // form, yyyy-MM-dd, which the field's check and hint say in the page's language.
  DATE: { type: 'text', inputMode: 'numeric' },
  PHONE: { type: 'tel', inputMode: 'tel' },
  MONEY: { type: 'text', inputMode: 'decimal' },
  DECIMAL: { type: 'text', inputMode: 'decimal' },
  INTEGER: { type: 'text', inputMode: 'numeric' },
  BANK_ACCOUNT: { type: 'text', inputMode: 'numeric' },
  FUND_ACCOUNT: { type: 'text', inputMode: 'numeric' },
};

/**
 * One field of the one form: its label, hint, the control its type calls for, where a prefilled value
 * came from (read-only when it may not be changed), why it could not be prefilled, and its problems —
 * each tied to the control with aria-describedby so a screen reader says them with the field.
 */
export function Field(props: {
  field: FormField;
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  problems: readonly Problem[];
  source?: Source | undefined;
  notPrefilled?: Department | undefined;
}) {
  const { field, value, onChange, onBlur, problems, source, notPrefilled } = props;
  const { t, l, lang } = useI18n();
  const id = fieldId(field.key);
  const hintId = `${id}-hint`;
  const sourceId = `${id}-source`;
  const errorId = `${id}-error`;
  const describedBy =
    [
      (field.hint || field.type === 'DATE') && hintId,
      (source || notPrefilled) && sourceId,
      problems.length > 0 && errorId,
    ]
      .filter(Boolean)
      .join(' ') || undefined;
  const readOnly = source !== undefined && !source.editable;
  const common = {
    id,
    name: field.key,
    'aria-describedby': describedBy,
    'aria-invalid': problems.length > 0 || undefined,
    'aria-required': field.required || undefined,
    onBlur,
  };

  let control: ReactElement;
  if (field.type === 'ENUM') {
    control = (
      <select {...common} value={value} disabled={readOnly} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('field.choose')}</option>
        {field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {l(o.label)}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'BOOLEAN') {
    return (
      <fieldset className={`field${problems.length ? ' field--invalid' : ''}`} aria-describedby={describedBy}>
        <legend>
          {l(field.label)}
          {field.required && (
            <span className="required" aria-hidden="true">
              {' '}
              *
            </span>
          )}
        </legend>
        <div className="choices">
          {(['true', 'false'] as const).map((v) => (
            <label key={v} className="choice">
              <input
                type="radio"
                name={field.key}
                id={v === 'true' ? id : undefined}
                value={v}
                checked={value === v}
                disabled={readOnly}
                aria-invalid={problems.length > 0 || undefined}
                onChange={() => onChange(v)}
                onBlur={onBlur}
              />
              {t(v === 'true' ? 'field.yes' : 'field.no')}
            </label>
          ))}
        </div>
        <Notes {...{ field, source, notPrefilled, problems, hintId, sourceId, errorId }} />
      </fieldset>
    );
  } else {
    const kind = INPUT_TYPES[field.type] ?? { type: 'text' };
    control = (
      <input
        {...common}
        type={kind.type}
        inputMode={kind.inputMode}
        autoComplete={
          field.key === 'applicant.phone' ? 'tel' : field.key === 'applicant.name' ? 'name' : 'off'
        }
        value={value}
        readOnly={readOnly}
        maxLength={field.maxLength ?? (field.type === 'DATE' ? 10 : undefined)}
        placeholder={field.type === 'DATE' ? t('field.datePlaceholder') : undefined}
        onChange={(e) => onChange(e.target.value)}
        lang={lang === 'zh' ? 'zh-CN' : 'en'}
      />
    );
  }
  return (
    <div className={`field${problems.length ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>
        {l(field.label)}
        {field.required && (
          <span className="required">
            <span aria-hidden="true"> *</span>
            <span className="visually-hidden">{t('field.required')}</span>
          </span>
        )}
      </label>
      {control}
      <Notes {...{ field, source, notPrefilled, problems, hintId, sourceId, errorId }} />
    </div>
  );
}

function Notes(props: {
  field: FormField;
  source?: Source | undefined;
  notPrefilled?: Department | undefined;
  problems: readonly Problem[];
  hintId: string;
  sourceId: string;
  errorId: string;
}) {
  const { field, source, notPrefilled, problems, hintId, sourceId, errorId } = props;
  const { t, l } = useI18n();
  return (
    <>
      {field.hint ? (
        <p className="hint" id={hintId}>
          {l(field.hint)}
        </p>
      ) : (
        field.type === 'DATE' && (
          <p className="hint" id={hintId}>
            {t('field.dateHint')}
          </p>
        )
      )}
      {source && (
        <p className="source" id={sourceId}>
          {t(source.editable ? 'field.prefilledEditable' : 'field.prefilledLocked', {
            date: source.updatedAt.slice(0, 10),
          })}{' '}
          <DepartmentName department={source.department} className="badge badge--source" />
        </p>
      )}
      {!source && notPrefilled && (
        <p className="source source--missing" id={sourceId}>
          {t('field.notPrefilled')} <DepartmentName department={notPrefilled} className="badge badge--warn" />
        </p>
      )}
      {problems.length > 0 && (
        <ul className="errors" id={errorId}>
          {problems.map((p) => (
            <li key={`${p.code}-${l(p.message)}`}>{l(p.message)}</li>
          ))}
        </ul>
      )}
    </>
  );
}

import { useI18n } from '../app/i18n';

/**
 * A free-text comment of at most `max` characters (a rating's comment, a handover's reason), with the
 * characters left said under it as one types.
 */
export function CommentField({
  id,
  label,
  value,
  onChange,
  rows = 3,
  max = 500,
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  rows?: number;
  max?: number;
}) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        maxLength={max}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-hint`}
      />
      <p className="hint" id={`${id}-hint`}>
        {t('comment.left', { n: max - [...value].length })}
      </p>
    </div>
  );
}

import { useEffect, useRef } from 'react';
import type { Problem } from '../api/types';
import { useI18n } from '../app/i18n';
import { fieldId } from './Field';

/**
 * Every problem of a submission at the top of the form (一次告知), each a link to its field; focused when
 * it appears so keyboard and screen-reader users hear it at once.
 */
export function ProblemSummary({
  problems,
  labels,
  focusKey,
}: {
  problems: readonly Problem[];
  labels: ReadonlyMap<string, string>;
  /** Changes on each submission: the summary takes the focus then, not on every keystroke. */
  focusKey: number;
}) {
  const { t, l } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const shown = problems.length > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus follows a submission, not each change
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [focusKey]);
  if (problems.length === 0) return null;
  return (
    <div
      className="problem-summary"
      role="alert"
      tabIndex={-1}
      ref={ref}
      aria-labelledby="problem-summary-title"
    >
      <h2 id="problem-summary-title">{t('problems.title', { n: problems.length })}</h2>
      <ul>
        {problems.map((p) => {
          const target = p.field.startsWith('materials.')
            ? `material-${p.field.slice(10)}`
            : fieldId(p.field);
          const label = labels.get(p.field);
          const message = l(p.message);
          return (
            <li key={`${p.field}-${p.code}-${l(p.message)}`} data-field={p.field} data-code={p.code}>
              <a href={`#${target}`}>
                {label && !message.includes(label) ? `${label}：` : ''}
                {message}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

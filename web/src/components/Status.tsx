import type { ApplicationStatus, Flag, PartStatus } from '../api/types';
import { useI18n } from '../app/i18n';
import type { MessageKey } from '../app/messages';

const TONE: Record<PartStatus | ApplicationStatus, 'wait' | 'work' | 'done' | 'bad' | 'ask'> = {
  WAITING: 'wait',
  DISPATCHING: 'work',
  SUBMITTED: 'wait',
  ACCEPTED: 'work',
  IN_REVIEW: 'work',
  IN_PROGRESS: 'work',
  APPROVED: 'done',
  COMPLETED: 'done',
  DELIVERED: 'done',
  REJECTED: 'bad',
  DEAD_LETTERED: 'bad',
  CANCELLED: 'bad',
  CORRECTION_REQUESTED: 'ask',
  PAYMENT_DUE: 'ask',
};

/** A status as a word and a colour; the word carries the meaning, the colour only repeats it. */
export function StatusBadge({ status }: { status: PartStatus | ApplicationStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge--${TONE[status]}`} data-status={status}>
      {t(`status.${status}` as MessageKey)}
    </span>
  );
}

/** An e-supervision flag (电子监察): yellow with one working day left, red when overdue. */
export function FlagBadge({
  flag,
  daysLeft,
}: {
  flag: Flag | null | undefined;
  daysLeft?: number | undefined;
}) {
  const { t } = useI18n();
  if (!flag) return null;
  return (
    <span className={`badge badge--flag-${flag.toLowerCase()}`} data-flag={flag}>
      {t(`flag.${flag}` as MessageKey)}
      {daysLeft !== undefined && flag !== 'RED' && ` · ${t('flag.daysLeft', { n: daysLeft })}`}
      {daysLeft !== undefined && flag === 'RED' && ` · ${t('flag.overdue', { n: -daysLeft })}`}
    </span>
  );
}

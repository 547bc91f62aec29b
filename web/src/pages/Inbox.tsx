import { useEffect } from 'react';
import { useMutation, useQuery } from 'urql';
import { MARK_NOTICES_READ, MY_NOTICES } from '../api/documents';
import { useI18n } from '../app/i18n';
import type { MessageKey } from '../app/messages';
import { Link } from '../app/router';
import { Notice, PageTitle } from '../components/Layout';

/**
 * 消息: every notice the hall sent the applicant — accepted, correction asked, fees due, approved, refused,
 * ready, posted, delivered — with whether its text message went, newest first. Opening the page marks
 * them read.
 */
export function Inbox() {
  const { t, l, lang } = useI18n();
  const [{ data, error }] = useQuery({ query: MY_NOTICES, requestPolicy: 'network-only' });
  const [, markRead] = useMutation(MARK_NOTICES_READ);
  const unread = (data?.myNotices ?? []).filter((n) => !n.readAt).map((n) => n.id);
  const unreadKey = unread.join(',');
  useEffect(() => {
    if (unreadKey) void markRead({ ids: unreadKey.split(',') });
  }, [unreadKey, markRead]);
  if (error) return <Notice kind="error">{t('common.loadFailed', { reason: error.message })}</Notice>;
  if (!data) return <p aria-live="polite">{t('common.loading')}</p>;
  return (
    <>
      <PageTitle>{t('inbox.title')}</PageTitle>
      {data.myNotices.length === 0 && <p>{t('inbox.empty')}</p>}
      <ol className="inbox">
        {data.myNotices.map((n) => (
          <li
            key={n.id}
            className={n.readAt ? 'inbox__item' : 'inbox__item inbox__item--unread'}
            data-kind={n.kind}
          >
            <p>
              {!n.readAt && <span className="badge">{t('inbox.unread')}</span>} {l(n.text)}
            </p>
            <p className="muted small">
              {new Date(n.createdAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
                dateStyle: 'medium',
                timeStyle: 'short',
              })}{' '}
              · {t(`inbox.text.${n.textStatus}` as MessageKey)} ·{' '}
              <Link to={`/applications/${n.applicationId}`}>{t('inbox.open')}</Link>
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}

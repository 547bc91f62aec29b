import { useQuery } from 'urql';
import { MY_DOCUMENTS } from '../api/documents';
import { useI18n } from '../app/i18n';
import { DocumentList } from '../components/DocumentList';
import { Notice, PageTitle } from '../components/Layout';

/** 我的证照: every document departments issued to the applicant or in their applications, newest first. */
export function MyDocuments() {
  const { t } = useI18n();
  const [{ data, error }] = useQuery({ query: MY_DOCUMENTS, requestPolicy: 'network-only' });
  if (error) return <Notice kind="error">{t('common.loadFailed', { reason: error.message })}</Notice>;
  if (!data) return <p aria-live="polite">{t('common.loading')}</p>;
  return (
    <>
      <PageTitle>{t('documents.title')}</PageTitle>
      <p className="muted">{t('documents.intro')}</p>
      {data.myDocuments.length === 0 ? (
        <p>{t('documents.empty')}</p>
      ) : (
        <DocumentList documents={data.myDocuments} showApplication />
      )}
    </>
  );
}

import type { HeldDocumentPartsFragment } from '../api/generated/graphql';
import { useI18n } from '../app/i18n';
import { Link } from '../app/router';
import { DepartmentName } from './Department';
import { PaperButton } from './Papers';

/**
 * Documents departments issued (电子证照), each with its number, issuer and date, the signature its
 * department's adapter checked, and a button that opens the file (fetched with the reader's token).
 */
export function DocumentList({
  documents,
  showApplication,
}: {
  documents: readonly HeldDocumentPartsFragment[];
  /** Whether to link each to the application it was issued in (我的证照 does; an application's page not). */
  showApplication: boolean;
}) {
  const { t, l, lang } = useI18n();
  const date = (iso: string) =>
    new Date(iso).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      dateStyle: 'long',
      timeZone: 'Asia/Shanghai',
    });
  return (
    <ul className="documents">
      {documents.map((d) => (
        <li
          key={d.id}
          className="document"
          data-id={d.id}
          data-document={d.number}
          data-material={d.materialId}
        >
          <div className="document__head">
            <h3 className="document__name">{l(d.name)}</h3>
            <PaperButton
              url={d.downloadPath}
              id={`document-${d.id}`}
              name={`${d.name.zh}-${d.number}.pdf`}
              mode="open"
              label={t('documents.open')}
              data={{ 'data-download': d.id }}
            />
          </div>
          <dl className="document__facts">
            <dt>{t('documents.number')}</dt>
            <dd className="document__number">{d.number}</dd>
            <dt>{t('documents.issuer')}</dt>
            <dd>
              {d.issuer} · <DepartmentName department={d.department} />
            </dd>
            <dt>{t('documents.issuedAt')}</dt>
            <dd>{date(d.issuedAt)}</dd>
            <dt>{t('documents.holder')}</dt>
            <dd>{d.holderName}</dd>
            {d.subject && (
              <>
                <dt>{t('documents.subject')}</dt>
                <dd className="document__subject">{d.subject}</dd>
              </>
            )}
            {showApplication && (
              <>
                <dt>{t('documents.application')}</dt>
                <dd>
                  <Link to={`/applications/${d.applicationId}`}>{d.applicationId.slice(0, 8)}</Link>
                </dd>
              </>
            )}
          </dl>
          <p className="muted small" title={`SHA-256 ${d.sha256} · key ${d.signature.keyId}`}>
            ✓ {t('documents.signed', { algorithm: d.signature.algorithm })}
          </p>
        </li>
      ))}
    </ul>
  );
}

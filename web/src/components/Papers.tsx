import { useState } from 'react';
import { fetchPaper, paperTab, saveBlob } from '../api/client';
import { useI18n } from '../app/i18n';
import { useSession } from '../app/session';

/**
 * The acceptance receipt (受理回执), a PDF the gateway serves with the caller's token: fetched as a blob,
 * then opened in a new tab to print (at the window) or saved (online). A link could not carry the token.
 */
export function ReceiptButton({
  url,
  applicationId,
  mode,
}: {
  url: string;
  applicationId: string;
  mode: 'print' | 'download';
}) {
  const { t } = useI18n();
  const { session } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = `${t('receipt.fileName')}-${applicationId.slice(0, 8)}.pdf`;
  return (
    <span className="paper">
      <a
        href={url}
        className="button button--primary"
        data-receipt={applicationId}
        aria-busy={busy || undefined}
        aria-describedby={error ? `receipt-error-${applicationId}` : undefined}
        onClick={async (e) => {
          // The address needs the token: fetch it, then open or save the PDF.
          e.preventDefault();
          if (!session || busy) return;
          setBusy(true);
          setError(null);
          const tab = mode === 'print' ? paperTab() : null;
          try {
            const blob = await fetchPaper(url, session.token);
            if (tab) tab.show(blob, name);
            else saveBlob(blob, name);
          } catch (err) {
            tab?.close();
            setError(t('receipt.failed', { reason: (err as Error).message }));
          } finally {
            setBusy(false);
          }
        }}
      >
        {mode === 'print' ? t('receipt.print') : t('receipt.download')}
      </a>
      {error && (
        <span className="errors" id={`receipt-error-${applicationId}`} role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

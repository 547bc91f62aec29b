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
  return (
    <PaperButton
      url={url}
      id={`receipt-${applicationId}`}
      name={`${t('receipt.fileName')}-${applicationId.slice(0, 8)}.pdf`}
      mode={mode === 'print' ? 'open' : 'save'}
      label={mode === 'print' ? t('receipt.print') : t('receipt.download')}
      data={{ 'data-receipt': applicationId }}
      failure={(reason) => t('receipt.failed', { reason })}
      primary
    />
  );
}

/**
 * A paper the gateway serves only with the caller's token (a receipt, a department's document): fetched
 * as a blob, then opened in a new tab (to print or look at) or saved. A plain link could not carry the token.
 */
export function PaperButton({
  url,
  id,
  name,
  mode,
  label,
  data,
  failure,
  primary = false,
}: {
  url: string;
  /** Unique on the page: names its error message. */
  id: string;
  /** The file name to save it under. */
  name: string;
  mode: 'open' | 'save';
  label: string;
  /** Attributes to find it by (`data-…`). */
  data?: Record<`data-${string}`, string>;
  /** What to say when it cannot be fetched (default: the file could not be got). */
  failure?: (reason: string) => string;
  primary?: boolean;
}) {
  const { t } = useI18n();
  const { session } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="paper">
      <a
        href={url}
        className={primary ? 'button button--primary' : 'button'}
        {...data}
        aria-busy={busy || undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onClick={async (e) => {
          // The address needs the token: fetch it, then open or save the PDF.
          e.preventDefault();
          if (!session || busy) return;
          setBusy(true);
          setError(null);
          const tab = mode === 'open' ? paperTab() : null;
          try {
            const blob = await fetchPaper(url, session.token);
            if (tab) tab.show(blob, name);
            else saveBlob(blob, name);
          } catch (err) {
            tab?.close();
            const reason = (err as Error).message;
            setError(failure ? failure(reason) : t('paper.failed', { reason }));
          } finally {
            setBusy(false);
          }
        }}
      >
        {label}
      </a>
      {error && (
        <span className="errors" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

import { type PointerEvent, useRef, useState } from 'react';
import { type OnBehalfOf, UploadError, uploadFile } from '../api/client';
import { limitText } from '../api/errors';
import type { ConsentSignatureForm } from '../api/types';
import { useI18n } from '../app/i18n';
import { useSession } from '../app/session';

/** The applicant's signature of a consent given at a window, uploaded as a material of the visit. */
export interface Witnessed {
  readonly form: ConsentSignatureForm;
  readonly uploadId: string;
  readonly name: string;
}

const ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';

/**
 * How the walk-in signs their consent at the window, witnessed by the officer: on the window's signature
 * pad (a canvas drawn with a pen, a finger or a mouse), or on the paper consent form, scanned and uploaded
 * — which is also how an officer working with the keyboard alone records it. Either way the image is a
 * material of the visit (POST /materials?visitId=…), named in grantConsent's `witnessed`.
 */
export function WitnessedSignature({
  onBehalfOf,
  value,
  onChange,
}: {
  /** The visit (and, for an agent at the window, the delegation) the signature is uploaded in. */
  onBehalfOf: OnBehalfOf;
  value: Witnessed | null;
  onChange(value: Witnessed | null): void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<ConsentSignatureForm>('SIGNED_ON_PAD');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { session } = useSession();

  const upload = async (file: File, as: ConsentSignatureForm) => {
    if (!session) return;
    setBusy(true);
    setError(null);
    try {
      const u = await uploadFile(session.token, file, onBehalfOf);
      onChange({ form: as, uploadId: u.id, name: u.name });
    } catch (e) {
      const limited =
        e instanceof UploadError
          ? limitText(t, { code: e.code, retryAfterSeconds: e.retryAfterSeconds })
          : undefined;
      setError(limited ?? t('signature.failed', { reason: (e as Error).message || (e as UploadError).code }));
      onChange(null);
    } finally {
      setBusy(false);
    }
  };

  const statusId = 'signature-status';
  const errorId = 'signature-error';
  return (
    <fieldset className="card signature" aria-describedby={statusId}>
      <legend>{t('signature.title')}</legend>
      <p className="muted">{t('signature.intro')}</p>
      <div className="choices" role="radiogroup" aria-label={t('signature.how')}>
        {(['SIGNED_ON_PAD', 'PAPER_SCANNED'] as const).map((f) => (
          <label key={f} className="choice">
            <input
              type="radio"
              name="signature-form"
              value={f}
              checked={form === f}
              onChange={() => {
                setForm(f);
                setError(null);
                if (value && value.form !== f) onChange(null);
              }}
            />
            {t(f === 'SIGNED_ON_PAD' ? 'signature.pad' : 'signature.paper')}
          </label>
        ))}
      </div>
      {form === 'SIGNED_ON_PAD' ? (
        <SignaturePad
          busy={busy}
          onSigned={(file) => void upload(file, 'SIGNED_ON_PAD')}
          onCleared={() => onChange(null)}
        />
      ) : (
        <div className={`field${error ? ' field--invalid' : ''}`}>
          <label htmlFor="signature-scan">{t('signature.scan')}</label>
          <input
            id="signature-scan"
            type="file"
            accept={ACCEPT}
            disabled={busy}
            aria-describedby={`signature-scan-hint${error ? ` ${errorId}` : ''}`}
            aria-invalid={error ? true : undefined}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file, 'PAPER_SCANNED');
            }}
          />
          <p className="hint" id="signature-scan-hint">
            {t('signature.scanHint')}
          </p>
        </div>
      )}
      <p id={statusId} className="hint" aria-live="polite" data-signature={value?.form ?? ''}>
        {busy
          ? t('materials.uploading')
          : value
            ? t(value.form === 'SIGNED_ON_PAD' ? 'signature.signed' : 'signature.scanned', {
                name: value.name,
              })
            : t('signature.missing')}
      </p>
      {error && (
        <p className="errors" id={errorId} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A canvas the applicant signs on with a pointer (pen, finger or mouse); kept as a PNG when confirmed. */
function SignaturePad({
  busy,
  onSigned,
  onCleared,
}: {
  busy: boolean;
  onSigned(file: File): void;
  onCleared(): void;
}) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [drawn, setDrawn] = useState(false);

  const at = (e: PointerEvent<HTMLCanvasElement>) => {
    const c = e.currentTarget;
    const r = c.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * c.width) / r.width, y: ((e.clientY - r.top) * c.height) / r.height };
  };
  const line = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
  };
  const clear = () => {
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    setDrawn(false);
    onCleared();
  };
  const confirm = () => {
    const c = canvas.current;
    if (!c) return;
    // A white background: the image is printed and read by people, not only by machines.
    const out = document.createElement('canvas');
    out.width = c.width;
    out.height = c.height;
    const ctx = out.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(c, 0, 0);
    out.toBlob((blob) => {
      if (blob) onSigned(new File([blob], 'signature.png', { type: 'image/png' }));
    }, 'image/png');
  };

  return (
    <div className="signature-pad">
      <canvas
        ref={canvas}
        width={600}
        height={180}
        className="signature-pad__canvas"
        role="img"
        aria-label={t('signature.padLabel')}
        aria-describedby="signature-pad-hint"
        data-testid="signature-pad"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          last.current = at(e);
        }}
        onPointerMove={(e) => {
          if (!last.current) return;
          const p = at(e);
          line(last.current, p);
          last.current = p;
          setDrawn(true);
        }}
        onPointerUp={() => {
          last.current = null;
        }}
        onPointerCancel={() => {
          last.current = null;
        }}
      />
      <p className="hint" id="signature-pad-hint">
        {t('signature.padHint')}
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={confirm} disabled={!drawn || busy}>
          {t('signature.use')}
        </button>
        <button type="button" className="button button--quiet" onClick={clear} disabled={busy}>
          {t('signature.clear')}
        </button>
      </div>
    </div>
  );
}

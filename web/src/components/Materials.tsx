import { useRef, useState } from 'react';
import { type OnBehalfOf, UploadError, uploadFile } from '../api/client';
import { limitText } from '../api/errors';
import type { FormMaterial, Problem } from '../api/types';
import { useI18n } from '../app/i18n';
import { useSession } from '../app/session';
import { useDepartmentName } from './Department';

export interface Uploaded {
  readonly uploadId: string;
  readonly name: string;
  readonly size: number;
}

const ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';

const sizeText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;

/**
 * The one set of materials: what the applicant uploads, and what they need not hand in (免提交) with
 * where it comes from instead — issued by an earlier item, or held by a department.
 */
export function Materials(props: {
  materials: readonly FormMaterial[];
  itemNames: ReadonlyMap<string, string>;
  uploaded: Readonly<Record<string, Uploaded>>;
  onUploaded(id: string, upload: Uploaded | undefined): void;
  problems: readonly Problem[];
  /** Whom the uploads are for, when not the caller: they belong to the walk-in or the principal. */
  onBehalfOf?: OnBehalfOf | undefined;
}) {
  const { materials, itemNames, uploaded, onUploaded, problems, onBehalfOf } = props;
  const { t, l } = useI18n();
  const toHandIn = materials.filter((m) => m.submit);
  const notNeeded = materials.filter((m) => !m.submit);
  return (
    <section className="card" aria-labelledby="materials-title">
      <h2 id="materials-title">{t('materials.title')}</h2>
      <p className="muted">{t('materials.intro')}</p>
      <ul className="materials">
        {toHandIn.map((m) => (
          <MaterialUpload
            key={m.id}
            material={m}
            uploaded={uploaded[m.id]}
            onUploaded={(u) => onUploaded(m.id, u)}
            problems={problems.filter((p) => p.field === `materials.${m.id}`)}
            onBehalfOf={onBehalfOf}
          />
        ))}
      </ul>
      {notNeeded.length > 0 && (
        <>
          <h3>{t('materials.notNeeded')}</h3>
          <ul className="materials materials--not-needed">
            {notNeeded.map((m) => (
              <li key={m.id} className="material" data-material={m.id}>
                <span className="material__name">{l(m.name)}</span>
                <NotNeededReason material={m} itemNames={itemNames} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function NotNeededReason({
  material,
  itemNames,
}: {
  material: FormMaterial;
  itemNames: ReadonlyMap<string, string>;
}) {
  const { t } = useI18n();
  const department = useDepartmentName();
  if (material.source === 'PAID_IN_BUNDLE')
    return <span className="badge badge--source">{t('materials.paidInBundle')}</span>;
  if (material.source === 'PRODUCED_IN_BUNDLE')
    return (
      <span className="badge badge--source">
        {t('materials.producedBy', {
          item: itemNames.get(material.producedBy ?? '') ?? material.producedBy ?? '',
        })}
      </span>
    );
  return (
    <span className="badge badge--source">
      {t('materials.heldBy', { department: department(material.heldBy) })}
    </span>
  );
}

function MaterialUpload(props: {
  material: FormMaterial;
  uploaded: Uploaded | undefined;
  onUploaded(upload: Uploaded | undefined): void;
  problems: readonly Problem[];
  onBehalfOf?: OnBehalfOf | undefined;
}) {
  const { material, uploaded, onUploaded, problems, onBehalfOf } = props;
  const { t, l } = useI18n();
  const { session } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const id = `material-${material.id}`;
  const errorId = `${id}-error`;
  const messages = [...(error ? [error] : []), ...problems.map((p) => l(p.message))];

  const choose = async (file: File | undefined) => {
    if (!file || !session) return;
    setBusy(true);
    setError(null);
    try {
      const u = await uploadFile(session.token, file, onBehalfOf);
      onUploaded({ uploadId: u.id, name: u.name, size: u.size });
    } catch (e) {
      const code = e instanceof UploadError ? e.code : '';
      // A rate limit or the quota says so in the page's language (limitText); otherwise why the file was refused.
      const limited =
        e instanceof UploadError ? limitText(t, { code, retryAfterSeconds: e.retryAfterSeconds }) : undefined;
      const reason =
        limited ??
        (code === 'MATERIAL_TOO_LARGE'
          ? t('materials.tooLarge')
          : code.startsWith('MATERIAL_TYPE')
            ? t('materials.wrongType')
            : t('materials.failed', { reason: (e as Error).message }));
      // The refused file is not kept: the box is emptied (a name left in it reads as if it were handed
      // in), and the message names the file that was refused.
      if (input.current) input.current.value = '';
      setError(t('materials.refused', { name: file.name, reason }));
      onUploaded(undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`material${messages.length ? ' field--invalid' : ''}`} data-material={material.id}>
      <label htmlFor={id} className="material__name">
        {l(material.name)}
        {material.required ? (
          <span className="required">
            <span aria-hidden="true"> *</span>
            <span className="visually-hidden">{t('field.required')}</span>
          </span>
        ) : (
          <span className="muted"> {t('materials.optional')}</span>
        )}
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        accept={ACCEPT}
        aria-describedby={`${id}-help${messages.length ? ` ${errorId}` : ''}`}
        aria-invalid={messages.length > 0 || undefined}
        disabled={busy}
        onChange={(e) => void choose(e.target.files?.[0])}
      />
      <p className="hint" id={`${id}-help`}>
        {busy
          ? t('materials.uploading')
          : uploaded
            ? t('materials.uploaded', { name: uploaded.name, size: sizeText(uploaded.size) })
            : t('materials.formats')}
      </p>
      {messages.length > 0 && (
        <ul className="errors" id={errorId}>
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

import { checkField } from '@onething/schema/forms';
import { useMemo, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { UploadError, uploadFile } from '../api/client';
import {
  APPLICATIONS_AS_AGENT,
  BUNDLE_NAMES,
  DELEGATIONS,
  GRANT_DELEGATION,
  RECORD_DELEGATION,
  REVOKE_DELEGATION,
} from '../api/documents';
import { limitText, operationErrorText } from '../api/errors';
import type { Delegation, Problem } from '../api/types';
import { useI18n } from '../app/i18n';
import type { MessageKey } from '../app/messages';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import { Field } from '../components/Field';
import { Notice, PageTitle } from '../components/Layout';
import { ProblemSummary } from '../components/ProblemSummary';
import { pageField } from '../components/page-field';
import { StatusBadge } from '../components/Status';

const AGENT_ID = pageField(
  'agentIdNumber',
  { zh: '代办人身份证号码', en: 'Agent’s ID number' },
  'ID_NUMBER',
  {
    maxLength: 18,
  },
);
const AGENT_NAME = pageField('agentName', { zh: '代办人姓名', en: 'Agent’s name' }, 'TEXT', {
  maxLength: 50,
  hint: { zh: '与身份证上的姓名一致', en: 'As on their ID card' },
});
const VALID_FROM = pageField('validFrom', { zh: '生效日期', en: 'Valid from' }, 'DATE', { required: false });
const VALID_UNTIL = pageField('validUntil', { zh: '截止日期', en: 'Valid until' }, 'DATE', {
  hint: { zh: '最长为生效后一年，按“年-月-日”填写', en: 'At most a year after the first day; yyyy-mm-dd' },
});
const FIELDS = [AGENT_ID, AGENT_NAME, VALID_FROM, VALID_UNTIL];

/** Today in Beijing (UTC+8, no daylight saving), as the hall counts it — whatever the browser's zone. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
/** A problem's field as the page names it: `input.agentIdNumber` and `agentIdNumber` alike. */
const fieldOf = (p: Problem) => p.field.replace(/^input\./, '');

/**
 * 授权代办: the applicant lets someone act for them (an elderly parent's child, a buyer abroad's friend)
 * in named bundles for a period, with the signed power of attorney (授权委托书); sees each delegation's
 * status and revokes it. Delegations naming them as agent let them act for the principal.
 */
export function Delegations() {
  const { t, l, lang } = useI18n();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: DELEGATIONS,
    requestPolicy: 'network-only',
  });
  const [{ data: bundles }] = useQuery({ query: BUNDLE_NAMES });
  const [revokeState, revoke] = useMutation(REVOKE_DELEGATION);
  const names = useMemo(
    () => new Map((bundles?.bundles ?? []).map((b) => [b.code, l(b.name)])),
    [bundles, l],
  );
  const bundleList = (codes: readonly string[]) =>
    codes.map((c) => names.get(c) ?? c).join(lang === 'zh' ? '、' : ', ');

  return (
    <>
      <PageTitle>{t('delegations.title')}</PageTitle>
      <p className="lead">{t('delegations.intro')}</p>
      {error && <Notice kind="error">{t('common.loadFailed', { reason: error.message })}</Notice>}
      {fetching && !data && <p aria-live="polite">{t('common.loading')}</p>}

      <GrantForm
        bundles={bundles?.bundles ?? []}
        onGranted={() => refetch({ requestPolicy: 'network-only' })}
      />

      <section aria-labelledby="granted-title">
        <h2 id="granted-title">{t('delegations.granted')}</h2>
        {data && data.myDelegations.length === 0 && <p className="muted">{t('delegations.noneGranted')}</p>}
        {revokeState.error && <Notice kind="error">{operationErrorText(t, revokeState.error)}</Notice>}
        <ul className="cards">
          {data?.myDelegations.map((d) => (
            <li key={d.id} className="card" data-delegation={d.id} data-status={d.status}>
              <h3>
                {t('delegations.agentIs', { name: d.agentName })} <code>{d.agentIdNumber}</code>
              </h3>
              <DelegationFacts delegation={d} bundles={bundleList(d.bundleCodes)} />
              {(d.status === 'ACTIVE' || d.status === 'NOT_YET_VALID') && (
                <button
                  type="button"
                  className="button"
                  disabled={revokeState.fetching}
                  aria-label={t('delegations.revokeFor', { name: d.agentName })}
                  onClick={async () => {
                    const r = await revoke({ delegationId: d.id });
                    if (!r.error) refetch({ requestPolicy: 'network-only' });
                  }}
                >
                  {t('delegations.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="to-me-title">
        <h2 id="to-me-title">{t('delegations.toMe')}</h2>
        {data && data.delegationsToMe.length === 0 && <p className="muted">{t('delegations.noneToMe')}</p>}
        <ul className="cards">
          {data?.delegationsToMe.map((d) => (
            <li key={d.id} className="card" data-delegation-to-me={d.id} data-status={d.status}>
              <h3>{t('delegations.principalIs', { name: d.principalName })}</h3>
              <DelegationFacts delegation={d} bundles={bundleList(d.bundleCodes)} />
              {d.status === 'ACTIVE' && (
                <Link to={`/for/${d.id}`} className="button button--primary">
                  {t('delegations.actFor', { name: d.principalName })}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </section>

      <AsAgent />
    </>
  );
}

function DelegationFacts({ delegation: d, bundles }: { delegation: Delegation; bundles: string }) {
  const { t } = useI18n();
  return (
    <dl className="part__facts">
      <div>
        <dt>{t('delegations.status')}</dt>
        <dd>
          <span
            className={`badge badge--${d.status === 'ACTIVE' ? 'done' : d.status === 'REVOKED' ? 'bad' : 'wait'}`}
          >
            {t(`delegation.${d.status}` as MessageKey)}
          </span>
        </dd>
      </div>
      <div>
        <dt>{t('delegations.scope')}</dt>
        <dd>{bundles}</dd>
      </div>
      <div>
        <dt>{t('delegations.validity')}</dt>
        <dd>
          {d.validFrom} – {d.validUntil}
        </dd>
      </div>
      {d.enterpriseUscc && (
        <div>
          <dt>{t('delegations.enterprise')}</dt>
          <dd>
            <code>{d.enterpriseUscc}</code>
          </dd>
        </div>
      )}
      {d.powerOfAttorney && (
        <div>
          <dt>{t('delegations.powerOfAttorney')}</dt>
          <dd>{d.powerOfAttorney.name}</dd>
        </div>
      )}
      {d.recordedBy && (
        <div>
          <dt>{t('delegations.recordedBy')}</dt>
          <dd>{d.recordedBy.name}</dd>
        </div>
      )}
    </dl>
  );
}

/** Granting a delegation: every field checked as typed, every problem of the hall's answer at its field. */
/**
 * A delegation granted online by the signed-in principal or, with `visitId`, recorded at a window by the
 * officer from the principal's signed power of attorney (scanned: then required, and uploaded in the visit).
 */
export function GrantForm({
  bundles,
  onGranted,
  visitId,
}: {
  bundles: readonly { code: string; name: { zh: string; en: string } }[];
  onGranted(): void;
  visitId?: string;
}) {
  const { t, l } = useI18n();
  const { session } = useSession();
  const [values, setValues] = useState<Record<string, string>>({ validFrom: today() });
  const [scope, setScope] = useState<string[]>([]);
  const [attorney, setAttorney] = useState<{ id: string; name: string } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [sent, setSent] = useState(0);
  const [granted, setGranted] = useState<string | null>(null);
  const [grantState, grantOnline] = useMutation(GRANT_DELEGATION);
  const [recordState, recordAtWindow] = useMutation(RECORD_DELEGATION);
  const state = visitId ? recordState : grantState;
  const fileInput = useRef<HTMLInputElement>(null);
  const labels = useMemo(() => {
    const m = new Map(FIELDS.map((f) => [f.key, l(f.label)]));
    m.set('bundleCodes', t('delegations.bundles'));
    m.set('powerOfAttorneyUploadId', t('delegations.powerOfAttorney'));
    return m;
  }, [l, t]);

  const onSubmit = async () => {
    setGranted(null);
    const local = [
      ...FIELDS.flatMap((f) => checkField(f, values[f.key] ?? '')),
      ...(scope.length === 0
        ? [
            {
              field: 'bundleCodes',
              code: 'field.required',
              message: { zh: '请至少选择一件事', en: 'Choose at least one bundle' },
              items: [],
            },
          ]
        : []),
      ...(visitId && !attorney
        ? [
            {
              field: 'powerOfAttorneyUploadId',
              code: 'field.required',
              message: {
                zh: '在窗口登记授权，须扫描上传委托人签字的授权委托书',
                en: 'At a window, scan and upload the power of attorney the principal signed',
              },
              items: [],
            },
          ]
        : []),
    ];
    setSent((n) => n + 1);
    setProblems(local);
    if (local.length > 0) return;
    const input = {
      agentIdNumber: (values.agentIdNumber ?? '').trim().toUpperCase(),
      agentName: (values.agentName ?? '').trim(),
      bundleCodes: scope,
      validFrom: values.validFrom?.trim() || null,
      validUntil: (values.validUntil ?? '').trim(),
      ...(attorney ? { powerOfAttorneyUploadId: attorney.id } : {}),
    };
    const r = visitId ? await recordAtWindow({ visitId, input }) : await grantOnline({ input });
    if (r.error) {
      const invalid = r.error.graphQLErrors[0]?.extensions as
        | { code?: string; problems?: { rule: string; message: { zh: string; en: string }; path?: string }[] }
        | undefined;
      if (invalid?.code === 'INVALID_INPUT' && invalid.problems?.length)
        return setProblems(
          invalid.problems.map((p) => ({
            field: (p.path ?? '').split('.').pop() ?? '',
            code: p.rule,
            message: p.message,
            items: [],
          })),
        );
      return setProblems([
        {
          field: '',
          code: 'error',
          message: { zh: operationErrorText(t, r.error), en: operationErrorText(t, r.error) },
          items: [],
        },
      ]);
    }
    const answer = r.data && 'recordDelegation' in r.data ? r.data.recordDelegation : r.data?.grantDelegation;
    if (!answer) return;
    setProblems(answer.problems.map((p) => ({ ...p, field: fieldOf(p) })));
    if (answer.delegation) {
      setGranted(answer.delegation.agentName);
      setValues({ validFrom: today() });
      setScope([]);
      setAttorney(null);
      if (fileInput.current) fileInput.current.value = '';
      onGranted();
    }
  };

  const at = (key: string) => problems.filter((p) => p.field === key);
  const attorneyProblems = [...at('powerOfAttorneyUploadId'), ...at('powerOfAttorney')];
  const attorneyMessages = [
    ...(uploadError ? [uploadError] : []),
    ...attorneyProblems.map((p) => l(p.message)),
  ];
  return (
    <form
      noValidate
      className="card"
      aria-labelledby="grant-title"
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <h2 id="grant-title">{t(visitId ? 'delegations.record' : 'delegations.grant')}</h2>
      {visitId && <p className="muted">{t('delegations.recordIntro')}</p>}
      <ProblemSummary problems={problems} labels={labels} focusKey={sent} />
      {granted && (
        <Notice kind="success">
          {t(visitId ? 'delegations.recordedFor' : 'delegations.grantedTo', { name: granted })}
        </Notice>
      )}
      <div className="fields">
        {FIELDS.map((f) => (
          <Field
            key={f.key}
            field={f}
            value={values[f.key] ?? ''}
            onChange={(v) => setValues((old) => ({ ...old, [f.key]: v }))}
            problems={at(f.key)}
          />
        ))}
      </div>
      <fieldset
        className={`field${at('bundleCodes').length ? ' field--invalid' : ''}`}
        id="field-bundleCodes"
        aria-describedby={at('bundleCodes').length ? 'field-bundleCodes-error' : undefined}
      >
        <legend>
          {t('delegations.bundles')}
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        </legend>
        {bundles.map((b) => (
          <label key={b.code} className="choice">
            <input
              type="checkbox"
              name="bundleCodes"
              value={b.code}
              checked={scope.includes(b.code)}
              onChange={(e) =>
                setScope(e.target.checked ? [...scope, b.code] : scope.filter((c) => c !== b.code))
              }
            />
            {l(b.name)}
          </label>
        ))}
        {at('bundleCodes').length > 0 && (
          <ul className="errors" id="field-bundleCodes-error">
            {at('bundleCodes').map((p) => (
              <li key={p.code}>{l(p.message)}</li>
            ))}
          </ul>
        )}
      </fieldset>
      <div className={`field${attorneyMessages.length ? ' field--invalid' : ''}`}>
        <label htmlFor="field-powerOfAttorneyUploadId">
          {t('delegations.powerOfAttorney')}
          {visitId && (
            <span className="required" aria-hidden="true">
              {' '}
              *
            </span>
          )}
        </label>
        <input
          ref={fileInput}
          id="field-powerOfAttorneyUploadId"
          type="file"
          accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
          disabled={uploading}
          aria-describedby={`attorney-hint${attorneyMessages.length ? ' attorney-error' : ''}`}
          aria-invalid={attorneyMessages.length > 0 || undefined}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file || !session) return;
            setUploading(true);
            setUploadError(null);
            try {
              const u = await uploadFile(session.token, file, visitId ? { visitId } : undefined);
              setAttorney({ id: u.id, name: u.name });
            } catch (err) {
              const limited =
                err instanceof UploadError
                  ? limitText(t, { code: err.code, retryAfterSeconds: err.retryAfterSeconds })
                  : undefined;
              setUploadError(limited ?? t('materials.failed', { reason: (err as Error).message }));
              setAttorney(null);
              e.target.value = '';
            } finally {
              setUploading(false);
            }
          }}
        />
        <p className="hint" id="attorney-hint">
          {uploading
            ? t('materials.uploading')
            : attorney
              ? t('delegations.attorneyUploaded', { name: attorney.name })
              : t('delegations.attorneyHint')}
        </p>
        {attorneyMessages.length > 0 && (
          <ul className="errors" id="attorney-error">
            {attorneyMessages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={state.fetching || uploading}>
          {t(visitId ? 'delegations.recordSubmit' : 'delegations.submit')}
        </button>
      </div>
    </form>
  );
}

/** 我代办的申请: what the agent handed in for their principals (each the principal's application). */
function AsAgent() {
  const { t, l } = useI18n();
  const [{ data, error }] = useQuery({ query: APPLICATIONS_AS_AGENT, requestPolicy: 'network-only' });
  return (
    <section aria-labelledby="as-agent-title">
      <h2 id="as-agent-title">{t('delegations.asAgent')}</h2>
      {error && <Notice kind="error">{t('common.loadFailed', { reason: error.message })}</Notice>}
      {data && data.applicationsAsAgent.length === 0 && (
        <p className="muted">{t('delegations.noneAsAgent')}</p>
      )}
      <ul className="cards">
        {data?.applicationsAsAgent.map((a) => (
          <li key={a.id} className="card" data-application={a.id}>
            <Link to={`/applications/${a.id}`}>
              <strong>{l(a.bundle.name)}</strong>
            </Link>{' '}
            <code>{a.id}</code>{' '}
            <span className="muted">{t('delegations.forPrincipal', { name: a.applicantName })}</span>{' '}
            <StatusBadge status={a.status} />
          </li>
        ))}
      </ul>
    </section>
  );
}

import { checkField } from '@onething/schema/forms';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { BUNDLES, MY_DRAFTS, OPEN_WINDOW_VISIT } from '../api/documents';
import type { FormField, IdentityCheckMethod, Problem, WindowVisit } from '../api/types';
import type { Acting } from '../app/acting';
import { useI18n } from '../app/i18n';
import type { MessageKey } from '../app/messages';
import { DepartmentName } from '../components/Department';
import { Field } from '../components/Field';
import { Notice, PageTitle } from '../components/Layout';
import { pageField } from '../components/page-field';
import { WindowReceipt } from '../components/WindowReceipt';
import { Apply } from './Apply';
import { GrantForm } from './Delegations';

/** The visit's ID number, checked in the browser by the same rules (GB 11643) as the hall checks it. */
const ID_FIELD: FormField = pageField(
  'applicantIdNumber',
  { zh: '申请人身份证号码', en: 'Applicant’s ID number' },
  'ID_NUMBER',
  {
    maxLength: 18,
    hint: {
      zh: '读取身份证或核对证件后填写，18 位，末位可为 X',
      en: 'As read from the ID card or the document: 18 characters, the last may be X',
    },
  },
);

const CHECKS: readonly IdentityCheckMethod[] = ['ID_CARD_READ', 'DOCUMENT_INSPECTED'];

type Stage =
  | { readonly name: 'identify' }
  | { readonly name: 'choose'; readonly visit: WindowVisit }
  | { readonly name: 'form'; readonly visit: WindowVisit; readonly code: string; readonly draftId?: string }
  | { readonly name: 'receipt'; readonly visit: WindowVisit; readonly applicationId: string };

/**
 * 受理 (take in) at a window: the officer checks who the walk-in is (ID number and how it was checked),
 * chooses the bundle or resumes the walk-in's draft, has the walk-in sign the consent, fills the same one
 * form the applicant fills online — for them — and hands over the receipt.
 */
export function WindowIntake() {
  const { t } = useI18n();
  const [stage, setStage] = useState<Stage>({ name: 'identify' });
  const next = () => setStage({ name: 'identify' });
  if (stage.name === 'identify')
    return (
      <>
        <PageTitle>{t('intake.title')}</PageTitle>
        <Identify onOpened={(visit) => setStage({ name: 'choose', visit })} />
      </>
    );
  const acting: Acting = {
    kind: 'window',
    visitId: stage.visit.id,
    applicant: { idNumber: stage.visit.applicantIdNumber, name: stage.visit.applicantName },
  };
  return (
    <>
      {stage.name === 'choose' && <PageTitle>{t('intake.title')}</PageTitle>}
      <VisitBar visit={stage.visit} onEnd={next} />
      {stage.name === 'choose' && (
        <Choose
          visit={stage.visit}
          onChoose={(code, draftId) =>
            setStage({ name: 'form', visit: stage.visit, code, ...(draftId ? { draftId } : {}) })
          }
        />
      )}
      {stage.name === 'form' && (
        <Apply
          key={`${stage.code}/${stage.draftId ?? ''}`}
          code={stage.code}
          acting={acting}
          draftId={stage.draftId}
          onSubmitted={(applicationId) => setStage({ name: 'receipt', visit: stage.visit, applicationId })}
        />
      )}
      {stage.name === 'receipt' && (
        <WindowReceipt
          applicationId={stage.applicationId}
          onAnother={() => setStage({ name: 'choose', visit: stage.visit })}
          onNext={next}
        />
      )}
    </>
  );
}

/** Who the walk-in is: their ID number and how the officer checked it; the hall's answer beside the field. */
function Identify({ onOpened }: { onOpened(visit: WindowVisit): void }) {
  const { t } = useI18n();
  const [idNumber, setIdNumber] = useState('');
  const [check, setCheck] = useState<IdentityCheckMethod | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [checkProblem, setCheckProblem] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [state, open] = useMutation(OPEN_WINDOW_VISIT);

  const onSubmit = async () => {
    setError(null);
    const local = checkField(ID_FIELD, idNumber.trim().toUpperCase());
    setProblems(local);
    setCheckProblem(check === null);
    if (local.length > 0 || check === null) return;
    const r = await open({ applicantIdNumber: idNumber.trim().toUpperCase(), identityCheck: check });
    if (r.error) {
      // A value the IdNumber scalar refuses comes back as INVALID_INPUT with every broken rule.
      const invalid = r.error.graphQLErrors[0]?.extensions as
        | { code?: string; problems?: { rule: string; message: { zh: string; en: string } }[] }
        | undefined;
      if (invalid?.code === 'INVALID_INPUT' && invalid.problems?.length)
        return setProblems(
          invalid.problems.map((p) => ({ field: ID_FIELD.key, code: p.rule, message: p.message, items: [] })),
        );
      return setError(r.error.message);
    }
    const answer = r.data?.openWindowVisit;
    if (!answer) return;
    setProblems(answer.problems);
    if (answer.visit) onOpened(answer.visit);
  };

  return (
    <form
      noValidate
      className="card"
      aria-labelledby="identify-title"
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <h2 id="identify-title">{t('intake.identify')}</h2>
      <p className="muted">{t('intake.identifyIntro')}</p>
      {error && <Notice kind="error">{t('apply.failed', { reason: error })}</Notice>}
      <Field
        field={ID_FIELD}
        value={idNumber}
        onChange={(v) => {
          setIdNumber(v);
          setProblems([]);
        }}
        problems={problems}
      />
      <fieldset
        className={`field${checkProblem ? ' field--invalid' : ''}`}
        aria-describedby={checkProblem ? 'identity-check-error' : undefined}
      >
        <legend>
          {t('intake.how')}
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        </legend>
        <div className="choices">
          {CHECKS.map((c) => (
            <label key={c} className="choice">
              <input
                type="radio"
                name="identityCheck"
                value={c}
                checked={check === c}
                aria-invalid={checkProblem || undefined}
                onChange={() => {
                  setCheck(c);
                  setCheckProblem(false);
                }}
              />
              {t(`identityCheck.${c}` as MessageKey)}
            </label>
          ))}
        </div>
        {checkProblem && (
          <ul className="errors" id="identity-check-error">
            <li>{t('intake.howMissing')}</li>
          </ul>
        )}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={state.fetching}>
          {state.fetching ? t('intake.checking') : t('intake.open')}
        </button>
      </div>
    </form>
  );
}

/** The walk-in being served: who, known to which departments, checked how, until when. */
function VisitBar({ visit, onEnd }: { visit: WindowVisit; onEnd(): void }) {
  const { t, lang } = useI18n();
  return (
    <section className="card visit" aria-labelledby="visit-title" data-visit={visit.id}>
      <h2 id="visit-title">
        {t('intake.serving', { name: visit.applicantName })} <code>{visit.applicantIdNumber}</code>
      </h2>
      <p className="muted small">
        {t(`identityCheck.${visit.identityCheck}` as MessageKey)} · {t('intake.knownTo')}
        {visit.knownTo.map((d, i) => (
          <span key={d}>
            {i > 0 && (lang === 'zh' ? '、' : ', ')}
            <DepartmentName department={d} />
          </span>
        ))}{' '}
        ·{' '}
        {t('intake.until', {
          at: new Date(visit.expiresAt).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
            hour: '2-digit',
            minute: '2-digit',
          }),
        })}
      </p>
      <button type="button" className="button button--quiet" onClick={onEnd}>
        {t('intake.end')}
      </button>
    </section>
  );
}

/** The bundle to take in, or a draft of the walk-in's to resume (started online or at a window). */
function Choose({ visit, onChoose }: { visit: WindowVisit; onChoose(code: string, draftId?: string): void }) {
  const { t, l, lang } = useI18n();
  const [{ data: bundles }] = useQuery({ query: BUNDLES });
  const [{ data: drafts, error }] = useQuery({
    query: MY_DRAFTS,
    variables: { onBehalfOf: { visitId: visit.id } },
    requestPolicy: 'network-only',
  });
  const [code, setCode] = useState<string | null>(null);
  return (
    <>
      <section className="card" aria-labelledby="drafts-title">
        <h2 id="drafts-title">{t('drafts.ofApplicant')}</h2>
        {error && <Notice kind="error">{t('common.loadFailed', { reason: error.message })}</Notice>}
        {drafts && drafts.myDrafts.length === 0 && <p className="muted">{t('drafts.none')}</p>}
        <ul className="drafts">
          {drafts?.myDrafts.map((d) => (
            <li key={d.id} data-draft={d.id}>
              <strong>{l(d.bundle.name)}</strong>{' '}
              <span className="muted small">
                {t('drafts.savedBy', {
                  by: d.savedBy,
                  at: new Date(d.updatedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB'),
                  channel: t(`channel.${d.savedAt}` as MessageKey),
                })}
              </span>{' '}
              <button type="button" className="button" onClick={() => onChoose(d.bundleCode, d.id)}>
                {t('drafts.resume')}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <form
        className="card"
        aria-labelledby="choose-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (code) onChoose(code);
        }}
      >
        <fieldset>
          <legend id="choose-title">{t('intake.choose')}</legend>
          {bundles?.bundles.map((b) => (
            <label key={b.code} className="choice choice--block" data-bundle={b.code}>
              <input
                type="radio"
                name="bundle"
                value={b.code}
                checked={code === b.code}
                onChange={() => setCode(b.code)}
              />
              <span>
                <strong>{l(b.name)}</strong>
                <span className="muted small"> {l(b.description)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={!code}>
            {t('intake.start')}
          </button>
        </div>
      </form>
      <details className="card" data-record-delegation>
        <summary>{t('delegations.record')}</summary>
        <GrantForm bundles={bundles?.bundles ?? []} onGranted={() => undefined} visitId={visit.id} />
      </details>
    </>
  );
}

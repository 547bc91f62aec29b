import { checkField } from '@onething/schema/forms';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { BUNDLES, MY_DRAFTS, OPEN_WINDOW_VISIT } from '../api/documents';
import type { Delegation, FormField, IdentityCheckMethod, Problem, WindowVisit } from '../api/types';
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
  | {
      readonly name: 'form';
      readonly visit: WindowVisit;
      readonly code: string;
      readonly draftId?: string;
      /** The delegation the walk-in is served under as agent (窗口代办); none: for themself. */
      readonly delegation?: Delegation;
    }
  | { readonly name: 'receipt'; readonly visit: WindowVisit; readonly applicationId: string };

/** Whom the form is for: the walk-in, or the principal of a delegation naming the walk-in as agent. */
function actingOf(visit: WindowVisit, delegation: Delegation | undefined): Acting {
  const walkIn = { idNumber: visit.applicantIdNumber, name: visit.applicantName };
  return delegation
    ? {
        kind: 'window-agent',
        visitId: visit.id,
        delegationId: delegation.id,
        applicant: { idNumber: delegation.principalIdNumber, name: delegation.principalName },
        agent: walkIn,
      }
    : { kind: 'window', visitId: visit.id, applicant: walkIn };
}

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
  return (
    <>
      {stage.name === 'choose' && <PageTitle>{t('intake.title')}</PageTitle>}
      <VisitBar visit={stage.visit} onEnd={next} />
      {stage.name === 'choose' && (
        <Choose
          visit={stage.visit}
          onChoose={(code, draftId, delegation) =>
            setStage({
              name: 'form',
              visit: stage.visit,
              code,
              ...(draftId ? { draftId } : {}),
              ...(delegation ? { delegation } : {}),
            })
          }
        />
      )}
      {stage.name === 'form' && (
        <Apply
          key={`${stage.code}/${stage.draftId ?? ''}/${stage.delegation?.id ?? ''}`}
          code={stage.code}
          acting={actingOf(stage.visit, stage.delegation)}
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

/**
 * The bundle to take in, or a draft of the applicant's to resume (started online or at a window) — the
 * walk-in's own, or, when the walk-in is an agent (窗口代办), a principal's of a delegation naming them.
 */
function Choose({
  visit,
  onChoose,
}: {
  visit: WindowVisit;
  onChoose(code: string, draftId?: string, delegation?: Delegation): void;
}) {
  const { t, l, lang } = useI18n();
  const [{ data: bundles }] = useQuery({ query: BUNDLES });
  const [delegation, setDelegation] = useState<Delegation | undefined>(undefined);
  const onBehalfOf = delegation ? { visitId: visit.id, delegationId: delegation.id } : { visitId: visit.id };
  const [{ data: drafts, error }] = useQuery({
    query: MY_DRAFTS,
    variables: { onBehalfOf },
    requestPolicy: 'network-only',
  });
  const [code, setCode] = useState<string | null>(null);
  const inScope = (bundles?.bundles ?? []).filter(
    (b) => !delegation || delegation.bundleCodes.includes(b.code),
  );
  return (
    <>
      {visit.agentFor.length > 0 && (
        <fieldset className="card" aria-describedby="agent-for-intro" data-agent-for>
          <legend>{t('intake.agentFor')}</legend>
          <p className="muted" id="agent-for-intro">
            {t('intake.agentForIntro')}
          </p>
          <label className="choice choice--block">
            <input
              type="radio"
              name="for"
              value=""
              checked={!delegation}
              onChange={() => {
                setDelegation(undefined);
                setCode(null);
              }}
            />
            {t('intake.forThemself')}
          </label>
          {visit.agentFor.map((d) => (
            <label key={d.id} className="choice choice--block" data-delegation={d.id}>
              <input
                type="radio"
                name="for"
                value={d.id}
                checked={delegation?.id === d.id}
                onChange={() => {
                  setDelegation(d);
                  setCode(null);
                }}
              />
              <span>
                {t('intake.forPrincipal', { name: d.principalName, until: d.validUntil })}{' '}
                <code>{d.principalIdNumber}</code>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <section className="card" aria-labelledby="drafts-title">
        <h2 id="drafts-title">
          {delegation
            ? t('intake.servingFor', {
                name: delegation.principalName,
                idNumber: delegation.principalIdNumber,
              })
            : t('drafts.ofApplicant')}
        </h2>
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
              <button
                type="button"
                className="button"
                onClick={() => onChoose(d.bundleCode, d.id, delegation)}
              >
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
          if (code) onChoose(code, undefined, delegation);
        }}
      >
        <fieldset>
          <legend id="choose-title">{t('intake.choose')}</legend>
          {inScope.map((b) => (
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
      {!delegation && (
        <details className="card" data-record-delegation>
          <summary>{t('delegations.record')}</summary>
          <GrantForm bundles={bundles?.bundles ?? []} onGranted={() => undefined} visitId={visit.id} />
        </details>
      )}
    </>
  );
}

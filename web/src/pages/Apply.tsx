import { checkField } from '@onething/schema/forms';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { fetchOneTimeNotice, saveBlob } from '../api/client';
import {
  BUNDLE_FORM,
  GRANT_CONSENT,
  MY_DRAFTS,
  PREFILL,
  SALES_TO_ME,
  SAVE_DRAFT,
  SUBMIT,
} from '../api/documents';
import { operationErrorText } from '../api/errors';
import type { BundleForm, Department, Draft, FormField, Prefill, Problem } from '../api/types';
import { type Acting, atWindow, onBehalfOfActing } from '../app/acting';
import { useI18n } from '../app/i18n';
import { navigate } from '../app/router';
import { useSession } from '../app/session';
import { DepartmentName, useDepartmentName } from '../components/Department';
import { Fees } from '../components/Fees';
import { Field, type Source } from '../components/Field';
import { Notice, PageTitle } from '../components/Layout';
import { Materials, type Uploaded } from '../components/Materials';
import { ProblemSummary } from '../components/ProblemSummary';
import { type Witnessed, WitnessedSignature } from '../components/WitnessedSignature';

type Step = 'consent' | 'form';

interface ApplyProps {
  readonly code: string;
  /** Whom the form is for when not the signed-in applicant: a walk-in at a window, or a principal. */
  readonly acting?: Acting | undefined;
  /** A saved draft to resume (of the applicant acted for). */
  readonly draftId?: string | undefined;
  /** What follows a submission (default: the application's page). */
  onSubmitted?(applicationId: string): void;
}

/**
 * Applying for a bundle — online for oneself, at a window for a walk-in, or as an agent for a principal:
 * the same one form, the same checks and the same one answer. A saved draft is resumed where it stopped.
 */
export function Apply(props: ApplyProps) {
  const { t } = useI18n();
  const [{ data, error, fetching }] = useQuery({
    query: MY_DRAFTS,
    variables: { onBehalfOf: onBehalfOfActing(props.acting) ?? null },
    pause: !props.draftId,
    requestPolicy: 'network-only',
  });
  if (!props.draftId) return <OneForm {...props} draft={null} />;
  if (error) return <Notice kind="error">{t('common.loadFailed', { reason: error.message })}</Notice>;
  if (fetching || !data) return <p aria-live="polite">{t('common.loading')}</p>;
  const draft = data.myDrafts.find((d) => d.id === props.draftId);
  if (!draft) return <Notice kind="error">{t('drafts.notFound')}</Notice>;
  return <OneForm key={draft.id} {...props} code={draft.bundleCode} draft={draft} />;
}

/**
 * Applying for a bundle: choose options, consent to prefill in plain words, fill the one form (values
 * marked with their source, checked as you type with the hall's own rules), upload the materials, submit
 * once — and see every problem at once when something is wrong.
 */
function OneForm({ code, acting, draft, onSubmitted }: ApplyProps & { draft: Draft | null }) {
  const { t, l, list, lang } = useI18n();
  const { session } = useSession();
  const onBehalfOf = onBehalfOfActing(acting);
  const [options, setOptions] = useState<string[]>(() => [...(draft?.options ?? [])]);
  const [step, setStep] = useState<Step>(draft ? 'form' : 'consent');
  const [scopes, setScopes] = useState<string[] | null>(null);
  const [witnessed, setWitnessed] = useState<Witnessed | null>(null);
  const [prefill, setPrefill] = useState<Prefill | null>(null);
  const [prefillId, setPrefillId] = useState<string | null>(draft?.prefillId ?? null);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries((draft?.values ?? []).map((v) => [v.key, v.value])),
  );
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [uploaded, setUploaded] = useState<Record<string, Uploaded>>(() =>
    Object.fromEntries(
      (draft?.materials ?? []).flatMap((m) =>
        m.upload ? [[m.id, { uploadId: m.upload.id, name: m.upload.name, size: m.upload.size }]] : [],
      ),
    ),
  );
  const [draftId, setDraftId] = useState<string | null>(draft?.id ?? null);
  const [savedUntil, setSavedUntil] = useState<string | null>(null);
  const [saveState, saveDraft] = useMutation(SAVE_DRAFT);
  const [noticeBusy, setNoticeBusy] = useState(false);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [attempted, setAttempted] = useState(0);
  const [{ data, error, fetching }] = useQuery({
    query: BUNDLE_FORM,
    variables: { code, options },
  });
  const [consentState, grantConsent] = useMutation(GRANT_CONSENT);
  const [prefillState, runPrefill] = useMutation(PREFILL);
  // A house transfer has two parties: the buyer picks a sale its seller confirmed to them — the buyer
  // being the signed-in applicant, the walk-in at a window, or the principal of an agent.
  const withSeller = code === 'HOUSE-TRANSFER';
  const [{ data: salesData }] = useQuery({
    query: SALES_TO_ME,
    variables: { onBehalfOf: onBehalfOf ?? null },
    pause: !withSeller,
    requestPolicy: 'network-only',
  });
  const sales = (salesData?.salesConfirmedToMe ?? []).filter((x) => x.live);
  const [pickedSale, setPickedSale] = useState<string | null>(null);
  const sale = withSeller ? (pickedSale ?? sales[0]?.id ?? null) : null;
  const [submitState, submit] = useMutation(SUBMIT);
  const bundle = data?.bundle;
  const form = bundle?.form;

  const fields = useMemo(() => new Map((form?.fields ?? []).map((f) => [f.key, f])), [form]);
  const labels = useMemo(() => {
    const m = new Map<string, string>();
    for (const f of form?.fields ?? []) m.set(f.key, l(f.label));
    for (const mat of form?.materials ?? []) m.set(`materials.${mat.id}`, l(mat.name));
    return m;
  }, [form, l]);
  const itemNames = useMemo(
    () => new Map((bundle?.items ?? []).map((i) => [i.code, l(i.name)])),
    [bundle, l],
  );

  const sources = useMemo(() => {
    const m = new Map<string, Source>();
    for (const v of prefill?.values ?? [])
      m.set(v.key, { department: v.department, updatedAt: v.updatedAt, editable: v.editable });
    return m;
  }, [prefill]);
  const notPrefilled = useMemo(() => {
    const m = new Map<string, Department>();
    for (const u of prefill?.unavailable ?? []) for (const f of u.fields) m.set(f, u.department);
    return m;
  }, [prefill]);

  // After consenting (or not), the page opens at the top of the form — the prefill banner — rather than
  // wherever the consent's button had scrolled it to, which on a phone was mid-form.
  const formTop = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (step !== 'form' || !formTop.current) return;
    formTop.current.scrollIntoView({ block: 'start' });
    formTop.current.focus({ preventScroll: true });
  }, [step]);

  if (error) return <Notice kind="error">{t('common.loadFailed', { reason: error.message })}</Notice>;
  if (fetching && !bundle) return <p aria-live="polite">{t('common.loading')}</p>;
  if (!bundle || !form) return <Notice kind="error">{t('apply.noBundle', { code })}</Notice>;

  const valueFor = (key: string) =>
    values[key] ??
    (key === 'applicant.idNumber' ? (acting?.applicant.idNumber ?? session?.idNumber ?? '') : '');
  const liveProblems = (f: FormField): Problem[] => {
    const server = serverProblems.filter((p) => p.field === f.key);
    if (!touched.has(f.key)) return server;
    const local = checkField(f, valueFor(f.key));
    // The browser's check replaces the server's for what it can judge; rules across departments stay.
    return [...local, ...server.filter((p) => !local.some((x) => x.code === p.code) && !isLocalRule(p.code))];
  };

  // Consent is opt-in: no department is ticked until the applicant ticks it, and only departments the
  // form with the chosen options reads from are offered.
  const offered = new Set(bundle.consentScopes.map((s) => s.key));
  const chosen = (scopes ?? []).filter((s) => offered.has(s));
  // The banner counts the values it says are marked: prefilled fields the form shows.
  const shownPrefilled = (prefill?.values ?? []).filter((v) => fields.has(v.key)).length;
  const startForm = async (consent: boolean) => {
    setSubmitError(null);
    if (consent && chosen.length > 0) {
      const granted = await grantConsent({
        bundleCode: code,
        scopes: chosen,
        onBehalfOf: onBehalfOf ?? null,
        witnessed: witnessed ? { form: witnessed.form, uploadId: witnessed.uploadId } : null,
      });
      if (granted.error) return setSubmitError(operationErrorText(t, granted.error));
    }
    if ((consent && chosen.length > 0) || sale) {
      // A sale the seller confirmed fills the unit's and the seller's fields from the registry.
      const filled = await runPrefill({
        bundleCode: code,
        options,
        saleConfirmationId: sale,
        onBehalfOf: onBehalfOf ?? null,
      });
      if (filled.error || !filled.data)
        return setSubmitError(filled.error ? operationErrorText(t, filled.error) : '');
      const p = filled.data.prefillForm;
      setPrefill(p);
      setPrefillId(p.id);
      setValues((v) => ({ ...Object.fromEntries(p.values.map((x) => [x.key, x.value])), ...v }));
    }
    setStep('form');
  };

  const onSubmit = async () => {
    setSubmitError(null);
    // The server checks everything at once, across departments too, and answers every problem.
    setTouched(new Set(form.fields.map((f) => f.key)));
    const input = { ...formInput(), ...(draftId ? { draftId } : {}) };
    const r = await submit({ input, onBehalfOf: onBehalfOf ?? null });
    if (r.error) return setSubmitError(operationErrorText(t, r.error));
    const answer = r.data?.submitApplication as { application: { id: string } | null; problems: Problem[] };
    setServerProblems(answer.problems);
    setAttempted((n) => n + 1);
    if (answer.application) {
      if (onSubmitted) onSubmitted(answer.application.id);
      else navigate(`/applications/${answer.application.id}`);
    }
  };

  /** The form as typed: what a draft keeps, a submission hands in and a one-time notice lists. */
  function formInput() {
    return {
      bundleCode: code,
      options,
      values: (form?.fields ?? [])
        .map((f) => ({ key: f.key, value: valueFor(f.key).trim() }))
        .filter((v) => v.value !== ''),
      materials: Object.entries(uploaded).map(([id, u]) => ({ id, uploadId: u.uploadId })),
      ...(prefillId ? { prefillId } : {}),
    };
  }

  // A draft keeps what was typed, right or wrong; it is checked only when handed in.
  const onSaveDraft = async () => {
    setSubmitError(null);
    setSavedUntil(null);
    const r = await saveDraft({
      input: { ...formInput(), ...(draftId ? { draftId } : {}) },
      onBehalfOf: onBehalfOf ?? null,
    });
    if (r.error || !r.data) return setSubmitError(r.error ? operationErrorText(t, r.error) : '');
    setDraftId(r.data.saveDraft.id);
    setSavedUntil(r.data.saveDraft.expiresAt);
  };

  // 一次性告知单: every missing or wrong thing of the form as it stands, on paper, at once.
  const onNotice = async () => {
    if (!session) return;
    setNoticeBusy(true);
    setSubmitError(null);
    try {
      const blob = await fetchOneTimeNotice(session.token, formInput(), onBehalfOf);
      saveBlob(blob, t('notice.fileName'));
    } catch (e) {
      setSubmitError(t('notice.failed', { reason: (e as Error).message }));
    } finally {
      setNoticeBusy(false);
    }
  };

  const allProblems = [
    ...form.fields.flatMap((f) => liveProblems(f)),
    ...serverProblems.filter((p) => !fields.has(p.field)),
  ];

  return (
    <>
      <PageTitle>{l(bundle.name)}</PageTitle>
      {acting && (
        <p className="acting" data-acting={acting.kind}>
          {acting.kind === 'window-agent'
            ? t('acting.windowAgent', {
                agent: acting.agent.name,
                name: acting.applicant.name,
                idNumber: acting.applicant.idNumber,
              })
            : t(acting.kind === 'window' ? 'acting.window' : 'acting.agent', {
                name: acting.applicant.name,
                idNumber: acting.applicant.idNumber,
              })}
        </p>
      )}
      <p className="lead">{l(bundle.description)}</p>
      {draft && (
        <Notice kind="info">
          {t('drafts.resumed', {
            at: new Date(draft.updatedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB'),
            by: draft.savedBy,
          })}
        </Notice>
      )}
      {submitError && <Notice kind="error">{t('apply.failed', { reason: submitError })}</Notice>}

      {step === 'consent' && withSeller && (
        <fieldset className="card" aria-label={t('apply.sales')}>
          <legend>{t('apply.sales')}</legend>
          {salesData && sales.length === 0 && <p>{t('apply.salesNone')}</p>}
          {sales.map((x) => (
            <label key={x.id} className="choice" data-sale={x.id}>
              <input
                type="radio"
                name="sale"
                value={x.id}
                checked={sale === x.id}
                onChange={() => setPickedSale(x.id)}
              />{' '}
              {x.address ?? x.unitCode} · {t('apply.saleBy', { seller: x.sellerName })}
              {x.price ? ` · ${x.price}` : ''}
            </label>
          ))}
        </fieldset>
      )}

      {step === 'consent' && (
        <ConsentStep
          bundle={bundle}
          options={options}
          onOptions={setOptions}
          scopes={chosen}
          onScopes={setScopes}
          busy={consentState.fetching || prefillState.fetching}
          onContinue={(consent) => void startForm(consent)}
          signature={
            atWindow(acting) && onBehalfOf ? (
              <WitnessedSignature onBehalfOf={onBehalfOf} value={witnessed} onChange={setWitnessed} />
            ) : null
          }
          signed={!atWindow(acting) || witnessed !== null}
        />
      )}

      {step === 'form' && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void onSubmit();
          }}
        >
          <div ref={formTop} tabIndex={-1} className="form-top" data-testid="form-top" />
          <ProblemSummary
            problems={attempted > 0 && !submitState.fetching ? allProblems : []}
            labels={labels}
            focusKey={attempted}
          />
          {prefill && prefill.unavailable.length > 0 && (
            <Notice kind="warn">
              <p>{t('apply.notPrefilledTitle')}</p>
              <ul>
                {prefill.unavailable.map((u) => (
                  <li key={u.department} data-unavailable={u.department}>
                    <DepartmentName department={u.department} />
                    {t('apply.notPrefilledFields', {
                      fields: list(u.fields.map((f) => labels.get(f) ?? f)),
                    })}
                  </li>
                ))}
              </ul>
            </Notice>
          )}
          {shownPrefilled > 0 && <Notice kind="info">{t('apply.prefilled', { n: shownPrefilled })}</Notice>}
          {form.sections.map((section) => (
            <section key={section.key} className="card" aria-labelledby={`section-${section.key}`}>
              <h2 id={`section-${section.key}`}>{l(section.title)}</h2>
              <div className="fields">
                {section.fieldKeys.map((key) => {
                  const f = fields.get(key);
                  if (!f) return null;
                  return (
                    <Field
                      key={key}
                      field={f}
                      value={valueFor(key)}
                      onChange={(v) => {
                        setValues((old) => ({ ...old, [key]: v }));
                        setTouched((old) => new Set(old).add(key));
                      }}
                      onBlur={() => setTouched((old) => new Set(old).add(key))}
                      problems={liveProblems(f)}
                      source={sources.get(key)}
                      notPrefilled={notPrefilled.get(key)}
                    />
                  );
                })}
              </div>
            </section>
          ))}
          <Materials
            materials={form.materials}
            itemNames={itemNames}
            uploaded={uploaded}
            onUploaded={(id, u) =>
              setUploaded((old) => {
                const next = { ...old };
                if (u) next[id] = u;
                else delete next[id];
                return next;
              })
            }
            problems={serverProblems}
            onBehalfOf={onBehalfOf}
          />
          <Fees bundleCode={code} options={options} values={values} />
          {savedUntil && (
            <Notice kind="success">
              <span data-draft-saved={draftId ?? ''}>
                {t('drafts.saved', {
                  until: new Date(savedUntil).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB'),
                })}
              </span>
            </Notice>
          )}
          {attempted > 0 && allProblems.length > 0 && (
            <div className="card notice-paper">
              <p>{t('notice.intro')}</p>
              <button type="button" className="button" onClick={() => void onNotice()} disabled={noticeBusy}>
                {noticeBusy ? t('common.loading') : t('notice.download')}
              </button>
            </div>
          )}
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={submitState.fetching}>
              {submitState.fetching ? t('apply.submitting') : t('apply.submit')}
            </button>
            <button
              type="button"
              className="button"
              disabled={saveState.fetching}
              onClick={() => void onSaveDraft()}
            >
              {saveState.fetching ? t('drafts.saving') : t('drafts.save')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

/** Rules the browser checks itself (it shows its own verdict for them as the value changes). */
const isLocalRule = (code: string) => code.startsWith('field.') || /^GB/.test(code);

function ConsentStep(props: {
  bundle: BundleForm;
  options: string[];
  onOptions(options: string[]): void;
  scopes: string[];
  onScopes(scopes: string[]): void;
  busy: boolean;
  onContinue(consent: boolean): void;
  /** At a window: how the walk-in signs the consent (the officer witnesses it). */
  signature: ReactNode;
  /** Whether the consent is signed (always online). */
  signed: boolean;
}) {
  const { bundle, options, onOptions, scopes, onScopes, busy, onContinue, signature, signed } = props;
  const { t, l } = useI18n();
  const department = useDepartmentName();
  return (
    <>
      {bundle.options.length > 0 && (
        <fieldset className="card">
          <legend>{t('apply.optionsTitle')}</legend>
          {bundle.options.map((o) => (
            <label key={o.key} className="choice">
              <input
                type="checkbox"
                name="options"
                value={o.key}
                checked={options.includes(o.key)}
                onChange={(e) =>
                  onOptions(e.target.checked ? [...options, o.key] : options.filter((x) => x !== o.key))
                }
              />
              {l(o.label)}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="card consent">
        <legend>{t('consent.title')}</legend>
        <p>{t('consent.intro')}</p>
        <ul className="scopes">
          {bundle.consentScopes.map((s) => (
            <li key={s.key}>
              <label className="choice choice--block">
                <input
                  type="checkbox"
                  name="scopes"
                  value={s.key}
                  checked={scopes.includes(s.key)}
                  onChange={(e) =>
                    onScopes(e.target.checked ? [...scopes, s.key] : scopes.filter((x) => x !== s.key))
                  }
                />
                <span>
                  <strong>{department(s.department)}</strong>
                  <span className="scope__data">{t('consent.reads', { data: l(s.data) })}</span>
                  <span className="scope__purpose muted">
                    {t('consent.purpose', { purpose: l(s.purpose) })}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        <p className="muted">{t('consent.note')}</p>
        {signature}
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            disabled={busy || scopes.length === 0 || !signed}
            onClick={() => onContinue(true)}
          >
            {busy ? t('consent.reading') : t('consent.agree')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => onContinue(false)}>
            {t('consent.skip')}
          </button>
        </div>
      </fieldset>
    </>
  );
}

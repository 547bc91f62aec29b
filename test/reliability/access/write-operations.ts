import { houseTransferValues } from '../../stack/house-transfer';
import { APPLICANTS, WINDOW } from './fixture';
import { judgeAnswer, judgeHttp, type Operation, type Verdict } from './operation';

const SUBMIT =
  'mutation S($i: ApplicationInput!) { submitApplication(input: $i) { application { id } problems { field code } } }';

/** A delegation of the house transfer for a month to someone who is none of the personas. */
const delegationTo = (agent: { idNumber: string; name: string }) => ({
  agentIdNumber: agent.idNumber,
  agentName: agent.name,
  bundleCodes: ['HOUSE-TRANSFER'],
  validUntil: new Date(Date.now() + 8 * 3_600_000 + 30 * 86_400_000).toISOString().slice(0, 10),
});

/** A form answered with problems is the hall taking it from this applicant; `notYou` is a refusal. */
function formVerdict(
  r: Awaited<ReturnType<typeof judgeAnswer>> | Verdict,
  problems: { code: string }[] | undefined,
): Verdict {
  if (r.outcome !== 'allowed') return r;
  return problems?.some((p) => p.code === 'applicant.notYou')
    ? { outcome: 'denied', how: 'applicant.notYou' }
    : r;
}

/**
 * The writes of the matrix: submit, submit for someone else (through the hall and straight to a
 * department), correct, rate, retry, consent, delegations (grant, record at a window, revoke), upload (each department's own case writes are in
 * case-operations.ts). Denials are tried first and must leave nothing
 * behind; the allowed persona of a one-off write (a correction, a rating, a retry) tries it last.
 */
export const WRITES: readonly Operation[] = [
  {
    key: 'submit',
    label: 'submit an application (the hall checks the form)',
    writes: true,
    allowed: APPLICANTS,
    try: async (s, f, as) => {
      // An empty form: an applicant gets its problems back, nothing is stored; anyone else is refused.
      const r = await s.gql<{ submitApplication: { problems: { code: string }[] } }>(
        SUBMIT,
        { i: { bundleCode: 'HOUSE-TRANSFER', values: [] } },
        f.tokens[as],
        f.headers[as],
      );
      return formVerdict(judgeAnswer(r, ['submitApplication']), r.data?.submitApplication?.problems);
    },
  },
  {
    key: 'submit.other',
    label: 'submit an application naming another person as applicant',
    writes: true,
    allowed: [],
    try: async (s, f, as) => {
      const r = await s.gql<{ submitApplication: { application: unknown; problems: { code: string }[] } }>(
        SUBMIT,
        {
          i: {
            bundleCode: 'HOUSE-TRANSFER',
            values: houseTransferValues(f.victim.idNumber, f.victim.sellerId),
            materials: f.materials[as] ?? [],
          },
        },
        f.tokens[as],
        f.headers[as],
      );
      return formVerdict(judgeAnswer(r, ['submitApplication']), r.data?.submitApplication?.problems);
    },
  },
  {
    key: 'submit.department',
    label: 'submit a case to a department for another person',
    writes: true,
    allowed: [],
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'mutation S($i: CaseInput!) { submitTaxCase(input: $i) { caseNumber } }',
          {
            i: {
              itemCode: 'TAX-INVOICE',
              idempotencyKey: `access-${as}`,
              applicantIdNumber: f.victim.idNumber,
              applicantName: f.victim.name,
              fields: [{ key: 'tax.invoiceType', value: 'digital' }],
            },
          },
          f.tokens[as],
          f.headers[as],
        ),
        ['submitTaxCase'],
      ),
  },
  {
    key: 'correct',
    label: 'correct an application (补正)',
    writes: true,
    allowed: ['citizen'],
    try: async (s, f, as) => {
      const r = await s.gql<{ correctApplication: { problems: unknown[] } }>(
        'mutation C($a: ID!, $p: ID!, $v: [FormValueInput!]!) { correctApplication(applicationId: $a, partId: $p, values: $v) { application { id } problems { field code } } }',
        {
          a: f.correction.id,
          p: f.correction.partId,
          v: [{ key: 'transaction.price', value: f.correction.price }],
        },
        f.tokens[as],
        f.headers[as],
      );
      return judgeAnswer(r, ['correctApplication', 'application']);
    },
  },
  {
    key: 'rate',
    label: 'rate an application (好差评)',
    writes: true,
    allowed: ['citizen'],
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'mutation R($a: ID!) { rateApplication(applicationId: $a, level: 5) { rating { level } } }',
          { a: f.completed.id },
          f.tokens[as],
          f.headers[as],
        ),
        ['rateApplication', 'rating'],
      ),
  },
  {
    key: 'retry',
    label: 'retry a dead-lettered part',
    writes: true,
    allowed: ['window-staff'],
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'mutation R($p: ID!) { retryPart(partId: $p) { id status } }',
          { p: f.deadLettered.partId },
          f.tokens[as],
          f.headers[as],
        ),
        ['retryPart'],
      ),
  },
  {
    key: 'consent',
    label: 'consent to a prefill',
    writes: true,
    allowed: APPLICANTS,
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'mutation { grantConsent(bundleCode: "HOUSE-TRANSFER", scopes: ["tax"]) { id } }',
          {},
          f.tokens[as],
          f.headers[as],
        ),
        ['grantConsent'],
      ),
  },
  {
    key: 'delegation.grant',
    label: 'grant a delegation (授权委托), as its principal',
    writes: true,
    allowed: APPLICANTS,
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'mutation G($i: DelegationInput!) { grantDelegation(input: $i) { delegation { id } problems { field code } } }',
          { i: delegationTo(f.victim) },
          f.tokens[as],
          f.headers[as],
        ),
        ['grantDelegation', 'delegation'],
      ),
  },
  {
    key: 'delegation.record',
    label: 'record a delegation at a window, in a visit of the officer’s',
    writes: true,
    allowed: ['window-staff'],
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'mutation R($v: ID!, $i: DelegationInput!) { recordDelegation(visitId: $v, input: $i) { delegation { id } problems { field code } } }',
          {
            v: f.visitId,
            i: { ...delegationTo(f.victim), powerOfAttorneyUploadId: f.delegation.powerOfAttorney },
          },
          f.tokens[as],
          f.headers[as],
        ),
        ['recordDelegation', 'delegation'],
      ),
  },
  {
    key: 'delegation.revoke',
    label: 'revoke a delegation (its principal only)',
    writes: true,
    allowed: ['citizen'],
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'mutation R($id: ID!) { revokeDelegation(delegationId: $id) { id status } }',
          { id: f.delegation.id },
          f.tokens[as],
          f.headers[as],
        ),
        ['revokeDelegation'],
      ),
  },
  {
    key: 'upload',
    label: 'upload a material',
    writes: true,
    allowed: APPLICANTS,
    try: async (s, f, as) => {
      const token = f.tokens[as];
      return judgeHttp(
        await fetch(`${s.gatewayUrl}/materials`, {
          method: 'POST',
          headers: {
            'content-type': 'application/pdf',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...f.headers[as],
          },
          body: '%PDF-1.4 access matrix',
        }),
        201,
      );
    },
  },
  {
    key: 'visit.open',
    label: 'open a window visit for a walk-in (identity check)',
    writes: true,
    allowed: WINDOW,
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'mutation V($n: IdNumber!) { openWindowVisit(applicantIdNumber: $n, identityCheck: DOCUMENT_INSPECTED) { visit { id } } }',
          { n: f.victim.idNumber },
          f.tokens[as],
          f.headers[as],
        ),
        ['openWindowVisit', 'visit'],
      ),
  },
  {
    key: 'submit.visit',
    label: 'submit an application in a window visit (the officer who opened it)',
    writes: true,
    allowed: ['window-staff'],
    try: async (s, f, as) => {
      // An empty form: the officer gets its problems back for the walk-in, nothing is stored.
      const r = await s.gql<{ submitApplication: { problems: { code: string }[] } }>(
        'mutation S($i: ApplicationInput!, $o: OnBehalfOf) { submitApplication(input: $i, onBehalfOf: $o) { application { id } problems { field code } } }',
        { i: { bundleCode: 'HOUSE-TRANSFER', values: [] }, o: { visitId: f.visitId } },
        f.tokens[as],
        f.headers[as],
      );
      return formVerdict(judgeAnswer(r, ['submitApplication']), r.data?.submitApplication?.problems);
    },
  },
  {
    key: 'upload.visit',
    label: 'upload a material in a window visit (the walk-in’s)',
    writes: true,
    allowed: ['window-staff'],
    try: async (s, f, as) => {
      const token = f.tokens[as];
      return judgeHttp(
        await fetch(`${s.gatewayUrl}/materials?visitId=${f.visitId}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/pdf',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...f.headers[as],
          },
          body: '%PDF-1.4 access matrix',
        }),
        201,
      );
    },
  },
  {
    key: 'draft.save',
    label: 'save a draft of the one form',
    writes: true,
    allowed: APPLICANTS,
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'mutation D($i: DraftInput!) { saveDraft(input: $i) { id } }',
          { i: { bundleCode: 'HOUSE-TRANSFER', values: [{ key: 'transaction.price', value: 'abc' }] } },
          f.tokens[as],
          f.headers[as],
        ),
        ['saveDraft'],
      ),
  },
  {
    key: 'draft.discard',
    label: 'discard a draft of the one form (its applicant’s)',
    writes: true,
    allowed: ['citizen'],
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'mutation D($d: ID!) { discardDraft(draftId: $d) { id } }',
          { d: f.draftId },
          f.tokens[as],
          f.headers[as],
        ),
        ['discardDraft'],
      ),
  },
  {
    key: 'clock-stop',
    label: 'declare an exclusion from a part’s time limit (declareClockStop: its department’s staff)',
    writes: true,
    allowed: ['staff-tax'],
    try: async (s, f, as) => {
      // The citizen's deed tax waits for a correction, so its clock is already stopped: the tax office is
      // told so (a problem, nothing changes); anyone else is refused before that.
      const r = await s.gql(
        'mutation D($p: ID!, $i: ClockStopInput!) { declareClockStop(partId: $p, input: $i) { id } }',
        { p: f.correction.partId, i: { reason: 'APPRAISAL', workingDays: 5, note: '价格评估' } },
        f.tokens[as],
        f.headers[as],
      );
      const rules = (r.errors?.[0]?.extensions?.problems as { rule: string }[] | undefined)?.map(
        (p) => p.rule,
      );
      return rules?.length === 1 && rules[0] === 'clockStop.alreadyStopped'
        ? { outcome: 'allowed' }
        : judgeAnswer(r, ['declareClockStop']);
    },
  },
  {
    key: 'handover',
    label: 'hand an application over (its responsible officer)',
    writes: true,
    allowed: ['window-staff'],
    try: async (s, f, as) => {
      // To oneself: the responsible officer is told it is no colleague (a problem, nothing changes);
      // anyone else is refused before that.
      const r = await s.gql(
        'mutation H($a: ID!, $t: ID!) { handOverApplication(applicationId: $a, toOfficer: $t) { id } }',
        { a: f.completed.id, t: 'staff-window-01' },
        f.tokens[as],
        f.headers[as],
      );
      const rule = (r.errors?.[0]?.extensions?.problems as { rule: string }[] | undefined)?.[0]?.rule;
      return rule === 'handover.unknownOfficer'
        ? { outcome: 'allowed' }
        : judgeAnswer(r, ['handOverApplication']);
    },
  },
  {
    key: 'hand-out.choose',
    label: 'choose how results are handed out (chooseHandOut: the applicant, the window of its centre)',
    writes: true,
    allowed: ['citizen', 'window-staff'],
    try: async (s, f, as) => {
      // Posting without an address: the applicant or the window is told to give one (a problem, nothing
      // changes); anyone else is refused before that.
      const r = await s.gql(
        'mutation H($a: ID!) { chooseHandOut(applicationId: $a, handOut: { method: POST }) { status } }',
        { a: f.completed.id },
        f.tokens[as],
        f.headers[as],
      );
      return problemRule(r) === 'handOut.addressRequired'
        ? { outcome: 'allowed' }
        : judgeAnswer(r, ['chooseHandOut']);
    },
  },
  {
    key: 'payment.renew',
    label: 'ask a new payment code (renewPayment: the applicant, the window of its centre)',
    writes: true,
    allowed: ['citizen', 'window-staff'],
    try: async (s, f, as) => {
      // The completed application's payment is paid: the applicant or the window is told there is no new
      // code to give (nothing changes); anyone else is refused before that.
      const r = await s.gql(
        'mutation R($a: ID!) { renewPayment(applicationId: $a) { status } }',
        { a: f.completed.id },
        f.tokens[as],
        f.headers[as],
      );
      return r.errors?.[0]?.extensions?.code === 'PAYMENT_NOT_RENEWABLE'
        ? { outcome: 'allowed' }
        : judgeAnswer(r, ['renewPayment']);
    },
  },
  {
    key: 'payment.reconcile',
    label: 'reconcile a day’s payments with the platform’s statement (reconcilePayments: window staff)',
    writes: true,
    allowed: WINDOW,
    try: async (s, f, as) => {
      // Yesterday in Beijing: a day the platform has a statement of.
      const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
      return judgeAnswer(
        await s.gql(
          'mutation P($d: Date!) { reconcilePayments(date: $d) { date } }',
          { d: yesterday },
          f.tokens[as],
          f.headers[as],
        ),
        ['reconcilePayments'],
      );
    },
  },
  {
    key: 'hand-out.collect',
    label: 'record the results collected at the window (recordCollection: the output window of its centre)',
    writes: true,
    allowed: ['window-staff'],
    try: async (s, f, as) => {
      // In the visit opened for the citizen, with a signature that is no upload of theirs: the officer is
      // told to upload it again (nothing recorded); anyone else is refused before that.
      const r = await s.gql(
        'mutation C($a: ID!, $i: CollectionInput!) { recordCollection(applicationId: $a, input: $i) { status } }',
        {
          a: f.completed.id,
          i: { visitId: f.visitId, signatureUploadId: '00000000-0000-4000-8000-000000000000' },
        },
        f.tokens[as],
        f.headers[as],
      );
      return problemRule(r) === 'collection.signature'
        ? { outcome: 'allowed' }
        : judgeAnswer(r, ['recordCollection']);
    },
  },
  {
    key: 'urge',
    label: 'urge (催办) a department on a part (urgePart: the supervisors of its centre)',
    writes: true,
    allowed: ['supervisor'],
    try: async (s, f, as) => {
      // An empty message: the supervisor is told to write one (a problem, nothing sent); anyone else is
      // refused before that.
      const r = await s.gql(
        'mutation U($p: ID!) { urgePart(partId: $p, message: " ") { id } }',
        { p: f.correction.partId },
        f.tokens[as],
        f.headers[as],
      );
      return problemRule(r) === 'urge.message' ? { outcome: 'allowed' } : judgeAnswer(r, ['urgePart']);
    },
  },
  {
    key: 'urge.answer',
    label: 'answer an urge (answerUrge: staff of the part’s department)',
    writes: true,
    allowed: ['staff-tax'],
    try: async (s, f, as) => {
      const r = await s.gql(
        'mutation A($u: ID!) { answerUrge(urgeId: $u, answer: " ") { id } }',
        { u: f.urgeId },
        f.tokens[as],
        f.headers[as],
      );
      return problemRule(r) === 'urge.answer' ? { outcome: 'allowed' } : judgeAnswer(r, ['answerUrge']);
    },
  },
  {
    key: 'rate.service',
    label:
      'rate a finished application’s parts and window (rateService: its applicant; an agent or a window visit with onBehalfOf)',
    allowed: ['citizen'],
    try: async (s, f, as) => {
      // A level out of range: the applicant is told (nothing stored); anyone else is refused before that.
      const r = await s.gql(
        'mutation R($i: RateServiceInput!) { rateService(input: $i) { id } }',
        { i: { applicationId: f.completed.id, parts: [{ partId: f.completed.parts[0]!.id, level: 0 }] } },
        f.tokens[as],
        f.headers[as],
      );
      return problemRule(r) === 'rating.level' ? { outcome: 'allowed' } : judgeAnswer(r, ['rateService']);
    },
  },
  {
    key: 'follow-up.call-back',
    label: 'record calling back a bad rating’s applicant (recordCallBack: staff of the rated department)',
    allowed: ['staff-tax'],
    try: async (s, f, as) => {
      const r = await s.gql(
        'mutation C($f: ID!) { recordCallBack(followUpId: $f, note: " ") { id } }',
        { f: f.followUpId },
        f.tokens[as],
        f.headers[as],
      );
      return problemRule(r) === 'followUp.note' ? { outcome: 'allowed' } : judgeAnswer(r, ['recordCallBack']);
    },
  },
  {
    key: 'follow-up.rectify',
    label: 'record a bad rating’s rectification (recordRectification: staff of the rated department)',
    allowed: ['staff-tax'],
    try: async (s, f, as) => {
      const r = await s.gql(
        'mutation R($f: ID!) { recordRectification(followUpId: $f, rectification: " ") { id } }',
        { f: f.followUpId },
        f.tokens[as],
        f.headers[as],
      );
      return problemRule(r) === 'followUp.rectification'
        ? { outcome: 'allowed' }
        : judgeAnswer(r, ['recordRectification']);
    },
  },
  {
    key: 'follow-up.answer',
    label: 'answer a rectified bad rating (answerFollowUp: the applicant who rated)',
    allowed: ['citizen'],
    try: async (s, f, as) => {
      // Not satisfied without a word: the applicant is told to say why; anyone else is refused before that.
      const r = await s.gql(
        'mutation A($f: ID!) { answerFollowUp(followUpId: $f, view: NOT_SATISFIED) { id } }',
        { f: f.followUpId },
        f.tokens[as],
        f.headers[as],
      );
      return problemRule(r) === 'followUp.comment'
        ? { outcome: 'allowed' }
        : judgeAnswer(r, ['answerFollowUp']);
    },
  },
  {
    key: 'follow-up.close',
    label:
      'close a rectified bad rating the applicant left unanswered (closeFollowUp: the supervisors of its centre)',
    allowed: ['supervisor'],
    try: async (s, f, as) => {
      // The follow-up is open: the supervisor is told it is not theirs to close yet; anyone else is refused.
      const r = await s.gql(
        'mutation C($f: ID!) { closeFollowUp(followUpId: $f) { id } }',
        { f: f.followUpId },
        f.tokens[as],
        f.headers[as],
      );
      return problemRule(r) === 'followUp.state' ? { outcome: 'allowed' } : judgeAnswer(r, ['closeFollowUp']);
    },
  },
  {
    key: 'calendar.load',
    label: 'load a year of the working-day calendar (loadCalendarYear: supervisors)',
    writes: true,
    allowed: ['supervisor'],
    try: async (s, f, as) => {
      // A year the release ships: the supervisor is told it cannot be replaced; anyone else is refused.
      const r = await s.gql(
        'mutation L($i: CalendarYearInput!) { loadCalendarYear(input: $i) { deadlinesMoved } }',
        {
          i: {
            year: 2026,
            notice: '国务院办公厅关于2026年部分节假日安排的通知',
            holidays: [{ from: '2026-10-01', to: '2026-10-07', name: '国庆节' }],
            workdays: [],
          },
        },
        f.tokens[as],
        f.headers[as],
      );
      return problemRule(r) === 'calendar.shipped'
        ? { outcome: 'allowed' }
        : judgeAnswer(r, ['loadCalendarYear']);
    },
  },
];

/** The rule of the first problem an INVALID_INPUT answer names, if any. */
function problemRule(r: {
  errors?: readonly { extensions?: Record<string, unknown> }[];
}): string | undefined {
  const problems = r.errors?.[0]?.extensions?.problems as { rule: string }[] | undefined;
  return problems?.[0]?.rule;
}

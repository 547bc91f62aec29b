import type { TestStack } from '../../stack/support';
import { type AccessFixture, APPLICANTS, PERSONAS, type Persona, STAFF, WINDOW } from './fixture';
import { judgeAnswer, judgeHttp, type Operation, type Verdict } from './operation';

/** POST /papers/one-time-notice of an empty house transfer form: a PDF (200) listing what is missing. */
async function oneTimeNotice(
  s: TestStack,
  f: AccessFixture,
  as: Persona,
  extra: Record<string, unknown>,
): Promise<Verdict> {
  const token = f.tokens[as];
  return judgeHttp(
    await fetch(`${s.gatewayUrl}/papers/one-time-notice`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...f.headers[as],
      },
      body: JSON.stringify({ bundleCode: 'HOUSE-TRANSFER', values: [], ...extra }),
    }),
    200,
  );
}

/** A live stream opened (`/events/…`): allowed when it answers an event stream, not read further (it would not end). */
async function followLive(s: TestStack, f: AccessFixture, as: Persona, path: string): Promise<Verdict> {
  const token = f.tokens[as];
  const stream = new AbortController();
  const res = await fetch(`${s.gatewayUrl}${path}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...f.headers[as] },
    signal: stream.signal,
  });
  if (res.status !== 200) return judgeHttp(res, 200);
  stream.abort();
  return res.headers.get('content-type')?.startsWith('text/event-stream')
    ? { outcome: 'allowed' }
    : { outcome: 'broken', why: `200 without an event stream: ${res.headers.get('content-type')}` };
}

/** A read of one department's fields at an entry point: `person(idNumber:) { taxpayer { name } }`… */
function entryRead(
  key: string,
  label: string,
  allowed: Operation['allowed'],
  query: string,
  variables: (f: AccessFixture) => Record<string, unknown>,
  path: readonly string[],
  options: (f: AccessFixture, as: Persona) => Parameters<typeof judgeAnswer>[2] = () => ({}),
): Operation {
  return {
    key,
    label,
    allowed,
    try: async (s, f, as) =>
      judgeAnswer(await s.gql(query, variables(f), f.tokens[as], f.headers[as]), path, options(f, as)),
  };
}

const PERSON = (fields: string) => `query P($id: IdNumber!) { person(idNumber: $id) { ${fields} } }`;
const ENTERPRISE = (fields: string) => `query E($u: USCC!) { enterprise(uscc: $u) { ${fields} } }`;
const PROPERTY = (fields: string) => `query U($u: UnitCode!) { property(unitCode: $u) { ${fields} } }`;
const citizen = (f: AccessFixture) => ({ id: f.citizenId });
/** A unit's records are each its payer's or borrower's: anyone but the department's staff sees their own only. */
const ownRecordsOnly =
  (staff: Persona, whose: (record: unknown) => string) => (f: AccessFixture, as: Persona) => ({
    allowedIf: (records: unknown) =>
      as !== staff && (records as unknown[]).some((r) => whose(r) !== f.ids[as])
        ? `${as} sees another person's record of the unit`
        : undefined,
  });
const enterprise = (f: AccessFixture) => ({ u: f.enterpriseUscc });
const unit = (f: AccessFixture) => ({ u: f.sellerUnit });

/**
 * The reads of the matrix: a person's records in each department, an enterprise's, a real-estate unit's,
 * an application, a material handed in with it and its receipt, the audit trail, the staff's queue and dead letters
 * (each department's cases are in case-operations.ts).
 */
export const READS: readonly Operation[] = [
  entryRead(
    'person.tax',
    'read a person: tax record',
    ['citizen', 'hall', 'staff-tax'],
    PERSON('taxpayer { name }'),
    citizen,
    ['person', 'taxpayer'],
  ),
  entryRead(
    'person.realestate',
    'read a person: units owned',
    ['citizen', 'hall', 'staff-realestate'],
    PERSON('properties { unitCode }'),
    citizen,
    ['person', 'properties'],
  ),
  entryRead(
    'person.fund',
    'read a person: fund account',
    ['citizen', 'hall', 'staff-fund'],
    PERSON('fundAccount { balance }'),
    citizen,
    ['person', 'fundAccount'],
  ),
  entryRead(
    'person.market',
    'read a person: enterprises represented',
    ['citizen', 'hall', 'staff-market'],
    PERSON('representedEnterprises { uscc }'),
    citizen,
    ['person', 'representedEnterprises'],
  ),
  entryRead(
    'enterprise.market',
    'read an enterprise: register entry',
    ['legal-rep', 'staff-market'],
    ENTERPRISE('name status'),
    enterprise,
    ['enterprise', 'name'],
  ),
  entryRead(
    'enterprise.tax',
    'read an enterprise: taxpayer',
    ['legal-rep', 'staff-tax'],
    ENTERPRISE('taxpayer { status }'),
    enterprise,
    ['enterprise', 'taxpayer'],
  ),
  entryRead(
    'enterprise.fund',
    'read an enterprise: fund employer account',
    ['legal-rep', 'staff-fund'],
    ENTERPRISE('employerAccount { employerAccount }'),
    enterprise,
    ['enterprise', 'employerAccount'],
  ),
  entryRead(
    'property.realestate',
    'read a property: register entry',
    // The hall reads a unit only acting for one of its owners (here it acts for the citizen, who owns none
    // of it): a buyer's checks are made under the seller's confirmation, acting for the seller.
    ['seller', 'staff-realestate'],
    PROPERTY('address certificateNumber'),
    unit,
    ['property', 'address'],
  ),
  entryRead(
    'property.tax',
    'read a property: deed tax records',
    ['seller', 'staff-tax'],
    PROPERTY('deedTaxRecords { payerIdNumber amount }'),
    unit,
    ['property', 'deedTaxRecords'],
    ownRecordsOnly('staff-tax', (r) => (r as { payerIdNumber: string }).payerIdNumber),
  ),
  entryRead(
    'property.fund',
    'read a property: fund loans',
    ['seller', 'staff-fund'],
    PROPERTY('fundLoans { borrowerIdNumber remaining }'),
    unit,
    ['property', 'fundLoans'],
    ownRecordsOnly('staff-fund', (r) => (r as { borrowerIdNumber: string }).borrowerIdNumber),
  ),
  {
    key: 'application',
    label: 'read an application',
    allowed: ['citizen', 'window-staff', 'staff-tax', 'staff-realestate', 'staff-fund', 'supervisor'],
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'query A($id: ID!) { application(id: $id) { id status parts { department } } }',
          { id: f.completed.id },
          f.tokens[as],
          f.headers[as],
        ),
        ['application'],
        { nullIsDenial: true },
      ),
  },
  {
    key: 'material',
    label: 'read a material handed in',
    allowed: ['citizen', 'window-staff', 'staff-tax', 'staff-realestate', 'staff-fund'],
    try: async (s, f, as) => {
      const token = f.tokens[as];
      return judgeHttp(
        await fetch(`${s.gatewayUrl}/materials/${f.completed.saleContract}`, {
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...f.headers[as] },
        }),
        200,
      );
    },
  },
  {
    key: 'receipt',
    label: 'download an application’s acceptance receipt (受理回执)',
    allowed: ['citizen', 'window-staff', 'staff-tax', 'staff-realestate', 'staff-fund', 'supervisor'],
    try: async (s, f, as) => {
      const token = f.tokens[as];
      return judgeHttp(
        await fetch(`${s.gatewayUrl}/papers/receipts/${f.completed.id}.pdf`, {
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...f.headers[as] },
        }),
        200,
      );
    },
  },
  {
    key: 'documents.mine',
    label:
      'list one’s documents (myDocuments, 我的证照: the signed-in applicant’s own; staff act through a visit)',
    allowed: APPLICANTS,
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql('{ myDocuments { id holderIdNumber } }', {}, f.tokens[as], f.headers[as]),
        ['myDocuments'],
        {
          // Each sees only what was issued to them or in their applications: the citizen's certificate is theirs alone.
          allowedIf: (list) => {
            const sees = (list as { id: string }[]).some((d) => d.id === f.documentId);
            return sees === (as === 'citizen')
              ? undefined
              : `${as} ${sees ? 'sees' : 'does not see'} the citizen’s certificate`;
          },
        },
      ),
  },
  {
    key: 'document.download',
    label:
      'download a document a department issued (GET /papers/documents/:id: its holder, and whoever may read its application — of department staff, the issuing department’s alone)',
    // The citizen's document is the registry's property certificate: the tax office and the fund read the
    // application but not another department's certificate.
    allowed: ['citizen', 'window-staff', 'staff-realestate', 'supervisor'],
    try: async (s, f, as) => {
      const token = f.tokens[as];
      return judgeHttp(
        await fetch(`${s.gatewayUrl}/papers/documents/${f.documentId}.pdf`, {
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...f.headers[as] },
        }),
        200,
      );
    },
  },
  {
    key: 'live',
    label: 'follow an application live (GET /events/applications/:id: whoever may read it)',
    allowed: ['citizen', 'window-staff', 'staff-tax', 'staff-realestate', 'staff-fund', 'supervisor'],
    try: (s, f, as) => followLive(s, f, as, `/events/applications/${f.completed.id}`),
  },
  {
    key: 'live-queue',
    label: 'follow one’s queue live (GET /events/queue: staff, each their own queue’s scope)',
    allowed: [...STAFF, 'supervisor'],
    try: (s, f, as) => followLive(s, f, as, '/events/queue'),
  },
  {
    key: 'public-status',
    label: 'read an application’s public status by its receipt’s QR code (number and status only)',
    allowed: PERSONAS,
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'query P($t: ID!) { publicApplicationStatus(token: $t) { number status } }',
          { t: f.publicStatusToken },
          f.tokens[as],
          f.headers[as],
        ),
        ['publicApplicationStatus'],
      ),
  },
  {
    key: 'fee-preview',
    label:
      'see what a bundle will cost before submission (feePreview: no one’s data, a call at each department)',
    allowed: PERSONAS.filter((p) => p !== 'anonymous'),
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'query F($v: [FormValueInput!]!) { feePreview(bundleCode: "HOUSE-TRANSFER", values: $v) { total } }',
          { v: f.citizenForm },
          f.tokens[as],
          f.headers[as],
        ),
        ['feePreview'],
      ),
  },
  {
    key: 'payment.check',
    label:
      'read an application’s payment back from the platform now (checkPayment: its applicant, its centre’s window staff after the POS; departments assess, they do not take payments)',
    allowed: ['citizen', 'window-staff'],
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'mutation C($id: ID!) { checkPayment(applicationId: $id) { status } }',
          { id: f.completed.id },
          f.tokens[as],
          f.headers[as],
        ),
        ['checkPayment'],
      ),
  },
  {
    key: 'inbox',
    label: 'read one’s own notices (myNotices: the signed-in applicant’s only; staff and the hall have none)',
    allowed: APPLICANTS,
    try: async (s, f, as) =>
      judgeAnswer(await s.gql('query { myNotices(limit: 5) { id kind } }', {}, f.tokens[as], f.headers[as]), [
        'myNotices',
      ]),
  },
  {
    key: 'inbox.read',
    label: 'mark notices read (markNoticesRead: one’s own only — another’s ids change nothing)',
    allowed: APPLICANTS,
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'mutation M($ids: [ID!]!) { markNoticesRead(ids: $ids) }',
          { ids: ['00000000-0000-4000-8000-000000000000'] },
          f.tokens[as],
          f.headers[as],
        ),
        ['markNoticesRead'],
        { allowedIf: (v) => (v === 0 ? undefined : `marked ${String(v)} notices that are not the caller’s`) },
      ),
  },
  {
    key: 'payment-reconciliation',
    label:
      'read a day’s payment reconciliation (paymentReconciliation: window staff; it names orders of every payer)',
    allowed: WINDOW,
    try: async (s, f, as) => {
      const r = await s.gql(
        'query R($d: Date!) { paymentReconciliation(date: $d) { date } }',
        { d: '2026-01-02' },
        f.tokens[as],
        f.headers[as],
      );
      // A day never reconciled is answered null to whoever may ask: allowed, holding nothing.
      if (!r.errors && r.data && (r.data as Record<string, unknown>).paymentReconciliation === null)
        return { outcome: 'allowed' as const };
      return judgeAnswer(r, ['paymentReconciliation']);
    },
  },
  {
    key: 'notice.own',
    label: 'print the one-time notice (一次性告知单) of one’s own form',
    allowed: APPLICANTS,
    try: async (s, f, as) => oneTimeNotice(s, f, as, {}),
  },
  {
    key: 'notice.visit',
    label: 'print the one-time notice of a walk-in’s form in a window visit',
    allowed: ['window-staff'],
    try: async (s, f, as) => oneTimeNotice(s, f, as, { onBehalfOf: { visitId: f.visitId } }),
  },
  {
    key: 'trail.own',
    label: 'read the audit trail: whoReadMyData (one’s own only)',
    allowed: APPLICANTS,
    try: async (s, f, as) => {
      const r = await s.gql<{ whoReadMyData: { subjectIdNumber: string | null }[] }>(
        '{ whoReadMyData { subjectIdNumber subjectUscc } }',
        {},
        f.tokens[as],
        f.headers[as],
      );
      const me = f.tokens[as]
        ? JSON.parse(Buffer.from(f.tokens[as]!.split('.')[1]!, 'base64url').toString()).id_number
        : undefined;
      return judgeAnswer(r, ['whoReadMyData'], {
        allowedIf: (records) =>
          (records as { subjectIdNumber: string | null }[]).some(
            (x) => x.subjectIdNumber && x.subjectIdNumber !== me,
          )
            ? `someone else's records in ${as}'s trail`
            : undefined,
      });
    },
  },
  {
    key: 'trail.staff',
    label: 'read the audit trail: auditRecords of the citizen',
    allowed: STAFF,
    try: async (s, f, as) => {
      const r = await s.gql<{ auditRecords: { department: string }[] }>(
        'query T($id: IdNumber) { auditRecords(subjectIdNumber: $id) { department } }',
        { id: f.citizenId },
        f.tokens[as],
        f.headers[as],
      );
      const own = as.startsWith('staff-') ? as.slice('staff-'.length).toUpperCase() : undefined;
      return judgeAnswer(r, ['auditRecords'], {
        allowedIf: (records) =>
          own && (records as { department: string }[]).some((x) => x.department !== own)
            ? `another department's reads in ${as}'s view`
            : undefined,
      });
    },
  },
  {
    key: 'trail.own.paged',
    label: 'read the audit trail: readsOfMyData (one’s own only, another reader never by ID number)',
    allowed: APPLICANTS,
    try: async (s, f, as) => {
      const r = await s.gql<{
        readsOfMyData: { edges: { node: { subjectIdNumber: string | null; actor: string } }[] };
      }>(
        '{ readsOfMyData(first: 100) { edges { node { subjectIdNumber actor reader { kind } } } } }',
        {},
        f.tokens[as],
        f.headers[as],
      );
      const me = f.tokens[as]
        ? JSON.parse(Buffer.from(f.tokens[as]!.split('.')[1]!, 'base64url').toString()).id_number
        : undefined;
      return judgeAnswer(r, ['readsOfMyData'], {
        allowedIf: (page) => {
          const nodes = (
            page as { edges: { node: { subjectIdNumber: string | null; actor: string } }[] }
          ).edges.map((e) => e.node);
          if (nodes.some((x) => x.subjectIdNumber && x.subjectIdNumber !== me))
            return `someone else's records in ${as}'s trail`;
          if (nodes.some((x) => /^\d{17}[\dX]$/.test(x.actor) && x.actor !== me))
            return `another applicant's ID number as a reader in ${as}'s trail`;
          return undefined;
        },
      });
    },
  },
  {
    key: 'trail.staff.paged',
    label: 'read the audit trail: auditTrail of the citizen',
    allowed: STAFF,
    try: async (s, f, as) => {
      const r = await s.gql<{ auditTrail: { edges: { node: { department: string } }[] } }>(
        'query T($id: IdNumber) { auditTrail(first: 100, filter: { subjectIdNumber: $id }) { edges { node { department } } } }',
        { id: f.citizenId },
        f.tokens[as],
        f.headers[as],
      );
      const own = as.startsWith('staff-') ? as.slice('staff-'.length).toUpperCase() : undefined;
      return judgeAnswer(r, ['auditTrail'], {
        allowedIf: (page) =>
          own &&
          (page as { edges: { node: { department: string } }[] }).edges.some((e) => e.node.department !== own)
            ? `another department's reads in ${as}'s view`
            : undefined,
      });
    },
  },
  {
    key: 'queue',
    label: 'read the window queue',
    allowed: [...STAFF, 'supervisor'],
    try: async (s, f, as) => {
      const r = await s.gql<{ applicationQueue: { id: string }[] }>(
        '{ applicationQueue { id } }',
        {},
        f.tokens[as],
        f.headers[as],
      );
      // The citizen's house transfers involve no market regulation part: its staff do not see them.
      return judgeAnswer(r, ['applicationQueue'], {
        allowedIf: (apps) =>
          as === 'staff-market' && (apps as { id: string }[]).some((a) => a.id === f.completed.id)
            ? 'market staff see a house transfer'
            : as === 'window-staff-other' && (apps as { id: string }[]).some((a) => a.id === f.completed.id)
              ? 'another centre’s officer sees an application of window-staff’s centre'
              : undefined,
      });
    },
  },
  {
    key: 'dead-letters',
    label: 'read the dead letters',
    allowed: [...STAFF, 'supervisor'],
    try: async (s, f, as) => {
      const r = await s.gql<{ deadLetteredParts: { id: string }[] }>(
        '{ deadLetteredParts { id department } }',
        {},
        f.tokens[as],
        f.headers[as],
      );
      return judgeAnswer(r, ['deadLetteredParts'], {
        allowedIf: (parts) =>
          as !== 'window-staff' &&
          as !== 'staff-fund' &&
          as !== 'supervisor' &&
          (parts as { id: string }[]).some((p) => p.id === f.deadLettered.partId)
            ? `${as} sees the fund's dead letter`
            : undefined,
      });
    },
  },
  {
    key: 'queue.mine',
    label: 'read the window queue: mine (首问负责)',
    allowed: WINDOW,
    try: async (s, f, as) => {
      const r = await s.gql<{ applicationQueue: { id: string }[] }>(
        '{ applicationQueue(mine: true) { id } }',
        {},
        f.tokens[as],
        f.headers[as],
      );
      return judgeAnswer(r, ['applicationQueue'], {
        allowedIf: (apps) =>
          (as === 'window-staff') !== (apps as { id: string }[]).some((a) => a.id === f.completed.id)
            ? `${as}'s own applications are not what mine lists`
            : undefined,
      });
    },
  },
  {
    key: 'visit',
    label: 'read a window visit (the officer who opened it)',
    allowed: ['window-staff'],
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'query W($id: ID!) { windowVisit(id: $id) { id applicantIdNumber } }',
          { id: f.visitId },
          f.tokens[as],
          f.headers[as],
        ),
        ['windowVisit'],
        { nullIsDenial: true },
      ),
  },
  {
    key: 'window-officers',
    label: 'list the window officers (handover)',
    allowed: WINDOW,
    try: async (s, f, as) =>
      judgeAnswer(await s.gql('{ windowOfficers { subject } }', {}, f.tokens[as], f.headers[as]), [
        'windowOfficers',
      ]),
  },
  {
    key: 'drafts.own',
    label: 'list one’s drafts',
    allowed: APPLICANTS,
    try: async (s, f, as) =>
      judgeAnswer(await s.gql('{ myDrafts { id } }', {}, f.tokens[as], f.headers[as]), ['myDrafts']),
  },
  {
    key: 'drafts.visit',
    label: 'list the walk-in’s drafts in a window visit',
    allowed: ['window-staff'],
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'query D($o: OnBehalfOf) { myDrafts(onBehalfOf: $o) { id } }',
          { o: { visitId: f.visitId } },
          f.tokens[as],
          f.headers[as],
        ),
        ['myDrafts'],
      ),
  },
  {
    key: 'as-agent',
    label: 'list the applications one handed in as an agent',
    allowed: APPLICANTS,
    try: async (s, f, as) =>
      judgeAnswer(await s.gql('{ applicationsAsAgent { id } }', {}, f.tokens[as], f.headers[as]), [
        'applicationsAsAgent',
      ]),
  },
  {
    key: 'delegation.powerOfAttorney',
    label: 'read a delegation’s power of attorney (授权委托书)',
    allowed: ['citizen', 'agent', ...WINDOW],
    try: async (s, f, as) => {
      const token = f.tokens[as];
      return judgeHttp(
        await fetch(`${s.gatewayUrl}/materials/${f.delegation.powerOfAttorney}`, {
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...f.headers[as] },
        }),
        200,
      );
    },
  },
  {
    key: 'delegations.granted',
    label: 'read delegations: myDelegations (those one granted, as principal)',
    allowed: APPLICANTS,
    try: async (s, f, as) => {
      const r = await s.gql<{ myDelegations: { id: string; principalIdNumber: string }[] }>(
        '{ myDelegations { id principalIdNumber agentIdNumber } }',
        {},
        f.tokens[as],
        f.headers[as],
      );
      return judgeAnswer(r, ['myDelegations'], {
        allowedIf: (list) => {
          const delegations = list as { id: string; principalIdNumber: string }[];
          if (delegations.some((d) => d.principalIdNumber !== f.ids[as]))
            return `someone else's delegation among ${as}'s own`;
          if (as === 'citizen' && !delegations.some((d) => d.id === f.delegation.id))
            return 'the citizen does not see the delegation they granted';
          return undefined;
        },
      });
    },
  },
  {
    key: 'delegations.toMe',
    label: 'read delegations: delegationsToMe (those naming one as agent)',
    allowed: APPLICANTS,
    try: async (s, f, as) => {
      const r = await s.gql<{ delegationsToMe: { id: string; agentIdNumber: string }[] }>(
        '{ delegationsToMe { id principalIdNumber agentIdNumber powerOfAttorney { id } } }',
        {},
        f.tokens[as],
        f.headers[as],
      );
      return judgeAnswer(r, ['delegationsToMe'], {
        allowedIf: (list) => {
          const delegations = list as { id: string; agentIdNumber: string }[];
          if (delegations.some((d) => d.agentIdNumber !== f.ids[as]))
            return `a delegation naming someone else among ${as}'s`;
          if (as === 'agent' && !delegations.some((d) => d.id === f.delegation.id))
            return 'the agent does not see the delegation naming them';
          return undefined;
        },
      });
    },
  },
  {
    key: 'staff-notices',
    label:
      'read staff notices: yellow, red, urges (staffNotices: their department’s, their own, their centre’s)',
    allowed: [...STAFF, 'supervisor'],
    try: async (s, f, as) => {
      const r = await s.gql<{ staffNotices: { kind: string; part: { id: string } }[] }>(
        '{ staffNotices { kind audience part { id } } }',
        {},
        f.tokens[as],
        f.headers[as],
      );
      // The supervisor's urge on the deed tax is the tax office's alone.
      return judgeAnswer(r, ['staffNotices'], {
        allowedIf: (list) => {
          const urged = (list as { kind: string; part: { id: string } }[]).some(
            (n) => n.kind === 'URGED' && n.part.id === f.correction.partId,
          );
          if (as === 'staff-tax' && !urged) return 'the tax office is not told of the urge';
          if (as !== 'staff-tax' && urged) return `${as} is told of an urge to the tax office`;
          return undefined;
        },
      });
    },
  },
  {
    key: 'rating-follow-ups',
    label:
      'read follow-ups of bad ratings (ratingFollowUps: their department’s, their centre’s window’s, their centre’s for supervisors)',
    allowed: [...STAFF, 'supervisor'],
    try: async (s, f, as) => {
      const r = await s.gql<{ ratingFollowUps: { id: string }[] }>(
        '{ ratingFollowUps { id status } }',
        {},
        f.tokens[as],
        f.headers[as],
      );
      // The citizen's bad rating of the deed tax is the tax office's and the centre's supervisors'.
      return judgeAnswer(r, ['ratingFollowUps'], {
        allowedIf: (list) => {
          const sees = (list as { id: string }[]).some((x) => x.id === f.followUpId);
          const should = as === 'staff-tax' || as === 'supervisor';
          return sees === should
            ? undefined
            : `${as} ${sees ? 'sees' : 'does not see'} the tax office’s follow-up`;
        },
      });
    },
  },
  entryRead(
    'rating-reasons',
    'read the reasons a bad rating may give (ratingReasons: the national list, no one’s data)',
    PERSONAS,
    '{ ratingReasons { code text { zh } } }',
    () => ({}),
    ['ratingReasons'],
  ),
  ...performanceReads(),
  entryRead(
    'calendar-years',
    'read the calendar’s years (calendarYears)',
    [...STAFF, 'supervisor'],
    '{ calendarYears { year source } }',
    () => ({}),
    ['calendarYears'],
  ),
];

/**
 * The performance figures (统计分析): the centre's supervisor and each department's staff, for their own
 * department only; applicants, window officers and nobody signed in are refused.
 */
function performanceReads(): Operation[] {
  const allowed: Persona[] = [...STAFF.filter((p) => !WINDOW.includes(p)), 'supervisor'];
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const filter = () => ({ f: { from: `${year}-01-01`, to: `${year}-12-31` } });
  /** A department's staff see their own department's figures and parts only. */
  const ownDepartment =
    (departmentOf: (row: unknown) => string) =>
    (_f: AccessFixture, as: Persona): Parameters<typeof judgeAnswer>[2] => ({
      allowedIf: (rows) => {
        if (!as.startsWith('staff-')) return undefined;
        const own = as.slice('staff-'.length);
        const other = (rows as unknown[]).map(departmentOf).find((d) => d.toLowerCase() !== own);
        return other === undefined ? undefined : `${as} sees ${other}'s figures`;
      },
    });
  return [
    entryRead(
      'performance',
      'read the performance figures (performance: supervisors their centre’s, department staff their department’s)',
      allowed,
      'query P($f: PerformanceFilter!) { performance(filter: $f, by: DEPARTMENT) { key partsTakenIn onTimeRate } }',
      filter,
      ['performance'],
      ownDepartment((r) => (r as { key: string }).key),
    ),
    entryRead(
      'performance.officers',
      'read the window officers’ figures (performance by OFFICER: their centre’s supervisor; not department staff)',
      ['supervisor'],
      'query P($f: PerformanceFilter!) { performance(filter: $f, by: OFFICER) { key label partsTakenIn } }',
      filter,
      ['performance'],
    ),
    entryRead(
      'performance.trend',
      'read the trend of on-time completion (performanceTrend)',
      allowed,
      'query T($f: PerformanceFilter!) { performanceTrend(filter: $f, interval: MONTH) { start completed onTime } }',
      filter,
      ['performanceTrend'],
    ),
    entryRead(
      'performance.parts',
      'read the parts behind a figure (performanceParts: drill-down)',
      allowed,
      'query D($f: PerformanceFilter!) { performanceParts(filter: $f, figure: TAKEN_IN) { id department } }',
      filter,
      ['performanceParts'],
      ownDepartment((p) => (p as { department: string }).department),
    ),
  ];
}

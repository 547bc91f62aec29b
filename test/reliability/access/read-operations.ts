import type { AccessFixture } from './fixture';
import { judgeAnswer, judgeHttp, type Operation } from './operation';

/** A read of one department's fields at an entry point: `person(idNumber:) { taxpayer { name } }`… */
function entryRead(
  key: string,
  label: string,
  allowed: Operation['allowed'],
  query: string,
  variables: (f: AccessFixture) => Record<string, unknown>,
  path: readonly string[],
): Operation {
  return {
    key,
    label,
    allowed,
    try: async (s, f, as) => judgeAnswer(await s.gql(query, variables(f), f.tokens[as]), path),
  };
}

const PERSON = (fields: string) => `query P($id: IdNumber!) { person(idNumber: $id) { ${fields} } }`;
const ENTERPRISE = (fields: string) => `query E($u: USCC!) { enterprise(uscc: $u) { ${fields} } }`;
const PROPERTY = (fields: string) => `query U($u: UnitCode!) { property(unitCode: $u) { ${fields} } }`;
const citizen = (f: AccessFixture) => ({ id: f.citizenId });
const enterprise = (f: AccessFixture) => ({ u: f.enterpriseUscc });
const unit = (f: AccessFixture) => ({ u: f.sellerUnit });

/**
 * The reads of the matrix: a person's records in each department, an enterprise's, a real-estate unit's,
 * an application and a material handed in with it, the audit trail, the staff's queue and dead letters,
 * a department's case.
 */
export const READS: readonly Operation[] = [
  entryRead(
    'person.tax',
    'read a person: tax record',
    ['citizen', 'staff-tax'],
    PERSON('taxpayer { name }'),
    citizen,
    ['person', 'taxpayer'],
  ),
  entryRead(
    'person.realestate',
    'read a person: units owned',
    ['citizen', 'staff-realestate'],
    PERSON('properties { unitCode }'),
    citizen,
    ['person', 'properties'],
  ),
  entryRead(
    'person.fund',
    'read a person: fund account',
    ['citizen', 'staff-fund'],
    PERSON('fundAccount { balance }'),
    citizen,
    ['person', 'fundAccount'],
  ),
  entryRead(
    'person.market',
    'read a person: enterprises represented',
    ['citizen', 'staff-market'],
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
    ['seller', 'staff-realestate'],
    PROPERTY('address certificateNumber'),
    unit,
    ['property', 'address'],
  ),
  entryRead(
    'property.tax',
    'read a property: deed tax records',
    ['seller', 'staff-tax'],
    PROPERTY('deedTaxRecords { amount }'),
    unit,
    ['property', 'deedTaxRecords'],
  ),
  entryRead(
    'property.fund',
    'read a property: fund loans',
    ['seller', 'staff-fund'],
    PROPERTY('fundLoans { remaining }'),
    unit,
    ['property', 'fundLoans'],
  ),
  {
    key: 'application',
    label: 'read an application',
    allowed: ['citizen', 'window-staff', 'staff-tax', 'staff-realestate', 'staff-fund'],
    try: async (s, f, as) =>
      judgeAnswer(
        await s.gql(
          'query A($id: ID!) { application(id: $id) { id status parts { department } } }',
          { id: f.completed.id },
          f.tokens[as],
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
          headers: token ? { authorization: `Bearer ${token}` } : {},
        }),
        200,
      );
    },
  },
  {
    key: 'trail.own',
    label: 'read the audit trail: whoReadMyData (one’s own only)',
    allowed: ['citizen', 'seller', 'legal-rep', 'stranger'],
    try: async (s, f, as) => {
      const r = await s.gql<{ whoReadMyData: { subjectIdNumber: string | null }[] }>(
        '{ whoReadMyData { subjectIdNumber subjectUscc } }',
        {},
        f.tokens[as],
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
    allowed: ['window-staff', 'staff-tax', 'staff-market', 'staff-realestate', 'staff-fund'],
    try: async (s, f, as) => {
      const r = await s.gql<{ auditRecords: { department: string }[] }>(
        'query T($id: IdNumber) { auditRecords(subjectIdNumber: $id) { department } }',
        { id: f.citizenId },
        f.tokens[as],
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
    key: 'queue',
    label: 'read the window queue',
    allowed: ['window-staff', 'staff-tax', 'staff-market', 'staff-realestate', 'staff-fund'],
    try: async (s, f, as) => {
      const r = await s.gql<{ applicationQueue: { id: string }[] }>(
        '{ applicationQueue { id } }',
        {},
        f.tokens[as],
      );
      // The citizen's house transfers involve no market regulation part: its staff do not see them.
      return judgeAnswer(r, ['applicationQueue'], {
        allowedIf: (apps) =>
          as === 'staff-market' && (apps as { id: string }[]).some((a) => a.id === f.completed.id)
            ? 'market staff see a house transfer'
            : undefined,
      });
    },
  },
  {
    key: 'dead-letters',
    label: 'read the dead letters',
    allowed: ['window-staff', 'staff-tax', 'staff-market', 'staff-realestate', 'staff-fund'],
    try: async (s, f, as) => {
      const r = await s.gql<{ deadLetteredParts: { id: string }[] }>(
        '{ deadLetteredParts { id department } }',
        {},
        f.tokens[as],
      );
      return judgeAnswer(r, ['deadLetteredParts'], {
        allowedIf: (parts) =>
          as !== 'window-staff' &&
          as !== 'staff-fund' &&
          (parts as { id: string }[]).some((p) => p.id === f.deadLettered.partId)
            ? `${as} sees the fund's dead letter`
            : undefined,
      });
    },
  },
  {
    key: 'case',
    label: 'read a case at its department',
    allowed: ['staff-tax'],
    try: async (s, f, as) => {
      const caseNumber = f.completed.parts.find((p) => p.department === 'TAX')!.caseNumber;
      return judgeAnswer(
        await s.gql(
          'query C($n: ID!) { taxCase(caseNumber: $n) { caseNumber status } }',
          { n: caseNumber },
          f.tokens[as],
        ),
        ['taxCase'],
      );
    },
  },
];

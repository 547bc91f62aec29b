import type { Identity } from '@onething/runtime/identity';
import { type DepartmentKey, departmentNamed, validateResidentId } from '@onething/schema';
import { type FormProblem, problem } from '@onething/schema/forms';
import { subgraphError } from '@onething/subgraph-kit';
import type { IdentityCheckMethod } from '../acting/acting';
import type { AuditTrail } from '../consent/audit-trail';
import type { SupergraphClient } from '../platform/supergraph-client';
import { staffRef } from './staff';
import type { WindowVisit, WindowVisits } from './visits';

/** What each department is asked about a walk-in: whatever says it holds the person, and their name. */
export const IDENTITY_QUERY =
  'query IdentityCheck { me { taxpayer { name } fundAccount { name } properties { unitCode } representedEnterprises { uscc status } } }';

interface PersonNode {
  taxpayer?: { name: string } | null;
  fundAccount?: { name: string } | null;
  properties?: { unitCode: string }[] | null;
  representedEnterprises?: { uscc: string; status: string }[] | null;
}

/** Each department's fields of the query, and whether its answer says it holds the person. */
const ASKED: readonly { department: DepartmentKey; fields: string[]; holds: (n: PersonNode) => boolean }[] = [
  { department: 'tax', fields: ['taxpayer'], holds: (n) => !!n.taxpayer },
  { department: 'fund', fields: ['fundAccount'], holds: (n) => !!n.fundAccount },
  { department: 'realestate', fields: ['properties'], holds: (n) => (n.properties?.length ?? 0) > 0 },
  {
    department: 'market',
    fields: ['representedEnterprises'],
    holds: (n) => (n.representedEnterprises?.length ?? 0) > 0,
  },
];

const at = (rule: string, zh: string, en: string): FormProblem =>
  problem('applicantIdNumber', rule, zh, en, []);

/**
 * Opens a window visit for a walk-in (window staff): the ID number checked by GB 11643, then every
 * department asked through the supergraph whether it holds the person — a read of the person's data,
 * audited as an identity check naming the officer. A person no department holds gets no visit; a
 * department that cannot be asked is said too, and the visit opens when another holds the person.
 */
export async function openWindowVisit(
  officer: Identity,
  applicantIdNumber: string,
  identityCheck: IdentityCheckMethod,
  deps: { client: SupergraphClient; audit: AuditTrail; visits: WindowVisits; now: Date },
): Promise<{ visit: WindowVisit | null; problems: FormProblem[] }> {
  if (officer.role !== 'window-staff')
    throw subgraphError('FORBIDDEN', 'hall', 'only window staff open a window visit, for a walk-in');
  const checked = validateResidentId(applicantIdNumber.trim().toUpperCase(), deps.now);
  if (!checked.ok)
    return {
      visit: null,
      problems: checked.problems.map((p) => at(p.rule, p.message.zh, p.message.en)),
    };
  const idNumber = checked.value;
  const answer = await deps.client.query<{ me?: PersonNode | null }>(
    IDENTITY_QUERY,
    {},
    {
      idNumber,
      enterprises: [],
    },
  );
  const failed = new Set<DepartmentKey>();
  for (const e of answer.errors ?? []) {
    const d = e.extensions?.department as DepartmentKey | undefined;
    if (d && ASKED.some((a) => a.department === d)) failed.add(d);
  }
  const node = answer.data?.me ?? null;
  if (!node) for (const a of ASKED) failed.add(a.department);
  const answered = ASKED.filter((a) => !failed.has(a.department));
  const knownTo = node ? answered.filter((a) => a.holds(node)).map((a) => a.department) : [];
  const me = staffRef(officer);
  await deps.audit.record(
    answered.map((a) => ({
      actorSubject: officer.subject,
      actorRole: officer.role,
      subjectIdNumber: idNumber,
      subjectUscc: null,
      department: a.department,
      fields: a.fields,
      bundleCode: null,
      applicationId: null,
      purpose: { kind: 'identity-check' as const, about: null },
      officer: me,
      agent: null,
    })),
  );
  const problems = [...failed].map((d) => {
    const name = departmentNamed(d)?.inSentence ?? { zh: d, en: d };
    return at(
      'identity.departmentUnavailable',
      `暂时无法向${name.zh}核验该身份证号码`,
      `${name.en} could not be asked whether it holds this person just now`,
    );
  });
  if (knownTo.length === 0) {
    if (failed.size < ASKED.length)
      problems.unshift(
        at(
          'identity.unknownPerson',
          '各部门均未登记该身份证号码的人员：请核对号码，或告知申请人先到相关部门登记',
          'no department holds a person of this ID number: check the number, or send the applicant to register with a department first',
        ),
      );
    return { visit: null, problems };
  }
  const visit = await deps.visits.open(
    {
      applicantIdNumber: idNumber,
      applicantName: node?.taxpayer?.name ?? node?.fundAccount?.name ?? '',
      knownTo,
      enterprises: (node?.representedEnterprises ?? [])
        .filter((e) => e.status === 'ACTIVE')
        .map((e) => e.uscc),
      identityCheck,
      officer: me,
    },
    deps.now,
  );
  return { visit, problems };
}

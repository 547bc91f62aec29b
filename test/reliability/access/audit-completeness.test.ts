import { generatePopulation } from '@onething/legacy-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  application,
  buyerToken,
  eventually,
  houseTransferMaterials,
  houseTransferValues,
  idNumberOf,
  parties,
  submit,
} from '../../stack/house-transfer';
import { type Department, startTestStack, type TestStack } from '../../stack/support';
import { type FigureRow, MODE, recordSection } from '../figures';
import { accounts, covered, mark, type Owners, since } from './audit-compare';

const population = generatePopulation({ seed: 20261122, persons: 2000 });
const units = new Map(population.properties.map((p) => [p.unitCode, p.ownerIdNumbers]));
const owners: Owners = (code) => units.get(code);

/** A hall operation that may read departments for an applicant, run alone. */
interface Scenario {
  readonly label: string;
  /** Runs it; answers what it prefilled (to check the fields audited) and which departments refused it. */
  run(): Promise<{
    readonly prefilled?: readonly { key: string; department: string }[];
    readonly refusedBy?: readonly Department[];
  }>;
}

/**
 * Every cross-department read leaves an audit record: each hall operation that reads departments for an
 * applicant (prefill with its consent, the checks of a form, a submission) runs alone, and every read the
 * stand-ins logged meanwhile must be accounted for by an audit record written meanwhile — same department,
 * whose data it was — and every such record by a read; a prefill's record lists every field it filled.
 */
describe('the audit trail against the departments’ request logs', () => {
  let s: TestStack;
  let staff: string;
  const scenarios: Scenario[] = [];

  beforeAll(async () => {
    s = await startTestStack({ hallEnv: { POLL_INTERVAL_MS: '60000' } });
    staff = await s.token('window-staff');
    const citizen = await s.token('citizen');
    const seller = await s.token('seller');
    const legalRep = await s.token('legal-rep');
    const personaIds = [citizen, seller, legalRep].map(idNumberOf);
    const [mine, other] = JSON.parse(Buffer.from(legalRep.split('.')[1]!, 'base64url').toString())
      .enterprises as string[];
    const buyer = parties(0, personaIds);
    const buyerT = await buyerToken(s, buyer);
    const notOwner = parties(1, personaIds).seller.idNumber;

    const gql = async <T>(q: string, v: Record<string, unknown>, t: string) => {
      const r = await s.gql<T>(q, v, t);
      if (r.errors) throw new Error(`${q}: ${JSON.stringify(r.errors)}`);
      return r.data!;
    };
    const consent = (t: string, bundle: string, scopes: string[]) =>
      gql(
        'mutation G($b: ID!, $s: [String!]!) { grantConsent(bundleCode: $b, scopes: $s) { id } }',
        { b: bundle, s: scopes },
        t,
      );
    const prefill = (t: string, bundle: string, uscc?: string) => async () => {
      const d = await gql<{
        prefillForm: {
          values: { key: string; department: string }[];
          unavailable: { department: string; code: string }[];
        };
      }>(
        'mutation P($b: ID!, $u: USCC) { prefillForm(bundleCode: $b, enterpriseUscc: $u) { values { key department } unavailable { department code } } }',
        { b: bundle, u: uscc ?? null },
        t,
      );
      return {
        prefilled: d.prefillForm.values,
        refusedBy: d.prefillForm.unavailable
          .filter((u) => u.code === 'FORBIDDEN')
          .map((u) => u.department.toLowerCase() as Department),
      };
    };
    const check = (t: string, bundle: string, values: { key: string; value: string }[]) => async () => {
      const d = await gql<{ checkForm: { problems: { field: string; code: string }[] } }>(
        'query C($b: ID!, $v: [FormValueInput!]!) { checkForm(bundleCode: $b, values: $v) { problems { field code } } }',
        { b: bundle, v: values },
        t,
      );
      // The register refusing to tell an applicant about an enterprise they do not represent is the
      // market subgraph deciding on its own record: nothing of it reaches the hall.
      return d.checkForm.problems.some((p) => p.code === 'enterprise.notRepresented')
        ? { refusedBy: ['market' as const] }
        : {};
    };
    const everything = async (t: string, bundle: string) => {
      const d = await gql<{ bundle: { consentScopes: { key: string }[] } }>(
        'query B($b: ID!) { bundle(code: $b) { consentScopes { key } } }',
        { b: bundle },
        t,
      );
      await consent(
        t,
        bundle,
        d.bundle.consentScopes.map((c) => c.key),
      );
    };

    await everything(citizen, 'HOUSE-TRANSFER');
    await consent(seller, 'HOUSE-TRANSFER', ['tax', 'fund']);
    for (const b of ['START-BUSINESS', 'COMPANY-CHANGE', 'COMPANY-DEREGISTRATION'])
      await everything(legalRep, b);
    await everything(citizen, 'START-BUSINESS');
    const transfer = houseTransferValues(buyer.buyer.idNumber, buyer.seller.idNumber);
    const materials = await houseTransferMaterials(s, buyerT);
    const withSeller = (id: string) =>
      transfer.map((v) => (v.key === 'seller.idNumber' ? { ...v, value: id } : v));
    const business = (uscc: string) => [{ key: 'enterprise.uscc', value: uscc }];

    scenarios.push(
      {
        label: 'prefill of the house transfer, every department consented',
        run: prefill(citizen, 'HOUSE-TRANSFER'),
      },
      {
        label: 'prefill of the house transfer, tax and fund consented',
        run: prefill(seller, 'HOUSE-TRANSFER'),
      },
      { label: 'prefill of the house transfer, nothing consented', run: prefill(buyerT, 'HOUSE-TRANSFER') },
      {
        label: 'prefill of the business start-up for an enterprise represented',
        run: prefill(legalRep, 'START-BUSINESS', mine),
      },
      { label: 'prefill of a company change', run: prefill(legalRep, 'COMPANY-CHANGE', mine) },
      {
        label: 'prefill of a company deregistration',
        run: prefill(legalRep, 'COMPANY-DEREGISTRATION', other ?? mine),
      },
      { label: 'prefill for an enterprise not represented', run: prefill(citizen, 'START-BUSINESS', mine) },
      {
        label: 'check of a house transfer: the seller at the register',
        run: check(buyerT, 'HOUSE-TRANSFER', transfer),
      },
      {
        label: 'check of a house transfer naming a seller who is not the owner',
        run: check(buyerT, 'HOUSE-TRANSFER', withSeller(notOwner)),
      },
      {
        label: 'check of an enterprise represented, at the register',
        run: check(legalRep, 'COMPANY-CHANGE', business(mine!)),
      },
      {
        label: 'check of an enterprise not represented',
        run: check(citizen, 'COMPANY-CHANGE', business(mine!)),
      },
      {
        label: 'submission of a house transfer, and its dispatch',
        run: async () => {
          const a = await submit(s, buyerT, { bundleCode: 'HOUSE-TRANSFER', values: transfer, materials });
          await eventually(
            () => application(s, buyerT, a.id),
            (x) => x.parts.filter((p) => p.status === 'ACCEPTED').length === 2,
            'the submission dispatched',
          );
          return {};
        },
      },
    );
  });
  afterAll(() => s?.stop());

  it('records every read the hall made of a department for an applicant, with its fields', async () => {
    const failures: string[] = [];
    const rows: FigureRow[] = [];
    // The short form runs every other scenario; the full form all of them.
    for (const [i, sc] of scenarios.entries()) {
      if (MODE === 'short' && i % 2 === 1) continue;
      const before = await mark(s, staff);
      const outcome = await sc.run();
      const { reads, records } = await since(s, staff, before);
      const refused = new Set(outcome.refusedBy ?? []);
      const counted = reads.filter((r) => !refused.has(r.department));
      const unaudited = counted.filter((r) => !covered(records, r, owners));
      const phantom = records.filter((a) => !reads.some((r) => accounts(a, r, owners)));
      failures.push(
        ...unaudited.map(
          (r) => `${sc.label}: ${r.department} ${r.op} of ${r.keys.join(', ')} is not in the audit trail`,
        ),
        ...phantom.map((a) => `${sc.label}: an audit record without a read: ${JSON.stringify(a)}`),
      );
      for (const v of outcome.prefilled ?? []) {
        const audited = records.some((a) => a.department === v.department && a.fields.includes(v.key));
        if (!audited)
          failures.push(`${sc.label}: ${v.key} prefilled from ${v.department} is in no audit record`);
      }
      rows.push({
        'hall operation': sc.label,
        'department reads': counted.length,
        audited: counted.length - unaudited.length,
        unaudited: unaudited.length,
        'audit records': records.length,
        'records without a read': phantom.length,
        'reads left out (refused by the department)': reads.length - counted.length,
      });
    }
    expect(failures).toEqual([]);
    const total = (k: string) => rows.reduce((n, r) => n + Number(r[k]), 0);
    recordSection({
      key: '22-audit-completeness',
      title: 'Access: every cross-department read is audited',
      about:
        'Each hall operation that reads departments for an applicant runs alone on the whole stack; the reads of people’s, enterprises’ and units’ records the four stand-ins logged meanwhile are compared with the audit records written meanwhile. A read is audited when records of its department name everyone whose data it was (the ID numbers and USCCs it was keyed by; for a read by unit code, every owner of the unit); every record must have a read of its subject behind it; a prefill’s records must list every field it filled.',
      command:
        'RELIABILITY=full npx vitest run --project reliability test/reliability/access/audit-completeness.test.ts',
      rows: [
        ...rows,
        {
          'hall operation': 'all',
          'department reads': total('department reads'),
          audited: total('audited'),
          unaudited: total('unaudited'),
          'audit records': total('audit records'),
          'records without a read': total('records without a read'),
          'reads left out (refused by the department)': total('reads left out (refused by the department)'),
        },
      ],
      notes: [
        'What counts as a cross-department read: a request the hall made, acting for an applicant, for a person’s, an enterprise’s or a unit’s records (tax taxpayers.query and deed_tax.query, market enterprise.get and enterprise.list, registry QueryUnits and QueryUnitsByOwner, fund grzhcx, dwzhcx and dkcx). Case operations (the hall submitting, reading back or finding its own cases), item catalogues, and reads by a department’s own staff through its own subgraph are not in scope.',
        'Whose data a read was: the keys it was asked by (the ID numbers and USCCs), or, for a read by unit code, the unit’s owners; listing the enterprises a person represents is a read about the person (the stand-in also logs each enterprise it found).',
        'Left out: a read a department made to decide it would not answer (the market register reads an enterprise to see who represents it, then refuses an applicant who does not): nothing of it reaches the hall, which answers FORBIDDEN or enterprise.notRepresented; the suite checks the hall did answer so before leaving the read out.',
        'The operations run one at a time with polling slowed to a minute and the stand-ins’ clocks still, so every read logged in a window is the hall’s for that operation.',
        'Defect found and fixed: a prefill for an enterprise the applicant does not represent (the entry point refused, no department asked) left audit records of reads of its tax and fund data that never happened, shown to the enterprise’s representative in who read my data.',
        'Defect found and fixed: the register check of a house transfer was audited against whoever the form named as the seller, not the unit’s owners whose data the register returned — an owner never saw the read in who read my data, and a person named as seller who owned nothing had a record of a read of their data that never happened.',
      ],
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUSE_TRANSFER_UPLOADS } from '../../scripts/house-transfer-form';
import {
  advanceClocks,
  application,
  eventually,
  FILES,
  houseTransferValues,
  idNumberOf,
  parties,
  population,
  saleConfirmed,
  statusOf,
  upload,
} from './house-transfer';
import { startTestStack, type TestStack } from './support';

const DELEGATION = `id principalIdNumber principalName enterpriseUscc agentIdNumber agentName bundleCodes
  validFrom validUntil powerOfAttorney { id name contentType } recordedBy { subject } grantedAt revokedAt status`;
const GRANT = `mutation G($i: DelegationInput!) {
  grantDelegation(input: $i) { delegation { ${DELEGATION} } problems { field code message { zh en } } }
}`;
const REVOKE = `mutation R($id: ID!) { revokeDelegation(delegationId: $id) { ${DELEGATION} } }`;
const MINE = `{ myDelegations { ${DELEGATION} } }`;
const TO_ME = `{ delegationsToMe { ${DELEGATION} } }`;

interface DelegationView {
  id: string;
  principalIdNumber: string;
  agentIdNumber: string;
  agentName: string;
  bundleCodes: string[];
  validFrom: string;
  validUntil: string;
  powerOfAttorney: { id: string; name: string; contentType: string } | null;
  recordedBy: { subject: string } | null;
  revokedAt: string | null;
  status: string;
}
type Problem = { field: string; code: string; message: { zh: string; en: string } };

/** A Beijing date `days` from now (the hall's "today" is Beijing's). */
const beijingDay = (days: number) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
const nameOf = (token: string): string =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).name as string;

/**
 * Delegations on the whole stack (代办, issue 17): the home buyer grants one to the agent persona with a
 * power of attorney; the agent sees it; a bad one is answered with every problem at once; nobody else
 * learns it exists; the buyer revokes it.
 */
describe('delegations (代办), on the whole stack', () => {
  let s: TestStack;
  let buyer: string;
  let agent: string;
  let stranger: string;
  let windowStaff: string;
  let buyerId: string;
  let agentId: string;

  beforeAll(async () => {
    s = await startTestStack();
    buyer = await s.token('citizen');
    agent = await s.token('agent');
    windowStaff = await s.token('window-staff');
    buyerId = idNumberOf(buyer);
    agentId = idNumberOf(agent);
    const personas = [buyerId, agentId, idNumberOf(await s.token('seller'))];
    const other = parties(0, personas).buyer;
    stranger = await s.customToken({ role: 'applicant', id_number: other.idNumber, name: other.name });
  });
  afterAll(() => s?.stop());

  const grant = async (input: Record<string, unknown>, token = buyer) => {
    const r = await s.gql<{ grantDelegation: { delegation: DelegationView | null; problems: Problem[] } }>(
      GRANT,
      { i: input },
      token,
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!.grantDelegation;
  };
  const list = async (query: string, token: string) => {
    const r = await s.gql<Record<string, DelegationView[]>>(query, {}, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return Object.values(r.data!)[0]!;
  };

  let granted: DelegationView;

  it('lets the buyer grant the agent a delegation for the house transfer, with a power of attorney', async () => {
    const poa = await upload(s, buyer, FILES.pdf, '授权委托书.pdf');
    const r = await grant({
      agentIdNumber: agentId,
      agentName: nameOf(agent),
      bundleCodes: ['HOUSE-TRANSFER'],
      validUntil: beijingDay(30),
      powerOfAttorneyUploadId: poa,
    });
    expect(r.problems).toEqual([]);
    granted = r.delegation!;
    expect(granted).toMatchObject({
      principalIdNumber: buyerId,
      agentIdNumber: agentId,
      bundleCodes: ['HOUSE-TRANSFER'],
      validFrom: beijingDay(0),
      validUntil: beijingDay(30),
      powerOfAttorney: { id: poa, name: '授权委托书.pdf', contentType: 'application/pdf' },
      recordedBy: null,
      revokedAt: null,
      status: 'ACTIVE',
    });
    expect((await list(MINE, buyer)).map((d) => d.id)).toEqual([granted.id]);
  });

  it('shows the agent the delegation naming them, its power of attorney too', async () => {
    const toMe = await list(TO_ME, agent);
    expect(toMe).toHaveLength(1);
    expect(toMe[0]).toMatchObject({
      id: granted.id,
      principalIdNumber: buyerId,
      status: 'ACTIVE',
      powerOfAttorney: { id: granted.powerOfAttorney!.id },
    });
    // The agent granted nothing themselves.
    expect(await list(MINE, agent)).toEqual([]);
    // The agent opens the power of attorney that empowers them; the principal can no longer delete it.
    const file = (token: string, method = 'GET') =>
      fetch(`${s.gatewayUrl}/materials/${granted.powerOfAttorney!.id}`, {
        method,
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await file(agent)).status).toBe(200);
    expect((await file(buyer)).status).toBe(200);
    expect((await file(buyer, 'DELETE')).status).toBe(409);
  });

  it('answers a bad delegation with every problem at once, each at its field in zh and en, storing nothing', async () => {
    const strangersUpload = await upload(s, stranger, FILES.pdf, 'someone-else.pdf');
    const r = await grant({
      agentIdNumber: buyerId,
      agentName: '  ',
      bundleCodes: ['HOUSE-TRANSFER', 'NO-SUCH-BUNDLE'],
      validFrom: beijingDay(-1),
      validUntil: beijingDay(-2),
      // A real USCC of an enterprise the buyer does not represent.
      enterpriseUscc: '91330100716105852F',
      powerOfAttorneyUploadId: strangersUpload,
    });
    expect(r.delegation).toBeNull();
    expect(r.problems.map((p) => `${p.field} ${p.code}`).sort()).toEqual([
      'agentIdNumber delegation.agentIsPrincipal',
      'agentName field.required',
      'bundleCodes bundle.unknown',
      'enterpriseUscc enterprise.notRepresented',
      'powerOfAttorneyUploadId material.uploadUnknown',
      'validFrom delegation.validFromPast',
      'validUntil delegation.validUntilBeforeFrom',
    ]);
    for (const p of r.problems) expect(p.message.zh && p.message.en).toBeTruthy();
    const tooLong = await grant({
      agentIdNumber: agentId,
      agentName: nameOf(agent),
      bundleCodes: [],
      validUntil: beijingDay(400),
    });
    expect(tooLong.problems.map((p) => `${p.field} ${p.code}`).sort()).toEqual([
      'bundleCodes delegation.scopeEmpty',
      'validUntil delegation.termTooLong',
    ]);
    expect((await list(MINE, buyer)).map((d) => d.id)).toEqual([granted.id]);
  });

  it('lets nobody else learn that it exists: a stranger sees no delegation and cannot revoke it', async () => {
    expect(await list(MINE, stranger)).toEqual([]);
    expect(await list(TO_ME, stranger)).toEqual([]);
    const r = await s.gql(REVOKE, { id: granted.id }, stranger);
    expect(r.data).toBeNull();
    expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const file = await fetch(`${s.gatewayUrl}/materials/${granted.powerOfAttorney!.id}`, {
      headers: { authorization: `Bearer ${stranger}` },
    });
    expect(file.status).toBe(404);
    // The agent may use it, not withdraw it: that is the principal's.
    const byAgent = await s.gql(REVOKE, { id: granted.id }, agent);
    expect(byAgent.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Staff have no list of anyone's delegations, and grant none.
    for (const query of [MINE, TO_ME]) {
      const staff = await s.gql(query, {}, windowStaff);
      expect(staff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await s.gql(MINE, {});
    expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(anonymous.errors?.[0]?.extensions?.code);
  });

  it('lets only window staff record a delegation, in a visit of theirs', async () => {
    const input = {
      agentIdNumber: agentId,
      agentName: nameOf(agent),
      bundleCodes: ['HOUSE-TRANSFER'],
      validUntil: beijingDay(30),
    };
    const RECORD = `mutation R($v: ID!, $i: DelegationInput!) { recordDelegation(visitId: $v, input: $i) { delegation { id } problems { field code } } }`;
    const byBuyer = await s.gql(RECORD, { v: 'visit', i: input }, buyer);
    expect(byBuyer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noVisit = await s.gql(RECORD, { v: '5b0f6a0e-8d3c-4f7e-9a51-3c2f4e1d7b90', i: input }, windowStaff);
    expect(noVisit.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lets the buyer revoke it: REVOKED to both, and a second revocation is refused', async () => {
    const r = await s.gql<{ revokeDelegation: DelegationView }>(REVOKE, { id: granted.id }, buyer);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect(r.data!.revokeDelegation).toMatchObject({ id: granted.id, status: 'REVOKED' });
    expect(r.data!.revokeDelegation.revokedAt).not.toBeNull();
    expect((await list(TO_ME, agent))[0]).toMatchObject({ id: granted.id, status: 'REVOKED' });
    expect((await list(MINE, buyer))[0]).toMatchObject({ id: granted.id, status: 'REVOKED' });
    const again = await s.gql(REVOKE, { id: granted.id }, buyer);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'DELEGATION_NOT_ACTIVE', status: 'REVOKED' });
  });
});

/**
 * An agent acts for the principal on the whole stack (代办, with the front desk's on-behalf-of): within
 * the delegation's scope the agent consents, prefills with the principal's data, uploads and submits for
 * the principal, and both follow the application; outside its scope, and once revoked, the agent is
 * refused with a code that says so, while the application already handed in goes on.
 */
describe('an agent acts for the principal under a delegation, on the whole stack', () => {
  let s: TestStack;
  let buyer: string;
  let agent: string;
  let buyerId: string;
  let agentId: string;
  let delegationId: string;
  let sellerId: string;
  let submitted: string;

  const CONSENT = `mutation C($o: OnBehalfOf) {
    grantConsent(bundleCode: "HOUSE-TRANSFER", scopes: ["tax", "realestate", "fund"], onBehalfOf: $o) {
      id agent { idNumber name delegationId }
    }
  }`;
  const PREFILL = `mutation P($o: OnBehalfOf, $b: ID!) {
    prefillForm(bundleCode: $b, onBehalfOf: $o) { id values { key value } }
  }`;
  const SUBMIT = `mutation S($i: ApplicationInput!, $o: OnBehalfOf) {
    submitApplication(input: $i, onBehalfOf: $o) {
      application { id status intake { channel agent { idNumber name delegationId } } }
      problems { field code }
    }
  }`;

  beforeAll(async () => {
    s = await startTestStack({ hallEnv: { POLL_INTERVAL_MS: '500' } });
    buyer = await s.token('citizen');
    agent = await s.token('agent');
    buyerId = idNumberOf(buyer);
    agentId = idNumberOf(agent);
    const personas = [buyerId, agentId, idNumberOf(await s.token('seller'))];
    const seller = parties(0, personas).seller;
    sellerId = seller.idNumber;
    await saleConfirmed(s, { buyer: { idNumber: buyerId, name: nameOf(buyer) }, seller });
    const poa = await upload(s, buyer, FILES.pdf, '授权委托书.pdf');
    const r = await s.gql<{ grantDelegation: { delegation: { id: string } } }>(
      GRANT,
      {
        i: {
          agentIdNumber: agentId,
          agentName: nameOf(agent),
          bundleCodes: ['HOUSE-TRANSFER'],
          validUntil: beijingDay(30),
          powerOfAttorneyUploadId: poa,
        },
      },
      buyer,
    );
    delegationId = r.data!.grantDelegation.delegation.id;
  });
  afterAll(() => s?.stop());

  const onBehalfOf = () => ({ delegationId });
  /** The agreed price as the sale names it. */
  const priceOf = () =>
    houseTransferValues(buyerId, sellerId).find((v) => v.key === 'transaction.price')!.value;
  /**
   * The house transfer's values with the price declared far below the unit's earlier transfers: the tax
   * office queries it (补正), so the agent has a correction to answer for the principal.
   */
  const lowPriced = () =>
    houseTransferValues(buyerId, sellerId).map((v) =>
      v.key === 'transaction.price' ? { ...v, value: (Number(v.value) / 1.2 / 4).toFixed(2) } : v,
    );
  /** Uploads a file for the principal, as the agent under the delegation. */
  const uploadFor = async (body: Buffer, name: string) => {
    const res = await fetch(`${s.gatewayUrl}/materials?delegationId=${delegationId}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${agent}`,
        'content-type': 'application/octet-stream',
        'x-material-name': encodeURIComponent(name),
      },
      body: new Uint8Array(body),
    });
    const json = (await res.json()) as { id?: string };
    expect(res.status, JSON.stringify(json)).toBe(201);
    return json.id!;
  };

  it('lets the agent consent, prefill with the principal’s data and submit the house transfer for them', async () => {
    const consent = await s.gql<{ grantConsent: { agent: { idNumber: string; delegationId: string } } }>(
      CONSENT,
      { o: onBehalfOf() },
      agent,
    );
    expect(consent.errors, JSON.stringify(consent.errors)).toBeUndefined();
    expect(consent.data!.grantConsent.agent).toMatchObject({ idNumber: agentId, delegationId });

    const prefill = await s.gql<{ prefillForm: { values: { key: string; value: string }[] } }>(
      PREFILL,
      { o: onBehalfOf(), b: 'HOUSE-TRANSFER' },
      agent,
    );
    expect(prefill.errors, JSON.stringify(prefill.errors)).toBeUndefined();
    const filled = new Map(prefill.data!.prefillForm.values.map((v) => [v.key, v.value]));
    // The principal's data, not the agent's (who has no fund account at all).
    expect(filled.get('applicant.name')).toBe(nameOf(buyer));
    expect(filled.get('fund.personalAccount')).toBe(
      population.fundAccounts.find((a) => a.idNumber === buyerId)!.personalAccount,
    );

    const materials = [];
    for (const m of HOUSE_TRANSFER_UPLOADS)
      materials.push({ id: m.id, uploadId: await uploadFor(m.file, m.name) });
    const r = await s.gql<{
      submitApplication: {
        application: { id: string; intake: { channel: string; agent: { idNumber: string } | null } } | null;
        problems: { field: string; code: string }[];
      };
    }>(
      SUBMIT,
      {
        i: { bundleCode: 'HOUSE-TRANSFER', values: lowPriced(), materials },
        o: onBehalfOf(),
      },
      agent,
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect(r.data!.submitApplication.problems).toEqual([]);
    const a = r.data!.submitApplication.application!;
    expect(a.intake).toMatchObject({ channel: 'ONLINE', agent: { idNumber: agentId, delegationId } });
    submitted = a.id;
  });

  it('shows the application to the principal among theirs, and to the agent among those handed in as agent', async () => {
    const mine = await s.gql<{ myApplications: { id: string }[] }>('{ myApplications { id } }', {}, buyer);
    expect(mine.data!.myApplications.map((a) => a.id)).toContain(submitted);
    const asAgent = await s.gql<{ applicationsAsAgent: { id: string }[] }>(
      '{ applicationsAsAgent { id } }',
      {},
      agent,
    );
    expect(asAgent.data!.applicationsAsAgent.map((a) => a.id)).toEqual([submitted]);
    // The agent's own account holds no application of theirs.
    const agentsOwn = await s.gql<{ myApplications: { id: string }[] }>(
      '{ myApplications { id } }',
      {},
      agent,
    );
    expect(agentsOwn.data!.myApplications).toEqual([]);
  });

  it('names principal and agent in the principal’s audit trail', async () => {
    const trail = await s.gql<{
      whoReadMyData: { subjectIdNumber: string; agent: { idNumber: string; delegationId: string } | null }[];
    }>('{ whoReadMyData { subjectIdNumber agent { idNumber name delegationId } } }', {}, buyer);
    expect(trail.errors, JSON.stringify(trail.errors)).toBeUndefined();
    const byAgent = trail.data!.whoReadMyData.filter((r) => r.agent);
    expect(byAgent.length).toBeGreaterThan(0);
    for (const r of byAgent) {
      expect(r.subjectIdNumber).toBe(buyerId);
      expect(r.agent).toMatchObject({ idNumber: agentId, delegationId });
    }
  });

  it('lets the agent answer the correction the tax office asked of the principal, and nobody else', async () => {
    await eventually(
      () => application(s, buyer, submitted),
      (a) =>
        statusOf(a, 'TAX-DEED-TAX') === 'ACCEPTED' && statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'ACCEPTED',
      'the deed tax and the withdrawal accepted',
    );
    await advanceClocks(s, 48);
    const asked = await eventually(
      () => application(s, buyer, submitted),
      (a) => a.status === 'CORRECTION_REQUESTED',
      'a correction asked',
    );
    const tax = asked.parts.find((p) => p.itemCode === 'TAX-DEED-TAX')!;
    expect(tax.correctionFields).toEqual(['transaction.price']);
    const CORRECT = `mutation C($a: ID!, $p: ID!, $v: [FormValueInput!]!, $o: OnBehalfOf) {
      correctApplication(applicationId: $a, partId: $p, values: $v, onBehalfOf: $o) {
        application { status } problems { field code }
      }
    }`;
    const values = [{ key: 'transaction.price', value: priceOf() }];
    // For themself, the agent has no such application; a stranger cannot use the delegation.
    const asSelf = await s.gql(CORRECT, { a: submitted, p: tax.id, v: values }, agent);
    expect(asSelf.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const stranger = await s.gql(
      CORRECT,
      { a: submitted, p: tax.id, v: values, o: onBehalfOf() },
      await s.token('seller'),
    );
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const right = await s.gql<{ correctApplication: { problems: unknown[] } }>(
      CORRECT,
      { a: submitted, p: tax.id, v: values, o: onBehalfOf() },
      agent,
    );
    expect(right.errors, JSON.stringify(right.errors)).toBeUndefined();
    expect(right.data!.correctApplication.problems).toEqual([]);
    await eventually(
      () => application(s, buyer, submitted),
      (a) => ['ACCEPTED', 'IN_REVIEW'].includes(statusOf(a, 'TAX-DEED-TAX')!),
      'the corrected deed tax back at the tax office',
    );
    const taxCase = await s.admin('tax').case(tax.caseNumber!);
    expect(taxCase.fields['transaction.price']).toBe(Math.round(Number(priceOf()) * 100));
  });

  it('lists the sales confirmed to the principal to the agent, online and at the window, and to nobody else', async () => {
    const SALES = `query S($o: OnBehalfOf) { salesConfirmedToMe(onBehalfOf: $o) { id buyerIdNumber sellerName } }`;
    const online = await s.gql<{ salesConfirmedToMe: { buyerIdNumber: string }[] }>(
      SALES,
      { o: onBehalfOf() },
      agent,
    );
    expect(online.errors, JSON.stringify(online.errors)).toBeUndefined();
    expect(online.data!.salesConfirmedToMe.length).toBeGreaterThan(0);
    expect(new Set(online.data!.salesConfirmedToMe.map((x) => x.buyerIdNumber))).toEqual(new Set([buyerId]));
    // The agent's own list (no onBehalfOf) is theirs: nothing was sold to them.
    const own = await s.gql<{ salesConfirmedToMe: unknown[] }>(SALES, {}, agent);
    expect(own.data!.salesConfirmedToMe).toEqual([]);
    const stranger = await s.gql(SALES, { o: onBehalfOf() }, await s.token('seller'));
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const officer = await s.token('window-staff');
    const opened = await s.gql<{
      openWindowVisit: {
        visit: { id: string; agentFor: { id: string; principalIdNumber: string }[] } | null;
      };
    }>(
      'mutation O($n: IdNumber!) { openWindowVisit(applicantIdNumber: $n, identityCheck: ID_CARD_READ) { visit { id agentFor { id principalIdNumber } } } }',
      { n: agentId },
      officer,
    );
    const visit = opened.data!.openWindowVisit.visit!;
    // The officer learns which principals the walk-in may be served for.
    expect(visit.agentFor).toEqual([{ id: delegationId, principalIdNumber: buyerId }]);
    const atWindow = await s.gql<{ salesConfirmedToMe: { buyerIdNumber: string }[] }>(
      SALES,
      { o: { visitId: visit.id, delegationId } },
      officer,
    );
    expect(atWindow.errors, JSON.stringify(atWindow.errors)).toBeUndefined();
    expect(atWindow.data!.salesConfirmedToMe.map((x) => x.buyerIdNumber)).toContain(buyerId);
    // A walk-in who is nobody's agent: no principal offered.
    const plain = await s.gql<{ openWindowVisit: { visit: { agentFor: unknown[] } | null } }>(
      'mutation O($n: IdNumber!) { openWindowVisit(applicantIdNumber: $n, identityCheck: ID_CARD_READ) { visit { agentFor { id } } } }',
      { n: buyerId },
      officer,
    );
    expect(plain.data!.openWindowVisit.visit!.agentFor).toEqual([]);
  });

  it('takes the agent in at the window: their visit, the delegation naming them, the principal’s consent with officer and agent', async () => {
    const officer = await s.token('window-staff');
    const opened = await s.gql<{ openWindowVisit: { visit: { id: string } | null; problems: unknown[] } }>(
      'mutation O($n: IdNumber!) { openWindowVisit(applicantIdNumber: $n, identityCheck: DOCUMENT_INSPECTED) { visit { id } problems { code message { en } } } }',
      { n: agentId },
      officer,
    );
    expect(opened.errors, JSON.stringify(opened.errors)).toBeUndefined();
    const visitId = opened.data!.openWindowVisit.visit?.id;
    expect(visitId, JSON.stringify(opened.data)).toBeDefined();
    const both = { visitId, delegationId };
    // The agent's signature on the consent form, scanned in the visit, under the delegation.
    const res = await fetch(`${s.gatewayUrl}/materials?visitId=${visitId}&delegationId=${delegationId}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${officer}`,
        'content-type': 'application/octet-stream',
        'x-material-name': encodeURIComponent('授权书（代办人签字）.pdf'),
      },
      body: new Uint8Array(FILES.pdf),
    });
    const signature = (await res.json()) as { id?: string };
    expect(res.status, JSON.stringify(signature)).toBe(201);
    const consent = await s.gql<{
      grantConsent: {
        agent: { idNumber: string; delegationId: string } | null;
        witness: { subject: string } | null;
      };
    }>(
      `mutation C($o: OnBehalfOf, $w: WitnessedConsentInput) {
        grantConsent(bundleCode: "HOUSE-TRANSFER", scopes: ["tax", "realestate", "fund"], onBehalfOf: $o, witnessed: $w) {
          agent { idNumber delegationId } witness { subject }
        }
      }`,
      { o: both, w: { form: 'PAPER_SCANNED', uploadId: signature.id } },
      officer,
    );
    expect(consent.errors, JSON.stringify(consent.errors)).toBeUndefined();
    expect(consent.data!.grantConsent).toMatchObject({
      agent: { idNumber: agentId, delegationId },
      witness: { subject: 'staff-window-01' },
    });
    // The prefill reads the principal's data, and their trail names both the officer and the agent.
    const prefill = await s.gql<{ prefillForm: { values: { key: string; value: string }[] } }>(
      PREFILL,
      { o: both, b: 'HOUSE-TRANSFER' },
      officer,
    );
    expect(prefill.errors, JSON.stringify(prefill.errors)).toBeUndefined();
    expect(new Map(prefill.data!.prefillForm.values.map((v) => [v.key, v.value])).get('applicant.name')).toBe(
      nameOf(buyer),
    );
    const trail = await s.gql<{
      readsOfMyData: {
        edges: { node: { officer: { subject: string } | null; agent: { idNumber: string } | null } }[];
      };
    }>(
      '{ readsOfMyData(first: 5) { edges { node { officer { subject } agent { idNumber } } } } }',
      {},
      buyer,
    );
    expect(trail.errors, JSON.stringify(trail.errors)).toBeUndefined();
    expect(trail.data!.readsOfMyData.edges.map((e) => e.node)).toContainEqual({
      officer: { subject: 'staff-window-01' },
      agent: { idNumber: agentId },
    });
    // Out of the delegation's scope at the window too.
    const out = await s.gql(PREFILL, { o: both, b: 'START-BUSINESS' }, officer);
    expect(out.errors?.[0]?.extensions?.code).toBe('DELEGATION_OUT_OF_SCOPE');
  });

  it('refuses the agent outside the scope with DELEGATION_OUT_OF_SCOPE', async () => {
    const prefill = await s.gql(PREFILL, { o: onBehalfOf(), b: 'START-BUSINESS' }, agent);
    expect(prefill.errors?.[0]?.extensions).toMatchObject({
      code: 'DELEGATION_OUT_OF_SCOPE',
      bundleCodes: ['HOUSE-TRANSFER'],
    });
  });

  it('refuses the agent after revocation with DELEGATION_NOT_ACTIVE, while the application handed in goes on', async () => {
    const revoked = await s.gql(REVOKE, { id: delegationId }, buyer);
    expect(revoked.errors, JSON.stringify(revoked.errors)).toBeUndefined();
    const again = await s.gql(CONSENT, { o: onBehalfOf() }, agent);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'DELEGATION_NOT_ACTIVE', status: 'REVOKED' });
    const late = await s.gql(
      SUBMIT,
      {
        i: { bundleCode: 'HOUSE-TRANSFER', values: houseTransferValues(buyerId, sellerId) },
        o: onBehalfOf(),
      },
      agent,
    );
    expect(late.errors?.[0]?.extensions?.code).toBe('DELEGATION_NOT_ACTIVE');
    // The application handed in before goes on: the departments accept their parts.
    await advanceClocks(s, 48);
    const followed = await eventually(
      () => application(s, buyer, submitted),
      (a) => statusOf(a, 'TAX-DEED-TAX') === 'APPROVED',
      'the corrected deed tax approved after the revocation',
    );
    expect(followed.status).not.toBe('REJECTED');
  });
});

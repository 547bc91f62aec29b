import { generatePopulation } from '@onething/legacy-kit';
import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { SAMPLE_FILES } from '../../../scripts/house-transfer-form';
import { actingFor, CASE_ITEMS, caseInput, caseOperations } from '../../stack/department-cases';
import {
  type ApplicationView,
  advanceClocks,
  application,
  eventually,
  houseTransferMaterials,
  houseTransferValues,
  idNumberOf,
  parties,
  saleConfirmed,
  statusOf,
  submit,
  upload,
} from '../../stack/house-transfer';
import { type Department, startTestStack, type TestStack } from '../../stack/support';

/**
 * Who tries each operation: nobody signed in, the seeded personas, an applicant of no relation, and the
 * hall's service identity acting for the citizen (its client-credentials token and x-onething-acting-for).
 */
/** Each department's reviewer, `staff-tax`…, as the identity provider seeds them. */
const DEPARTMENT_STAFF = DEPARTMENT_KEYS.map((d) => `staff-${d}` as const);

export const PERSONAS = [
  'anonymous',
  'citizen',
  'seller',
  'legal-rep',
  'agent',
  'stranger',
  'window-staff',
  // A window officer of another service centre than window-staff's (centres configured).
  'window-staff-other',
  ...DEPARTMENT_STAFF,
  // The supervisor of window-staff's centre (电子监察).
  'supervisor',
  'hall',
] as const;

export type Persona = (typeof PERSONAS)[number];

export const APPLICANTS: readonly Persona[] = ['citizen', 'seller', 'legal-rep', 'agent', 'stranger'];
export const STAFF: readonly Persona[] = ['window-staff', 'window-staff-other', ...DEPARTMENT_STAFF];
/** The window officers: of the citizen's applications' centre, and of another. */
export const WINDOW: readonly Persona[] = ['window-staff', 'window-staff-other'];

/** What the operations are tried on: whose data, which applications in which state. */
export interface AccessFixture {
  /** The token of each persona (none for anonymous). */
  readonly tokens: Readonly<Record<Persona, string | undefined>>;
  /** Headers each persona sends besides its token: the hall names the citizen it acts for. */
  readonly headers: Readonly<Record<Persona, Record<string, string>>>;
  /** Whose own data each persona asks for as itself: an applicant's ID number; the hall's is the citizen's. */
  readonly ids: Readonly<Record<Persona, string | undefined>>;
  readonly citizenId: string;
  readonly citizenName: string;
  /** The citizen's house transfer form, for cases tried straight at the departments. */
  readonly citizenForm: readonly { key: string; value: string }[];
  /**
   * A case of the citizen's at each department, handed in by the hall straight to it and now asked to be
   * corrected (补正): its number, the key it was submitted under, and the correction that answers it.
   */
  readonly cases: Readonly<
    Record<
      Department,
      { caseNumber: string; itemCode: string; key: string; correction: { key: string; value: string }[] }
    >
  >;
  /** An enterprise the legal representative represents, and a unit the seller owns. */
  readonly enterpriseUscc: string;
  readonly sellerUnit: string;
  /** Someone who is none of the personas, for requests that name another person. */
  readonly victim: { readonly idNumber: string; readonly name: string; readonly sellerId: string };
  /** The citizen's applications: one asked to correct its deed tax, one completed, one dead-lettered. */
  readonly correction: { readonly id: string; readonly partId: string; readonly price: string };
  readonly completed: ApplicationView & { readonly saleContract: string };
  readonly deadLettered: { readonly id: string; readonly partId: string };
  /**
   * The citizen's delegation to the agent persona for the house transfer, with the power of attorney
   * uploaded.
   */
  readonly delegation: {
    readonly id: string;
    readonly agentIdNumber: string;
    readonly agentName: string;
    readonly powerOfAttorney: string;
  };
  /** A window visit window-staff opened for the citizen (一窗受理). */
  readonly visitId: string;
  /** An urge (催办) the supervisor sent the tax office on the citizen's deed tax, unanswered. */
  readonly urgeId: string;
  /** The follow-up of the citizen's bad rating of the completed transfer's deed tax, open (差评回访整改). */
  readonly followUpId: string;
  /** A draft of the citizen's one form (its owner alone may discard it). */
  readonly draftId: string;
  /** The token of the completed application's public status URL (its receipt's QR code). */
  readonly publicStatusToken: string;
  /** The property certificate the completed transfer issued to the citizen (我的证照), kept by the hall. */
  readonly documentId: string;
  /** Each applicant's uploads of the house transfer's materials, to hand in with a form. */
  readonly materials: Readonly<Record<string, readonly { id: string; uploadId: string }[]>>;
}

const population = generatePopulation({ seed: 20261122, persons: 2000 });

/**
 * The whole stack with the citizen's three house transfers brought, on the stand-ins' clocks, to the
 * states the writing operations need: a deed tax asked to be corrected (补正), an application completed
 * (to rate), a fund withdrawal dead-lettered while the fund was down (to retry).
 */
export async function startAccessStack(): Promise<{ s: TestStack; f: AccessFixture }> {
  const s = await startTestStack({
    hallEnv: {
      POLL_INTERVAL_MS: '60000',
      DISPATCH_BACKOFF_MS: '100',
      DISPATCH_BACKOFF_MAX_MS: '400',
      DISPATCH_MAX_ATTEMPTS: '3',
    },
  });
  const tokens: Record<string, string | undefined> = { anonymous: undefined };
  for (const p of PERSONAS.filter((x) => x !== 'anonymous' && x !== 'stranger' && x !== 'hall'))
    tokens[p] = await s.token(p);
  const personaIds = ['citizen', 'seller', 'legal-rep', 'agent'].map((p) => idNumberOf(tokens[p]!));
  const stranger = parties(6, personaIds).buyer;
  tokens.stranger = await s.customToken({
    role: 'applicant',
    id_number: stranger.idNumber,
    name: stranger.name,
  });
  const victim = parties(7, personaIds);
  // Every house transfer starts with the seller's confirmation to its buyer.
  await saleConfirmed(s, victim);
  const citizen = tokens.citizen!;
  const citizenId = personaIds[0]!;
  const legalRep = JSON.parse(Buffer.from(tokens['legal-rep']!.split('.')[1]!, 'base64url').toString()) as {
    enterprises: string[];
  };
  const sellerUnit = population.properties.find((p) => p.ownerIdNumbers.includes(personaIds[1]!))!.unitCode;
  tokens.hall = await s.serviceToken();
  const headers = Object.fromEntries(PERSONAS.map((p) => [p, {}])) as Record<Persona, Record<string, string>>;
  headers.hall = actingFor(citizenId);
  const ids = Object.fromEntries(
    PERSONAS.map((p) => [p, APPLICANTS.includes(p) ? idNumberOf(tokens[p]!) : undefined]),
  ) as Record<Persona, string | undefined>;
  ids.hall = citizenId;

  // A case of the citizen's at each department, handed in by the hall acting for them, each with the one
  // mistake its department asks to be corrected; a seller of its own, as the registry checks the seller.
  const direct = parties(8, personaIds);
  const citizenName = population.persons.find((p) => p.idNumber === citizenId)!.name;
  await saleConfirmed(s, { buyer: { idNumber: citizenId, name: citizenName }, seller: direct.seller });
  const citizenForm = houseTransferValues(citizenId, direct.seller.idNumber);
  const formValue = (key: string) => citizenForm.find((v) => v.key === key)!.value;
  const unit = population.properties.find((p) => p.unitCode === formValue('property.unitCode'))!;
  const balance = population.fundAccounts.find((a) => a.idNumber === citizenId)!.balanceFen;
  const mistakes: Record<Department, { key: string; wrong: string; right: string }> = {
    tax: {
      key: 'transaction.price',
      wrong: (Number(formValue('transaction.price')) / 1.2 / 4).toFixed(2),
      right: formValue('transaction.price'),
    },
    fund: {
      key: 'fund.withdrawalAmount',
      wrong: ((balance + 10_000) / 100).toFixed(2),
      right: formValue('fund.withdrawalAmount'),
    },
    realestate: {
      key: 'property.certificateNumber',
      wrong: population.properties.find((p) => p.unitCode !== unit.unitCode)!.certificateNumber,
      right: unit.certificateNumber,
    },
    market: { key: 'enterprise.businessScope', wrong: '待定', right: '日用百货零售' },
  };
  const cases = {} as Record<Department, AccessFixture['cases'][Department]>;
  for (const d of DEPARTMENT_KEYS) {
    const m = mistakes[d];
    const key = `access-case-${d}`;
    const ops = caseOperations(d);
    const r = await s.gql<Record<string, { caseNumber: string }>>(
      ops.submitQuery,
      {
        i: caseInput(
          d,
          { idNumber: citizenId, name: citizenName },
          [...citizenForm, { key: m.key, value: m.wrong }],
          key,
        ),
      },
      tokens.hall,
      headers.hall,
    );
    if (r.errors) throw new Error(`the hall's ${d} case for the citizen: ${JSON.stringify(r.errors)}`);
    cases[d] = {
      caseNumber: r.data![ops.submit]!.caseNumber,
      itemCode: CASE_ITEMS[d].itemCode,
      key,
      correction: [{ key: m.key, value: m.right }],
    };
  }

  const form = async (n: number, values: Record<string, string> = {}) => {
    const { seller } = parties(n, personaIds);
    await saleConfirmed(s, { buyer: { idNumber: citizenId, name: citizenName }, seller });
    return {
      bundleCode: 'HOUSE-TRANSFER',
      values: houseTransferValues(citizenId, seller.idNumber, { values }),
      materials: await houseTransferMaterials(s, citizen),
    };
  };
  const read = (id: string) => application(s, citizen, id);
  const until = (id: string, check: (a: ApplicationView) => boolean, what: string) =>
    eventually(() => read(id), check, what, 60_000);

  // The tax office queries a price far below the unit's earlier ones (see applications.test.ts).
  const price = (await form(0)).values.find((v) => v.key === 'transaction.price')!.value;
  const low = (Number(price) / 1.2 / 4).toFixed(2);
  const correction = await submit(s, citizen, await form(0, { 'transaction.price': low }));
  const completed = await submit(s, citizen, await form(1));
  const accepted = (a: ApplicationView) =>
    statusOf(a, 'TAX-DEED-TAX') === 'ACCEPTED' && statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'ACCEPTED';
  await until(correction.id, accepted, 'the low-priced transfer accepted');
  await until(completed.id, accepted, 'the transfer accepted');
  await advanceClocks(s, 48);
  const asked = await until(correction.id, (a) => a.status === 'CORRECTION_REQUESTED', 'a correction asked');
  await until(completed.id, (a) => statusOf(a, 'RE-TRANSFER') === 'ACCEPTED', 'the transfer registration');
  await advanceClocks(s, 24 * 10);
  const done = await until(completed.id, (a) => a.status === 'COMPLETED', 'the transfer completed');
  // The documents its approvals issued are brought in after them: the certificate, once kept.
  const documents = await eventually(
    () =>
      s.gql<{ myDocuments: { id: string; materialId: string }[] }>(
        '{ myDocuments { id materialId } }',
        {},
        citizen,
      ),
    (r) => (r.data?.myDocuments ?? []).some((d) => d.materialId === 'property-certificate'),
    'the citizen’s property certificate kept',
    60_000,
  );
  const documentId = documents.data!.myDocuments.find((d) => d.materialId === 'property-certificate')!.id;

  for (const d of DEPARTMENT_KEYS)
    await eventually(
      () => s.admin(d).case(cases[d].caseNumber),
      (c) => c.status === 'correction_requested',
      `the citizen's ${d} case asked to be corrected`,
      60_000,
    );

  await s.admin('fund').down();
  const dead = await submit(s, citizen, await form(2));
  const letter = await until(
    dead.id,
    (a) => statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'DEAD_LETTERED',
    'the withdrawal dead-lettered while the fund is down',
  );
  await s.admin('fund').up();

  // The citizen's data read for a prefill: their audit trail holds a record of each department.
  await s.gql(
    'mutation { grantConsent(bundleCode: "HOUSE-TRANSFER", scopes: ["tax", "realestate", "fund", "market"]) { id } }',
    {},
    citizen,
  );
  const prefill = await s.gql('mutation { prefillForm(bundleCode: "HOUSE-TRANSFER") { id } }', {}, citizen);
  if (prefill.errors) throw new Error(`the citizen's prefill failed: ${JSON.stringify(prefill.errors)}`);

  const handedIn = await s.gql<{
    application: { materials: { id: string; upload: { id: string } }[]; publicStatusUrl: string };
  }>(
    'query A($id: ID!) { application(id: $id) { materials { id upload { id } } publicStatusUrl } }',
    { id: done.id },
    citizen,
  );
  // window-staff is responsible for the completed and the dead-lettered applications: they are of its
  // centre, which window-staff-other's is not.
  for (const id of [done.id, dead.id]) {
    const taken = await s.gql(
      'mutation T($a: ID!) { takeResponsibility(applicationId: $a) { id } }',
      { a: id },
      tokens['window-staff'],
    );
    if (taken.errors) throw new Error(`window-staff taking ${id}: ${JSON.stringify(taken.errors)}`);
  }
  const visit = await s.gql<{ openWindowVisit: { visit: { id: string } | null } }>(
    'mutation V($n: IdNumber!) { openWindowVisit(applicantIdNumber: $n, identityCheck: ID_CARD_READ) { visit { id } } }',
    { n: citizenId },
    tokens['window-staff'],
  );
  if (!visit.data?.openWindowVisit.visit)
    throw new Error(`the citizen's window visit: ${JSON.stringify(visit)}`);
  const materials: Record<string, { id: string; uploadId: string }[]> = {};
  for (const a of APPLICANTS) materials[a] = await houseTransferMaterials(s, tokens[a]!);

  // The citizen's delegation to the agent persona (代办), with a power of attorney: who learns of it, who
  // may revoke it. The agent's name is as their sign-in gives it.
  const agentToken = tokens.agent!;
  const agentName = JSON.parse(Buffer.from(agentToken.split('.')[1]!, 'base64url').toString()).name as string;
  const poa = await upload(s, citizen, SAMPLE_FILES.pdf, '授权委托书.pdf');
  const granted = await s.gql<{
    grantDelegation: { delegation: { id: string } | null; problems: unknown[] };
  }>(
    'mutation G($i: DelegationInput!) { grantDelegation(input: $i) { delegation { id } problems { field code } } }',
    {
      i: {
        agentIdNumber: idNumberOf(agentToken),
        agentName,
        bundleCodes: ['HOUSE-TRANSFER'],
        validUntil: new Date(Date.now() + 8 * 3_600_000 + 30 * 86_400_000).toISOString().slice(0, 10),
        powerOfAttorneyUploadId: poa,
      },
    },
    citizen,
  );
  if (!granted.data?.grantDelegation.delegation)
    throw new Error(`the citizen's delegation to the agent: ${JSON.stringify(granted)}`);
  const draft = await s.gql<{ saveDraft: { id: string } }>(
    'mutation D($i: DraftInput!) { saveDraft(input: $i) { id } }',
    { i: { bundleCode: 'HOUSE-TRANSFER', values: [{ key: 'transaction.price', value: '1000000.00' }] } },
    citizen,
  );
  if (!draft.data?.saveDraft) throw new Error(`the citizen's draft: ${JSON.stringify(draft)}`);
  const urged = await s.gql<{ urgePart: { id: string } }>(
    'mutation U($p: ID!) { urgePart(partId: $p, message: "请尽快核定契税") { id } }',
    { p: asked.parts.find((p) => p.itemCode === 'TAX-DEED-TAX')!.id },
    tokens.supervisor,
  );
  if (!urged.data?.urgePart) throw new Error(`the supervisor's urge: ${JSON.stringify(urged)}`);
  // The citizen rates the completed transfer's deed tax badly (差评): a follow-up of the tax office's, open.
  // The window is left unrated (the rate row rates it).
  const badly = await s.gql<{ rateService: { ratings: { followUp: { id: string } | null }[] } }>(
    'mutation R($i: RateServiceInput!) { rateService(input: $i) { ratings { followUp { id } } } }',
    {
      i: {
        applicationId: done.id,
        parts: [
          {
            partId: done.parts.find((p) => p.itemCode === 'TAX-DEED-TAX')!.id,
            level: 1,
            reasons: ['SLOW'],
          },
        ],
      },
    },
    citizen,
  );
  const followUpId = badly.data?.rateService.ratings[0]?.followUp?.id;
  if (!followUpId) throw new Error(`the citizen's bad rating: ${JSON.stringify(badly)}`);
  return {
    s,
    f: {
      materials,
      visitId: visit.data.openWindowVisit.visit.id,
      draftId: draft.data.saveDraft.id,
      urgeId: urged.data.urgePart.id,
      followUpId,
      publicStatusToken: handedIn.data!.application.publicStatusUrl.split('/').pop()!,
      documentId,
      tokens: tokens as Record<Persona, string | undefined>,
      headers,
      ids,
      citizenId,
      citizenName,
      citizenForm,
      cases,
      enterpriseUscc: legalRep.enterprises[0]!,
      sellerUnit,
      victim: { idNumber: victim.buyer.idNumber, name: victim.buyer.name, sellerId: victim.seller.idNumber },
      delegation: {
        id: granted.data.grantDelegation.delegation.id,
        agentIdNumber: idNumberOf(agentToken),
        agentName,
        powerOfAttorney: poa,
      },
      correction: {
        id: correction.id,
        partId: asked.parts.find((p) => p.itemCode === 'TAX-DEED-TAX')!.id,
        price,
      },
      completed: {
        ...done,
        saleContract: handedIn.data!.application.materials.find((m) => m.id === 'sale-contract')!.upload.id,
      },
      deadLettered: {
        id: dead.id,
        partId: letter.parts.find((p) => p.itemCode === 'FUND-PURCHASE-WITHDRAWAL')!.id,
      },
    },
  };
}

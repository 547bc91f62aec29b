import { residentIdCheckCharacter } from '@onething/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUSE_TRANSFER_UPLOADS } from '../../scripts/house-transfer-form';
import {
  APPLICATION_FIELDS,
  type ApplicationView,
  advanceClocks,
  buyerToken,
  eventually,
  houseTransferMaterials,
  houseTransferValues,
  idNumberOf,
  type Parties,
  parties,
  saleConfirmed,
  statusOf,
} from './house-transfer';
import { startTestStack, type TestStack } from './support';

/**
 * The front desk on the whole stack (一窗受理): a window officer checks a walk-in's identity, takes their
 * witnessed consent, prefills, uploads and submits the house transfer for them; the application is the
 * walk-in's own online. A draft started online is finished at the window. The responsible officer (首问负责)
 * hands it over within the centre, and an officer of another centre is refused it.
 */
describe('the front desk: intake at the window', () => {
  let s: TestStack;
  let officer: string;
  let colleague: string;
  let elsewhere: string;
  let pairs = 0;
  let personas: string[];

  beforeAll(async () => {
    s = await startTestStack({ hallEnv: { POLL_INTERVAL_MS: '60000' } });
    officer = await s.token('window-staff');
    colleague = await s.token('window-staff-2');
    elsewhere = await s.token('window-staff-other');
    personas = [idNumberOf(await s.token('citizen')), idNumberOf(await s.token('seller'))];
  });
  afterAll(() => s?.stop());

  const VISIT =
    'visit { id applicantIdNumber applicantName knownTo identityCheck officer { subject name centre } expiresAt }';
  const openVisit = (idNumber: string, token = officer) =>
    s.gql<{
      openWindowVisit: {
        visit: {
          id: string;
          applicantIdNumber: string;
          applicantName: string;
          knownTo: string[];
          officer: { subject: string; centre: string | null };
        } | null;
        problems: { field: string; code: string; message: { zh: string; en: string } }[];
      };
    }>(
      `mutation V($n: IdNumber!) { openWindowVisit(applicantIdNumber: $n, identityCheck: ID_CARD_READ) { ${VISIT} problems { field code message { zh en } } } }`,
      { n: idNumber },
      token,
    );

  /** An upload made by the officer in a visit: the walk-in's. */
  const uploadInVisit = async (visitId: string, body: Buffer, name: string, token = officer) => {
    const res = await fetch(`${s.gatewayUrl}/materials?visitId=${visitId}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'x-material-name': encodeURIComponent(name),
      },
      body: new Uint8Array(body),
    });
    const json = (await res.json()) as { id?: string; errors?: { extensions: { code: string } }[] };
    return { status: res.status, id: json.id, code: json.errors?.[0]?.extensions.code };
  };

  const checkFormQuery = `query C($b: ID!, $v: [FormValueInput!]!, $m: [ID!], $o: OnBehalfOf) {
    checkForm(bundleCode: $b, values: $v, materials: $m, onBehalfOf: $o) { valid problems { field code message { zh en } } } }`;

  const submitQuery = `mutation S($i: ApplicationInput!, $o: OnBehalfOf) { submitApplication(input: $i, onBehalfOf: $o) {
    application { ${APPLICATION_FIELDS} intake { channel officer { subject } identityCheck agent { idNumber } } responsibleOfficer { subject name centre } }
    problems { field code } } }`;

  const walkIn = async (): Promise<Parties> => {
    const p = parties(pairs++, personas);
    await saleConfirmed(s, p);
    return p;
  };

  let windowApplication: string;

  it('takes in a walk-in’s house transfer, from the identity check to the application they see online and rate', async () => {
    const p = await walkIn();
    // An ID number that is not one: one answer, refused by its scalar like anywhere else.
    const bad = await openVisit(
      `${p.buyer.idNumber.slice(0, 17)}${p.buyer.idNumber.endsWith('0') ? '1' : '0'}`,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    // A valid number no department holds: said so, bilingual, at the field; no visit.
    const first17 = '11010119900307999';
    const nobody = await openVisit(first17 + residentIdCheckCharacter(first17));
    expect(nobody.errors).toBeUndefined();
    expect(nobody.data!.openWindowVisit.visit).toBeNull();
    expect(nobody.data!.openWindowVisit.problems).toEqual([
      expect.objectContaining({
        field: 'applicantIdNumber',
        code: 'identity.unknownPerson',
        message: {
          zh: expect.stringContaining('未登记'),
          en: expect.stringContaining('no department holds'),
        },
      }),
    ]);
    // Applicants open no visits.
    const buyer = await buyerToken(s, p);
    expect((await openVisit(p.buyer.idNumber, buyer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const opened = await openVisit(p.buyer.idNumber);
    expect(opened.errors).toBeUndefined();
    const visit = opened.data!.openWindowVisit.visit!;
    expect(visit.applicantIdNumber).toBe(p.buyer.idNumber);
    expect(visit.knownTo.length).toBeGreaterThan(0);
    expect(visit.officer).toEqual(
      expect.objectContaining({ subject: 'staff-window-01', centre: '湖州市民之家' }),
    );
    const onBehalfOf = { visitId: visit.id };
    // The visit is the officer's alone.
    expect(
      (
        await s.gql<{ windowVisit: unknown }>(
          'query W($id: ID!) { windowVisit(id: $id) { id } }',
          { id: visit.id },
          colleague,
        )
      ).data?.windowVisit,
    ).toBeNull();

    // Witnessed consent: the signature uploaded in the visit, the applicant's.
    const consent = (witnessed?: { form: string; uploadId: string }) =>
      s.gql<{
        grantConsent: { witness: { subject: string }; signatureForm: string; signature: { id: string } };
      }>(
        `mutation G($o: OnBehalfOf, $w: WitnessedConsentInput) { grantConsent(bundleCode: "HOUSE-TRANSFER", scopes: ["tax", "realestate", "fund"], onBehalfOf: $o, witnessed: $w) { witness { subject } signatureForm signature { id } } }`,
        { o: onBehalfOf, w: witnessed },
        officer,
      );
    expect((await consent()).errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ path: 'witnessed', rule: 'consent.witnessRequired' }),
    ]);
    const signature = await uploadInVisit(visit.id, HOUSE_TRANSFER_UPLOADS[0].file, '签名.jpg');
    expect(signature.status).toBe(201);
    const granted = await consent({ form: 'SIGNED_ON_PAD', uploadId: signature.id! });
    expect(granted.errors).toBeUndefined();
    expect(granted.data!.grantConsent).toEqual({
      witness: { subject: 'staff-window-01' },
      signatureForm: 'SIGNED_ON_PAD',
      signature: { id: signature.id },
    });

    // Prefill for the walk-in, audited as a read of their data with the officer named.
    const prefill = await s.gql<{ prefillForm: { id: string; values: { key: string }[] } }>(
      'mutation P($o: OnBehalfOf) { prefillForm(bundleCode: "HOUSE-TRANSFER", onBehalfOf: $o) { id values { key } } }',
      { o: onBehalfOf },
      officer,
    );
    expect(prefill.errors).toBeUndefined();
    expect(prefill.data!.prefillForm.values.length).toBeGreaterThan(0);
    const trail = await s.gql<{
      readsOfMyData: { edges: { node: { why: { kind: string }; officer: { subject: string } | null } }[] };
    }>('{ readsOfMyData(first: 50) { edges { node { why { kind } officer { subject } } } } }', {}, buyer);
    const kinds = trail.data!.readsOfMyData.edges.map((e) => [e.node.why.kind, e.node.officer?.subject]);
    expect(kinds).toContainEqual(['IDENTITY_CHECK', 'staff-window-01']);
    expect(kinds).toContainEqual(['PREFILL', 'staff-window-01']);

    // The materials scanned in the visit are the walk-in's uploads.
    const materials: { id: string; uploadId: string }[] = [];
    for (const m of HOUSE_TRANSFER_UPLOADS) {
      const u = await uploadInVisit(visit.id, m.file, m.name);
      expect(u.status).toBe(201);
      materials.push({ id: m.id, uploadId: u.id! });
    }
    const myUploads = await s.gql<{ myUploads: { id: string }[] }>('{ myUploads { id } }', {}, buyer);
    expect(myUploads.data!.myUploads.map((u) => u.id)).toEqual(
      expect.arrayContaining(materials.map((m) => m.uploadId)),
    );

    // A form with mistakes: the same one answer at the window as online.
    const values = houseTransferValues(p.buyer.idNumber, p.seller.idNumber);
    const wrong = values.map((v) =>
      v.key === 'transaction.contractDate'
        ? { ...v, value: '2999-01-01' }
        : v.key === 'applicant.idNumber'
          ? { ...v, value: p.seller.idNumber }
          : v,
    );
    const atWindow = await s.gql<{ checkForm: { valid: boolean; problems: unknown[] } }>(
      checkFormQuery,
      { b: 'HOUSE-TRANSFER', v: wrong, m: materials.map((m) => m.id), o: onBehalfOf },
      officer,
    );
    const online = await s.gql<{ checkForm: { valid: boolean; problems: unknown[] } }>(
      checkFormQuery,
      { b: 'HOUSE-TRANSFER', v: wrong, m: materials.map((m) => m.id) },
      buyer,
    );
    expect(atWindow.errors).toBeUndefined();
    expect(atWindow.data!.checkForm.valid).toBe(false);
    expect(atWindow.data!.checkForm.problems).toEqual(online.data!.checkForm.problems);
    expect(atWindow.data!.checkForm.problems).toContainEqual(
      expect.objectContaining({ field: 'applicant.idNumber', code: 'applicant.notYou' }),
    );

    const submitted = await s.gql<{
      submitApplication: {
        application: (ApplicationView & { intake: unknown; responsibleOfficer: { subject: string } }) | null;
        problems: unknown[];
      };
    }>(submitQuery, { i: { bundleCode: 'HOUSE-TRANSFER', values, materials }, o: onBehalfOf }, officer);
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitApplication.problems).toEqual([]);
    const app = submitted.data!.submitApplication.application!;
    expect(app.intake).toEqual({
      channel: 'WINDOW',
      officer: { subject: 'staff-window-01' },
      identityCheck: 'ID_CARD_READ',
      agent: null,
    });
    expect(app.responsibleOfficer).toEqual({
      subject: 'staff-window-01',
      name: '王晓燕',
      centre: '湖州市民之家',
    });
    windowApplication = app.id;

    // The applicant's own, online.
    const mine = await s.gql<{ myApplications: { id: string }[] }>('{ myApplications { id } }', {}, buyer);
    expect(mine.data!.myApplications.map((a) => a.id)).toContain(app.id);
    const read = async () =>
      (
        await s.gql<{ application: ApplicationView }>(
          `query A($id: ID!) { application(id: $id) { ${APPLICATION_FIELDS} } }`,
          { id: app.id },
          buyer,
        )
      ).data!.application;
    await eventually(
      read,
      (a) =>
        statusOf(a, 'TAX-DEED-TAX') === 'ACCEPTED' && statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'ACCEPTED',
      'the deed tax and the withdrawal accepted',
    );
    await advanceClocks(s, 48);
    await eventually(read, (a) => statusOf(a, 'RE-TRANSFER') === 'ACCEPTED', 'the transfer accepted');
    await advanceClocks(s, 24 * 10);
    await eventually(read, (a) => a.status === 'COMPLETED', 'completed');
    const rated = await s.gql<{ rateApplication: { rating: { level: number } } }>(
      'mutation R($a: ID!) { rateApplication(applicationId: $a, level: 5, comment: "窗口一次办好") { rating { level } } }',
      { a: app.id },
      buyer,
    );
    expect(rated.errors).toBeUndefined();
    expect(rated.data!.rateApplication.rating.level).toBe(5);
  }, 180_000);

  it('finishes at the window a draft started online: values, options and uploads kept', async () => {
    const p = await walkIn();
    const buyer = await buyerToken(s, p);
    const values = houseTransferValues(p.buyer.idNumber, p.seller.idNumber);
    const materials = await houseTransferMaterials(s, buyer);
    // Half typed online, with a value that is wrong: kept as typed.
    const typed = [
      ...values.filter((v) => v.key !== 'transaction.price'),
      { key: 'transaction.price', value: 'abc' },
    ];
    const saved = await s.gql<{ saveDraft: { id: string; savedAt: string; expiresAt: string } }>(
      'mutation D($i: DraftInput!) { saveDraft(input: $i) { id savedAt expiresAt } }',
      { i: { bundleCode: 'HOUSE-TRANSFER', values: typed, materials } },
      buyer,
    );
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveDraft.savedAt).toBe('ONLINE');

    const visit = (await openVisit(p.buyer.idNumber)).data!.openWindowVisit.visit!;
    const onBehalfOf = { visitId: visit.id };
    const drafts = await s.gql<{
      myDrafts: {
        id: string;
        options: string[];
        values: { key: string; value: string }[];
        materials: { id: string; upload: { id: string } | null }[];
      }[];
    }>(
      'query M($o: OnBehalfOf) { myDrafts(onBehalfOf: $o) { id options values { key value } materials { id upload { id } } } }',
      { o: onBehalfOf },
      officer,
    );
    expect(drafts.errors).toBeUndefined();
    const draft = drafts.data!.myDrafts.find((d) => d.id === saved.data!.saveDraft.id)!;
    expect(draft.values).toContainEqual({ key: 'transaction.price', value: 'abc' });
    expect(draft.materials.map((m) => [m.id, m.upload?.id])).toEqual(
      materials.map((m) => [m.id, m.uploadId]),
    );

    // The officer corrects the price and submits the draft for the walk-in; submitting ends it.
    const submitted = await s.gql<{
      submitApplication: { application: { id: string } | null; problems: unknown[] };
    }>(
      submitQuery,
      {
        i: {
          bundleCode: 'HOUSE-TRANSFER',
          options: draft.options,
          values: values,
          materials: draft.materials.map((m) => ({ id: m.id, uploadId: m.upload!.id })),
          draftId: draft.id,
        },
        o: onBehalfOf,
      },
      officer,
    );
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitApplication.problems).toEqual([]);
    const left = await s.gql<{ myDrafts: { id: string }[] }>('{ myDrafts { id } }', {}, buyer);
    expect(left.data!.myDrafts.map((d) => d.id)).not.toContain(draft.id);
  }, 120_000);

  it('keeps a responsible officer: mine, a handover within the centre, another centre refused', async () => {
    const queue = (token: string) =>
      s.gql<{ applicationQueue: { id: string }[] }>('{ applicationQueue(mine: true) { id } }', {}, token);
    expect((await queue(officer)).data!.applicationQueue.map((a) => a.id)).toContain(windowApplication);
    expect((await queue(colleague)).data!.applicationQueue.map((a) => a.id)).not.toContain(windowApplication);

    const officers = await s.gql<{ windowOfficers: { subject: string }[] }>(
      '{ windowOfficers { subject } }',
      {},
      officer,
    );
    expect(officers.data!.windowOfficers.map((o) => o.subject)).toContain('staff-window-02');
    expect(officers.data!.windowOfficers.map((o) => o.subject)).not.toContain('staff-window-03');
    // Seen by any call to the hall: window-staff-other is listed to its own centre.
    const theirs = await s.gql<{ windowOfficers: { subject: string }[] }>(
      '{ windowOfficers { subject } }',
      {},
      elsewhere,
    );
    expect(theirs.data!.windowOfficers.map((o) => o.subject)).toEqual(['staff-window-03']);

    const handOver = (to: string, token = officer) =>
      s.gql<{
        handOverApplication: {
          responsibleOfficer: { subject: string };
          handovers: { from: { subject: string } | null; to: { subject: string }; reason: string | null }[];
        };
      }>(
        'mutation H($a: ID!, $t: ID!) { handOverApplication(applicationId: $a, toOfficer: $t, reason: "午休交接") { responsibleOfficer { subject } handovers { from { subject } to { subject } reason } } }',
        { a: windowApplication, t: to },
        token,
      );
    // Not to another centre's officer.
    expect((await handOver('staff-window-03')).errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ path: 'toOfficer', rule: 'handover.unknownOfficer' }),
    ]);
    const handed = await handOver('staff-window-02');
    expect(handed.errors).toBeUndefined();
    expect(handed.data!.handOverApplication.responsibleOfficer.subject).toBe('staff-window-02');
    expect(handed.data!.handOverApplication.handovers).toEqual([
      { from: null, to: { subject: 'staff-window-01' }, reason: null },
      { from: { subject: 'staff-window-01' }, to: { subject: 'staff-window-02' }, reason: '午休交接' },
    ]);
    expect((await queue(colleague)).data!.applicationQueue.map((a) => a.id)).toContain(windowApplication);
    // Only the responsible officer hands it over.
    expect((await handOver('staff-window-02')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Another centre's officer neither sees nor takes it.
    const seen = await s.gql<{ application: unknown }>(
      'query A($id: ID!) { application(id: $id) { id } }',
      { id: windowApplication },
      elsewhere,
    );
    expect(seen.data?.application).toBeNull();
    const all = await s.gql<{ applicationQueue: { id: string }[] }>(
      '{ applicationQueue { id } }',
      {},
      elsewhere,
    );
    expect(all.data!.applicationQueue.map((a) => a.id)).not.toContain(windowApplication);
    const take = await s.gql(
      'mutation T($a: ID!) { takeResponsibility(applicationId: $a) { id } }',
      { a: windowApplication },
      elsewhere,
    );
    expect(take.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lets a window officer pick up an online application that has none (首问负责)', async () => {
    const p = await walkIn();
    const buyer = await buyerToken(s, p);
    const submitted = await s.gql<{
      submitApplication: { application: { id: string; responsibleOfficer: unknown } };
    }>(
      submitQuery,
      {
        i: {
          bundleCode: 'HOUSE-TRANSFER',
          values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber),
          materials: await houseTransferMaterials(s, buyer),
        },
      },
      buyer,
    );
    const app = submitted.data!.submitApplication.application;
    expect(app.responsibleOfficer).toBeNull();
    const take = (token: string) =>
      s.gql<{ takeResponsibility: { responsibleOfficer: { subject: string; centre: string } } }>(
        'mutation T($a: ID!) { takeResponsibility(applicationId: $a) { responsibleOfficer { subject centre } } }',
        { a: app.id },
        token,
      );
    const taken = await take(colleague);
    expect(taken.data!.takeResponsibility.responsibleOfficer).toEqual({
      subject: 'staff-window-02',
      centre: '湖州市民之家',
    });
    expect((await take(officer)).errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ rule: 'responsibility.taken' }),
    ]);
  });
});

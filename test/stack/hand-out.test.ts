import { StandInAdmin } from '@onething/legacy-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buyerToken,
  completeHouseTransfers,
  eventually,
  FILES,
  houseTransferMaterials,
  houseTransferValues,
  parties,
  submit,
} from './house-transfer';
import { startTestStack, type TestStack } from './support';

/**
 * 统一出件 on the whole stack: the results of a completed house transfer posted through the courier's
 * stand-in (its waybill made, tracked, signed for) or collected at the output window with the
 * recipient's identity checked and their signature — the application ends DELIVERED, not before, and
 * the applicant is told at each step.
 */

const HAND_OUT = `handOut { method status waybillNumber waybillStatus signer deliveredAt
  collection { recipientName recipientIdMasked as identityCheck officer { name } } }`;

interface HandOutView {
  method: string;
  status: string;
  waybillNumber: string | null;
  waybillStatus: string | null;
  signer: string | null;
  deliveredAt: string | null;
  collection: { recipientName: string; recipientIdMasked: string; as: string } | null;
}

const ADDRESS = {
  name: '收件人',
  phone: '13912345678',
  province: '浙江省',
  city: '湖州市',
  county: '南浔区',
  address: '南浔镇人瑞路88号3幢201室',
  postalCode: '313009',
};

describe('results handed out once (统一出件)', () => {
  let s: TestStack;
  let courier: StandInAdmin;
  let pair = 110;

  beforeAll(async () => {
    s = await startTestStack({ hallEnv: { TRACK_INTERVAL_MS: '500', POLL_INTERVAL_MS: '500' } });
    courier = new StandInAdmin(`http://127.0.0.1:${s.ports.courier.adminPort}`);
  });
  afterAll(async () => {
    await s?.stop();
  });

  const handOutOf = async (token: string, id: string) => {
    const r = await s.gql<{ application: { status: string; handOut: HandOutView } }>(
      `query H($id: ID!) { application(id: $id) { status ${HAND_OUT} } }`,
      { id },
      token,
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!.application;
  };

  /** A house transfer handed in (with a way of hand-out) and completed: every part approved. */
  async function completed(handOut?: Record<string, unknown>) {
    const p = parties(pair++);
    const token = await buyerToken(s, p);
    const submitted = await submit(s, token, {
      bundleCode: 'HOUSE-TRANSFER',
      values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber),
      materials: await houseTransferMaterials(s, token),
      ...(handOut ? { handOut } : {}),
    });
    await completeHouseTransfers(s, [{ token, id: submitted.id }]);
    return { p, token, id: submitted.id };
  }

  it('posts the results through the courier and ends DELIVERED once signed for', async () => {
    const { token, id } = await completed({ method: 'POST', address: ADDRESS });
    const posted = await eventually(
      () => handOutOf(token, id),
      (a) => a.handOut.status === 'POSTED',
      'posted',
    );
    expect(posted.status).toBe('COMPLETED');
    expect(posted.handOut.waybillNumber).toMatch(/^[A-Z]{2}\d{9}CN$/);
    // A day on the courier's clock: picked up, in transit, out for delivery, signed for.
    await courier.advanceClock({ advanceHours: 30 });
    const delivered = await eventually(
      () => handOutOf(token, id),
      (a) => a.status === 'DELIVERED',
      'delivered and signed for',
    );
    expect(delivered.handOut).toMatchObject({ status: 'DELIVERED', waybillStatus: 'DELIVERED' });
    expect(delivered.handOut.signer).toBeTruthy();
    const inbox = await s.gql<{ myNotices: { kind: string; applicationId: string }[] }>(
      'query { myNotices { kind applicationId } }',
      {},
      token,
    );
    const kinds = inbox.data!.myNotices.filter((n) => n.applicationId === id).map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['APPROVED', 'POSTED', 'DELIVERED']));
    expect(kinds).not.toContain('READY_TO_COLLECT');
  });

  it('refuses a bad address at once, naming every problem', async () => {
    const p = parties(pair++);
    const token = await buyerToken(s, p);
    const r = await s.gql<{ submitApplication: { problems: { field: string }[] } }>(
      'mutation S($i: ApplicationInput!) { submitApplication(input: $i) { problems { field } } }',
      {
        i: {
          bundleCode: 'HOUSE-TRANSFER',
          values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber),
          materials: await houseTransferMaterials(s, token),
          handOut: {
            method: 'POST',
            address: { ...ADDRESS, phone: '12345', postalCode: '31300', address: ' ' },
          },
        },
      },
      token,
    );
    expect(r.data!.submitApplication.problems.map((x) => x.field).sort()).toEqual([
      'handOut.address.address',
      'handOut.address.phone',
      'handOut.address.postalCode',
    ]);
  });

  it('hands the results over at the window to the applicant, identity checked and signed, once', async () => {
    const { p, token, id } = await completed();
    const ready = await handOutOf(token, id);
    expect(ready).toMatchObject({ status: 'COMPLETED', handOut: { method: 'COLLECT', status: 'READY' } });
    // Too late to change: every part is approved.
    const late = await s.gql(
      'mutation C($id: ID!, $h: HandOutInput!) { chooseHandOut(applicationId: $id, handOut: $h) { status } }',
      { id, h: { method: 'POST', address: ADDRESS } },
      token,
    );
    expect(late.errors?.[0]?.extensions?.code).toBe('HAND_OUT_REFUSED');
    const officer = await s.token('window-staff');
    // The officer checks the recipient's ID card (a window visit), and takes their signature on the pad.
    const visitOf = async (idNumber: string) => {
      const r = await s.gql<{ openWindowVisit: { visit: { id: string } | null } }>(
        'mutation V($n: IdNumber!) { openWindowVisit(applicantIdNumber: $n, identityCheck: ID_CARD_READ) { visit { id } } }',
        { n: idNumber },
        officer,
      );
      return r.data!.openWindowVisit.visit!.id;
    };
    const signedIn = async (visitId: string) => {
      const res = await fetch(`${s.gatewayUrl}/materials?visitId=${visitId}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${officer}`,
          'content-type': 'application/octet-stream',
          'x-material-name': encodeURIComponent('signature.png'),
        },
        body: FILES.png,
      });
      return ((await res.json()) as { id: string }).id;
    };
    const collect = async (visitId: string, token = officer) =>
      s.gql<{ recordCollection: HandOutView }>(
        'mutation R($id: ID!, $i: CollectionInput!) { recordCollection(applicationId: $id, input: $i) { status collection { as recipientIdMasked identityCheck } } }',
        { id, i: { visitId, signatureUploadId: await signedIn(visitId) } },
        token,
      );
    // Not the applicant nor their agent: refused.
    expect((await collect(await visitOf(p.seller.idNumber))).errors?.[0]?.extensions?.code).toBe(
      'INVALID_INPUT',
    );
    // The applicant cannot record it for themself.
    const visit = await visitOf(p.buyer.idNumber);
    const mine = await s.gql(
      'mutation R($id: ID!, $i: CollectionInput!) { recordCollection(applicationId: $id, input: $i) { status } }',
      { id, i: { visitId: visit, signatureUploadId: 'x' } },
      token,
    );
    expect(mine.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The applicant themself, their ID card read: handed over.
    const handed = await collect(visit);
    expect(handed.errors).toBeUndefined();
    expect(handed.data!.recordCollection).toMatchObject({
      status: 'DELIVERED',
      collection: {
        as: 'APPLICANT',
        identityCheck: 'ID_CARD_READ',
        recipientIdMasked: `${p.buyer.idNumber.slice(0, 6)}********${p.buyer.idNumber.slice(-4)}`,
      },
    });
    expect((await collect(visit)).errors?.[0]?.extensions?.code).toBe('HAND_OUT_REFUSED');
    expect((await handOutOf(token, id)).status).toBe('DELIVERED');
  });
});

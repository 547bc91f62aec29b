import { setTimeout as sleep } from 'node:timers/promises';
import { SmsAdmin } from '@onething/legacy-sms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  advanceClocks,
  application,
  buyerToken,
  eventually,
  houseTransferMaterials,
  houseTransferValues,
  parties,
  submit,
} from './house-transfer';
import { startTestStack, type TestStack } from './support';

/**
 * The applicant is told: every change that needs them reaches their inbox and, as a text message through
 * the SMS gateway's stand-in, the mobile number of their form — once each, counted at the gateway by the
 * notice's id, though the hall is killed while the gateway holds a text; and never with their name or ID
 * number.
 */

interface NoticeView {
  id: string;
  kind: string;
  applicationId: string;
  text: { zh: string };
  readAt: string | null;
  textStatus: string;
}
const NOTICES =
  'query N { myNotices(limit: 50) { id kind applicationId text { zh } readAt textStatus } myUnreadNoticeCount }';

describe('notices: the inbox and the texts', () => {
  let s: TestStack;
  let sms: SmsAdmin;
  let pair = 90;

  beforeAll(async () => {
    // Each test's applicant has their own number; the gateway's per-number limit lets a bundle's texts through.
    s = await startTestStack({
      env: { LIMIT_PER_MINUTE: '30', LIMIT_PER_HOUR: '100', LIMIT_PER_DAY: '200' },
      hallEnv: { TEXT_INTERVAL_MS: '200', DISPATCH_LEASE_MS: '1500' },
    });
    sms = new SmsAdmin(`http://127.0.0.1:${s.ports.sms.adminPort}`);
  });
  afterAll(async () => {
    await s?.stop();
  });

  const noticesOf = async (token: string) => {
    const r = await s.gql<{ myNotices: NoticeView[]; myUnreadNoticeCount: number }>(NOTICES, {}, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!;
  };

  /** A buyer's house transfer, handed in with a number of their own. */
  async function handIn() {
    const p = parties(pair++);
    const phone = `139${String(pair).padStart(8, '0')}`;
    const token = await buyerToken(s, p);
    const submitted = await submit(s, token, {
      bundleCode: 'HOUSE-TRANSFER',
      values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber, {
        values: { 'applicant.phone': phone },
      }),
      materials: await houseTransferMaterials(s, token),
    });
    return { p, phone, token, id: submitted.id };
  }

  it('tells each change once, in the inbox and by one text each, with no more than the template needs', async () => {
    const { p, phone, token, id } = await handIn();
    await eventually(
      () => application(s, token, id),
      (a) => a.parts.filter((x) => x.status === 'ACCEPTED').length === 2,
      'accepted',
    );
    await advanceClocks(s, 48);
    // Paid at once by the stack's simulated payers; the transfer then decided too.
    await eventually(
      () => application(s, token, id),
      (a) => a.parts[2]!.status === 'ACCEPTED',
      'the transfer sent',
    );
    await advanceClocks(s, 24 * 10);
    await eventually(
      () => application(s, token, id),
      (a) => a.status === 'COMPLETED',
      'completed',
    );
    const inbox = await eventually(
      () => noticesOf(token),
      (n) => n.myNotices.length === 4 && n.myNotices.every((x) => x.textStatus === 'SENT'),
      'four notices, each texted',
    );
    // Newest first; approval and readiness come in one transaction, so in either order.
    expect(inbox.myNotices.map((n) => n.kind).slice(2)).toEqual(['PAYMENT_DUE', 'ACCEPTED']);
    expect(
      inbox.myNotices
        .map((n) => n.kind)
        .slice(0, 2)
        .sort(),
    ).toEqual(['APPROVED', 'READY_TO_COLLECT']);
    expect(inbox.myNotices.every((n) => n.applicationId === id)).toBe(true);
    expect(inbox.myUnreadNoticeCount).toBe(4);
    // One text per notice at the gateway, under the notice's id; the texts name neither the person nor their ID.
    const texts = await sms.messages({ phone });
    expect(texts.map((t) => t.TemplateCode).sort()).toEqual([
      'ONETHING_ACCEPTED',
      'ONETHING_APPROVED',
      'ONETHING_PAYMENT_DUE',
      'ONETHING_READY_TO_COLLECT',
    ]);
    expect(texts.map((t) => t.OutId).sort()).toEqual(inbox.myNotices.map((n) => n.id).sort());
    for (const t of texts) {
      expect(t.Text).toContain(id.slice(0, 8));
      expect(t.Text).not.toContain(p.buyer.idNumber);
      expect(t.Text).not.toContain(p.buyer.name);
    }

    // Read: only one's own.
    const other = await buyerToken(s, parties(pair++));
    const stranger = await s.gql<{ markNoticesRead: number }>(
      'mutation M($ids: [ID!]!) { markNoticesRead(ids: $ids) }',
      { ids: inbox.myNotices.map((n) => n.id) },
      other,
    );
    expect(stranger.data!.markNoticesRead).toBe(0);
    const mine = await s.gql<{ markNoticesRead: number }>(
      'mutation M($ids: [ID!]!) { markNoticesRead(ids: $ids) }',
      { ids: inbox.myNotices.map((n) => n.id) },
      token,
    );
    expect(mine.data!.markNoticesRead).toBe(4);
    expect((await noticesOf(token)).myUnreadNoticeCount).toBe(0);
  });

  it('sends a text once though the hall is killed while the gateway holds it', async () => {
    // The gateway takes its time with sends: the hall dies with one in hand.
    await sms.setFaults({ latencyMs: 1500, onlyOps: ['SendSms'] });
    const { phone, token, id } = await handIn();
    const hall = s.stack.services.get('subgraph-hall')!;
    const deadline = Date.now() + 30_000;
    let killed = false;
    let seen = 0;
    while (!killed && Date.now() < deadline) {
      const log = await sms.requestLog(seen);
      seen = Math.max(seen, ...log.map((e) => e.seq));
      if (log.some((e) => e.op === 'SendSms' && e.outcome === 'pending')) {
        await hall.restart();
        killed = true;
      } else await sleep(20);
    }
    expect(killed).toBe(true);
    await sms.clearFaults();
    const inbox = await eventually(
      () => noticesOf(token),
      (n) => n.myNotices.some((x) => x.kind === 'ACCEPTED' && x.textStatus === 'SENT'),
      'the acceptance texted after the restart',
    );
    const accepted = inbox.myNotices.find((n) => n.kind === 'ACCEPTED')!;
    expect(accepted.applicationId).toBe(id);
    expect(await sms.messages({ outId: accepted.id })).toHaveLength(1);
    expect(
      (await sms.messages({ phone })).filter((t) => t.TemplateCode === 'ONETHING_ACCEPTED'),
    ).toHaveLength(1);
  });

  it('marks each text delivered or not as the carrier reports, once; a forged report changes nothing', async () => {
    const accepted = async (token: string) =>
      (
        await eventually(
          () => noticesOf(token),
          (n) => n.myNotices.some((x) => x.kind === 'ACCEPTED' && x.textStatus === 'SENT'),
          'the acceptance texted',
        )
      ).myNotices.find((n) => n.kind === 'ACCEPTED')!;
    const reported = await (async () => {
      // Every report POSTed twice (the same ReportId, each signed afresh).
      await sms.setReportFaults({ twice: true });
      const a = await handIn();
      return { ...a, notice: await accepted(a.token) };
    })();
    const lost = await (async () => {
      // A number the carrier cannot reach: decided at the send, reported as such.
      const next = `139${String(pair + 1).padStart(8, '0')}`;
      await sms.setReportFaults({ failures: { [next]: 'UNDELIV' } });
      const a = await handIn();
      expect(a.phone).toBe(next);
      return { ...a, notice: await accepted(a.token) };
    })();

    // A report signed with a key that is not our account's: refused, the text still SENT.
    const forged = await fetch(`http://127.0.0.1:${s.ports.hall}/callbacks/sms`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'SMS-HMAC-SHA256 Credential=forger, Signature=AAAA',
        'x-sms-timestamp': String(Math.floor(Date.now() / 1000)),
        'x-sms-nonce': 'a1b2c3d4e5f6a7b8c9d0',
      },
      body: JSON.stringify({ OutId: reported.notice.id, Status: 'FAILED' }),
    });
    expect(forged.status).toBe(401);
    expect((await accepted(reported.token)).textStatus).toBe('SENT');

    // The reports fall due on the gateway's clock.
    await sms.advanceClock({ advanceMs: 10_000 });
    const status = async (token: string) =>
      eventually(
        () => noticesOf(token),
        (n) =>
          ['DELIVERED', 'UNDELIVERED'].includes(n.myNotices.find((x) => x.kind === 'ACCEPTED')!.textStatus),
        'the acceptance’s delivery report',
      );
    expect((await status(reported.token)).myNotices.find((x) => x.kind === 'ACCEPTED')!.textStatus).toBe(
      'DELIVERED',
    );
    expect((await status(lost.token)).myNotices.find((x) => x.kind === 'ACCEPTED')!.textStatus).toBe(
      'UNDELIVERED',
    );
    // Delivered or not, each text was sent once.
    expect(await sms.messages({ outId: reported.notice.id })).toHaveLength(1);
    expect(await sms.messages({ outId: lost.notice.id })).toHaveLength(1);
    await sms.clearReportFaults();
  });
});

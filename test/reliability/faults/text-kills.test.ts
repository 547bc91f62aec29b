import { setTimeout as sleep } from 'node:timers/promises';
import { rngFor } from '@onething/legacy-kit';
import { SmsAdmin } from '@onething/legacy-sms';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buyerToken,
  eventually,
  houseTransferMaterials,
  houseTransferValues,
  parties,
  submit,
} from '../../stack/house-transfer';
import type { TestStack } from '../../stack/support';
import { recordSection, rounds } from '../figures';
import { ended, startFaultStack } from './fault-stack';

/**
 * The message outbox under kills (issue 19): house transfers handed in one after another, each telling its
 * applicant of every change by a text; the hall killed with SIGKILL again and again — while the SMS
 * gateway holds one of its texts, just after the gateway answered one, or at a random moment — and started
 * again. Counted at the gateway by each notice's id (the text's OutId): every notice with a number is
 * texted exactly once.
 */

const KILLS = rounds(20, 4);
/** Applications handed in at most (the seeded population's house transfers from the 150th on). */
const APPLICATIONS = 60;
const SEED = 20261122;

type KillPoint = 'gateway holds a text' | 'gateway just answered a text' | 'random moment';
const POINTS: readonly KillPoint[] = [
  'gateway holds a text',
  'gateway just answered a text',
  'random moment',
];

const FAST = {
  POLL_INTERVAL_MS: '500',
  DISPATCH_LEASE_MS: '1500',
  DISPATCH_BACKOFF_MS: '100',
  DISPATCH_BACKOFF_MAX_MS: '1000',
  TEXT_INTERVAL_MS: '200',
};

interface Notice {
  id: string;
  kind: string;
  textStatus: string;
}

describe('the message outbox with the hall killed', () => {
  let s: TestStack | undefined;
  afterAll(async () => {
    await s?.stop();
  });

  it(`texts every notice exactly once though the hall is killed ${KILLS} times`, async () => {
    s = await startFaultStack({
      // Each applicant has a number of their own; the gateway's per-number limits let a bundle's texts through.
      env: { LIMIT_PER_MINUTE: '30', LIMIT_PER_HOUR: '100', LIMIT_PER_DAY: '200' },
      hallEnv: FAST,
    });
    const stack = s;
    const sms = new SmsAdmin(`http://127.0.0.1:${stack.ports.sms.adminPort}`);
    // The gateway takes its time with each send: kills land while the hall waits for it.
    await sms.setFaults({ latencyMs: 300, jitterMs: 400, onlyOps: ['SendSms'] });
    const hall = stack.stack.services.get('subgraph-hall')!;
    const rng = rngFor(SEED, 'text-kills');

    // Applications handed in one after another in the background until the last kill, so that texts are
    // being sent whenever a kill comes (a refused one is handed in again once the hall is back).
    const applicants: { token: string; phone: string; id: string }[] = [];
    let stop = false;
    const handing = (async () => {
      for (let n = 0; n < APPLICATIONS && !stop; n++) {
        const phone = `137${String(n).padStart(8, '0')}`;
        const p = parties(150 + n);
        for (let tries = 0; tries < 20; tries++) {
          try {
            const token = await buyerToken(stack, p);
            const a = await submit(stack, token, {
              bundleCode: 'HOUSE-TRANSFER',
              values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber, {
                values: { 'applicant.phone': phone },
              }),
              materials: await houseTransferMaterials(stack, token),
            });
            applicants.push({ token, phone, id: a.id });
            break;
          } catch {
            await sleep(1_000); // the hall down: hand it in again
          }
        }
        await sleep(rng.int(300, 1_500));
      }
    })();

    let seen = 0;
    // A send logged from now on in the state asked for (an entry is logged pending, then answered in place).
    const waitForSend = async (outcome: 'pending' | 'ok', timeoutMs: number): Promise<boolean> => {
      const from = seen;
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const log = await sms.requestLog(from);
        if (log.length > 0) seen = Math.max(seen, log.at(-1)!.seq);
        if (log.some((e) => e.op === 'SendSms' && e.outcome === outcome)) return true;
        await sleep(5);
      }
      return false;
    };
    const kills: { point: KillPoint; restartMs: number }[] = [];
    await sleep(3_000);
    for (let k = 0; k < KILLS; k++) {
      // Each point in turn, so that each gets its share in the short form too.
      let point = POINTS[k % POINTS.length]!;
      const log = await sms.requestLog(seen);
      if (log.length > 0) seen = log.at(-1)!.seq;
      if (point === 'random moment') await sleep(rng.int(0, 2_000));
      else if (!(await waitForSend(point === 'gateway holds a text' ? 'pending' : 'ok', 30_000)))
        point = 'random moment'; // nothing being sent: killed at once, and said so
      const killedAt = Date.now();
      await hall.restart(); // SIGKILL, then started again, ready
      kills.push({ point, restartMs: Date.now() - killedAt });
      await sleep(rng.int(500, 2_500));
    }
    stop = true;
    await handing;
    expect(
      kills.filter((k) => k.point !== 'random moment').length,
      'kills that landed on a send',
    ).toBeGreaterThan(0);
    await sms.clearFaults();

    // Every application to its end, every notice texted (or given up, which would be counted).
    const final = new Set(['COMPLETED', 'DELIVERED', 'REJECTED']);
    const notices: (Notice & { phone: string })[] = [];
    for (const a of applicants) {
      await eventually(
        () =>
          stack.gql<{ application: { status: string } }>(
            'query A($id: ID!) { application(id: $id) { status } }',
            { id: a.id },
            a.token,
          ),
        (r) => final.has(r.data?.application?.status ?? ''),
        `application ${a.id} at its end`,
        300_000,
      );
      const mine = await eventually(
        () =>
          stack.gql<{ myNotices: Notice[] }>('{ myNotices(limit: 200) { id kind textStatus } }', {}, a.token),
        (r) => (r.data?.myNotices ?? []).every((n) => n.textStatus !== 'PENDING'),
        `the texts of ${a.id} sent`,
        120_000,
      );
      for (const n of mine.data!.myNotices) notices.push({ ...n, phone: a.phone });
    }
    let lost = 0;
    let duplicated = 0;
    let texts = 0;
    for (const n of notices) {
      const at = await sms.messages({ outId: n.id });
      texts += at.length;
      if (at.length === 0) lost++;
      if (at.length > 1) duplicated += at.length - 1;
    }
    // Nothing texted to these numbers that is not a notice's.
    let strays = 0;
    for (const a of applicants) {
      const ids = new Set(notices.filter((n) => n.phone === a.phone).map((n) => n.id));
      strays += (await sms.messages({ phone: a.phone })).filter((m) => !ids.has(m.OutId)).length;
    }
    const failed = notices.filter((n) => n.textStatus === 'FAILED').length;

    expect(applicants.length, 'applications handed in').toBeGreaterThan(0);
    expect(lost, 'notices never texted').toBe(0);
    expect(duplicated, 'notices texted twice').toBe(0);
    expect(strays, 'texts of no notice').toBe(0);
    expect(failed, 'texts given up').toBe(0);
    expect(ended(stack), 'services that ended').toEqual([]);
    expect(kills).toHaveLength(KILLS);

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const kinds = [...new Set(notices.map((n) => n.kind))].sort();
    recordSection({
      key: '16-text-kills',
      title: 'The message outbox with the hall killed',
      about: [
        `${applicants.length} house transfers handed in one after another, each applicant with a mobile number of their own, while the`,
        `hall is killed with SIGKILL ${KILLS} times and started again; the SMS gateway holds each send for 300–700 ms. Each kill lands`,
        `at each point in turn (the random moments and pauses drawn with seed ${SEED}): while the gateway holds one of the hall’s texts, just after it answered one, or at`,
        'a random moment. Counted at the gateway once every application came to its end and every text left the outbox: a notice lost',
        'is one with no text under its id (the OutId); a duplicate is a second text under it.',
      ].join(' '),
      command:
        'RELIABILITY=full npx vitest run --project reliability test/reliability/faults/text-kills.test.ts',
      rows: [
        ...POINTS.map((point) => ({
          'kill point': point,
          kills: kills.filter((k) => k.point === point).length,
          notices: null,
          'texts at the gateway': null,
          lost: null,
          duplicated: null,
        })),
        {
          'kill point': 'all',
          kills: kills.length,
          notices: notices.length,
          'texts at the gateway': texts,
          lost,
          duplicated,
        },
      ],
      notes: [
        `Notices of ${kinds.join(', ')}; every one with the applicant's number, so every one texted. The hall was ready again a median ${median(kills.map((k) => k.restartMs))} ms after each kill.`,
        'Why it holds: a notice and its text are written in the transaction of the change they tell of (never lost); the texter claims a text under a lease and sends it under the notice’s id, which the gateway keeps one send per (never twice, though a killed hall’s lease runs out and another claim sends it again).',
        'Hall settings for the test: `DISPATCH_LEASE_MS=1500` (the texter’s lease too; default 30 s), `TEXT_INTERVAL_MS=200`, `POLL_INTERVAL_MS=500`; the departments’ and the gateway’s clocks run an hour a second; the embedded PGlite store, as `npm start` runs it.',
      ],
    });
  }, 1_500_000);
});

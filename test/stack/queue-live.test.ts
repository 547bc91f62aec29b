import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { follow as followStream } from './event-stream';
import {
  advanceClocks,
  application,
  buyerToken,
  eventually,
  handInHouseTransfer,
  parties,
  statusOf,
} from './house-transfer';
import { startTestStack, type TestStack } from './support';

/**
 * The staff queue live: a staff member's queue page follows their queue as server-sent events from the
 * hall through the gateway (`GET /events/queue`) — staff only; an event whenever what their queue shows
 * changes, by their scope (a department's staff their department's, a window officer their centre's), and
 * none for what it does not show; a page that reconnects with the last id it saw is told at once of what
 * changed while it was away.
 */

const follow = (s: TestStack, token: string | undefined, lastEventId?: string) =>
  followStream(s, '/events/queue', token, lastEventId);

/**
 * The id a page of `token`'s would get now: a stream opened now starts with the fingerprint of their queue
 * as it stands (the hall sends it at once), the id their open page last got if nothing in it changed.
 */
async function currentId(s: TestStack, token: string): Promise<string> {
  const now = await follow(s, token);
  await now.until(1, 'the queue as it stands');
  await now.close();
  return now.events[0]!.id!;
}

describe('the staff queue followed live', () => {
  let s: TestStack;
  let tax: string;
  let market: string;
  let officer: string;
  let elsewhere: string;

  beforeAll(async () => {
    s = await startTestStack({ hallEnv: { POLL_INTERVAL_MS: '500', LIVE_INTERVAL_MS: '200' } });
    tax = await s.token('staff-tax');
    market = await s.token('staff-market');
    officer = await s.token('window-staff');
    elsewhere = await s.token('window-staff-other');
  }, 240_000);
  afterAll(() => s?.stop());

  /** The window officer takes responsibility for an online application: it becomes their centre's. */
  const take = async (token: string, id: string) => {
    const r = await s.gql(
      'mutation T($a: ID!) { takeResponsibility(applicationId: $a) { id } }',
      { a: id },
      token,
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  };

  /** Waits until the house transfer's first two parts are accepted (the dispatcher works meanwhile). */
  const firstPartsAccepted = (token: string, id: string) =>
    eventually(
      () => application(s, token, id),
      (a) =>
        statusOf(a, 'TAX-DEED-TAX') === 'ACCEPTED' && statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'ACCEPTED',
      'the first parts accepted',
    );

  it('is followed by staff only', async () => {
    const anonymous = await follow(s, undefined);
    expect(anonymous.res.status).toBe(401);
    await anonymous.close();
    const applicant = await follow(s, await buyerToken(s, parties(61)));
    expect(applicant.res.status).toBe(403);
    expect(
      ((await applicant.res.json()) as { errors: { extensions: { code: string } }[] }).errors[0],
    ).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await applicant.close();
  });

  it('tells a department’s staff of an application reaching their department and of its parts’ changes; not another department’s', async () => {
    const taxPage = await follow(s, tax);
    expect(taxPage.res.status).toBe(200);
    expect(taxPage.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const marketPage = await follow(s, market);
    // Each queue as it stands, at once.
    await taxPage.until(1, 'the tax staff’s queue as it stands');
    await marketPage.until(1, 'the market staff’s queue as it stands');
    expect(taxPage.events[0]).toMatchObject({
      event: 'changed',
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const marketFirst = marketPage.events[0]!.id!;

    // A house transfer (tax, fund, real estate) is handed in: a new part at the tax bureau.
    const { token, application: transfer } = await handInHouseTransfer(s, 60);
    await taxPage.until(2, 'an event for the new application');
    expect(taxPage.events[1]!.id).not.toBe(taxPage.events[0]!.id);

    // The departments decide: a change of its parts, a new event.
    await firstPartsAccepted(token, transfer.id);
    const seen = taxPage.events.length;
    await advanceClocks(s, 48);
    await eventually(
      () => application(s, token, transfer.id),
      (a) => statusOf(a, 'TAX-DEED-TAX') === 'APPROVED',
      'the deed tax approved',
    );
    await taxPage.until(seen + 1, 'an event for the tax bureau’s decision');

    // Market regulation has no part in it: its staff's queue is as it was, and their page was told nothing.
    expect(await currentId(s, market)).toBe(marketFirst);
    expect(marketPage.events.map((e) => e.id)).toEqual([marketFirst]);
    await taxPage.close();
    await marketPage.close();
    // The window's from now on: out of the other centre's queue (applications of no centre are in every centre's).
    await take(officer, transfer.id);
  });

  it('tells a window officer of their centre’s applications; not another centre’s', async () => {
    const officerPage = await follow(s, officer);
    const elsewherePage = await follow(s, elsewhere);
    await officerPage.until(1, 'the officer’s queue as it stands');
    await elsewherePage.until(1, 'the other centre’s queue as it stands');

    // Handed in online: no centre yet, in every centre's queue; then the officer takes it, and it is their
    // centre's (it leaves the other centre's queue).
    const { token, application: transfer } = await handInHouseTransfer(s, 62);
    await officerPage.until(2, 'an event for the new application');
    await elsewherePage.until(2, 'an event for the new application, elsewhere');
    await firstPartsAccepted(token, transfer.id);
    await take(officer, transfer.id);
    // Every application is the officer's centre's now: the other centre's queue stays as it is.
    const elsewhereNow = await currentId(s, elsewhere);
    await eventually(
      async () => elsewherePage.events.at(-1)!.id,
      (id) => id === elsewhereNow,
      'the other centre told the application left its queue',
    );
    const elsewhereSeen = elsewherePage.events.map((e) => e.id);

    // The departments decide on the officer's centre's application.
    const seen = officerPage.events.length;
    await advanceClocks(s, 48);
    await eventually(
      () => application(s, token, transfer.id),
      (a) => statusOf(a, 'TAX-DEED-TAX') === 'APPROVED',
      'the deed tax approved',
    );
    await officerPage.until(seen + 1, 'an event for the departments’ decisions');
    expect(await currentId(s, elsewhere)).toBe(elsewhereNow);
    expect(elsewherePage.events.map((e) => e.id)).toEqual(elsewhereSeen);
    await officerPage.close();
    await elsewherePage.close();
  });

  it('tells a page that comes back what changed while it was away, at once', async () => {
    const page = await follow(s, tax);
    await page.until(1, 'the queue as it stands');
    const seen = page.events[0]!.id!;
    await page.close();

    // Away while a new application reaches the tax bureau.
    await handInHouseTransfer(s, 63);
    const back = await follow(s, tax, seen);
    await back.until(1, 'the change made while away');
    expect(back.events[0]!.id).not.toBe(seen);
    await back.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { follow as followStream } from './event-stream';
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
 * Live updates (issue 19): a page follows its application as server-sent events from the hall through the
 * gateway — only its reader may; each change is an event; a page that reconnects with the last id it saw
 * is told at once of what changed while it was away.
 */

const follow = (s: TestStack, id: string, token: string | undefined, lastEventId?: string) =>
  followStream(s, `/events/applications/${id}`, token, lastEventId);

describe('an application followed live', () => {
  let s: TestStack;
  let token: string;
  let id: string;

  beforeAll(async () => {
    s = await startTestStack({ hallEnv: { POLL_INTERVAL_MS: '500', LIVE_INTERVAL_MS: '200' } });
    const p = parties(40);
    token = await buyerToken(s, p);
    id = (
      await submit(s, token, {
        bundleCode: 'HOUSE-TRANSFER',
        values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber),
        materials: await houseTransferMaterials(s, token),
      })
    ).id;
  }, 240_000);
  afterAll(() => s?.stop());

  it('is followed by its reader only', async () => {
    const anonymous = await follow(s, id, undefined);
    expect(anonymous.res.status).toBe(401);
    await anonymous.close();
    const stranger = await follow(s, id, await buyerToken(s, parties(41)));
    expect(stranger.res.status).toBe(404);
    await stranger.close();
    const unknown = await follow(s, '00000000-0000-4000-8000-000000000000', token);
    expect(unknown.res.status).toBe(404);
    await unknown.close();
  });

  it('tells each change as it happens, and what changed while the page was away when it comes back', async () => {
    await eventually(
      () => application(s, token, id),
      (a) => a.parts.filter((x) => x.status === 'ACCEPTED').length === 2,
      'the first parts accepted',
    );
    const page = await follow(s, id, token);
    expect(page.res.status).toBe(200);
    expect(page.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // The state as it stands, at once.
    await page.until(1, 'the first event');
    const first = page.events[0]!;
    expect(first).toMatchObject({ event: 'changed' });
    expect(first.id).toMatch(/^[0-9a-f]{32}$/);

    // The departments decide: each change comes as an event, with a new id.
    await advanceClocks(s, 48);
    await page.until(2, 'an event for the departments’ decisions');
    expect(page.events[1]!.id).not.toBe(first.id);
    const seen = page.events.at(-1)!.id!;
    await page.close();

    // Away while the transfer goes on: back with the last id seen, told at once.
    await eventually(
      () => application(s, token, id),
      (a) => a.parts.some((x) => x.itemCode === 'RE-TRANSFER' && x.status === 'ACCEPTED'),
      'the transfer sent while away',
    );
    const back = await follow(s, id, token, seen);
    await back.until(1, 'the change made while away');
    expect(back.events[0]!.id).not.toBe(seen);
    await back.close();
  });
});

import type { Population, StandIn, StandInAdmin } from '@onething/legacy-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APP, freshNonce, startFund, type WireClient } from './harness';

describe('fund wire: signing, refusals and the envelope', () => {
  let standIn: StandIn;
  let admin: StandInAdmin;
  let wire: WireClient;
  let population: Population;
  let id: string;

  beforeAll(async () => {
    ({ standIn, admin, wire, population } = await startFund({
      apps: new Map([
        [APP.appid, APP.secret],
        ['audit', 'another-secret'],
      ]),
    }));
    id = population.fundAccounts[0]!.idNumber;
  });
  afterAll(() => standIn.close());
  beforeEach(() => admin.reset());

  it('answers a signed request in the envelope, and logs who asked for which keys', async () => {
    const a = await wire.call<{ list: { zjhm: string }[] }>('grzhcx', { zjhm: id });
    expect(a).toMatchObject({ status: 200, fhm: '000000', fhxx: '成功' });
    expect(a.data.list.map((r) => r.zjhm)).toEqual([id]);
    const [logged] = await admin.requestLog();
    expect(logged).toMatchObject({ op: 'grzhcx', keys: [id], caller: APP.appid, outcome: 'ok' });
  });

  it('accepts every app of FUND_APPS, each with its own secret', async () => {
    expect((await wire.call('grzhcx', { zjhm: id }, { appid: 'audit', secret: 'another-secret' })).fhm).toBe(
      '000000',
    );
    expect((await wire.call('grzhcx', { zjhm: id }, { appid: 'audit', secret: APP.secret })).fhm).toBe(
      'E1002',
    );
  });

  it('refuses an unknown app id with E1001', async () => {
    const a = await wire.call('grzhcx', { zjhm: id }, { appid: 'stranger' });
    expect(a).toMatchObject({ status: 200, fhm: 'E1001' });
    expect((await admin.requestLog())[0]?.outcome).toBe('refused');
  });

  it('refuses a bad signature with E1002: wrong secret, or a parameter changed after signing', async () => {
    expect((await wire.call('grzhcx', { zjhm: id }, { secret: 'not-the-secret' })).fhm).toBe('E1002');
    expect((await wire.call('grzhcx', { zjhm: id }, { sign: 'ab'.repeat(32) })).fhm).toBe('E1002');
    expect((await wire.call('grzhcx', { zjhm: id }, { sign: 'not-hex' })).fhm).toBe('E1002');
  });

  it('refuses a timestamp more than 300 s from its time with E1003, and accepts one within', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await wire.call('grzhcx', { zjhm: id }, { timestamp: String(now - 301) })).fhm).toBe('E1003');
    expect((await wire.call('grzhcx', { zjhm: id }, { timestamp: String(now + 400) })).fhm).toBe('E1003');
    expect((await wire.call('grzhcx', { zjhm: id }, { timestamp: String(now - 240) })).fhm).toBe('000000');
  });

  it('refuses a replayed nonce with E1004, but not the same nonce of another app', async () => {
    const nonce = freshNonce();
    expect((await wire.call('grzhcx', { zjhm: id }, { nonce })).fhm).toBe('000000');
    expect((await wire.call('grzhcx', { zjhm: id }, { nonce })).fhm).toBe('E1004');
    expect(
      (await wire.call('grzhcx', { zjhm: id }, { nonce, appid: 'audit', secret: 'another-secret' })).fhm,
    ).toBe('000000');
  });

  it('does not spend a nonce on a request whose signature fails', async () => {
    const nonce = freshNonce();
    expect((await wire.call('grzhcx', { zjhm: id }, { nonce, secret: 'wrong-secret' })).fhm).toBe('E1002');
    expect((await wire.call('grzhcx', { zjhm: id }, { nonce })).fhm).toBe('000000');
  });

  it('refuses missing parameters with E1005, naming each one', async () => {
    const a = await wire.call<{ cwxx: { zd: string }[] }>(
      'grzhcx',
      { zjhm: id },
      { omit: ['sign', 'nonce'] },
    );
    expect(a.fhm).toBe('E1005');
    expect(a.data.cwxx.map((e) => e.zd).sort()).toEqual(['nonce', 'sign']);
    const b = await wire.call<{ cwxx: { zd: string }[] }>('grzhcx', {});
    expect(b.fhm).toBe('E1005');
    expect(b.data.cwxx.map((e) => e.zd)).toEqual(['zjhm']);
  });

  it('refuses malformed common parameters and repeated parameters with E2001', async () => {
    const a = await wire.call<{ cwxx: { zd: string }[] }>(
      'grzhcx',
      { zjhm: id },
      { nonce: 'short', timestamp: 'now' },
    );
    expect(a.fhm).toBe('E2001');
    expect(a.data.cwxx.map((e) => e.zd).sort()).toEqual(['nonce', 'timestamp']);

    const res = await fetch(`${standIn.url}/gjj/api/grzhcx`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `zjhm=${id}&zjhm=${id}&appid=${APP.appid}`,
    });
    const body = (await res.json()) as { fhm: string; data: { cwxx: { zd: string }[] } };
    expect(body.fhm).toBe('E2001');
    expect(body.data.cwxx).toEqual([{ zd: 'zjhm', yy: '参数重复出现' }]);
  });

  it('answers HTTP 415 to a body that is not a form, and 404 E1006 to an unknown service', async () => {
    const json = await fetch(`${standIn.url}/gjj/api/grzhcx`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ zjhm: id }),
    });
    expect(json.status).toBe(415);
    expect((await fetch(`${standIn.url}/gjj/api/grzhcx`, { method: 'POST' })).status).toBe(415);
    const unknown = await wire.call('xxcx', { zjhm: id });
    expect(unknown).toMatchObject({ status: 404, fhm: 'E1006' });
  });

  it('accepts a form whose content type names its charset, and decodes UTF-8 values', async () => {
    const a = await wire.call<{ list: unknown[] }>(
      'grzhcx',
      { zjhm: id, bz: '备注 含空格+加号' },
      { contentType: 'application/x-www-form-urlencoded; charset=UTF-8' },
    );
    // The signature covers the decoded value: a server reading `+` or `%E5…` differently would say E1002.
    expect(a.fhm).toBe('000000');
  });

  it('answers an injected failure as its own system error: HTTP 500 E9999', async () => {
    await admin.setFaults({ failNext: 1 });
    const a = await wire.call('grzhcx', { zjhm: id });
    expect(a).toMatchObject({ status: 500, fhm: 'E9999', fhxx: '系统异常' });
    expect((await wire.call('grzhcx', { zjhm: id })).fhm).toBe('000000');
  });
});

import type { Population, StandIn, StandInAdmin } from '@onething/legacy-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { marketApi, startMarket } from './helpers';

describe('who may call the market system, and how often', () => {
  let standIn: StandIn;
  let admin: StandInAdmin;
  let population: Population;

  beforeAll(async () => {
    ({ standIn, admin, population } = await startMarket({
      MARKET_CLIENTS: 'onething, window-app',
      MARKET_RATE_LIMIT: '2',
      MARKET_RATE_BURST: '3',
    }));
  });
  afterAll(() => standIn.close());
  beforeEach(() => admin.reset());

  const uscc = () => population.enterprises[0]!.uscc;

  it('refuses a missing or unknown X-Client-Id with 401 UNAUTHORIZED', async () => {
    const missing = await fetch(`${standIn.url}/api/enterprises/${uscc()}`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
    const unknown = await marketApi(standIn.url, 'intruder').get(`/api/enterprises/${uscc()}`);
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toContain('intruder');
    expect((await admin.counts()).byOp['enterprise.get']).toBe(2);
  });

  it('lets a burst through, then answers 429 RATE_LIMITED with Retry-After: 1, per client id', async () => {
    const api = marketApi(standIn.url, 'window-app');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.get(`/api/enterprises/${uscc()}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await api.get(`/api/enterprises/${uscc()}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
    // Another client has its own bucket.
    expect((await marketApi(standIn.url, 'onething').get(`/api/enterprises/${uscc()}`)).status).toBe(200);
    // Refused requests were received, so they are counted.
    expect((await admin.counts()).byOp['enterprise.get']).toBe(6);
    const outcomes = (await admin.requestLog()).map((r) => `${r.caller}:${r.outcome}`);
    expect(outcomes).toEqual([
      'window-app:ok',
      'window-app:ok',
      'window-app:ok',
      'window-app:refused',
      'window-app:refused',
      'onething:ok',
    ]);
  });

  it('answers again after waiting what Retry-After asked', async () => {
    const api = marketApi(standIn.url, 'window-app');
    let res = await api.get(`/api/enterprises/${uscc()}`);
    while (res.status === 200) res = await api.get(`/api/enterprises/${uscc()}`);
    expect(res.status).toBe(429);
    await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after')) * 1000));
    expect((await api.get(`/api/enterprises/${uscc()}`)).status).toBe(200);
  });
});

describe('the market system’s failures, in its own format', () => {
  let standIn: StandIn;
  let admin: StandInAdmin;
  let api: ReturnType<typeof marketApi>;
  let uscc: string;

  beforeAll(async () => {
    let population: Population;
    ({ standIn, admin, population } = await startMarket());
    api = marketApi(standIn.url);
    uscc = population.enterprises[0]!.uscc;
  });
  afterAll(() => standIn.close());
  beforeEach(() => admin.reset());

  it('answers an injected server error as 500 INTERNAL_ERROR', async () => {
    await admin.setFaults({ failNext: 1 });
    const res = await api.get(`/api/enterprises/${uscc}`);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL_ERROR', message: expect.any(String) } });
    expect((await api.get(`/api/enterprises/${uscc}`)).status).toBe(200);
  });

  it('sends a wrong-shape answer that is valid JSON but no enterprise', async () => {
    await admin.setFaults({ malformedRate: 1, malformedKind: 'wrong-shape' });
    const res = await api.get(`/api/enterprises/${uscc}`);
    expect(res.status).toBe(200);
    expect(res.body.uscc).toBeUndefined();
  });

  it('answers unknown paths and unparseable bodies in its error envelope', async () => {
    const missing = await api.get('/api/companies');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const res = await fetch(`${standIn.url}/api/applications`, {
      method: 'POST',
      headers: {
        'x-client-id': 'onething',
        'content-type': 'application/json',
        'idempotency-key': 'abcdefgh1',
      },
      body: '{"itemCode":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    const form = await fetch(`${standIn.url}/api/applications`, {
      method: 'POST',
      headers: {
        'x-client-id': 'onething',
        'content-type': 'application/x-www-form-urlencoded',
        'idempotency-key': 'abcdefgh1',
      },
      body: 'itemCode=MKT-ESTABLISH',
    });
    expect(form.status).toBe(415);
    expect(((await form.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

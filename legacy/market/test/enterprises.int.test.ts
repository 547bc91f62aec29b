import type { Enterprise, Population, StandIn, StandInAdmin } from '@onething/legacy-kit';
import { usccCheckCharacter } from '@onething/schema';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { marketApi, startMarket } from './helpers';

describe('market enterprise reads', () => {
  let standIn: StandIn;
  let admin: StandInAdmin;
  let population: Population;
  let api: ReturnType<typeof marketApi>;

  beforeAll(async () => {
    ({ standIn, admin, population } = await startMarket());
    api = marketApi(standIn.url);
  });
  afterAll(() => standIn.close());
  beforeEach(() => admin.reset());

  const company = () => population.enterprises.find((e) => e.kind === 'company' && e.status === 'active')!;
  const repName = (e: Enterprise) => population.persons.find((p) => p.idNumber === e.legalRepIdNumber)!.name;

  it('answers an enterprise by USCC in the wire’s terms: capital in 万元, Beijing time', async () => {
    const e = company();
    const res = await api.get(`/api/enterprises/${e.uscc}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      uscc: e.uscc,
      name: e.name,
      entityType: 'COMPANY',
      legalRepresentative: { idNumber: e.legalRepIdNumber, name: repName(e) },
      registeredCapital: e.registeredCapitalFen / 1_000_000,
      establishedDate: e.establishedOn,
      address: e.address,
      businessScope: e.businessScope,
      status: 'EXISTING',
      lastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/),
    });
    expect(Date.parse(res.body.lastModified)).toBe(Date.parse(e.updatedAt));
  });

  it('shows sole traders and deregistered enterprises as such', async () => {
    const individual = population.enterprises.find((e) => e.kind === 'individual')!;
    const gone = population.enterprises.find((e) => e.status === 'deregistered')!;
    expect((await api.get(`/api/enterprises/${individual.uscc}`)).body.entityType).toBe('INDIVIDUAL');
    expect((await api.get(`/api/enterprises/${gone.uscc}`)).body.status).toBe('DEREGISTERED');
  });

  it('answers 404 NOT_FOUND for a valid USCC it does not hold, 400 naming the rule for a malformed one', async () => {
    const first17 = '91330502MA0000001';
    const check = usccCheckCharacter(first17);
    const unknown = await api.get(`/api/enterprises/${first17}${check}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining(first17) } });
    const wrong = check === '0' ? '1' : '0';
    const bad = await api.get(`/api/enterprises/${first17}${wrong}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'uscc', rule: 'GB32100.checkCharacter' }],
    });
  });

  it('counts one enterprise.get per call and logs the USCC read and the caller', async () => {
    const e = company();
    await api.get(`/api/enterprises/${e.uscc}`);
    await api.get(`/api/enterprises/${e.uscc}`);
    expect((await admin.counts()).byOp).toEqual({ 'enterprise.get': 2 });
    const log = await admin.requestLog();
    expect(log.map((r) => [r.keys, r.caller, r.outcome])).toEqual([
      [[e.uscc], 'onething', 'ok'],
      [[e.uscc], 'onething', 'ok'],
    ]);
  });

  it('lists the enterprises a person represents, a page at a time', async () => {
    const counts = new Map<string, number>();
    for (const e of population.enterprises)
      counts.set(e.legalRepIdNumber, (counts.get(e.legalRepIdNumber) ?? 0) + 1);
    const [rep, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    expect(n).toBeGreaterThanOrEqual(3);
    const first = await api.get(`/api/enterprises?legalRepIdNumber=${rep}&page=1&pageSize=2`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 2, total: n });
    expect(first.body.items).toHaveLength(2);
    const all = [];
    for (let page = 1; page <= Math.ceil(n / 2); page++) {
      const res = await api.get(`/api/enterprises?legalRepIdNumber=${rep}&page=${page}&pageSize=2`);
      all.push(...res.body.items);
    }
    expect(all.map((e: { uscc: string }) => e.uscc).sort()).toEqual(
      population.enterprises
        .filter((e) => e.legalRepIdNumber === rep)
        .map((e) => e.uscc)
        .sort(),
    );
    const beyond = await api.get(`/api/enterprises?legalRepIdNumber=${rep}&page=99&pageSize=2`);
    expect(beyond.body).toMatchObject({ items: [], total: n });
  });

  it('answers an empty page for a person who represents nothing', async () => {
    const reps = new Set(population.enterprises.map((e) => e.legalRepIdNumber));
    const nobody = population.persons.find((p) => !reps.has(p.idNumber))!;
    const res = await api.get(`/api/enterprises?legalRepIdNumber=${nobody.idNumber}`);
    expect(res.body).toEqual({ items: [], page: 1, pageSize: 20, total: 0 });
  });

  it('refuses every bad list parameter at once', async () => {
    const res = await api.get('/api/enterprises?legalRepIdNumber=110105194912310021&page=0&pageSize=51');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual([
      'legalRepIdNumber',
      'page',
      'pageSize',
    ]);
    const none = await api.get('/api/enterprises');
    expect(none.body.error.details).toEqual([
      { field: 'legalRepIdNumber', rule: 'required', reason: expect.any(String) },
    ]);
  });
});

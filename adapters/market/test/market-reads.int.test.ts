import { type AdapterError, clientSettings } from '@onething/adapter-core';
import type { Population, StandIn, StandInAdmin } from '@onething/legacy-kit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMarketAdapter, type MarketAdapter, type MarketAdapterOptions } from '../src/index';
import { startMarketSystem } from './market-system';

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as AdapterError,
  );

describe('market adapter reads against the market system', () => {
  let standIn: StandIn;
  let admin: StandInAdmin;
  let population: Population;
  let adapter: MarketAdapter;
  const make = (options: Partial<MarketAdapterOptions> = {}) =>
    createMarketAdapter({ client: clientSettings(standIn.url), ...options });
  const calls = async (op: string) => (await admin.counts()).byOp[op] ?? 0;

  beforeAll(async () => {
    ({ standIn, admin, population } = await startMarketSystem());
  });
  afterAll(() => standIn.close());
  beforeEach(async () => {
    await admin.reset();
    adapter = make();
  });
  afterEach(() => adapter.close());

  describe('reads', () => {
    it('reads enterprises in domain terms: capital from 万元 to fen, statuses and kinds of the domain', async () => {
      const individual = population.enterprises.find((e) => e.kind === 'individual')!;
      const gone = population.enterprises.find((e) => e.status === 'deregistered')!;
      const loader = adapter.loaders().enterprise;
      const [a, b] = await Promise.all([loader.load(individual.uscc), loader.load(gone.uscc.toLowerCase())]);
      expect(a).toMatchObject({
        uscc: individual.uscc,
        kind: 'INDIVIDUAL',
        registeredCapitalFen: individual.registeredCapitalFen,
        status: individual.status === 'active' ? 'ACTIVE' : 'DEREGISTERED',
        legalRepName: population.persons.find((p) => p.idNumber === individual.legalRepIdNumber)!.name,
        updatedAt: new Date(individual.updatedAt).toISOString(),
      });
      expect(b).toMatchObject({ uscc: gone.uscc, status: 'DEREGISTERED' });
      expect(Number.isSafeInteger(a!.registeredCapitalFen)).toBe(true);
      expect(await calls('enterprise.get')).toBe(2);
    });

    it('refuses a malformed USCC before calling', async () => {
      const err = await errorOf(adapter.enterprise('91330502MA000000'));
      expect(err?.code).toBe('INVALID_INPUT');
      expect(err?.details.problems?.[0]?.rule).toBe('GB32100.length');
      expect(await calls('enterprise.get')).toBe(0);
    });

    it('walks every page of the enterprises a person represents, one call per page', async () => {
      const counts = new Map<string, number>();
      for (const e of population.enterprises)
        counts.set(e.legalRepIdNumber, (counts.get(e.legalRepIdNumber) ?? 0) + 1);
      const [rep, n] = [...counts].sort((x, y) => y[1] - x[1])[0]!;
      expect(n).toBeGreaterThanOrEqual(3);
      const paged = make({ pageSize: 2 });
      const loader = paged.loaders().enterprisesRepresentedBy;
      const [list, again] = await Promise.all([loader.load(rep), loader.load(rep)]);
      expect(again).toBe(list);
      expect(list!.map((e) => e.uscc).sort()).toEqual(
        population.enterprises
          .filter((e) => e.legalRepIdNumber === rep)
          .map((e) => e.uscc)
          .sort(),
      );
      expect(list!.every((e) => e.legalRepIdNumber === rep)).toBe(true);
      expect(await calls('enterprise.list')).toBe(Math.ceil(n / 2));
      paged.close();
    });

    it('answers an empty list in one call for a person who represents nothing', async () => {
      const reps = new Set(population.enterprises.map((e) => e.legalRepIdNumber));
      const nobody = population.persons.find((p) => !reps.has(p.idNumber))!;
      expect(await adapter.enterprisesRepresentedBy(nobody.idNumber)).toEqual([]);
      expect(await calls('enterprise.list')).toBe(1);
    });

    it('lists the items in domain terms: money bounds in fen, field types and results of the domain', async () => {
      const items = await adapter.listItems();
      expect(items.map((i) => i.code)).toEqual([
        'MKT-ESTABLISH',
        'MKT-ESTABLISH-INDIVIDUAL',
        'MKT-CHANGE',
        'MKT-DEREGISTER',
      ]);
      const establish = items[0]!;
      expect(establish).toMatchObject({
        department: 'market',
        type: 'administrative-licence',
        feeFen: 0,
        legalLimitDays: 3,
        promisedLimitDays: 1,
        result: { kind: 'licence', materials: ['business-licence'], values: ['enterprise.uscc'] },
      });
      expect(establish.fields.find((f) => f.key === 'enterprise.registeredCapital')).toMatchObject({
        type: 'money',
        min: 100,
        required: true,
      });
      expect(establish.fields.find((f) => f.key === 'applicant.idNumber')).toMatchObject({
        type: 'idNumber',
        editable: false,
      });
      const change = items[2]!;
      expect(change.materials.find((m) => m.id === 'business-licence')).toMatchObject({
        original: true,
        heldBy: ['market'],
      });
      await adapter.listItems();
      expect(await calls('items.list')).toBe(1); // the catalogue is kept
    });

    it('answers with the department’s refusal when it does not know the caller', async () => {
      const stranger = make({ clientId: 'stranger' });
      const err = await errorOf(stranger.enterprise(population.enterprises[0]!.uscc));
      expect(err?.code).toBe('DEPARTMENT_REJECTED');
      expect(err?.details).toMatchObject({ departmentCode: 'UNAUTHORIZED', httpStatus: 401 });
      expect(await calls('enterprise.get')).toBe(1); // a refusal is not retried
      stranger.close();
    });
  });
});

describe('market adapter under the system’s rate limit', () => {
  let standIn: StandIn;
  let admin: StandInAdmin;
  let population: Population;

  beforeAll(async () => {
    // Two requests a second, two at once: four reads at once get two answers and two 429s.
    ({ standIn, admin, population } = await startMarketSystem({
      MARKET_RATE_LIMIT: '2',
      MARKET_RATE_BURST: '2',
    }));
  });
  afterAll(() => standIn.close());

  it('reads through 429s by waiting the Retry-After they carry', async () => {
    const adapter = createMarketAdapter({
      client: clientSettings(standIn.url, { retry: { retries: 2, maxRetryAfterMs: 2_000 } }),
      concurrency: 8,
    });
    const keys = population.enterprises.slice(0, 4).map((e) => e.uscc);
    const found = await adapter.loaders().enterprise.loadMany(keys);
    expect(found.map((e) => (e instanceof Error ? e.message : e?.uscc))).toEqual(keys);
    // Four reads and two retries reached the system; the two refused were rate-limited.
    expect((await admin.counts()).byOp['enterprise.get']).toBe(6);
    const log = await admin.requestLog();
    expect(log.filter((r) => r.outcome === 'refused')).toHaveLength(2);
    adapter.close();
  });
});

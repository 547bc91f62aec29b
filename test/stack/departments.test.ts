import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientSettings, isAdapterError } from '@onething/adapter-core';
import { createFundAdapter } from '@onething/adapter-fund';
import { createMarketAdapter } from '@onething/adapter-market';
import { createRealestateAdapter } from '@onething/adapter-realestate';
import { createTaxAdapter } from '@onething/adapter-tax';
import { generatePopulation, StandInAdmin } from '@onething/legacy-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeStackPorts, type RunningStack, type StackPorts, startStack } from '../../scripts/stack';

/**
 * The four departments' systems as `npm start` runs them — separate processes on their own ports — read
 * through the four adapters: one person, known to every department, the same person everywhere.
 */
const PERSONS = 2000;
const population = generatePopulation({ seed: 20261122, persons: PERSONS });

// Someone who represents an enterprise, owns a property and has a fund account.
const owners = new Set(population.properties.flatMap((p) => p.ownerIdNumbers));
const accounts = new Map(population.fundAccounts.map((a) => [a.idNumber, a]));
const enterprise = population.enterprises.find(
  (e) => owners.has(e.legalRepIdNumber) && accounts.has(e.legalRepIdNumber),
)!;
const person = population.persons.find((p) => p.idNumber === enterprise.legalRepIdNumber)!;
const property = population.properties.find((p) => p.ownerIdNumbers.includes(person.idNumber))!;

describe('the four departments’ systems, started as npm start starts them', () => {
  let stack: RunningStack;
  let ports: StackPorts;
  const url = (dept: keyof StackPorts['legacy']) => `http://127.0.0.1:${ports.legacy[dept].port}`;
  const admin = (dept: keyof StackPorts['legacy']) =>
    new StandInAdmin(`http://127.0.0.1:${ports.legacy[dept].adminPort}`);
  const adapters = () => ({
    tax: createTaxAdapter({ client: clientSettings(url('tax')), apiKey: 'tax-dev-key' }),
    market: createMarketAdapter({ client: clientSettings(url('market')) }),
    realestate: createRealestateAdapter({ client: clientSettings(url('realestate'), { timeoutMs: 5_000 }) }),
    fund: createFundAdapter({
      client: clientSettings(url('fund')),
      appId: 'onething-hall',
      appSecret: 'fund-dev-secret',
    }),
  });

  beforeAll(async () => {
    ports = await freeStackPorts();
    const logDir = mkdtempSync(join(tmpdir(), 'onething-stack-'));
    stack = await startStack({
      ports,
      persons: PERSONS,
      clockSpeed: 0,
      logLevel: 'warn',
      logDir,
      env: { LIMITS_LIFTED: 'true' },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('knows the same person in every department, each answering in its own protocol', async () => {
    const a = adapters();
    const [taxpayer, represented, units, account] = await Promise.all([
      a.tax.loaders().taxpayers.load(person.idNumber),
      a.market.loaders().enterprisesRepresentedBy.load(person.idNumber),
      a.realestate.loaders().unitsOwnedBy.load(person.idNumber),
      a.fund.loaders().accountsByIdNumber.load(person.idNumber),
    ]);
    expect(taxpayer).toMatchObject({
      taxpayerId: person.idNumber,
      name: person.name,
      kind: 'NATURAL_PERSON',
    });
    expect(represented?.map((e) => e.uscc)).toContain(enterprise.uscc);
    expect(units).toContain(property.unitCode);
    expect(account).toMatchObject({
      idNumber: person.idNumber,
      balanceFen: accounts.get(person.idNumber)!.balanceFen,
    });
    for (const adapter of Object.values(a)) adapter.close();
  });

  it('serves each department’s item catalogue', async () => {
    const a = adapters();
    const codes = await Promise.all(
      Object.values(a).map(async (adapter) => (await adapter.listItems()).map((i) => i.code)),
    );
    expect(codes.flat()).toEqual(
      expect.arrayContaining(['TAX-DEED-TAX', 'MKT-ESTABLISH', 'RE-TRANSFER', 'FUND-PURCHASE-WITHDRAWAL']),
    );
    for (const adapter of Object.values(a)) adapter.close();
  });

  it('a department taken down refuses connections while the others answer; it answers again when back', async () => {
    await admin('fund').down();
    const a = adapters();
    const failed = await a.fund
      .loaders()
      .accountsByIdNumber.load(person.idNumber)
      .catch((e: unknown) => e);
    expect(isAdapterError(failed, 'DEPARTMENT_UNAVAILABLE')).toBe(true);
    expect(await a.tax.loaders().taxpayers.load(person.idNumber)).not.toBeNull();
    await admin('fund').up();
    expect(await adapters().fund.loaders().accountsByIdNumber.load(person.idNumber)).not.toBeNull();
    for (const adapter of Object.values(a)) adapter.close();
  });

  it('a stand-in killed with SIGKILL comes back on its port when restarted', async () => {
    const registry = stack.services.get('legacy-realestate')!;
    await registry.kill('SIGKILL');
    const a = adapters();
    const failed = await a.realestate
      .loaders()
      .property.load(property.unitCode)
      .catch((e: unknown) => e);
    expect(isAdapterError(failed, 'DEPARTMENT_UNAVAILABLE')).toBe(true);
    await registry.restart();
    expect(await adapters().realestate.loaders().property.load(property.unitCode)).toMatchObject({
      unitCode: property.unitCode,
      ownerIdNumbers: expect.arrayContaining([person.idNumber]),
    });
    for (const adapter of Object.values(a)) adapter.close();
  });
});

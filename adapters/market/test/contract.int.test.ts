import { clientSettings } from '@onething/adapter-core';
import { describeAdapterContract } from '@onething/adapter-core/contract';
import type { Population } from '@onething/legacy-kit';
import { usccCheckCharacter } from '@onething/schema';
import { expect } from 'vitest';
import { createMarketAdapter, type Enterprise, type MarketAdapter } from '../src/index';
import { establishment, startMarketSystem } from './market-system';

let population: Population;
const FIRST17 = '91330502MA0000001';
const CHECK = usccCheckCharacter(FIRST17);

describeAdapterContract<MarketAdapter, Enterprise>({
  department: 'market',
  async start() {
    const system = await startMarketSystem();
    population = system.population;
    return { url: system.standIn.url, control: system.admin, stop: () => system.standIn.close() };
  },
  adapter: (url, settings, hooks) => createMarketAdapter({ client: clientSettings(url, settings), hooks }),
  reads: {
    op: 'enterprise.get',
    batchLimit: 1,
    keys: (n) => population.enterprises.slice(0, n).map((e) => e.uscc),
    missingKey: `${FIRST17}${CHECK}`,
    invalidKey: `${FIRST17}${CHECK === '0' ? '1' : '0'}`, // a wrong check character
    loader: (adapter) => adapter.loaders().enterprise,
    check(key, e) {
      const seeded = population.enterprises.find((x) => x.uscc === key)!;
      expect(e).toMatchObject({
        uscc: key,
        name: seeded.name,
        kind: seeded.kind === 'company' ? 'COMPANY' : 'INDIVIDUAL',
        legalRepIdNumber: seeded.legalRepIdNumber,
        registeredCapitalFen: seeded.registeredCapitalFen,
        establishedOn: seeded.establishedOn,
        status: seeded.status === 'active' ? 'ACTIVE' : 'DEREGISTERED',
      });
      expect(Date.parse(e.updatedAt)).toBe(Date.parse(seeded.updatedAt));
    },
  },
  submission: {
    op: 'applications.submit',
    sample: (key) => establishment(population, key),
    // Establishing a company under the name of one already registered (名称已被占用).
    rejected: (key) =>
      establishment(population, key, {
        'enterprise.name': population.enterprises.find((e) => e.kind === 'company')!.name,
      }),
  },
  fees: {
    sample: { itemCodes: ['MKT-ESTABLISH', 'MKT-CHANGE'], values: {} },
    check: (a) => {
      expect(a.lines.map((l) => [l.itemCode, l.amountFen])).toEqual([
        ['MKT-ESTABLISH', 0],
        ['MKT-CHANGE', 0],
      ]);
      expect(a.lines[0]!.rule.citation).toContain('财税〔2017〕20号');
    },
  },
});

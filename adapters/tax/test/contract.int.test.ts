import { describeAdapterContract } from '@onething/adapter-core/contract';
import { expect } from 'vitest';
import type { TaxAdapter } from '../src/adapter';
import type { Taxpayer } from '../src/records';
import { clearPersons, deedTaxSubmission, population, startTaxSystem, taxAdapter } from './support';

const seeded = new Map(population.taxpayers.map((t) => [t.taxpayerId, t]));
/** The same key always gives the same submission: the kit submits a sample twice to prove idempotency. */
const indexOf = (key: string) => [...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 500, 7);

describeAdapterContract<TaxAdapter, Taxpayer>({
  department: 'tax',
  start: startTaxSystem,
  adapter: (url, settings, hooks) => taxAdapter(url, settings, hooks),
  reads: {
    op: 'taxpayers.query',
    batchLimit: 50,
    // Enterprises (USCCs) first, then natural persons (ID numbers): both kinds of key are exercised.
    keys: (n) => population.taxpayers.slice(440, 440 + n).map((t) => t.taxpayerId),
    missingKey: '11010519491231002X',
    invalidKey: '91330100716105852G',
    loader: (adapter) => adapter.loaders().taxpayers,
    check(key, record) {
      const t = seeded.get(key)!;
      expect(record).toEqual({
        taxpayerId: key,
        name: t.name,
        kind: t.kind === 'enterprise' ? 'ENTERPRISE' : 'NATURAL_PERSON',
        status: t.status === 'normal' ? 'NORMAL' : 'ABNORMAL',
        ...(t.taxpayerType ? { taxpayerType: t.taxpayerType === 'general' ? 'GENERAL' : 'SMALL_SCALE' } : {}),
        authority: t.authority,
        registeredOn: t.registeredOn,
        arrearsFen: t.arrearsFen,
        updatedAt: t.updatedAt,
      });
    },
  },
  submission: {
    op: 'cases.submit',
    sample: (key) => {
      const i = indexOf(key);
      return deedTaxSubmission(key, clearPersons[i]!, population.properties[i]!);
    },
    rejected: (key) => ({
      ...deedTaxSubmission(key, clearPersons[0]!, population.properties[0]!),
      itemCode: 'TAX-NO-SUCH-ITEM',
    }),
  },
  fees: {
    op: 'fees.assess',
    // A family's second home of 150.25 m², declared at 502,324.00 yuan: 2 % (2024年第16号 第一条第（二）项).
    sample: {
      itemCodes: ['TAX-DEED-TAX', 'TAX-INVOICE'],
      values: {
        'property.unitCode': '330402002001GB06484F00221705',
        'transaction.price': 50_232_400,
        'property.area': 150.25,
        'property.use': 'residential',
        'buyer.isFirstHome': false,
        'buyer.isSecondHome': true,
        'transaction.contractDate': '2026-06-01',
      },
    },
    check: (a) => {
      expect(a.lines).toEqual([
        expect.objectContaining({
          itemCode: 'TAX-DEED-TAX',
          baseFen: 50_232_400,
          rateBasisPoints: 200,
          amountFen: 1_004_648,
        }),
        expect.objectContaining({ itemCode: 'TAX-INVOICE', amountFen: 0 }),
      ]);
      expect(a.lines[0]!.rule.citation).toContain('公告2024年第16号');
    },
    refused: {
      itemCodes: ['TAX-DEED-TAX'],
      values: { 'transaction.price': 50_232_400, 'buyer.isFirstHome': true },
    },
  },
});

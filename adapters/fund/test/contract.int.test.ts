import { clientSettings } from '@onething/adapter-core';
import { describeAdapterContract } from '@onething/adapter-core/contract';
import { createFundStandIn, fundSettings } from '@onething/legacy-fund';
import { generatePopulation, StandInAdmin } from '@onething/legacy-kit';
import { createLogger } from '@onething/runtime';
import { expect } from 'vitest';
import { createFundAdapter, type FundAccount } from '../src/index';

const config = {
  ...fundSettings.load({}),
  persons: 2000,
  clockSpeed: 0,
  port: 0,
  adminPort: 0,
  host: '127.0.0.1',
};
const population = generatePopulation({ seed: config.seed, persons: config.persons });
const accounts = population.fundAccounts;
const held = new Set(accounts.map((a) => a.idNumber));
const withoutAccount = population.persons.find((p) => !held.has(p.idNumber))!;
const applicant = accounts.find((a) => a.status === 'normal' && a.balanceFen > 10_000_00)!;
const unitCode = population.properties[0]!.unitCode;
const employer = population.employerAccounts[0]!;

describeAdapterContract({
  department: 'fund',
  async start() {
    const standIn = createFundStandIn(config, createLogger('legacy-fund', 'silent'));
    await standIn.listen();
    return { url: standIn.url, control: new StandInAdmin(standIn.adminUrl), stop: () => standIn.close() };
  },
  adapter: (url, settings, hooks) =>
    createFundAdapter({
      client: clientSettings(url, settings),
      hooks,
      appId: 'onething-hall',
      appSecret: 'fund-dev-secret',
    }),
  reads: {
    op: 'grzhcx',
    batchLimit: 30,
    keys: (n) => accounts.slice(0, n).map((a) => a.idNumber),
    missingKey: withoutAccount.idNumber,
    invalidKey: `${applicant.idNumber.slice(0, 17)}${applicant.idNumber[17] === '1' ? '2' : '1'}`,
    loader: (adapter) => adapter.loaders().accountsByIdNumber,
    check(key, record: FundAccount) {
      const seeded = accounts.find((a) => a.idNumber === key)!;
      expect(record).toEqual({
        personalAccount: seeded.personalAccount,
        idNumber: key,
        name: seeded.name,
        employerAccount: seeded.employerAccount,
        balanceFen: seeded.balanceFen,
        monthlyDepositFen: seeded.monthlyDepositFen,
        status: seeded.status === 'sealed' ? 'SEALED' : 'NORMAL',
        openedOn: seeded.openedOn,
        updatedAt: seeded.updatedAt,
      });
    },
  },
  submission: {
    op: 'ywsl',
    sample: (idempotencyKey) => ({
      itemCode: 'FUND-PURCHASE-WITHDRAWAL',
      idempotencyKey,
      applicant: { idNumber: applicant.idNumber, name: applicant.name },
      fields: {
        'applicant.idNumber': applicant.idNumber,
        'applicant.name': applicant.name,
        'applicant.phone': '13912345678',
        'fund.personalAccount': applicant.personalAccount,
        'fund.withdrawalAmount': 5_000_00,
        'fund.receivingBankAccount': '6222021234567890123',
        'property.unitCode': unitCode,
        'transaction.price': 1_500_000_00,
        'transaction.contractNumber': 'WQ-2026-000123',
      },
      materials: [
        { id: 'id-card', reference: 'file-1' },
        { id: 'sale-contract', reference: 'file-2' },
      ],
    }),
    // The fund refuses at once a change of an employer account it does not have (E3002).
    rejected: (idempotencyKey) => ({
      itemCode: 'FUND-EMPLOYER-CHANGE',
      idempotencyKey,
      applicant: { idNumber: applicant.idNumber, name: applicant.name },
      fields: {
        'applicant.idNumber': applicant.idNumber,
        'applicant.name': applicant.name,
        'applicant.phone': '13912345678',
        'fund.employerAccount': '999999999999',
        'enterprise.uscc': employer.uscc,
        'enterprise.name': employer.name,
        'fund.contactName': applicant.name,
      },
      materials: [],
    }),
  },
  fees: {
    sample: { itemCodes: ['FUND-PURCHASE-WITHDRAWAL', 'FUND-LOAN'], values: {} },
    check: (a) => {
      expect(a.totalFen).toBe(0);
      expect(a.lines[0]!.rule.citation).toContain('《住房公积金管理条例》');
    },
  },
});

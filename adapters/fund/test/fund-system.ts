import { AdapterError, type CaseSubmission, clientSettings } from '@onething/adapter-core';
import { createFundStandIn, fundSettings } from '@onething/legacy-fund';
import { type FundAccount, type Population, type StandIn, StandInAdmin } from '@onething/legacy-kit';
import { createLogger } from '@onething/runtime';
import { expect } from 'vitest';
import { createFundAdapter, type FundAdapter } from '../src/index';

let seq = 0;
/** A fresh idempotency key. */
export const newKey = () => `fund-test-${process.pid}-${Date.now()}-${++seq}`;

/** The AdapterError a promise rejects with (failing the test when it resolves or throws something else). */
export async function rejection(p: Promise<unknown>): Promise<AdapterError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AdapterError);
  return e as AdapterError;
}

/** The fund stand-in as the adapter's tests use it: small population, stopped clock, port 0. */
export async function startFundSystem(): Promise<{
  standIn: StandIn;
  admin: StandInAdmin;
  population: Population;
  /** An adapter without retries, as the hall's app (or another app, or with a wrong secret). */
  makeAdapter(appSecret?: string, appId?: string): FundAdapter;
}> {
  const standIn = createFundStandIn(
    { ...fundSettings.load({}), persons: 2000, clockSpeed: 0, port: 0, adminPort: 0, host: '127.0.0.1' },
    createLogger('legacy-fund', 'silent'),
  );
  await standIn.listen();
  return {
    standIn,
    admin: new StandInAdmin(standIn.adminUrl),
    population: standIn.ctx.population,
    makeAdapter: (appSecret = 'fund-dev-secret', appId = 'onething-hall') =>
      createFundAdapter({ client: clientSettings(standIn.url, { retry: { retries: 0 } }), appId, appSecret }),
  };
}

/** Hands out seeded records one at a time, so tests that change them never share one. */
export class Seeded {
  private readonly used = new Set<string>();

  constructor(readonly population: Population) {}

  account(ok: (a: FundAccount) => boolean = (a) => a.status === 'normal'): FundAccount {
    const a = this.population.fundAccounts.find((x) => !this.used.has(x.idNumber) && ok(x))!;
    this.used.add(a.idNumber);
    return a;
  }

  /** A unit code without a fund loan. */
  freeUnit(): string {
    const loaned = new Set(this.population.fundLoans.map((l) => l.unitCode));
    const p = this.population.properties.find((x) => !loaned.has(x.unitCode) && !this.used.has(x.unitCode))!;
    this.used.add(p.unitCode);
    return p.unitCode;
  }

  /** An active enterprise the fund has no employer account for. */
  newEmployer() {
    const held = new Set(this.population.employerAccounts.map((e) => e.uscc));
    const e = this.population.enterprises.find((x) => !held.has(x.uscc) && !this.used.has(x.uscc))!;
    this.used.add(e.uscc);
    return e;
  }

  /** A purchase withdrawal by the account's holder, by semantic key. */
  withdrawal(a: FundAccount, fields: Record<string, string | number> = {}): CaseSubmission {
    return {
      itemCode: 'FUND-PURCHASE-WITHDRAWAL',
      idempotencyKey: newKey(),
      applicant: { idNumber: a.idNumber, name: a.name },
      fields: {
        'applicant.idNumber': a.idNumber,
        'applicant.name': a.name,
        'applicant.phone': '13912345678',
        'fund.personalAccount': a.personalAccount,
        'fund.withdrawalAmount': 2_000_00,
        'fund.receivingBankAccount': '6222021234567890123',
        'property.unitCode': this.freeUnit(),
        'transaction.price': 1_500_000_00,
        'transaction.contractNumber': 'WQ-2026-000123',
        ...fields,
      },
      materials: [{ id: 'id-card', reference: 'file-1' }],
    };
  }
}

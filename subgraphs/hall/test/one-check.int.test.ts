import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@onething/runtime';
import type { Identity } from '@onething/runtime/identity';
import { Access, type SubgraphContext } from '@onething/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueFromItemFiles } from '../../../scripts/bundle-figures';
import { applicationResolvers } from '../src/applications/resolvers';
import { ApplicationService } from '../src/applications/service';
import { Applications } from '../src/applications/store';
import { beijingClock } from '../src/calendar/clock';
import { WorkingDayCalendar } from '../src/calendar/working-days';
import { BundleCatalogue } from '../src/catalogue/bundle-catalogue';
import { AuditTrail } from '../src/consent/audit-trail';
import { Prefills } from '../src/consent/prefills';
import { Drafts } from '../src/drafts/drafts';
import { FormChecks } from '../src/forms/form-checks';
import { formResolvers } from '../src/forms/resolvers';
import { Uploads } from '../src/materials';
import { JobQueue } from '../src/outbox/jobs';
import { type Database, openDatabase } from '../src/platform/database';
import type { SupergraphClient } from '../src/platform/supergraph-client';
import { unitOfWork } from '../src/platform/unit-of-work';
import { SaleConfirmations } from '../src/sales/store';
import { StaffSeen } from '../src/window/staff';
import { BUYER, houseTransferForm, SELLER } from './house-transfer-form';

const buyer = BUYER;

/** 07:30 in Beijing on 2 November 2026: still 1 November in UTC. */
const at0730Beijing = new Date('2026-11-01T23:30:00Z');

/**
 * A supergraph serving the departments' items from their files; every other read (the register, the fund)
 * unavailable, so those rules are reported not checked.
 */
const items = [...catalogueFromItemFiles().values()];
const client = {
  query: async (query: string) =>
    query.includes('HallCatalogue')
      ? { data: { items } }
      : { data: null, errors: [{ message: 'unavailable', extensions: { code: 'UNAVAILABLE' } }] },
} as unknown as SupergraphClient;

const identity: Identity = {
  subject: buyer,
  role: 'applicant',
  name: '张三',
  idNumber: buyer,
  enterprises: [],
  departments: [],
};
const ctx = {
  identity,
  access: new Access(identity, 'hall'),
  loaders: {},
  log: createLogger('test', 'silent'),
} as unknown as SubgraphContext<never>;

const filled = houseTransferForm();

interface Problem {
  readonly field: string;
  readonly code: string;
}

describe('checkForm and submitApplication answer a form alike (one check, one clock)', () => {
  let db: Database;
  let check: (args: Record<string, unknown>) => Promise<{ valid: boolean; problems: readonly Problem[] }>;
  let submit: (
    input: Record<string, unknown>,
  ) => Promise<{ application: unknown; problems: readonly Problem[] }>;
  let othersPrefill: string;

  beforeAll(async () => {
    ({ db } = await openDatabase({ dataDir: 'memory://' }));
    const log = createLogger('test', 'silent');
    const catalogue = await BundleCatalogue.load({
      bundlesDir: fileURLToPath(new URL('../bundles', import.meta.url)),
      client,
      waitMs: 0,
      log,
    });
    const apps = new Applications(db);
    const prefills = new Prefills(db);
    const forms = new FormChecks({
      catalogue,
      client,
      audit: new AuditTrail(db),
      prefills,
      sales: new SaleConfirmations(db),
      clock: beijingClock(() => at0730Beijing),
    });
    const service = new ApplicationService({
      apps,
      jobs: new JobQueue(db, 'test'),
      uow: unitOfWork(db),
      hall: catalogue,
      forms,
      uploads: async () => new Set(),
      clock: beijingClock(() => at0730Beijing),
      calendar: WorkingDayCalendar.official(),
      wake: () => {},
      drafts: new Drafts(db, 30),
    });
    // Acting for oneself only: no visit or delegation is looked up here.
    const nowhere = async () => {
      throw new Error('not looked up');
    };
    const acting = {
      visits: { visitFor: nowhere },
      delegations: { actingUnder: nowhere },
      staff: new StaffSeen(db),
      clock: beijingClock(() => at0730Beijing),
    };
    const limits = { consume: async () => {}, ready: async () => {}, close: async () => {} };
    // The resolvers as the subgraph calls them: plain functions of (parent, args, context).
    type Call = (parent: unknown, args: unknown, context: unknown) => Promise<never>;
    const checkForm = formResolvers({ forms, limits, acting }).Query?.checkForm as Call;
    const submitApplication = applicationResolvers({
      service,
      apps,
      catalogue,
      uploads: new Uploads(db),
      acting,
    }).Mutation?.submitApplication as Call;
    check = (args) =>
      checkForm(undefined, { bundleCode: 'HOUSE-TRANSFER', values: [], ...args } as never, ctx);
    submit = (input) =>
      submitApplication(
        undefined,
        { input: { bundleCode: 'HOUSE-TRANSFER', values: [], ...input } as never },
        ctx,
      );
    othersPrefill = (
      await prefills.save({
        applicantIdNumber: SELLER,
        bundleCode: 'HOUSE-TRANSFER',
        enterpriseUscc: null,
        values: [],
        unavailable: [],
        readAt: new Date(),
      })
    ).id;
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const contractDated = (date: string) =>
    Object.entries({ ...filled, 'transaction.contractDate': date }).map(([key, value]) => ({ key, value }));
  const future = (problems: readonly Problem[]) =>
    problems.filter((p) => p.code === 'contractDate.future').map((p) => p.field);

  it('at 07:30 Beijing time, both take a contract dated that Beijing day as today’s, and the next day as future', async () => {
    const today = { values: contractDated('2026-11-02'), materials: [] };
    expect(future((await check(today)).problems)).toEqual([]);
    expect(future((await submit(today)).problems)).toEqual([]);

    const tomorrow = { values: contractDated('2026-11-03'), materials: [] };
    expect(future((await check(tomorrow)).problems)).toEqual(['transaction.contractDate']);
    const submitted = await submit(tomorrow);
    expect(future(submitted.problems)).toEqual(['transaction.contractDate']);
    expect(submitted.application).toBeNull();
  });

  it('answers an option the bundle lacks as a problem of the form, both ways', async () => {
    const checked = await check({ options: ['yacht'] });
    const submitted = await submit({ options: ['yacht'] });
    expect(checked.valid).toBe(false);
    expect(checked.problems.map((p) => [p.field, p.code])).toEqual([['options', 'option.unknown']]);
    expect(submitted.problems.map((p) => [p.field, p.code])).toEqual([['options', 'option.unknown']]);
    expect(submitted.application).toBeNull();
  });

  it('answers a prefill that is not the applicant’s as a problem of the form, both ways', async () => {
    for (const prefillId of [othersPrefill, randomUUID()]) {
      const checked = await check({ values: contractDated('2026-11-02'), prefillId });
      const submitted = await submit({ values: contractDated('2026-11-02'), prefillId });
      expect(checked.valid).toBe(false);
      expect(checked.problems).toContainEqual(
        expect.objectContaining({ field: 'prefillId', code: 'prefill.unknown' }),
      );
      expect(submitted.problems).toContainEqual(
        expect.objectContaining({ field: 'prefillId', code: 'prefill.unknown' }),
      );
      expect(submitted.application).toBeNull();
    }
  });
});

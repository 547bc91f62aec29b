import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueFromItemFiles } from '../../../scripts/bundle-figures';
import { readBundleFiles } from '../src/catalogue/definition';
import { deriveOneForm } from '../src/catalogue/one-form';
import { AuditTrail } from '../src/consent/audit-trail';
import { checkForm } from '../src/forms/check-form';
import type { CrossCheckInput } from '../src/forms/cross-checks';
import { localDepartmentRules } from '../src/forms/department-rules';
import { type Database, openDatabase } from '../src/platform/database';
import type { SupergraphClient } from '../src/platform/supergraph-client';
import { SaleConfirmations } from '../src/sales/store';
import { BUYER, houseTransferForm, SELLER, UNIT } from './house-transfer-form';

const catalogue = catalogueFromItemFiles();
const { bundles } = readBundleFiles(fileURLToPath(new URL('../bundles', import.meta.url)));
const transfer = bundles.find((b) => b.code === 'HOUSE-TRANSFER')!;
const form = deriveOneForm(transfer, catalogue);

const buyer = BUYER;

/** A prefill of the house transfer for the buyer holding these values, as the departments recorded them. */
const prefilled = (values: { key: string; value: string; department: string; editable: boolean }[]) => ({
  id: 'p',
  applicantIdNumber: buyer,
  bundleCode: 'HOUSE-TRANSFER',
  enterpriseUscc: null,
  readAt: new Date(),
  unavailable: [],
  values: values.map((v) => ({ ...v, updatedAt: '2026-01-01T00:00:00Z' })),
});
const seller = SELLER;
const unit = UNIT;

/** The buyer's fund account as the fund holds it (balance as in issue 14's finding: 62,852.55). */
const account = { personalAccount: '330500000001', balance: '62852.55', status: 'NORMAL' };

/**
 * A supergraph that answers the registry lookup (and the registry's errors) as told and the applicant's
 * fund account as given, and records what it was asked.
 */
function fakeSupergraph(property: unknown, errors?: unknown[], fundAccount: unknown = account) {
  const asked: string[] = [];
  const client = {
    query: async (query: string) => {
      asked.push(query);
      if (query.includes('fundAccount')) return { data: { me: { fundAccount } } };
      return { data: { property }, ...(errors ? { errors } : {}) };
    },
  } as unknown as SupergraphClient;
  return { client, asked };
}

const good = houseTransferForm();
const values = (over: Record<string, string | null> = {}) =>
  Object.entries({ ...good, ...over })
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([key, value]) => ({ key, value }));
const materials = ['id-card', 'sale-contract', 'bank-card'];

describe('one validation of a filled form (一次告知)', () => {
  let db: Database;
  let audit: AuditTrail;
  let sales: SaleConfirmations;
  beforeAll(async () => {
    ({ db } = await openDatabase({ dataDir: 'memory://' }));
    audit = new AuditTrail(db);
    sales = new SaleConfirmations(db);
    // The seller confirmed selling the unit to the buyer: the form carries that confirmation.
    const sale = await sales.confirm(
      {
        sellerIdNumber: seller,
        sellerName: '李四',
        unitCode: unit,
        address: null,
        buyerIdNumber: buyer,
        priceFen: null,
      },
      30,
    );
    good['seller.confirmation'] = sale.id;
  });
  afterAll(() => db?.destroy());
  const context = (client: SupergraphClient) => ({
    today: '2026-11-22',
    client,
    applicant: { idNumber: buyer, enterprises: [], subject: buyer, role: 'applicant' },
    audit,
    bundleCode: 'HOUSE-TRANSFER',
    sales,
  });
  const owned = {
    owners: [{ idNumber: seller }],
    certificateNumber: good['property.certificateNumber'],
    seized: false,
  };

  it('accepts a correct form, having checked the seller at the registry under their confirmation (and audited it)', async () => {
    const { client, asked } = fakeSupergraph(owned);
    const check = await checkForm(form, { values: values(), materials }, undefined, context(client));
    expect(check.problems).toEqual([]);
    expect(check.valid).toBe(true);
    expect(asked.find((q) => q.includes('property('))).toContain(
      'property(unitCode: $u) { unitCode owners { idNumber } certificateNumber',
    );
    const [record] = await audit.about(seller, []);
    expect(record).toMatchObject({
      department: 'realestate',
      actorSubject: buyer,
      fields: ['property.owners', 'property.certificateNumber', 'property.seized'],
    });
  });

  it('answers every mistake at once, each at its field with a code and both languages', async () => {
    const { client } = fakeSupergraph({ ...owned, seized: true });
    const check = await checkForm(
      form,
      {
        values: values({
          'applicant.phone': '12345',
          'seller.name': null,
          'transaction.price': '12.345',
          'transaction.contractDate': '2030-01-01',
          'buyer.maritalStatus': 'complicated',
          'property.area': '-5',
          'fund.withdrawalAmount': '2000000',
          'shoe.size': '42',
          'property.certificateNumber': '浙(2019)吴兴区不动产权第9999999号',
        }),
        materials: ['id-card'],
      },
      undefined,
      context(client),
    );
    expect(check.valid).toBe(false);
    const codes = check.problems.map((p) => `${p.field} ${p.code}`).sort();
    expect(codes).toEqual(
      [
        'applicant.phone field.pattern',
        'buyer.maritalStatus field.option',
        'fund.withdrawalAmount withdrawal.aboveBalance',
        'field.unknown'.replace(/^/, 'shoe.size '),
        'materials.bank-card material.missing',
        'materials.sale-contract material.missing',
        'property.area field.belowMin',
        'property.certificateNumber property.certificateMismatch',
        'property.unitCode property.seized',
        'seller.name field.required',
        'transaction.contractDate contractDate.future',
        'transaction.price field.money',
      ].sort(),
    );
    for (const p of check.problems) expect(p.message.zh && p.message.en).toBeTruthy();
    expect(check.problems.find((p) => p.code === 'property.seized')?.items).toEqual(
      form.fields.find((f) => f.key === 'property.unitCode')!.usedBy,
    );
  });

  it('refuses a form that names someone else as the applicant', async () => {
    const { client } = fakeSupergraph(owned);
    const check = await checkForm(
      form,
      { values: values({ 'applicant.idNumber': '330502199001011236' }), materials },
      undefined,
      context(client),
    );
    expect(check.problems.map((p) => `${p.field} ${p.code}`)).toEqual([
      'applicant.idNumber applicant.notYou',
    ]);
  });

  it('audits the read as one of the confirming seller’s data, whoever the form names as seller', async () => {
    const { client } = fakeSupergraph(owned);
    const before = (await audit.about(seller, [])).length;
    const check = await checkForm(
      form,
      { values: values({ 'seller.idNumber': '110105199003078916' }), materials },
      undefined,
      context(client),
    );
    expect(check.problems.map((p) => `${p.field} ${p.code}`)).toEqual(['seller.idNumber sale.otherSeller']);
    expect((await audit.about(seller, [])).length).toBe(before + 1);
    expect(await audit.about('110105199003078916', [])).toEqual([]);
  });

  it('refuses a seller who no longer owns the unit they confirmed selling', async () => {
    const { client } = fakeSupergraph({ ...owned, owners: [{ idNumber: '330502199001011236' }] });
    const check = await checkForm(form, { values: values(), materials }, undefined, context(client));
    expect(check.problems.map((p) => `${p.field} ${p.code}`)).toEqual(['seller.idNumber seller.notOwner']);
  });

  it('tells a buyer without the seller’s confirmation nothing about the unit, and asks the registry nothing', async () => {
    const { client, asked } = fakeSupergraph({
      ...owned,
      owners: [{ idNumber: '330502199001011236' }],
      seized: true,
    });
    const theirs = await sales.confirm(
      {
        sellerIdNumber: seller,
        sellerName: '李四',
        unitCode: unit,
        address: null,
        buyerIdNumber: '330502199001011236',
        priceFen: null,
      },
      30,
    );
    const revoked = await sales.confirm(
      {
        sellerIdNumber: seller,
        sellerName: '李四',
        unitCode: unit,
        address: null,
        buyerIdNumber: buyer,
        priceFen: null,
      },
      30,
    );
    await sales.revoke(seller, revoked.id);
    for (const confirmation of [null, '5b0f6a0e-8d3c-4f7e-9a51-3c2f4e1d7b90', theirs.id, revoked.id]) {
      const check = await checkForm(
        form,
        {
          values: values({ 'seller.confirmation': confirmation, 'property.certificateNumber': 'X' }),
          materials,
        },
        undefined,
        context(client),
      );
      expect(check.problems.map((p) => `${p.field} ${p.code}`)).toEqual([
        confirmation ? 'seller.confirmation sale.notConfirmed' : 'seller.confirmation field.required',
      ]);
      expect(check.notChecked).toEqual([
        {
          rule: 'seller.owner',
          department: 'realestate',
          reason: expect.stringContaining('checked on submission'),
        },
      ]);
    }
    // The registry is asked nothing (the buyer's own fund account is read for the fund's rules).
    expect(asked.filter((q) => q.includes('property('))).toEqual([]);
  });

  it('holds prefilled values that may not change', async () => {
    const { client } = fakeSupergraph(owned);
    const prefill = prefilled([
      { key: 'applicant.name', value: '张三', department: 'tax', editable: false },
      { key: 'fund.personalAccount', value: '330500000009', department: 'fund', editable: true },
    ]);
    const check = await checkForm(
      form,
      { values: values({ 'applicant.name': '张三丰' }), materials },
      prefill,
      context(client),
    );
    expect(check.problems.map((p) => `${p.field} ${p.code}`)).toEqual(['applicant.name field.locked']);
  });

  it('takes a prefilled value as the department recorded it, whatever its characters', async () => {
    const { client } = fakeSupergraph(owned);
    const address = '浙江省湖州市吴兴区人民路1号3幢12室/东';
    const prefill = prefilled([
      { key: 'property.address', value: address, department: 'realestate', editable: true },
    ]);
    const as = (value: string) =>
      checkForm(form, { values: values({ 'property.address': value }), materials }, prefill, context(client));
    expect((await as(address)).problems).toEqual([]);
    expect((await as(`${address}<b>`)).problems.map((p) => p.code)).toEqual(['field.characters']);
  });

  it('refuses what the fund would: a withdrawal above the balance, a sealed account, an account not yours', async () => {
    const codes = async (over: Record<string, string>, fundAccount: unknown = account) =>
      (
        await checkForm(
          form,
          { values: values(over), materials },
          undefined,
          context(fakeSupergraph(owned, undefined, fundAccount).client),
        )
      ).problems.map((p) => `${p.field} ${p.code}`);
    const above = await checkForm(
      form,
      { values: values({ 'fund.withdrawalAmount': '100000.00' }), materials },
      undefined,
      context(fakeSupergraph(owned).client),
    );
    expect(above.problems.map((p) => `${p.field} ${p.code}`)).toEqual([
      'fund.withdrawalAmount withdrawal.aboveBalance',
    ]);
    expect(above.problems[0]!.message.zh).toBe('提取金额不能超过账户余额 62852.55 元');
    expect(await codes({ 'fund.withdrawalAmount': '62852.55' })).toEqual([]);
    expect(await codes({}, { ...account, status: 'SEALED' })).toEqual([
      'fund.withdrawalAmount fund.accountNotNormal',
    ]);
    expect(await codes({ 'fund.personalAccount': '330500000009' })).toEqual([
      'fund.personalAccount fund.accountNotYours',
    ]);
    expect(await codes({}, null)).toEqual(['fund.withdrawalAmount fund.noAccount']);
  });

  it('refuses the loan, invoice and business-scope values the departments would send back', () => {
    const check = (v: Record<string, string>) => {
      const out = { problems: [] as { field: string; code: string }[], notChecked: [] };
      localDepartmentRules(
        { values: new Map(Object.entries(v)), usedBy: () => [] } as unknown as CrossCheckInput,
        out as never,
      );
      return out.problems.map((p) => `${p.field} ${p.code}`);
    };
    expect(check({ 'fund.loanAmount': '1200000.00' })).toEqual([]);
    expect(check({ 'fund.loanAmount': '1200000.01' })).toEqual(['fund.loanAmount loan.aboveMaximum']);
    expect(check({ 'tax.taxpayerType': 'small-scale', 'tax.invoiceMonthlyQuantity': '101' })).toEqual([
      'tax.invoiceMonthlyQuantity invoices.aboveSmallScaleLimit',
    ]);
    expect(check({ 'tax.taxpayerType': 'general', 'tax.invoiceMonthlyQuantity': '101' })).toEqual([]);
    expect(check({ 'enterprise.businessScope': '待定' })).toEqual([
      'enterprise.businessScope businessScope.notStandard',
    ]);
    expect(check({ 'enterprise.businessScope': '日用百货零售' })).toEqual([]);
  });

  it('reports a registry that cannot be asked as not checked, not as a mistake of the form', async () => {
    const { client } = fakeSupergraph(null, [
      { message: 'registry down', extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'realestate' } },
    ]);
    const check = await checkForm(form, { values: values(), materials }, undefined, context(client));
    expect(check.valid).toBe(true);
    expect(check.notChecked).toEqual([
      { rule: 'seller.owner', department: 'realestate', reason: 'registry down' },
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIRM_SALE, unitOfSeller } from '../../scripts/house-transfer-form';
import {
  advanceClocks,
  application,
  eventually,
  houseTransferMaterials,
  houseTransferValues,
  idNumberOf,
  parties,
  population,
  sellerToken,
  statusOf,
  submit,
} from './house-transfer';
import { startTestStack, type TestStack } from './support';

const CHECK = `query C($v: [FormValueInput!]!) {
  checkForm(bundleCode: "HOUSE-TRANSFER", values: $v) { valid problems { field code } notChecked { rule department reason } }
}`;
const SUBMIT = `mutation S($i: ApplicationInput!) {
  submitApplication(input: $i) { application { id } problems { field code } }
}`;

type Check = {
  checkForm: {
    valid: boolean;
    problems: { field: string; code: string }[];
    notChecked: { rule: string; reason: string }[];
  };
};

/**
 * The seller's part in a house transfer, on the whole stack (security findings 3 and 15, first-hour 14.3):
 * a stranger's checkForm learns nothing about anyone's unit; the registry's owner moves only after the
 * seller confirmed the sale to that buyer (《不动产登记暂行条例》第十四条: a sale is registered on the joint
 * application of both parties); the buyer then picks the sale and types none of the unit's data.
 */
describe('the seller confirms a house transfer, on the whole stack', () => {
  let s: TestStack;
  let personas: string[];
  let pairs = 0;

  beforeAll(async () => {
    s = await startTestStack({ hallEnv: { POLL_INTERVAL_MS: '500' } });
    personas = [idNumberOf(await s.token('citizen')), idNumberOf(await s.token('seller'))];
  });
  afterAll(() => s?.stop());

  /** A fresh pair, neither signed in yet, and the seller's home. */
  const pair = async () => {
    const p = parties(pairs++, personas);
    return {
      ...p,
      unitCode: unitOfSeller(population, p.seller.idNumber),
      buyer: {
        ...p.buyer,
        token: await s.customToken({ role: 'applicant', id_number: p.buyer.idNumber, name: p.buyer.name }),
      },
      seller: { ...p.seller, token: await sellerToken(s, p) },
    };
  };
  const facts = (c: Check['checkForm']) => c.problems.map((x) => `${x.field} ${x.code}`).sort();

  it('tells a stranger’s checkForm nothing of who owns a unit, what its certificate says or whether it exists', async () => {
    const victim = await pair();
    const { buyer: stranger } = await pair();
    const ask = async (values: Record<string, string>) => {
      const r = await s.gql<Check>(
        CHECK,
        { v: houseTransferValues(stranger.idNumber, victim.seller.idNumber, { values }) },
        stranger.token,
      );
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      return r.data!.checkForm;
    };
    const registered = await ask({});
    const wrongOwner = await ask({ 'seller.idNumber': '330502199001011236' });
    const wrongCertificate = await ask({ 'property.certificateNumber': '浙(2019)吴兴区不动产权第9999999号' });
    const unregistered = await ask({ 'property.unitCode': '330502001002GB00012F00030012' });
    const guessedConfirmation = await ask({ 'seller.confirmation': '5b0f6a0e-8d3c-4f7e-9a51-3c2f4e1d7b90' });
    // The same answer whatever the truth: no seller.notOwner, certificateMismatch or notRegistered.
    for (const answer of [registered, wrongOwner, wrongCertificate, unregistered])
      expect(facts(answer)).toEqual(facts(registered));
    for (const answer of [registered, wrongOwner, wrongCertificate, unregistered, guessedConfirmation]) {
      expect(facts(answer).join(' ')).not.toMatch(/notOwner|certificateMismatch|notRegistered|seized/);
      expect(answer.notChecked).toContainEqual(
        expect.objectContaining({
          rule: 'seller.owner',
          reason: expect.stringContaining('checked on submission'),
        }),
      );
    }
    expect(facts(registered)).toContain('seller.confirmation field.required');
    expect(facts(guessedConfirmation)).toContain('seller.confirmation sale.notConfirmed');
    // Nothing was read about the victim's unit, so nothing of the stranger's is in the victim's trail.
    const trail = await s.gql<{ whoReadMyData: { actor: string }[] }>(
      '{ whoReadMyData { actor } }',
      {},
      victim.seller.token,
    );
    expect(trail.data!.whoReadMyData.map((r) => r.actor)).not.toContain(stranger.idNumber);
  });

  it('refuses the transfer without the seller’s confirmation, and moves the owner with it', async () => {
    const p = await pair();
    const materials = await houseTransferMaterials(s, p.buyer.token);
    const input = (values: Record<string, string> = {}) => ({
      bundleCode: 'HOUSE-TRANSFER',
      values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber, { values }),
      materials,
    });
    const refused = await s.gql<{ submitApplication: { problems: { field: string; code: string }[] } }>(
      SUBMIT,
      { i: input() },
      p.buyer.token,
    );
    expect(refused.data!.submitApplication.problems).toContainEqual({
      field: 'seller.confirmation',
      code: 'field.required',
    });

    // Only the owner confirms: a stranger to the unit (the buyer, say) is told no, as for an unknown unit.
    const notTheirs = await s.gql(
      CONFIRM_SALE,
      { unit: p.unitCode, buyer: p.seller.idNumber },
      p.buyer.token,
    );
    expect(notTheirs.errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ path: 'unitCode', rule: 'sale.notOwner' }),
    ]);
    const unknown = await s.gql(
      CONFIRM_SALE,
      { unit: '330502001002GB00012F00030012', buyer: p.seller.idNumber },
      p.buyer.token,
    );
    expect(unknown.errors?.[0]?.message).toBe(
      notTheirs.errors?.[0]?.message.replace(p.unitCode, '330502001002GB00012F00030012'),
    );

    // The seller confirms; a withdrawn confirmation is refused; a new one is picked by the buyer.
    const first = await s.gql<{ confirmSale: { id: string } }>(
      CONFIRM_SALE,
      { unit: p.unitCode, buyer: p.buyer.idNumber, price: null },
      p.seller.token,
    );
    const withdrawn = first.data!.confirmSale.id;
    await s.gql(
      'mutation R($id: ID!) { revokeSaleConfirmation(saleConfirmationId: $id) { id } }',
      { id: withdrawn },
      p.seller.token,
    );
    const late = await s.gql<{ submitApplication: { problems: { field: string; code: string }[] } }>(
      SUBMIT,
      { i: input({ 'seller.confirmation': withdrawn }) },
      p.buyer.token,
    );
    expect(late.data!.submitApplication.problems).toEqual([
      { field: 'seller.confirmation', code: 'sale.notConfirmed' },
    ]);
    await s.gql(CONFIRM_SALE, { unit: p.unitCode, buyer: p.buyer.idNumber }, p.seller.token);
    const offered = await s.gql<{
      salesConfirmedToMe: {
        id: string;
        unitCode: string;
        sellerName: string;
        address: string;
        live: boolean;
      }[];
    }>('{ salesConfirmedToMe { id unitCode sellerName address live } }', {}, p.buyer.token);
    const sale = offered.data!.salesConfirmedToMe.find((x) => x.live)!;
    expect(sale).toMatchObject({ unitCode: p.unitCode, sellerName: p.seller.name });
    expect(offered.data!.salesConfirmedToMe.filter((x) => x.live)).toHaveLength(1);

    // The buyer picks the sale: the unit's and the seller's fields come from the registry, locked.
    const prefill = await s.gql<{
      prefillForm: { id: string; values: { key: string; value: string; editable: boolean }[] };
    }>(
      'mutation P($id: ID!) { prefillForm(bundleCode: "HOUSE-TRANSFER", saleConfirmationId: $id) { id values { key value editable } } }',
      { id: sale.id },
      p.buyer.token,
    );
    expect(prefill.errors).toBeUndefined();
    const expected = Object.fromEntries(
      houseTransferValues(p.buyer.idNumber, p.seller.idNumber).map((v) => [v.key, v.value]),
    );
    const filled = prefill.data!.prefillForm.values;
    for (const key of [
      'seller.idNumber',
      'seller.name',
      'property.unitCode',
      'property.certificateNumber',
      'property.address',
      'property.area',
    ])
      expect(
        filled.find((v) => v.key === key),
        key,
      ).toMatchObject({ value: expected[key], editable: false });
    expect(filled.find((v) => v.key === 'seller.confirmation')?.value).toBe(sale.id);

    const submitted = await submit(s, p.buyer.token, {
      ...input({ 'seller.confirmation': sale.id }),
      prefillId: prefill.data!.prefillForm.id,
    });
    await eventually(
      () => application(s, p.buyer.token, submitted.id),
      (a) => statusOf(a, 'TAX-DEED-TAX') === 'ACCEPTED',
      'the deed tax accepted',
    );
    await advanceClocks(s, 48);
    await eventually(
      () => application(s, p.buyer.token, submitted.id),
      (a) => statusOf(a, 'RE-TRANSFER') === 'ACCEPTED',
      'the transfer sent',
    );
    const [transferCase] = await s.admin('realestate').cases({ applicant: p.buyer.idNumber });
    expect(transferCase!.fields).toMatchObject({ 'seller.confirmation': sale.id });
    await advanceClocks(s, 24 * 10);
    await eventually(
      () => application(s, p.buyer.token, submitted.id),
      (a) => a.status === 'COMPLETED',
      'the application completed',
    );
    const owns = await s.gql<{ me: { properties: { unitCode: string }[] } }>(
      '{ me { properties { unitCode } } }',
      {},
      p.buyer.token,
    );
    expect(owns.data!.me.properties.map((u) => u.unitCode)).toContain(p.unitCode);
  });
});

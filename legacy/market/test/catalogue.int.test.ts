import type { StandIn, StandInAdmin } from '@onething/legacy-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketApi, startMarket } from './helpers';

describe('market item catalogue', () => {
  let standIn: StandIn;
  let admin: StandInAdmin;
  let api: ReturnType<typeof marketApi>;

  beforeAll(async () => {
    ({ standIn, admin } = await startMarket());
    api = marketApi(standIn.url);
  });
  afterAll(() => standIn.close());

  it('publishes every element of each item in the wire’s conventions', async () => {
    const res = await api.get('/api/items');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 20, total: 4 });
    expect(res.body.items.map((i: { itemCode: string }) => i.itemCode)).toEqual([
      'MKT-ESTABLISH',
      'MKT-ESTABLISH-INDIVIDUAL',
      'MKT-CHANGE',
      'MKT-DEREGISTER',
    ]);
    const establish = res.body.items[0];
    expect(establish).toMatchObject({
      name: { zh: '企业设立登记', en: 'Company establishment registration' },
      itemType: 'ADMINISTRATIVE_LICENCE',
      legalTimeLimitDays: 3,
      promisedTimeLimitDays: 1,
      fee: 0,
      visitsRequired: 1,
      result: {
        name: { zh: '营业执照', en: 'Business licence' },
        kind: 'LICENCE',
        documents: ['business-licence'],
        values: [{ semanticKey: 'enterprise.uscc', fieldCode: 'enterpriseUscc' }],
      },
    });
    expect(establish.legalBasis.length).toBeGreaterThan(0);
    expect(establish.acceptanceConditions[0]).toEqual({ zh: expect.any(String), en: expect.any(String) });
    const capital = establish.formFields.find(
      (f: { semanticKey: string }) => f.semanticKey === 'enterprise.registeredCapital',
    );
    expect(capital).toEqual({
      semanticKey: 'enterprise.registeredCapital',
      fieldCode: 'enterpriseRegisteredCapital',
      label: { zh: '注册资本（元）', en: 'Registered capital (yuan)' },
      dataType: 'MONEY',
      required: true,
      editable: true,
      hint: null,
      rules: { min: 1 },
      options: [],
    });
    const idNumber = establish.formFields.find(
      (f: { fieldCode: string }) => f.fieldCode === 'applicantIdNumber',
    );
    expect(idNumber).toMatchObject({ dataType: 'ID_NUMBER', editable: false });
    expect(establish.materials.find((m: { materialId: string }) => m.materialId === 'id-card')).toEqual({
      materialId: 'id-card',
      name: { zh: '居民身份证', en: 'Resident identity card' },
      required: true,
      originalRequired: false,
      copies: 1,
      heldBy: [],
      acceptedFormats: ['pdf', 'jpeg', 'png'],
    });
    const deregister = res.body.items[3];
    const reason = deregister.formFields.find(
      (f: { fieldCode: string }) => f.fieldCode === 'enterpriseDeregistrationReason',
    );
    expect(reason.dataType).toBe('ENUM');
    expect(reason.options.map((o: { value: string }) => o.value)).toEqual([
      'dissolution',
      'term-expired',
      'merger',
    ]);
    const licence = deregister.materials.find(
      (m: { materialId: string }) => m.materialId === 'business-licence',
    );
    expect(licence).toMatchObject({ originalRequired: true, heldBy: ['market'] });
  });

  it('pages the catalogue, counted as items.list', async () => {
    await admin.resetCounts();
    const first = await api.get('/api/items?page=1&pageSize=3');
    const second = await api.get('/api/items?page=2&pageSize=3');
    expect(first.body.items).toHaveLength(3);
    expect(second.body).toMatchObject({ page: 2, pageSize: 3, total: 4 });
    expect(second.body.items.map((i: { itemCode: string }) => i.itemCode)).toEqual(['MKT-DEREGISTER']);
    expect((await api.get('/api/items?pageSize=100')).status).toBe(400);
    expect((await admin.counts()).byOp).toEqual({ 'items.list': 3 });
  });
});

import type { StandIn, StandInAdmin } from '@onething/legacy-kit';
import { childrenOf } from '@onething/runtime/xml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BDC_NS } from '../src/codes';
import { population, UNREGISTERED_UNIT } from './fixtures';
import { call, faultOf, startRegistry, textAt } from './helpers';

let standIn: StandIn;
let admin: StandInAdmin;
beforeAll(async () => {
  ({ standIn, admin } = await startRegistry());
});
afterAll(() => standIn.close());
beforeEach(() => admin.reset());

const residential = population.properties.find((p) => p.use === 'residential')!;
const commercial = population.properties.find((p) => p.use === 'commercial')!;
const assess = (items: string[], form: Record<string, string>) =>
  call(
    standIn.url,
    'AssessFees',
    `${items.map((i) => `<reg:ItemCode>${i}</reg:ItemCode>`).join('')}<reg:Form>${Object.entries(form)
      .map(([code, v]) => `<reg:Field code="${code}">${v}</reg:Field>`)
      .join('')}</reg:Form>`,
  );
const fees = (a: Awaited<ReturnType<typeof assess>>) =>
  childrenOf(a.body, 'Fee', BDC_NS).map((f) => ({
    item: textAt(f, 'ItemCode'),
    code: textAt(f, 'FeeCode'),
    quantity: textAt(f, 'Quantity'),
    unit: textAt(f, 'UnitYuan'),
    amount: textAt(f, 'AmountYuan'),
    payee: textAt(f, 'Payee', 'Zh'),
    citation: textAt(f, 'Rule', 'Citation'),
  }));

describe('AssessFees', () => {
  it('charges a residential transfer 80.00 and two extra certificates 10.00 each, by the register’s use', async () => {
    const a = await assess(['RE-TRANSFER'], {
      PropertyUnitCode: residential.unitCode,
      PropertyCertificateCount: '3',
    });
    expect(a.status).toBe(200);
    expect(fees(a)).toEqual([
      expect.objectContaining({
        item: 'RE-TRANSFER',
        code: 'REGISTRATION',
        quantity: '1',
        unit: '80.00',
        amount: '80.00',
      }),
      expect.objectContaining({ code: 'CERTIFICATE', quantity: '2', unit: '10.00', amount: '20.00' }),
    ]);
    expect(fees(a)[0]!.payee).toMatch(/不动产登记中心$/);
    expect(fees(a)[0]!.citation).toContain('发改价格规〔2016〕2559号');
    expect(textAt(a.body, 'TotalYuan')).toBe('100.00');
    expect((await admin.counts()).byOp['AssessFees']).toBe(1);
  });

  it('charges a commercial unit 550.00, and the mortgagor nothing', async () => {
    const a = await assess(['RE-TRANSFER', 'RE-MORTGAGE'], { PropertyUnitCode: commercial.unitCode });
    expect(fees(a).map((f) => [f.item, f.amount])).toEqual([
      ['RE-TRANSFER', '550.00'],
      ['RE-MORTGAGE', '0.00'],
    ]);
    expect(textAt(a.body, 'TotalYuan')).toBe('550.00');
  });

  it('makes no case', async () => {
    const before = await admin.cases({});
    await assess(['RE-TRANSFER'], { PropertyUnitCode: residential.unitCode });
    expect(await admin.cases({})).toHaveLength(before.length);
  });

  it('lists every problem at once (BDC-1002): a missing unit, a bad count, an unknown field', async () => {
    const f = faultOf(await assess(['RE-TRANSFER'], { PropertyCertificateCount: '0', Nope: 'x' }));
    expect(f?.code).toBe('BDC-1002');
    expect(f?.problems.map((p) => [p.field, p.rule]).sort()).toEqual([
      ['Nope', 'unknown'],
      ['PropertyCertificateCount', 'min'],
      ['PropertyUnitCode', 'required'],
    ]);
  });

  it('refuses an unregistered unit (BDC-2001) and an unknown item (BDC-3001)', async () => {
    expect(faultOf(await assess(['RE-TRANSFER'], { PropertyUnitCode: UNREGISTERED_UNIT }))?.code).toBe(
      'BDC-2001',
    );
    expect(faultOf(await assess(['RE-NOPE'], {}))).toMatchObject({
      code: 'BDC-3001',
      faultstring: '未知的登记事项：RE-NOPE',
    });
    expect(faultOf(await assess([], {}))?.code).toBe('BDC-1002');
  });
});

import { describe, expect, it } from 'vitest';
import { readOrder } from './order';

const centre = {
  name: '湖州市吴兴区政务服务中心',
  mobile: '0572-2221234',
  prov: '浙江省',
  city: '湖州市',
  county: '吴兴区',
  address: '青铜路1号',
  postCode: '313000',
};
const order = (receiver: Record<string, unknown> = {}) => ({
  txLogisticId: 'A2026120400017',
  sender: centre,
  receiver: {
    name: '张三',
    mobile: '139 1234 5678',
    prov: '浙江省',
    city: '湖州市',
    county: '南浔区',
    address: '南浔大道88号',
    postCode: '313009',
    ...receiver,
  },
  items: [{ itemName: '不动产权证书', quantity: 1 }],
});

describe('an order at the platform’s desk', () => {
  it('takes a valid order, normalising the mobile number', () => {
    const r = readOrder(order());
    expect(r.errors).toEqual([]);
    expect(r.order?.receiver.mobile).toBe('13912345678');
  });

  it('names every problem of the address at once: mobile and postal code', () => {
    const r = readOrder(order({ mobile: '12345', postCode: '100010' }));
    expect(r.order).toBeUndefined();
    expect(r.errors.map((e) => e.field)).toEqual(['receiver.mobile', 'receiver.postCode']);
    expect(r.errors[0]!.reason).toContain('11位');
    expect(r.errors[0]!.reason).toContain('13至19');
    expect(r.errors[1]!.reason).toContain('北京市');
  });

  it('names every missing or malformed field of the shape at once', () => {
    const r = readOrder({ ...order({ name: '' }), items: [] });
    expect(r.errors.map((e) => e.field).sort()).toEqual(['items', 'receiver.name']);
  });

  it('takes the centre’s landline as the sender’s telephone, but not a mobile or landline that is neither', () => {
    expect(readOrder({ ...order(), sender: { ...centre, mobile: '2221234' } }).errors).toEqual([
      { field: 'sender.mobile', reason: expect.stringContaining('固定电话') },
    ]);
  });
});

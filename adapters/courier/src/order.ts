import { AdapterError } from '@onething/adapter-core';
import { validateMobileNumber, validatePostalCode, validateS10 } from '@onething/schema';
import type { PostalOrder } from './domain';

type Problem = NonNullable<AdapterError['details']['problems']>[number];

/** A landline (固定电话): 0 and a 2–3 digit area code, then 7–8 digits. */
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;
/** Customer order numbers the platform takes: 1 to 64 visible ASCII characters. */
const ORDER_NUMBER = /^[\x21-\x7e]{1,64}$/;

const invalid = (op: string, problems: Problem[]) =>
  new AdapterError(
    'INVALID_INPUT',
    'courier',
    op,
    `${problems.length} problem(s): ${problems.map((p) => `${p.path} ${p.message.en}`).join('; ')}`,
    { problems },
  );

/**
 * Checks an order before it costs the courier a call, naming every problem at once: the recipient's
 * mobile number (MIIT plan, 1[3-9]x), the sender's telephone (mobile or landline), both postal codes
 * (6 digits, of the address's province), the order number, and that something is posted.
 */
export function checkOrder(op: string, order: PostalOrder): PostalOrder {
  const problems: Problem[] = [];
  const push = (path: string, rule: string, zh: string, en: string) =>
    problems.push({ path, rule, message: { zh, en } });
  if (!ORDER_NUMBER.test(order.orderNumber))
    push(
      'orderNumber',
      'courier.orderNumber',
      '订单号应为1至64位可见字符',
      'The order number is 1 to 64 visible ASCII characters',
    );
  const mobile = validateMobileNumber(order.recipient.phone);
  if (!mobile.ok) for (const p of mobile.problems) problems.push({ path: 'recipient.phone', ...p });
  const senderPhone = order.sender.phone.replace(/\s+/g, '');
  if (!validateMobileNumber(senderPhone).ok && !LANDLINE.test(senderPhone))
    push(
      'sender.phone',
      'courier.senderPhone',
      '寄件人电话应为手机号码或固定电话（区号-号码）',
      "The sender's telephone is a mobile number or a landline (area code-number)",
    );
  for (const side of ['sender', 'recipient'] as const) {
    const party = order[side];
    const code = validatePostalCode(party.postalCode, party.province);
    if (!code.ok) for (const p of code.problems) problems.push({ path: `${side}.postalCode`, ...p });
    for (const field of ['name', 'province', 'city', 'county', 'address'] as const)
      if (party[field].trim() === '') push(`${side}.${field}`, 'courier.required', '不能为空', 'Required');
  }
  if (order.items.length === 0) push('items', 'courier.items', '至少寄递一项', 'Post at least one item');
  if (problems.length > 0) throw invalid(op, problems);
  return {
    ...order,
    recipient: { ...order.recipient, phone: mobile.ok ? mobile.value : order.recipient.phone },
  };
}

/** Normalised waybill numbers, or INVALID_INPUT naming every malformed one (UPU S10, check digit). */
export function checkWaybillNumbers(op: string, numbers: readonly string[]): string[] {
  const problems: Problem[] = [];
  const out = numbers.map((n, i) => {
    const v = validateS10(n);
    if (v.ok) return v.value;
    for (const p of v.problems) problems.push({ path: `waybillNumber[${i}]`, ...p });
    return n;
  });
  if (problems.length > 0) throw invalid(op, problems);
  return out;
}

/** The platform's wire form of an order (ORDERCREATE's `logistics_interface`). */
export function orderToWire(order: PostalOrder) {
  const party = (p: PostalOrder['sender']) => ({
    name: p.name,
    mobile: p.phone,
    prov: p.province,
    city: p.city,
    county: p.county,
    address: p.address,
    postCode: p.postalCode,
  });
  return {
    txLogisticId: order.orderNumber,
    sender: party(order.sender),
    receiver: party(order.recipient),
    items: order.items.map((i) => ({ itemName: i.name, quantity: i.quantity })),
    ...(order.remark === undefined ? {} : { remark: order.remark }),
  };
}

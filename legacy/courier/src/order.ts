import { validateMobileNumber, validatePostalCode } from '@onething/schema';
import { z } from 'zod';
import type { FieldError } from './codes';

/** A party of a waybill: the sender (the centre) or the recipient. */
export interface Party {
  readonly name: string;
  readonly mobile: string;
  readonly prov: string;
  readonly city: string;
  readonly county: string;
  readonly address: string;
  readonly postCode: string;
}

/** What a customer orders (ORDERCREATE's `logistics_interface`), once valid. */
export interface WaybillOrder {
  /** The customer's order number (客户订单号): for a government centre, the application number. */
  readonly txLogisticId: string;
  readonly sender: Party;
  readonly receiver: Party;
  readonly items: readonly { readonly itemName: string; readonly quantity: number }[];
  readonly remark?: string;
}

/** Customer order numbers: 1 to 64 visible ASCII characters. */
export const ORDER_NUMBER = /^[\x21-\x7e]{1,64}$/;
/** Items one waybill may list at most. */
export const MAX_ITEMS = 20;

const text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `长度不得超过${max}`);
const party = z.object({
  name: text(50),
  mobile: z.string().trim().min(1, '不能为空'),
  prov: text(20),
  city: text(20),
  county: text(20),
  address: text(200),
  postCode: z.string().trim().min(1, '不能为空'),
});
const orderShape = z.object({
  txLogisticId: z.string().regex(ORDER_NUMBER, '应为1至64位可见字符，不含空格'),
  sender: party,
  receiver: party,
  items: z
    .array(z.object({ itemName: text(100), quantity: z.number().int().min(1).max(99) }))
    .min(1, '至少一项')
    .max(MAX_ITEMS, `不得超过${MAX_ITEMS}项`),
  remark: z.string().max(200, '长度不得超过200').optional(),
});

/** A landline (固定电话): area code 0 + 2–3 digits, then 7–8 digits, with or without a hyphen. */
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

/**
 * Reads ORDERCREATE's payload and checks it as the platform's order desk does, naming every problem at
 * once: the shape, the recipient's mobile number (MIIT plan, 1[3-9]x), the sender's telephone (a mobile or
 * a landline: the centre's switchboard), and both postal codes (6 digits, the address's province).
 */
export function readOrder(payload: unknown): { order?: WaybillOrder; errors: FieldError[] } {
  const parsed = orderShape.safeParse(payload);
  if (!parsed.success)
    return {
      errors: parsed.error.issues.map((i) => ({
        field: i.path.join('.') || '(logistics_interface)',
        reason: i.message,
      })),
    };
  const o = parsed.data;
  const errors: FieldError[] = [];
  const mobile = validateMobileNumber(o.receiver.mobile);
  if (!mobile.ok)
    errors.push({ field: 'receiver.mobile', reason: mobile.problems.map((p) => p.message.zh).join('；') });
  const senderPhone = o.sender.mobile.replace(/\s+/g, '');
  const senderMobile = validateMobileNumber(senderPhone);
  if (!senderMobile.ok && !LANDLINE.test(senderPhone))
    errors.push({
      field: 'sender.mobile',
      reason: '应为手机号码（1[3-9]开头的11位数字）或固定电话（区号-号码）',
    });
  for (const [side, p] of [
    ['sender', o.sender],
    ['receiver', o.receiver],
  ] as const) {
    const code = validatePostalCode(p.postCode, p.prov);
    if (!code.ok)
      errors.push({ field: `${side}.postCode`, reason: code.problems.map((x) => x.message.zh).join('；') });
  }
  if (errors.length > 0) return { errors };
  const order: WaybillOrder = {
    txLogisticId: o.txLogisticId,
    sender: { ...o.sender, mobile: senderMobile.ok ? senderMobile.value : senderPhone },
    receiver: { ...o.receiver, mobile: mobile.ok ? mobile.value : o.receiver.mobile },
    items: o.items,
    ...(o.remark === undefined ? {} : { remark: o.remark }),
  };
  return { order, errors };
}

import type { TraceEvent, Waybill } from './book';
import { wireTime } from './time';
import { statusName, type WaybillStatus } from './waybill';

/** The platform's operation codes (操作码) of each status (PROTOCOL.md §5). */
export const OP_CODES: Readonly<Record<WaybillStatus, string>> = {
  created: '00',
  picked_up: '10',
  in_transit: '20',
  out_for_delivery: '30',
  delivered: '40',
  delivery_failed: '50',
  returned: '60',
  cancelled: '90',
};

/** One trace event on the wire. */
export interface WireTrace {
  readonly seq: number;
  readonly opCode: string;
  readonly opName: string;
  readonly opTime: string;
  readonly opOrgName: string;
  readonly description: string;
  readonly signer?: string;
  readonly failReason?: string;
  readonly cancelReason?: string;
}

/** A waybill on the wire: ORDERCREATE's, ORDERQUERY's and TRACEQUERY's answer. */
export interface WireWaybill {
  readonly waybillNo: string;
  readonly txLogisticId: string;
  readonly opCode: string;
  readonly opName: string;
  readonly createdTime: string;
  readonly receiver: {
    readonly name: string;
    readonly mobile: string;
    readonly prov: string;
    readonly city: string;
  };
  readonly traces: readonly WireTrace[];
}

/** A mobile number as answers show it: `139****5678` (the customer sent it; nobody else reads it back). */
export const maskMobile = (mobile: string): string =>
  mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '****';

function describe(w: Waybill, e: TraceEvent): { opOrgName: string; description: string } {
  const { sender, receiver } = w.order;
  const origin = `${sender.city}${sender.county}`;
  const destination = `${receiver.city}${receiver.county}`;
  switch (e.status) {
    case 'created':
      return { opOrgName: sender.name, description: `【${sender.name}】已下单，等待揽收` };
    case 'picked_up':
      return { opOrgName: `${origin}揽投部`, description: `【${origin}揽投部】已收寄` };
    case 'in_transit':
      return {
        opOrgName: `${origin}处理中心`,
        description: `已离开【${origin}处理中心】，发往【${destination}】`,
      };
    case 'out_for_delivery':
      return { opOrgName: `${destination}揽投部`, description: `【${destination}揽投部】投递员正在派件` };
    case 'delivered':
      return { opOrgName: `${destination}揽投部`, description: `已妥投，签收人：${e.signer}` };
    case 'delivery_failed':
      return { opOrgName: `${destination}揽投部`, description: `未妥投：${e.reason}` };
    case 'returned':
      return { opOrgName: `${destination}揽投部`, description: `邮件已退回寄件人【${sender.name}】` };
    case 'cancelled':
      return { opOrgName: sender.name, description: `订单已取消：${e.reason}` };
  }
}

export function traceToWire(w: Waybill, e: TraceEvent): WireTrace {
  return {
    seq: e.seq,
    opCode: OP_CODES[e.status],
    opName: statusName(e.status),
    opTime: wireTime(e.at),
    ...describe(w, e),
    ...(e.signer === undefined ? {} : { signer: e.signer }),
    ...(e.reason === undefined
      ? {}
      : e.status === 'cancelled'
        ? { cancelReason: e.reason }
        : { failReason: e.reason }),
  };
}

export function waybillToWire(w: Waybill): WireWaybill {
  const last = w.trace.at(-1)!;
  const { receiver } = w.order;
  return {
    waybillNo: w.waybillNo,
    txLogisticId: w.txLogisticId,
    opCode: OP_CODES[last.status],
    opName: statusName(last.status),
    createdTime: wireTime(w.createdAt),
    receiver: {
      name: receiver.name,
      mobile: maskMobile(receiver.mobile),
      prov: receiver.prov,
      city: receiver.city,
    },
    traces: w.trace.map((e) => traceToWire(w, e)),
  };
}

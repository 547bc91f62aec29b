import { fenToYuan } from '@onething/schema';
import type { Ledger, Transaction } from './ledger';

/** Mismatches the admin port injects into statements, to prove a caller's reconciliation finds them. */
export interface StatementFaults {
  /** Orders whose lines are left out (paid, but not on the statement). */
  omit: string[];
  /** Orders whose lines' amounts are off by this many fen. */
  amountDeltaFen: Record<string, number>;
  /** Lines of payments the caller never made orders for. */
  extra: { orderNo: string; amountFen: number }[];
}

export const NO_STATEMENT_FAULTS: StatementFaults = { omit: [], amountDeltaFen: {}, extra: [] };

export const STATEMENT_HEADER = [
  '交易时间',
  '交易类型',
  '平台订单号',
  '缴款码',
  '业务流水号',
  '子订单号',
  '收款单位编码',
  '金额',
  '退款单号',
  '渠道',
] as const;

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * The daily statement (对账单) of one Beijing calendar day as CSV (RFC 4180, UTF-8, CRLF): a header, one
 * line per payment or refund of a sub-order, and a closing sum line `合计,<lines>,<paid>,<refunded>`.
 * Amounts are in yuan with two decimals, as bank statements are. A caller gets the lines of its own orders.
 */
export function statementCsv(ledger: Ledger, day: string, faults: StatementFaults, caller: string): string {
  const lines: string[][] = [];
  let paid = 0;
  let refunded = 0;
  const rows: (Transaction & { extra?: true })[] = ledger
    .transactionsOn(day)
    .filter((t) => ledger.get(t.orderNo)?.caller === caller && !faults.omit.includes(t.orderNo))
    .map((t) => ({ ...t, amountFen: t.amountFen + (faults.amountDeltaFen[t.orderNo] ?? 0) }));
  for (const e of faults.extra)
    rows.push({
      at: Date.parse(`${day}T04:00:00Z`),
      type: 'PAY',
      orderNo: e.orderNo,
      subOrderNo: `${e.orderNo}01`,
      amountFen: e.amountFen,
      extra: true,
    });
  for (const t of rows) {
    const order = ledger.get(t.orderNo);
    const sub = order?.subOrders.find((s) => s.subOrderNo === t.subOrderNo);
    if (t.type === 'PAY') paid += t.amountFen;
    else refunded += t.amountFen;
    lines.push([
      new Date(t.at).toISOString(),
      t.type,
      t.orderNo,
      order?.paymentCode ?? '',
      order?.outTradeNo ?? '',
      t.subOrderNo,
      sub?.payee.code ?? '',
      fenToYuan(t.amountFen),
      t.refundNo ?? '',
      order?.channel ?? '',
    ]);
  }
  lines.push(['合计', String(rows.length), fenToYuan(paid), fenToYuan(refunded)]);
  return `${[STATEMENT_HEADER as readonly string[], ...lines].map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

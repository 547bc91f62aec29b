import { yuanToFen } from '@onething/schema';
import type { PaymentChannel, Statement, StatementLine } from './domain';

const HEADER = '交易时间,交易类型,平台订单号,缴款码,业务流水号,子订单号,收款单位编码,金额,退款单号,渠道';

/** Splits CSV text (RFC 4180: quoted cells may hold commas, quotes doubled, line breaks) into rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (quoted) throw new Error('a quoted cell is not closed');
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

const money = (text: string, where: string) => {
  const fen = yuanToFen(text);
  if (fen === undefined) throw new Error(`${where}: "${text}" is not an amount in yuan`);
  return fen;
};

/**
 * Reads a daily statement (PROTOCOL.md §7): the header as documented, a line per payment or refund of a
 * sub-order, and the sum line, whose count and sums must be those of the lines — a statement that does
 * not add up is refused as malformed rather than reconciled against.
 */
export function parseStatement(date: string, text: string): Statement {
  const rows = parseCsv(text);
  if (rows[0]?.join(',') !== HEADER) throw new Error('the statement does not start with its header');
  const sum = rows.at(-1);
  if (sum?.[0] !== '合计' || sum.length !== 4)
    throw new Error('the statement does not end with its sum line');
  const lines: StatementLine[] = rows.slice(1, -1).map((r, i) => {
    if (r.length !== 10) throw new Error(`line ${i + 2} has ${r.length} cells, not 10`);
    const [
      at,
      type,
      orderNumber,
      paymentCode,
      reference,
      subOrderNumber,
      payeeCode,
      amount,
      refundNumber,
      channel,
    ] = r as [string, string, string, string, string, string, string, string, string, string];
    if (type !== 'PAY' && type !== 'REFUND') throw new Error(`line ${i + 2}: type "${type}"`);
    if (Number.isNaN(Date.parse(at))) throw new Error(`line ${i + 2}: time "${at}"`);
    return {
      at,
      type,
      orderNumber,
      paymentCode,
      reference,
      subOrderNumber,
      payeeCode,
      amountFen: money(amount, `line ${i + 2}`),
      refundNumber: refundNumber || null,
      channel: channel === 'ONLINE_BANKING' || channel === 'POS' ? (channel as PaymentChannel) : null,
    };
  });
  const paidFen = lines.filter((l) => l.type === 'PAY').reduce((s, l) => s + l.amountFen, 0);
  const refundedFen = lines.filter((l) => l.type === 'REFUND').reduce((s, l) => s + l.amountFen, 0);
  if (
    Number(sum[1]) !== lines.length ||
    money(sum[2]!, 'sum') !== paidFen ||
    money(sum[3]!, 'sum') !== refundedFen
  )
    throw new Error('the sum line does not match the lines');
  return { date, lines, paidFen, refundedFen };
}

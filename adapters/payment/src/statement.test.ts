import { describe, expect, it } from 'vitest';
import { parseCsv, parseStatement } from './statement';

const HEADER = '交易时间,交易类型,平台订单号,缴款码,业务流水号,子订单号,收款单位编码,金额,退款单号,渠道';
const line = (type: string, amount: string, refund = '') =>
  `2026-12-04T02:00:00.000Z,${type},UPP202612040000000001,11010526000000000013,"APP,1",UPP20261204000000000101,RE-FEE,${amount},${refund},POS`;

describe('daily statements', () => {
  it('reads quoted cells, doubled quotes and CRLF', () => {
    expect(parseCsv('a,"b,c","d""e"\r\nf,,g\r\n')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['f', '', 'g'],
    ]);
  });

  it('reads lines in fen, and sums that add up', () => {
    const text = [HEADER, line('PAY', '80.00'), line('REFUND', '30.50', 'R1'), '合计,2,80.00,30.50', ''].join(
      '\r\n',
    );
    const s = parseStatement('2026-12-04', text);
    expect(s.lines.map((l) => [l.type, l.amountFen, l.reference, l.refundNumber])).toEqual([
      ['PAY', 8_000, 'APP,1', null],
      ['REFUND', 3_050, 'APP,1', 'R1'],
    ]);
    expect([s.paidFen, s.refundedFen]).toEqual([8_000, 3_050]);
  });

  it('refuses a statement whose sum line does not match its lines, or without its header', () => {
    expect(() =>
      parseStatement('2026-12-04', [HEADER, line('PAY', '80.00'), '合计,1,80.01,0.00'].join('\r\n')),
    ).toThrow(/sum line/);
    expect(() =>
      parseStatement('2026-12-04', [line('PAY', '80.00'), '合计,1,80.00,0.00'].join('\r\n')),
    ).toThrow(/header/);
    expect(() =>
      parseStatement('2026-12-04', [HEADER, line('PAY', '80'), '合计,1,80.00,0.00'].join('\r\n')),
    ).not.toThrow();
    expect(() =>
      parseStatement('2026-12-04', [HEADER, line('PAY', '八十'), '合计,1,80.00,0.00'].join('\r\n')),
    ).toThrow(/yuan/);
  });
});

import { describe, expect, it } from 'vitest';
import { fenToYuan, wanYuanToFen, yuanToFen } from './money';

describe('money', () => {
  it.each([
    ['0', 0],
    ['1234.56', 123456],
    ['1234.5', 123450],
    ['-0.07', -7],
    ['9999999999999.99', 999999999999999],
  ])('reads yuan %s as %i fen', (yuan, fen) => expect(yuanToFen(yuan)).toBe(fen));

  it.each(['', '1.234', '1,000', 'abc', '1e5', '.5'])('refuses %j', (s) =>
    expect(yuanToFen(s)).toBeUndefined(),
  );

  it('round-trips fen through yuan', () => {
    for (const fen of [0, 1, 99, 100, 123456, -7]) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });

  it('converts registered capital in 万元', () => expect(wanYuanToFen(50.5)).toBe(50_500_000));
});

import { describe, expect, it } from 'vitest';
import { registryFees } from './registration-fees';

describe('the registry’s fees per case (发改价格规〔2016〕2559号)', () => {
  it('charges 80 yuan for a residential transfer, one certificate included', () => {
    const lines = registryFees({ itemCode: 'RE-TRANSFER', use: 'residential' });
    expect(lines).toEqual([
      expect.objectContaining({ feeCode: 'REGISTRATION', quantity: 1, unitFen: 8_000, amountFen: 8_000 }),
    ]);
    expect(lines[0]!.rule.citation).toContain('发改价格规〔2016〕2559号');
    expect(lines[0]!.rule.citation).toContain('住宅类不动产登记收费标准为每件80元');
    expect(lines[0]!.rule.citation).toContain('财税〔2016〕79号');
  });

  it('charges 550 yuan for a non-residential transfer', () => {
    const [fee] = registryFees({ itemCode: 'RE-TRANSFER', use: 'commercial', certificates: 1 });
    expect(fee).toMatchObject({ amountFen: 55_000 });
    expect(fee!.rule.citation).toContain('非住宅类不动产登记收费标准为每件550元');
  });

  it.each([
    [2, 1, 1_000],
    [3, 2, 2_000],
    [20, 19, 19_000],
  ])('adds 10 yuan for each certificate beyond the first (%i issued → %i charged)', (n, charged, fen) => {
    const lines = registryFees({ itemCode: 'RE-TRANSFER', use: 'commercial', certificates: n });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({
      feeCode: 'CERTIFICATE',
      quantity: charged,
      unitFen: 1_000,
      amountFen: fen,
    });
    expect(lines[1]!.rule.citation).toContain('每增加一本证书加收证书工本费10元');
    expect(lines.reduce((s, l) => s + l.amountFen, 0)).toBe(55_000 + fen);
  });

  it('charges the mortgagor nothing: the mortgagee pays (财税〔2016〕79号)', () => {
    expect(registryFees({ itemCode: 'RE-MORTGAGE' })).toEqual([
      expect.objectContaining({
        amountFen: 0,
        rule: expect.objectContaining({ citation: expect.stringContaining('抵押权人') }),
      }),
    ]);
  });

  it('charges nothing for a record query, and says why', () => {
    const [line] = registryFees({ itemCode: 'RE-RECORD-QUERY' });
    expect(line).toMatchObject({ amountFen: 0, feeCode: 'NONE' });
    expect(line!.rule.citation).toContain('实施清单');
  });

  it.each([0, 21, 1.5])('refuses %s certificates', (n) => {
    expect(() => registryFees({ itemCode: 'RE-TRANSFER', use: 'residential', certificates: n })).toThrow(
      RangeError,
    );
  });

  it('refuses to assess a transfer without the unit’s use', () => {
    expect(() => registryFees({ itemCode: 'RE-TRANSFER' })).toThrow(RangeError);
  });
});

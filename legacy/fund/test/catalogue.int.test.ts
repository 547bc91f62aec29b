import type { StandIn } from '@onething/legacy-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireItem } from '../src/index';
import { startFund, type WireClient } from './harness';

describe('fund wire: the item catalogue (sxcx)', () => {
  let standIn: StandIn;
  let wire: WireClient;
  let items: WireItem[];

  beforeAll(async () => {
    ({ standIn, wire } = await startFund());
    items = (await wire.call<{ list: WireItem[] }>('sxcx', {})).data.list;
  });
  afterAll(() => standIn.close());

  it('publishes the five items of the fund with every element of their implementation list', () => {
    expect(items.map((i) => i.sxbm).sort()).toEqual([
      'FUND-EMPLOYER-CHANGE',
      'FUND-EMPLOYER-CLOSE',
      'FUND-EMPLOYER-OPEN',
      'FUND-LOAN',
      'FUND-PURCHASE-WITHDRAWAL',
    ]);
    const loan = items.find((i) => i.sxbm === 'FUND-LOAN')!;
    expect(loan).toMatchObject({
      sxmc: '住房公积金个人住房贷款',
      sxmc_en: 'Provident fund home loan',
      sxlx: '20',
      fdsx: '15',
      cnsx: '5',
      sfbz: '0.00',
      pdcs: '1',
      sdyj: ['《住房公积金管理条例》第二十六条'],
      sltj: [{ nr: '连续足额缴存满6个月', nr_en: 'Deposits paid in full for six months in a row' }],
      bljg: { jgmc: '公积金借款合同', jglx: '5', jgcl: ['loan-contract'], jgzd: [] },
    });
  });

  it('gives each field its pinyin wire code next to its semantic key, in wire units', () => {
    const loan = items.find((i) => i.sxbm === 'FUND-LOAN')!;
    const byCode = new Map(loan.zdlb.map((f) => [f.zdbm, f]));
    expect(loan.zdlb.map((f) => `${f.yybm}→${f.zdbm}`)).toContain('fund.loanAmount→dkje');
    expect(byCode.get('dkje')).toMatchObject({ zdlx: 'je', bt: '1', kxg: '1', zxz: '100.00' });
    expect(byCode.get('zjhm')).toMatchObject({ yybm: 'applicant.idNumber', zdlx: 'sfzh', kxg: '0' });
    expect(byCode.get('dkqx')).toMatchObject({ zdlx: 'zs', zxz: '12', zdz: '360' });
    expect(byCode.get('hyzk')?.xx).toEqual([
      { dm: '10', mc: '未婚', mc_en: 'Single', yyz: 'single' },
      { dm: '20', mc: '已婚', mc_en: 'Married', yyz: 'married' },
      { dm: '40', mc: '离异', mc_en: 'Divorced', yyz: 'divorced' },
      { dm: '30', mc: '丧偶', mc_en: 'Widowed', yyz: 'widowed' },
    ]);
    expect(byCode.get('bdcdyh')?.ts).toContain('28位');
  });

  it('lists each material with whether it is required, original, copies, who holds it and its formats', () => {
    const open = items.find((i) => i.sxbm === 'FUND-EMPLOYER-OPEN')!;
    expect(open.cllb.find((m) => m.clbm === 'business-licence')).toEqual({
      clbm: 'business-licence',
      clmc: '营业执照',
      clmc_en: 'Business licence',
      bx: '1',
      yj: '0',
      fs: '1',
      gxbm: ['market'],
      wjgs: ['pdf'],
    });
    expect(open.bljg.jgzd).toEqual(['dwzh']);
  });

  it('answers one item by its code, and E3001 for an unknown one', async () => {
    const one = await wire.call<{ list: WireItem[] }>('sxcx', { sxbm: 'FUND-EMPLOYER-CLOSE' });
    expect(one.data.list.map((i) => i.sxbm)).toEqual(['FUND-EMPLOYER-CLOSE']);
    expect((await wire.call('sxcx', { sxbm: 'FUND-NOTHING' })).fhm).toBe('E3001');
  });
});

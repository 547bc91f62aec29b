import type { Enterprise, Population, StandIn, StandInAdmin } from '@onething/legacy-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WireAccount, WireCase, WireEmployer, WireLoan } from '../src/index';
import { freshNonce, Picker, startFund, type WireClient, withdrawalForm } from './harness';

describe('fund rules: outcomes of each item, and the effects of approvals on later reads', () => {
  let standIn: StandIn;
  let admin: StandInAdmin;
  let wire: WireClient;
  let population: Population;
  let pick: Picker;

  beforeAll(async () => {
    ({ standIn, admin, wire, population } = await startFund());
    pick = new Picker(population);
  });
  afterAll(() => standIn.close());
  beforeEach(() => admin.reset());

  const submit = (form: Record<string, string>) => wire.call<WireCase>('ywsl', form);
  /** Submits, lets a full day pass on the system's clock, and answers the decided case. */
  const decided = async (form: Record<string, string>) => {
    const answer = await submit(form);
    expect(answer.fhm).toBe('000000');
    await admin.advanceClock({ advanceDays: 1 });
    return (await wire.call<WireCase>('ywcx', { slbh: answer.data.slbh })).data;
  };
  const account = async (id: string) =>
    (await wire.call<{ list: WireAccount[] }>('grzhcx', { zjhm: id })).data.list[0];
  const employer = async (uscc: string) =>
    (await wire.call<{ list: WireEmployer[] }>('dwzhcx', { tyshxydm: uscc })).data.list[0];
  const person = (id: string) => population.persons.find((p) => p.idNumber === id)!;

  function employerForm(item: string, e: Enterprise, extra: Record<string, string>) {
    const rep = person(e.legalRepIdNumber);
    return {
      qqlsh: `emp-${freshNonce()}`,
      sxbm: item,
      sqrzjhm: rep.idNumber,
      sqrxm: rep.name,
      bd_zjhm: rep.idNumber,
      bd_xm: rep.name,
      bd_sjhm: rep.phone,
      bd_tyshxydm: e.uscc,
      bd_dwmc: e.name,
      bd_jbrxm: rep.name,
      ...extra,
    };
  }
  const enterpriseOf = (uscc: string) => population.enterprises.find((x) => x.uscc === uscc)!;

  describe('purchase withdrawal', () => {
    it('is rejected for a person without an account, and for a sealed account', async () => {
      const nobody = pick.personWithoutAccount();
      const fake = { ...population.fundAccounts[0]!, idNumber: nobody.idNumber, name: nobody.name };
      const none = await decided(withdrawalForm(fake, pick.property().unitCode));
      expect(none).toMatchObject({ blzt: '4', yy: '申请人无住房公积金个人账户', jg: null });
      const sealed = await decided(
        withdrawalForm(
          pick.account((a) => a.status === 'sealed'),
          pick.property().unitCode,
        ),
      );
      expect(sealed.blzt).toBe('4');
      expect(sealed.yy).toContain('封存');
    });

    it('asks to correct the personal account when it is not the applicant’s', async () => {
      const a = pick.account();
      const c = await decided(withdrawalForm(a, pick.property().unitCode, { bd_grzh: '999999999999' }));
      expect(c).toMatchObject({ blzt: '5', bzzd: 'grzh' });
    });

    it('deducts the amount from the balance on approval, visible in the next account query', async () => {
      const a = pick.account((x) => x.status === 'normal' && x.balanceFen > 5_000_00);
      const before = await account(a.idNumber);
      expect(before?.zhye).toBe(
        `${Math.floor(a.balanceFen / 100)}.${String(a.balanceFen % 100).padStart(2, '0')}`,
      );
      const c = await decided(withdrawalForm(a, pick.property().unitCode, { bd_tqje: '1234.56' }));
      expect(c.blzt).toBe('3');
      const after = await account(a.idNumber);
      const left = a.balanceFen - 1234_56;
      expect(after?.zhye).toBe(`${Math.floor(left / 100)}.${String(left % 100).padStart(2, '0')}`);
      expect(after?.gxsj).not.toBe(before?.gxsj);
    });
  });

  describe('loan', () => {
    const loanForm = (
      a: ReturnType<Picker['account']>,
      unitCode: string,
      extra: Record<string, string> = {},
    ) => ({
      qqlsh: `loan-${freshNonce()}`,
      sxbm: 'FUND-LOAN',
      sqrzjhm: a.idNumber,
      sqrxm: a.name,
      bd_zjhm: a.idNumber,
      bd_xm: a.name,
      bd_sjhm: '13700001111',
      bd_grzh: a.personalAccount,
      bd_dkje: '600000.00',
      bd_dkqx: '360',
      bd_bdcdyh: unitCode,
      bd_cjjg: '1000000.00',
      bd_hyzk: '20',
      ...extra,
    });

    it('is rejected without a normal account', async () => {
      const c = await decided(
        loanForm(
          pick.account((a) => a.status === 'sealed'),
          pick.property().unitCode,
        ),
      );
      expect(c.blzt).toBe('4');
    });

    it('asks to correct the amount above 80% of the price or above 1,200,000.00 yuan', async () => {
      const over80 = await decided(
        loanForm(pick.account(), pick.property().unitCode, { bd_dkje: '800000.01' }),
      );
      expect(over80).toMatchObject({ blzt: '5', bzzd: 'dkje' });
      const overCap = await decided(
        loanForm(pick.account(), pick.property().unitCode, { bd_dkje: '1200000.01', bd_cjjg: '5000000.00' }),
      );
      expect(overCap).toMatchObject({ blzt: '5', bzzd: 'dkje' });
      const atCap = await decided(
        loanForm(pick.account(), pick.property().unitCode, { bd_dkje: '1200000.00', bd_cjjg: '5000000.00' }),
      );
      expect(atCap.blzt).toBe('3');
    });

    it('refuses a marital status outside its code table', async () => {
      const answer = await submit(loanForm(pick.account(), pick.property().unitCode, { bd_hyzk: 'married' }));
      expect(answer.fhm).toBe('E2001');
    });

    it('creates the loan on the unit code on approval, with its contract number as the result', async () => {
      const a = pick.account();
      const unit = pick.property().unitCode;
      expect((await wire.call<{ list: WireLoan[] }>('dkcx', { bdcdyh: unit })).data.list).toEqual([]);
      const c = await decided(loanForm(a, unit));
      expect(c.blzt).toBe('3');
      expect(c.jg?.ws['loan-contract']).toMatch(/^JKHT\d{14}$/);
      const [loan] = (await wire.call<{ list: WireLoan[] }>('dkcx', { bdcdyh: unit })).data.list;
      expect(loan).toMatchObject({
        zjhm: a.idNumber,
        bdcdyh: unit,
        dkje: '600000.00',
        dkye: '600000.00',
        dkqx: '360',
      });
      // 等额本息 at 2.6% a year over 360 months.
      expect(loan?.yhke).toBe('2402.04');
      expect(loan?.dkzh).toMatch(/^GJJDK\d{14}$/);
      expect((await wire.call<{ list: WireLoan[] }>('dkcx', { zjhm: a.idNumber })).data.list).toContainEqual(
        loan,
      );
    });
  });

  describe('employer accounts', () => {
    it('opens an account for a USCC it has never seen, numbered at submission, readable after approval', async () => {
      const e = pick.enterpriseWithoutEmployerAccount();
      const form = employerForm('FUND-EMPLOYER-OPEN', e, {
        bd_dwdz: e.address,
        bd_fddbr: person(e.legalRepIdNumber).name,
        bd_jcbl: '12',
        bd_jcrs: '8',
      });
      const accepted = await submit(form);
      expect(accepted.data.blzt).toBe('1');
      expect(await employer(e.uscc)).toBeUndefined();
      const again = await submit({ ...form, qqlsh: `emp-${freshNonce()}` });
      expect(again.fhm).toBe('E3002'); // one opening at a time
      await admin.advanceClock({ advanceDays: 1 });
      const c = (await wire.call<WireCase>('ywcx', { slbh: accepted.data.slbh })).data;
      expect(c.blzt).toBe('3');
      const dwzh = c.jg?.zd.dwzh;
      expect(dwzh).toMatch(/^\d{12}$/);
      expect(await employer(e.uscc)).toMatchObject({ dwzh, dwmc: e.name, jcbl: '12', dwdz: e.address });
      expect((await submit({ ...form, qqlsh: `emp-${freshNonce()}` })).fhm).toBe('E3002');
    });

    it('gives a decision forced through the admin port its result too: the account it opens', async () => {
      const e = pick.enterpriseWithoutEmployerAccount();
      const form = employerForm('FUND-EMPLOYER-OPEN', e, {
        bd_dwdz: e.address,
        bd_fddbr: person(e.legalRepIdNumber).name,
        bd_jcbl: '8',
        bd_jcrs: '3',
      });
      const { slbh } = (await submit(form)).data;
      await admin.decide(slbh, { outcome: 'approved' });
      const c = (await wire.call<WireCase>('ywcx', { slbh })).data;
      expect(c.blzt).toBe('3');
      expect(c.jg?.zd.dwzh).toMatch(/^\d{12}$/);
      expect((await employer(e.uscc))?.dwzh).toBe(c.jg?.zd.dwzh);
    });

    it('refuses to open a second account for a USCC that has one (E3002)', async () => {
      const held = pick.employer();
      const e = enterpriseOf(held.uscc);
      const answer = await submit(
        employerForm('FUND-EMPLOYER-OPEN', e, {
          bd_dwdz: e.address,
          bd_fddbr: 'x',
          bd_jcbl: '5',
          bd_jcrs: '3',
        }),
      );
      expect(answer.fhm).toBe('E3002');
      expect(answer.fhxx).toContain(held.employerAccount);
    });

    it('refuses a change for an unknown account or another USCC (E3002), and applies the new name and address', async () => {
      const held = pick.employer();
      const e = enterpriseOf(held.uscc);
      const other = pick.employer();
      const unknown = await submit(employerForm('FUND-EMPLOYER-CHANGE', e, { bd_dwzh: '999999999999' }));
      expect(unknown.fhm).toBe('E3002');
      const mismatch = await submit(
        employerForm('FUND-EMPLOYER-CHANGE', e, { bd_dwzh: other.employerAccount }),
      );
      expect(mismatch.fhm).toBe('E3002');
      const c = await decided(
        employerForm('FUND-EMPLOYER-CHANGE', e, {
          bd_dwzh: held.employerAccount,
          bd_bghmc: `${e.name}（变更）`,
          bd_bghdz: '浙江省杭州市西湖区文三路1号',
        }),
      );
      expect(c.blzt).toBe('3');
      expect(await employer(e.uscc)).toMatchObject({
        dwzh: held.employerAccount,
        dwmc: `${e.name}（变更）`,
        dwdz: '浙江省杭州市西湖区文三路1号',
      });
    });

    it('closes an account on approval and seals the personal accounts still attached', async () => {
      const members = (dwzh: string) =>
        population.fundAccounts.filter((a) => a.employerAccount === dwzh && a.status === 'normal');
      const held = pick.employer((dwzh) => members(dwzh).length >= 2);
      const e = enterpriseOf(held.uscc);
      const form = employerForm('FUND-EMPLOYER-CLOSE', e, { bd_dwzh: held.employerAccount, bd_zxyy: '01' });
      const c = await decided(form);
      expect(c.blzt).toBe('3');
      expect(c.jg?.ws['fund-closure-certificate']).toMatch(/^ZXZM\d{14}$/);
      expect(await employer(e.uscc)).toBeUndefined();
      for (const m of members(held.employerAccount)) expect((await account(m.idNumber))?.zhzt).toBe('02');
      const change = await submit(employerForm('FUND-EMPLOYER-CHANGE', e, { bd_dwzh: held.employerAccount }));
      expect(change.fhm).toBe('E3002');
      expect(change.fhxx).toContain('已注销');
    });

    it('refuses a closure reason outside its code table', async () => {
      const held = pick.employer();
      const e = enterpriseOf(held.uscc);
      const answer = await submit(
        employerForm('FUND-EMPLOYER-CLOSE', e, { bd_dwzh: held.employerAccount, bd_zxyy: 'merger' }),
      );
      expect(answer.fhm).toBe('E2001');
    });
  });
});

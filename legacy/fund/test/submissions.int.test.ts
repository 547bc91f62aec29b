import type { Population, StandIn, StandInAdmin } from '@onething/legacy-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WireCase } from '../src/index';
import { freshNonce, Picker, startFund, type WireClient, withdrawalForm } from './harness';

type Cwxx = { cwxx: { zd: string; yy: string }[] };

describe('fund wire: submissions (ywsl), case queries (ywcx) and corrections (bzsl)', () => {
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

  it('accepts a valid submission as a case numbered GJJ + day + sequence, status 1', async () => {
    const a = pick.account();
    const form = withdrawalForm(a, pick.property().unitCode);
    const answer = await submit(form);
    expect(answer.fhm).toBe('000000');
    expect(answer.data).toMatchObject({
      sxbm: 'FUND-PURCHASE-WITHDRAWAL',
      qqlsh: form.qqlsh,
      blzt: '1',
      jg: null,
    });
    expect(answer.data.slbh).toMatch(/^GJJ\d{8}\d{6}$/);
    expect(answer.data.slsj).toMatch(/^\d{14}$/);
    const [held] = await admin.cases({ ref: form.qqlsh! });
    // The system keeps the form by semantic key, in its own units: fen, not yuan.
    expect(held?.fields).toMatchObject({
      'fund.withdrawalAmount': 100_000,
      'applicant.idNumber': a.idNumber,
    });
    expect(held?.materials).toEqual(['id-card', 'sale-contract']);
    const logged = (await admin.requestLog()).find((e) => e.op === 'ywsl');
    expect(logged?.keys).toEqual([form.qqlsh, a.idNumber, answer.data.slbh]);
  });

  it('is idempotent by qqlsh: the same content answers the same case, other content E3005', async () => {
    const form = withdrawalForm(pick.account(), pick.property().unitCode);
    const first = await submit(form);
    const again = await submit(form);
    expect(again.data.slbh).toBe(first.data.slbh);
    expect(await admin.cases({ ref: form.qqlsh! })).toHaveLength(1);
    const changed = await submit({ ...form, bd_tqje: '2000.00' });
    expect(changed.fhm).toBe('E3005');
    expect(changed.fhxx).toContain(first.data.slbh);
    expect(await admin.cases({ ref: form.qqlsh! })).toHaveLength(1);
  });

  it('refuses an unknown item with E3001 and makes no case', async () => {
    const form = withdrawalForm(pick.account(), pick.property().unitCode, { sxbm: 'FUND-NOTHING' });
    expect((await submit(form)).fhm).toBe('E3001');
    expect(await admin.cases({ ref: form.qqlsh! })).toEqual([]);
  });

  it('refuses missing protocol parameters with E1005, and a short qqlsh with E2001', async () => {
    const form = withdrawalForm(pick.account(), pick.property().unitCode);
    const { qqlsh: _, sqrxm: __, ...rest } = form;
    const a = await wire.call<Cwxx>('ywsl', rest);
    expect(a.fhm).toBe('E1005');
    expect(a.data.cwxx.map((e) => e.zd)).toEqual(['qqlsh', 'sqrxm']);
    expect((await submit({ ...form, qqlsh: 'short' })).fhm).toBe('E2001');
  });

  it('names every missing field, bad value and malformed identifier at once (E2001)', async () => {
    const a = pick.account();
    const form = withdrawalForm(a, 'NOT-A-UNIT-CODE', {
      bd_tqje: '1000',
      bd_sjhm: '',
      bd_htbh: 'lower case',
      bd_skyhkh: '12',
      bd_zjhm: population.fundAccounts.find((x) => x.idNumber !== a.idNumber)!.idNumber,
      bd_dkje: '1.00',
      cl: '[{"clbm":"id-card"}]',
    });
    const answer = await wire.call<Cwxx>('ywsl', form);
    expect(answer.fhm).toBe('E2001');
    expect(answer.data.cwxx.map((e) => e.zd).sort()).toEqual(
      ['bd_bdcdyh', 'bd_dkje', 'bd_htbh', 'bd_sjhm', 'bd_skyhkh', 'bd_tqje', 'bd_zjhm', 'cl'].sort(),
    );
    const why = Object.fromEntries(answer.data.cwxx.map((e) => [e.zd, e.yy]));
    expect(why.bd_tqje).toContain('两位小数');
    expect(why.bd_sjhm).toContain('必填');
    expect(why.bd_dkje).toContain('无此字段');
    expect(why.bd_zjhm).toContain('不一致');
    expect(await admin.cases({ ref: form.qqlsh! })).toEqual([]);
  });

  it('takes a withdrawal through accepted → in review → approved on the clock, with its approval number', async () => {
    const form = withdrawalForm(pick.account(), pick.property().unitCode);
    const { slbh } = (await submit(form)).data;
    const status = async () => (await wire.call<WireCase>('ywcx', { slbh })).data;
    expect((await status()).blzt).toBe('1');
    await admin.advanceClock({ advanceHours: 1 });
    expect((await status()).blzt).toBe('2');
    await admin.advanceClock({ advanceHours: 4 });
    const done = await status();
    expect(done).toMatchObject({ blzt: '3', yy: '', bzzd: '' });
    expect(done.jg?.ws['withdrawal-approval']).toMatch(/^TQHZ\d{14}$/);
    expect(done.lsjl.map((h) => h.blzt)).toEqual(['1', '2', '3']);
  });

  it('asks for a correction naming the wire code, refuses bzsl without it, and re-reviews the correction', async () => {
    const a = pick.account((x) => x.status === 'normal' && x.balanceFen > 200_00);
    const form = withdrawalForm(a, pick.property().unitCode, {
      bd_tqje: `${Math.floor(a.balanceFen / 100) + 1000}.00`,
    });
    const { slbh } = (await submit(form)).data;
    expect((await wire.call('bzsl', { slbh, bd_tqje: '100.00' })).fhm).toBe('E3004'); // not requested yet
    await admin.advanceClock({ advanceHours: 5 });
    const asked = (await wire.call<WireCase>('ywcx', { slbh })).data;
    expect(asked).toMatchObject({ blzt: '5', bzzd: 'tqje' });
    expect(asked.yy).toContain('余额');

    const missing = await wire.call<Cwxx>('bzsl', { slbh, bd_sjhm: '13812345678' });
    expect(missing.fhm).toBe('E2001');
    expect(missing.data.cwxx).toEqual([{ zd: 'bd_tqje', yy: '需补正的字段未提供' }]);

    const serial = `bz-${freshNonce()}`;
    const corrected = await wire.call<WireCase>('bzsl', { slbh, qqlsh: serial, bd_tqje: '100.00' });
    expect(corrected.data.blzt).toBe('2');
    const replay = await wire.call<WireCase>('bzsl', { slbh, qqlsh: serial, bd_tqje: '100.00' });
    expect(replay.data.blzt).toBe('2'); // the same correction again is not a second one
    expect((await admin.case(slbh)).fields['fund.withdrawalAmount']).toBe(10_000);
    await admin.advanceClock({ advanceHours: 5 });
    expect((await wire.call<WireCase>('ywcx', { slbh })).data.blzt).toBe('3');
    expect((await wire.call('bzsl', { slbh, bd_tqje: '50.00' })).fhm).toBe('E3004');
  });

  it('finds cases by qqlsh (a list, empty when none), and refuses an unknown slbh with E3003', async () => {
    const form = withdrawalForm(pick.account(), pick.property().unitCode);
    const { slbh } = (await submit(form)).data;
    const found = await wire.call<{ list: WireCase[] }>('ywcx', { qqlsh: form.qqlsh! });
    expect(found.data.list.map((c) => c.slbh)).toEqual([slbh]);
    const otherItem = await wire.call<{ list: WireCase[] }>('ywcx', {
      qqlsh: form.qqlsh!,
      sxbm: 'FUND-LOAN',
    });
    expect(otherItem.data.list).toEqual([]);
    expect((await wire.call<{ list: WireCase[] }>('ywcx', { qqlsh: 'never-used-serial' })).data.list).toEqual(
      [],
    );
    expect((await wire.call('ywcx', { slbh: `${slbh}9` })).fhm).toBe('E3003');
    expect((await wire.call('bzsl', { slbh: `${slbh}9`, bd_tqje: '1.00' })).fhm).toBe('E3003');
    expect((await wire.call('ywcx', {})).fhm).toBe('E1005');
  });
});

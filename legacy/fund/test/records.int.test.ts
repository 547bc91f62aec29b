import type { Population, StandIn, StandInAdmin } from '@onething/legacy-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WireAccount, WireEmployer, WireLoan } from '../src/index';
import { startFund, type WireClient } from './harness';

type Cwxx = { cwxx: { zd: string; yy: string }[] };

describe('fund wire: account, employer and loan queries', () => {
  let standIn: StandIn;
  let admin: StandInAdmin;
  let wire: WireClient;
  let population: Population;

  beforeAll(async () => {
    ({ standIn, admin, wire, population } = await startFund());
  });
  afterAll(() => standIn.close());
  beforeEach(() => admin.reset());

  it('answers personal accounts with yuan strings, yyyyMMdd dates and Beijing instants', async () => {
    const seeded = population.fundAccounts[3]!;
    const a = await wire.call<{ list: WireAccount[] }>('grzhcx', { zjhm: seeded.idNumber });
    const utc = new Date(seeded.updatedAt);
    const beijing = new Date(utc.getTime() + 8 * 3_600_000).toISOString();
    expect(a.data.list).toEqual([
      {
        grzh: seeded.personalAccount,
        xm: seeded.name,
        zjhm: seeded.idNumber,
        dwzh: seeded.employerAccount,
        zhye: `${Math.floor(seeded.balanceFen / 100)}.${String(seeded.balanceFen % 100).padStart(2, '0')}`,
        yjce: `${seeded.monthlyDepositFen / 100}.00`,
        zhzt: seeded.status === 'sealed' ? '02' : '01',
        khrq: seeded.openedOn.replaceAll('-', ''),
        gxsj: beijing.slice(0, 19).replace(/[-T:]/g, ''),
      },
    ]);
  });

  it('shows a sealed account as zhzt 02', async () => {
    const sealed = population.fundAccounts.find((x) => x.status === 'sealed')!;
    const a = await wire.call<{ list: WireAccount[] }>('grzhcx', { zjhm: sealed.idNumber });
    expect(a.data.list[0]?.zhzt).toBe('02');
  });

  it('reads up to 30 ID numbers in one call and answers only the ones it holds', async () => {
    const held = population.fundAccounts.slice(0, 29).map((x) => x.idNumber);
    const accountIds = new Set(population.fundAccounts.map((x) => x.idNumber));
    const stranger = population.persons.find((p) => !accountIds.has(p.idNumber))!.idNumber;
    const a = await wire.call<{ list: WireAccount[] }>('grzhcx', { zjhm: [...held, stranger].join(',') });
    expect(a.data.list.map((r) => r.zjhm)).toEqual(held);
    expect((await admin.counts()).byOp.grzhcx).toBe(1);
    expect((await admin.requestLog())[0]?.keys).toHaveLength(30);
  });

  it('refuses more than 30 keys with E2001', async () => {
    const ids = population.fundAccounts.slice(0, 31).map((x) => x.idNumber);
    const a = await wire.call<Cwxx>('grzhcx', { zjhm: ids.join(',') });
    expect(a.fhm).toBe('E2001');
    expect(a.data.cwxx).toEqual([{ zd: 'zjhm', yy: '每次最多查询30个，收到31个' }]);
  });

  it('names every malformed key of a list at once', async () => {
    const good = population.fundAccounts[0]!.idNumber;
    const badCheck = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const a = await wire.call<Cwxx>('grzhcx', { zjhm: `${good},${badCheck},12345` });
    expect(a.fhm).toBe('E2001');
    expect(a.data.cwxx.map((e) => e.yy.slice(0, 4))).toEqual(['第2个“', '第3个“']);
  });

  it('answers employer accounts by USCC, with the deposit rate in whole percent', async () => {
    const e = population.employerAccounts[5]!;
    const enterprise = population.enterprises.find((x) => x.uscc === e.uscc)!;
    const a = await wire.call<{ list: WireEmployer[] }>('dwzhcx', { tyshxydm: e.uscc });
    expect(a.data.list).toEqual([
      expect.objectContaining({
        dwzh: e.employerAccount,
        dwmc: e.name,
        tyshxydm: e.uscc,
        dwdz: enterprise.address,
        jcbl: String(e.depositRatePercent),
        khrq: e.openedOn.replaceAll('-', ''),
      }),
    ]);
    expect(a.data.list[0]?.gxsj).toMatch(/^\d{14}$/);
  });

  it('answers loans by unit code or by ID number, but not both at once', async () => {
    const loan = population.fundLoans[0]!;
    const byUnit = await wire.call<{ list: WireLoan[] }>('dkcx', { bdcdyh: loan.unitCode });
    expect(byUnit.data.list).toEqual([
      expect.objectContaining({
        dkzh: loan.loanNumber,
        zjhm: loan.idNumber,
        bdcdyh: loan.unitCode,
        dkje: `${loan.principalFen / 100}.00`,
        dkqx: String(loan.termMonths),
        fkrq: loan.startedOn.replaceAll('-', ''),
      }),
    ]);
    const byPerson = await wire.call<{ list: WireLoan[] }>('dkcx', { zjhm: loan.idNumber });
    expect(byPerson.data.list.map((l) => l.dkzh)).toContain(loan.loanNumber);
    expect((await wire.call('dkcx', { zjhm: loan.idNumber, bdcdyh: loan.unitCode })).fhm).toBe('E2001');
    expect((await wire.call('dkcx', {})).fhm).toBe('E1005');
    expect((await wire.call<Cwxx>('dkcx', { bdcdyh: 'ABC' })).fhm).toBe('E2001');
  });
});

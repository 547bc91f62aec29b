import { type FundAccount, type Population, type StandIn, StandInAdmin } from '@onething/legacy-kit';
import { createLogger } from '@onething/runtime';
import { createFundStandIn, type FundConfig, fundSettings, signParams } from '../src/index';

/** The app every test calls as, unless it says otherwise. */
export const APP = { appid: 'onething-hall', secret: 'fund-dev-secret' } as const;

/** An answer in the fund's envelope, with the data a test expects. */
export interface Answer<D> {
  readonly status: number;
  readonly fhm: string;
  readonly fhxx: string;
  readonly data: D;
}

export interface CallOptions {
  readonly appid?: string;
  readonly secret?: string;
  readonly timestamp?: string;
  readonly nonce?: string;
  /** Replaces the computed signature. */
  readonly sign?: string;
  /** Common parameters to leave out. */
  readonly omit?: readonly string[];
  readonly contentType?: string;
}

let nonceSeq = 0;
/** A fresh nonce: 16+ alphanumerics, unique within the test process. */
export const freshNonce = () => `t${process.pid}n${Date.now()}x${++nonceSeq}`.padEnd(16, '0');

/** A client of the fund's wire for tests: signs like a caller would, and lets a test break any part of it. */
export class WireClient {
  constructor(readonly url: string) {}

  async call<D = Record<string, unknown>>(
    service: string,
    business: Record<string, string>,
    o: CallOptions = {},
  ): Promise<Answer<D>> {
    const params: Record<string, string> = {
      appid: o.appid ?? APP.appid,
      timestamp: o.timestamp ?? String(Math.floor(Date.now() / 1000)),
      nonce: o.nonce ?? freshNonce(),
      ...business,
    };
    params.sign = o.sign ?? signParams(params, o.secret ?? APP.secret);
    for (const name of o.omit ?? []) delete params[name];
    const res = await fetch(`${this.url}/gjj/api/${service}`, {
      method: 'POST',
      headers: { 'content-type': o.contentType ?? 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    const text = await res.text();
    const body = (res.headers.get('content-type') ?? '').includes('json')
      ? JSON.parse(text)
      : { fhm: '', fhxx: text };
    return { status: res.status, ...body };
  }
}

/** A stand-in as tests use it: small population, stopped clock, port 0. */
export async function startFund(overrides: Partial<FundConfig> = {}): Promise<{
  standIn: StandIn;
  admin: StandInAdmin;
  wire: WireClient;
  population: Population;
}> {
  const config: FundConfig = {
    ...fundSettings.load({}),
    persons: 2000,
    clockSpeed: 0,
    port: 0,
    adminPort: 0,
    host: '127.0.0.1',
    ...overrides,
  };
  const standIn = createFundStandIn(config, createLogger('legacy-fund-test', 'silent'));
  await standIn.listen();
  return {
    standIn,
    admin: new StandInAdmin(standIn.adminUrl),
    wire: new WireClient(standIn.url),
    population: standIn.ctx.population,
  };
}

/**
 * Hands out seeded records one at a time, so tests that change records (withdrawals, closures) never
 * share one.
 */
export class Picker {
  private readonly used = new Set<string>();

  constructor(private readonly population: Population) {}

  private take<T>(list: readonly T[], key: (t: T) => string, ok: (t: T) => boolean = () => true): T {
    const found = list.find((t) => !this.used.has(key(t)) && ok(t));
    if (!found) throw new Error('the seeded population has no such record left');
    this.used.add(key(found));
    return found;
  }

  account(ok: (a: FundAccount) => boolean = (a) => a.status === 'normal'): FundAccount {
    return this.take(this.population.fundAccounts, (a) => a.idNumber, ok);
  }

  employer(ok: (dwzh: string) => boolean = () => true) {
    return this.take(
      this.population.employerAccounts,
      (e) => e.employerAccount,
      (e) => ok(e.employerAccount),
    );
  }

  /** An active company the fund has no employer account for. */
  enterpriseWithoutEmployerAccount() {
    const held = new Set(this.population.employerAccounts.map((e) => e.uscc));
    return this.take(
      this.population.enterprises,
      (e) => e.uscc,
      (e) => !held.has(e.uscc) && e.status === 'active',
    );
  }

  personWithoutAccount() {
    const held = new Set(this.population.fundAccounts.map((a) => a.idNumber));
    return this.take(
      this.population.persons,
      (p) => p.idNumber,
      (p) => !held.has(p.idNumber),
    );
  }

  property() {
    const loaned = new Set(this.population.fundLoans.map((l) => l.unitCode));
    return this.take(
      this.population.properties,
      (p) => p.unitCode,
      (p) => !loaned.has(p.unitCode),
    );
  }
}

/** The form of a purchase withdrawal for an account, on the wire. */
export function withdrawalForm(
  a: FundAccount,
  unitCode: string,
  overrides: Record<string, string> = {},
  serial = `wd-${freshNonce()}`,
): Record<string, string> {
  return {
    qqlsh: serial,
    sxbm: 'FUND-PURCHASE-WITHDRAWAL',
    sqrzjhm: a.idNumber,
    sqrxm: a.name,
    bd_zjhm: a.idNumber,
    bd_xm: a.name,
    bd_sjhm: '13912345678',
    bd_grzh: a.personalAccount,
    bd_tqje: '1000.00',
    bd_skyhkh: '6222021234567890123',
    bd_bdcdyh: unitCode,
    bd_cjjg: '1500000.00',
    bd_htbh: 'WQ-2026-000123',
    cl: JSON.stringify([
      { clbm: 'id-card', wjid: 'f-1' },
      { clbm: 'sale-contract', wjid: 'f-2' },
    ]),
    ...overrides,
  };
}

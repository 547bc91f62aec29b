import type { EmployerAccount, FundAccount, FundLoan, Population } from '@onething/legacy-kit';
import { wireDay } from './time';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A personal account (个人账户) as the fund keeps it: balance in fen, dates ISO. */
export type AccountRecord = Mutable<FundAccount>;
/** An employer account (单位账户), with the registered address the fund keeps on file. */
export type EmployerRecord = Mutable<EmployerAccount> & { address?: string };
/** A provident fund loan (公积金贷款). */
export type LoanRecord = Mutable<FundLoan>;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Annual rate of provident fund loans for a first home since 2025-05-08: 2.1% up to 5 years, 2.6% above. */
function annualRate(termMonths: number): number {
  return termMonths <= 60 ? 0.021 : 0.026;
}

/** Equal monthly instalment (等额本息) of a loan, in fen. */
export function monthlyRepaymentFen(principalFen: number, termMonths: number): number {
  const r = annualRate(termMonths) / 12;
  const f = (1 + r) ** termMonths;
  return Math.round((principalFen * r * f) / (f - 1));
}

/**
 * The fund's own records: mutable copies of its slice of the seeded population (the population is shared
 * by every stand-in of a process and must not change), indexed the ways the services read them, so an
 * approval can change them and later reads show it.
 */
export class FundState {
  readonly accounts = new Map<string, AccountRecord>();
  private readonly members = new Map<string, Set<string>>();
  readonly employers = new Map<string, EmployerRecord>();
  private readonly employerByUscc = new Map<string, string>();
  private readonly loansByUnit = new Map<string, LoanRecord[]>();
  private readonly loansByPerson = new Map<string, LoanRecord[]>();
  /** Employer accounts decided at submission of an opening, by the submission's request reference. */
  private readonly allocated = new Map<string, string>();
  /** Openings in progress, by USCC: the case number. */
  readonly openings = new Map<string, string>();
  /** Approved cases, applied to the records (each once), with what their approval produced. */
  readonly approvals = new Map<string, Readonly<Record<string, string>>>();
  private readonly counters = new Map<string, number>();

  constructor(population: Population) {
    const addresses = new Map(population.enterprises.map((e) => [e.uscc, e.address]));
    for (const e of population.employerAccounts) {
      const address = addresses.get(e.uscc);
      this.putEmployer({ ...e, ...(address ? { address } : {}) });
    }
    for (const a of population.fundAccounts) this.putAccount({ ...a });
    for (const l of population.fundLoans) this.putLoan({ ...l });
  }

  private putAccount(a: AccountRecord): void {
    this.accounts.set(a.idNumber, a);
    const set = this.members.get(a.employerAccount) ?? new Set();
    set.add(a.idNumber);
    this.members.set(a.employerAccount, set);
  }

  private putEmployer(e: EmployerRecord): void {
    this.employers.set(e.employerAccount, e);
    this.employerByUscc.set(e.uscc, e.employerAccount);
  }

  private putLoan(l: LoanRecord): void {
    for (const [index, key] of [
      [this.loansByUnit, l.unitCode],
      [this.loansByPerson, l.idNumber],
    ] as const) {
      const list = index.get(key) ?? [];
      list.push(l);
      index.set(key, list);
    }
  }

  employerOf(uscc: string): EmployerRecord | undefined {
    const account = this.employerByUscc.get(uscc);
    return account === undefined ? undefined : this.employers.get(account);
  }

  loansOnUnit(unitCode: string): readonly LoanRecord[] {
    return this.loansByUnit.get(unitCode) ?? [];
  }

  loansOf(idNumber: string): readonly LoanRecord[] {
    return this.loansByPerson.get(idNumber) ?? [];
  }

  /** The next number of a series, e.g. `TQHZ20260701000001`: prefix, Beijing day, six-digit sequence. */
  nextNumber(prefix: string, at: number): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}${wireDay(at)}${pad(n, 6)}`;
  }

  /**
   * The employer account an opening will get, decided once per submission so the number the case
   * promises is the number the approval creates: the USCC's division (positions 3–6), `9`, a sequence.
   */
  allocateEmployerAccount(requestRef: string, uscc: string): string {
    const known = this.allocated.get(requestRef);
    if (known) return known;
    let account = '';
    while (!account || this.employers.has(account)) {
      account = `${uscc.slice(2, 6)}9${pad((this.counters.get('dwzh') ?? 0) + 1, 7)}`;
      this.counters.set('dwzh', (this.counters.get('dwzh') ?? 0) + 1);
    }
    this.allocated.set(requestRef, account);
    return account;
  }

  openEmployer(e: EmployerRecord): void {
    this.putEmployer(e);
  }

  changeEmployer(account: string, change: { name?: string; address?: string }, at: number): void {
    const e = this.employers.get(account);
    if (!e) return;
    if (change.name) e.name = change.name;
    if (change.address) e.address = change.address;
    e.updatedAt = new Date(at).toISOString();
  }

  /** Closes an employer account; the personal accounts still attached to it are sealed (封存). */
  closeEmployer(account: string, at: number): number {
    const e = this.employers.get(account);
    if (!e) return 0;
    this.employers.delete(account);
    if (this.employerByUscc.get(e.uscc) === account) this.employerByUscc.delete(e.uscc);
    let sealed = 0;
    for (const id of this.members.get(account) ?? []) {
      const a = this.accounts.get(id);
      if (!a || a.employerAccount !== account || a.status === 'sealed') continue;
      a.status = 'sealed';
      a.updatedAt = new Date(at).toISOString();
      sealed++;
    }
    return sealed;
  }

  /** Pays out a withdrawal; never below zero, should two approvals together exceed the balance. */
  withdraw(idNumber: string, amountFen: number, at: number): void {
    const a = this.accounts.get(idNumber);
    if (!a) return;
    a.balanceFen = Math.max(0, a.balanceFen - amountFen);
    a.updatedAt = new Date(at).toISOString();
  }

  /** Disburses a new loan on a unit: the loan account is `GJJDK`, the unit's division, `9`, a sequence. */
  disburseLoan(loan: Omit<LoanRecord, 'loanNumber'>): LoanRecord {
    const n = (this.counters.get('dkzh') ?? 0) + 1;
    this.counters.set('dkzh', n);
    const record: LoanRecord = { loanNumber: `GJJDK${loan.unitCode.slice(0, 6)}9${pad(n, 7)}`, ...loan };
    this.putLoan(record);
    return record;
  }
}

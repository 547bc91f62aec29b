import type { Identity } from '@onething/runtime/identity';
import { ANONYMOUS } from '@onething/runtime/identity';
import { describe, expect, it } from 'vitest';
import { Access } from './access';

const me = '11010519491231002X';
const other = '440524188001010014';
const myCompany = '91330100716105852F';
const applicant: Identity = {
  subject: me,
  role: 'applicant',
  idNumber: me,
  enterprises: [myCompany],
  departments: [],
};
const taxStaff: Identity = {
  subject: 'staff-tax-01',
  role: 'department-staff',
  enterprises: [],
  departments: ['tax'],
};
const hall: Identity = {
  subject: 'hall',
  role: 'service',
  enterprises: [],
  departments: [],
  actingFor: { idNumber: me, enterprises: [] },
};
const window: Identity = {
  subject: 'staff-window-01',
  role: 'window-staff',
  enterprises: [],
  departments: [],
};

const allowed = (fn: () => void) => {
  try {
    fn();
    return true;
  } catch (e) {
    expect((e as { extensions: { code: string } }).extensions.code).toBe('FORBIDDEN');
    return false;
  }
};

describe('who may read and change what', () => {
  it('lets applicants read themselves and their enterprises only', () => {
    const a = new Access(applicant, 'tax');
    expect(allowed(() => a.person(me))).toBe(true);
    expect(allowed(() => a.person(other))).toBe(false);
    expect(allowed(() => a.enterprise(myCompany))).toBe(true);
    expect(allowed(() => a.enterprise('91110000802100433B'))).toBe(false);
    expect(allowed(() => a.enterprise('91110000802100433B', me))).toBe(true); // the register names them
    expect(allowed(() => a.property([other, me]))).toBe(true);
    expect(allowed(() => a.property([other]))).toBe(false);
    expect(allowed(() => a.propertyOwners([other]))).toBe(false);
  });

  it('lets any department’s staff learn a unit’s owners, and only its own staff read its records', () => {
    expect(allowed(() => new Access(taxStaff, 'realestate').propertyOwners([other]))).toBe(true);
    expect(allowed(() => new Access(taxStaff, 'realestate').property([other]))).toBe(false);
  });

  it('lets the hall read a unit only acting for one of its owners (no ownership oracle)', () => {
    expect(allowed(() => new Access(hall, 'realestate').property([other, me]))).toBe(true);
    expect(allowed(() => new Access(hall, 'realestate').propertyOwners([me]))).toBe(true);
    expect(allowed(() => new Access(hall, 'realestate').property([other]))).toBe(false);
    expect(allowed(() => new Access(hall, 'realestate').propertyOwners([other]))).toBe(false);
    const nobody = new Access({ ...hall, actingFor: undefined }, 'realestate');
    expect(allowed(() => nobody.propertyOwners([other]))).toBe(false);
  });

  it('shows an owner, and the hall acting for one, only their own records of a unit; its department’s staff all', () => {
    const records = [
      { payer: other, amount: 1 },
      { payer: me, amount: 2 },
    ];
    const payer = (r: { payer: string }) => r.payer;
    expect(new Access(applicant, 'tax').ownRecords(records, payer)).toEqual([{ payer: me, amount: 2 }]);
    expect(new Access(hall, 'tax').ownRecords(records, payer)).toEqual([{ payer: me, amount: 2 }]);
    expect(new Access({ ...hall, actingFor: undefined }, 'tax').ownRecords(records, payer)).toEqual([]);
    expect(new Access(taxStaff, 'tax').ownRecords(records, payer)).toEqual(records);
    expect(new Access(taxStaff, 'fund').ownRecords(records, payer)).toEqual([]);
  });

  it('lets department staff read their department’s data about anyone, and not another department’s', () => {
    expect(allowed(() => new Access(taxStaff, 'tax').person(other))).toBe(true);
    expect(allowed(() => new Access(taxStaff, 'fund').person(other))).toBe(false);
    expect(new Access(taxStaff, 'fund').canNamePerson(other)).toBe(true);
    expect(allowed(() => new Access(taxStaff, 'tax').cases())).toBe(true);
    expect(allowed(() => new Access(taxStaff, 'fund').cases())).toBe(false);
  });

  it('lets the hall act for the applicant it names: read, submit, follow and correct their cases only', () => {
    const a = new Access(hall, 'fund');
    expect(allowed(() => a.person(me))).toBe(true);
    expect(allowed(() => a.person(other))).toBe(false);
    expect(allowed(() => a.submitFor(me))).toBe(true);
    expect(allowed(() => a.submitFor(other))).toBe(false);
    expect(allowed(() => a.cases())).toBe(true);
    expect(allowed(() => a.caseOf(me))).toBe(true);
    expect(allowed(() => a.caseOf(other))).toBe(false);
    expect(allowed(() => a.correct())).toBe(true);
    // A service that names no applicant acts for no one: no case is its to hand in, follow or correct.
    const nobody = new Access({ ...hall, actingFor: undefined }, 'fund');
    for (const check of [() => nobody.submitFor(me), () => nobody.cases(), () => nobody.correct()])
      expect(allowed(check)).toBe(false);
  });

  it('keeps department staff to reading their department’s cases: they hand in and correct in their own system', () => {
    const a = new Access(taxStaff, 'tax');
    expect(allowed(() => a.caseOf(other))).toBe(true);
    expect(allowed(() => new Access(taxStaff, 'fund').caseOf(other))).toBe(false);
    expect(allowed(() => a.submitFor(other))).toBe(false);
    expect(allowed(() => a.correct())).toBe(false);
  });

  it('keeps window staff and anonymous callers to the hall and the public catalogues', () => {
    for (const identity of [window, ANONYMOUS]) {
      const a = new Access(identity, 'tax');
      expect(allowed(() => a.person(me))).toBe(false);
      expect(allowed(() => a.cases())).toBe(false);
      expect(allowed(() => a.submitFor(me))).toBe(false);
      expect(a.canNamePerson(me)).toBe(false);
    }
  });

  it('sends applicants to the hall for every case operation, their own included', () => {
    const a = new Access(applicant, 'market');
    for (const check of [
      () => a.submitFor(me),
      () => a.submitFor(other),
      () => a.cases(),
      () => a.caseOf(me),
      () => a.correct(),
    ])
      expect(allowed(check)).toBe(false);
    expect(() => a.submitFor(me)).toThrow(/through the hall/);
  });

  it('says, refusing a case operation, who makes it and where', () => {
    const fundStaff: Identity = { ...taxStaff, subject: 'staff-fund-01', departments: ['fund'] };
    expect(() => new Access(fundStaff, 'tax').cases()).toThrow(/tax cases are read by tax staff/);
    expect(() => new Access(taxStaff, 'tax').submitFor(other)).toThrow(/in the department's own system/);
    expect(() => new Access(hall, 'tax').caseOf(other, 'correct')).toThrow(
      /correct a case only for the applicant named in x-onething-acting-for/,
    );
    expect(() => new Access(window, 'tax').cases()).toThrow(/window staff follow applications in the hall/);
    expect(() => new Access(ANONYMOUS, 'tax').cases()).toThrow(/^sign in/);
  });
});

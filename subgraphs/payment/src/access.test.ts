import type { PaymentOrder } from '@onething/adapter-payment';
import type { Identity } from '@onething/runtime/identity';
import { describe, expect, it } from 'vitest';
import { type OrderKey, PaymentAccess } from './access';

const PAYER = '11010519491231002X';
const OTHER = '110101199003074530';
const order = { payer: { idNumber: PAYER, name: '某人' } } as PaymentOrder;

const who: Record<string, Identity> = {
  payer: { subject: 'p', role: 'applicant', idNumber: PAYER, enterprises: [], departments: [] },
  otherApplicant: { subject: 'o', role: 'applicant', idNumber: OTHER, enterprises: [], departments: [] },
  hallForPayer: {
    subject: 'hall',
    role: 'service',
    enterprises: [],
    departments: [],
    actingFor: { idNumber: PAYER, enterprises: [] },
  },
  hallForOther: {
    subject: 'hall',
    role: 'service',
    enterprises: [],
    departments: [],
    actingFor: { idNumber: OTHER, enterprises: [] },
  },
  hallItself: { subject: 'hall', role: 'service', enterprises: [], departments: [] },
  window: { subject: 'w', role: 'window-staff', enterprises: [], departments: [] },
  taxStaff: { subject: 't', role: 'department-staff', enterprises: [], departments: ['tax'] },
  anonymous: { subject: 'anonymous', role: 'anonymous', enterprises: [], departments: [] },
} as Record<string, Identity>;

/** What each identity may do: read by number, by reference, by code (shown = may ask and is shown), create, refund, statement. */
const table: [string, Record<OrderKey, 'shown' | 'none' | 'refused'>, boolean, boolean, boolean][] = [
  ['payer', { number: 'shown', reference: 'refused', code: 'shown' }, false, false, false],
  ['otherApplicant', { number: 'none', reference: 'refused', code: 'none' }, false, false, false],
  ['hallForPayer', { number: 'shown', reference: 'shown', code: 'shown' }, true, true, false],
  ['hallForOther', { number: 'none', reference: 'none', code: 'none' }, false, true, false],
  ['hallItself', { number: 'refused', reference: 'refused', code: 'refused' }, false, false, true],
  ['window', { number: 'refused', reference: 'refused', code: 'shown' }, false, false, false],
  ['taxStaff', { number: 'refused', reference: 'refused', code: 'refused' }, false, false, false],
  ['anonymous', { number: 'refused', reference: 'refused', code: 'refused' }, false, false, false],
];

const allowed = (f: () => void) => {
  try {
    f();
    return true;
  } catch (e) {
    expect((e as { extensions?: { code?: string } }).extensions?.code).toBe('FORBIDDEN');
    return false;
  }
};

describe('who may do what with payment orders', () => {
  it.each(table)('%s', (name, reads, create, refund, statement) => {
    const access = new PaymentAccess(who[name]!);
    for (const key of ['number', 'reference', 'code'] as const) {
      const outcome = !allowed(() => access.beforeRead(key))
        ? 'refused'
        : access.mayRead(order, key)
          ? 'shown'
          : 'none';
      expect(`${key}: ${outcome}`).toBe(`${key}: ${reads[key]}`);
    }
    expect(allowed(() => access.createFor(PAYER))).toBe(create);
    expect(allowed(() => access.beforeRefund())).toBe(refund);
    expect(allowed(() => access.statement())).toBe(statement);
  });
});

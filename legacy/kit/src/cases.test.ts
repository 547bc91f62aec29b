import { describe, expect, it } from 'vitest';
import { type CaseRules, CaseStore } from './cases';
import { SimClock } from './clock';

const HOUR = 3_600_000;
const rules: CaseRules = {
  decide: (s) =>
    s.fields.name
      ? { outcome: 'approved', result: { 'enterprise.uscc': 'X' } }
      : { outcome: 'correction_requested', correctionFields: ['name'] },
  schedule: () => ({ reviewAfterMs: HOUR, decideAfterMs: 4 * HOUR }),
  caseNumber: (seq) => `C${seq}`,
};

describe('case lifecycle on the clock', () => {
  it('moves accepted → in review → decided as the clock advances, and settles each phase once', () => {
    const clock = new SimClock(0, 0);
    const seen: string[] = [];
    const store = new CaseStore(clock, {
      ...rules,
      onPhase: (r, p) => seen.push(`${r.caseNumber}:${p.status}`),
    });
    const c = store.submit({
      itemCode: 'X',
      requestRef: 'r1',
      applicantId: 'a',
      fields: { name: 'n' },
      materials: [],
    });
    expect(store.view(c).status).toBe('accepted');
    clock.advance(HOUR);
    expect(store.view(c).status).toBe('in_review');
    clock.advance(3 * HOUR);
    store.settle();
    store.settle();
    expect(store.view(c)).toMatchObject({
      status: 'approved',
      decision: { result: { 'enterprise.uscc': 'X' } },
    });
    expect(seen).toEqual(['C1:accepted', 'C1:in_review', 'C1:approved']);
  });

  it('decides on the spot when asked to (即办): the case is decided the moment it is accepted', () => {
    const clock = new SimClock(0, 0);
    const seen: string[] = [];
    const store = new CaseStore(clock, {
      ...rules,
      onPhase: (r, p) => seen.push(`${r.caseNumber}:${p.status}`),
    });
    store.decidesOnTheSpot = true;
    const c = store.submit({
      itemCode: 'X',
      requestRef: 'r1',
      applicantId: 'a',
      fields: { name: 'n' },
      materials: [],
    });
    expect(store.view(c)).toMatchObject({
      status: 'approved',
      decision: { result: { 'enterprise.uscc': 'X' } },
    });
    expect(seen).toEqual(['C1:accepted', 'C1:in_review', 'C1:approved']);
    store.decidesOnTheSpot = false;
    const later = store.submit({
      itemCode: 'X',
      requestRef: 'r2',
      applicantId: 'a',
      fields: { name: 'n' },
      materials: [],
    });
    expect(store.view(later).status).toBe('accepted');
  });

  it('takes a correction only when one is requested, then reviews again', () => {
    const clock = new SimClock(0, 0);
    const store = new CaseStore(clock, rules);
    const c = store.submit({ itemCode: 'X', requestRef: 'r1', applicantId: 'a', fields: {}, materials: [] });
    expect(() => store.correct(c.caseNumber, { name: 'n' })).toThrow(/not waiting for a correction/);
    clock.advance(4 * HOUR);
    expect(store.view(c)).toMatchObject({
      status: 'correction_requested',
      decision: { correctionFields: ['name'] },
    });
    store.correct(c.caseNumber, { name: 'n' });
    expect(store.view(c).status).toBe('in_review');
    clock.advance(4 * HOUR);
    expect(store.view(c).status).toBe('approved');
    expect(store.view(c).history.map((h) => h.status)).toEqual([
      'accepted',
      'in_review',
      'correction_requested',
      'in_review',
      'approved',
    ]);
  });

  it('lets the admin decide a case at once, overriding the rules', () => {
    const clock = new SimClock(0, 0);
    const store = new CaseStore(clock, rules);
    const c = store.submit({
      itemCode: 'X',
      requestRef: 'r1',
      applicantId: 'a',
      fields: { name: 'n' },
      materials: [],
    });
    store.force(c.caseNumber, { outcome: 'rejected', reason: '材料不符' });
    expect(store.view(c)).toMatchObject({ status: 'rejected', decision: { reason: '材料不符' } });
  });

  it('keeps every case under its reference: a repeated submission is a second case', () => {
    const store = new CaseStore(new SimClock(0, 0), rules);
    const s = { itemCode: 'X', requestRef: 'same', applicantId: 'a', fields: {}, materials: [] };
    store.submit(s);
    store.submit(s);
    expect(store.findByRef('same')).toHaveLength(2);
  });
});

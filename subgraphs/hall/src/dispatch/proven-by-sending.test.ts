import { describe, expect, it } from 'vitest';
import type { CaseView } from './department-api';
import { provenBySending } from './dispatcher';

const answer = (status: CaseView['status']): CaseView => ({
  caseNumber: 'SCJG20261201000001',
  status,
  statusAt: '2026-12-01T08:00:00.000Z',
  acceptedAt: '2026-12-01T08:00:00.000Z',
  reason: status === 'APPROVED' ? '准予设立登记' : null,
  correctionFields: [],
  result: [],
});

describe('what the answer to a submission proves', () => {
  it('takes an accepted or in-review answer as it is', () => {
    for (const s of ['ACCEPTED', 'IN_REVIEW'] as const)
      expect(provenBySending({ kind: 'submit' }, answer(s))).toEqual(answer(s));
  });

  it('takes a decision in the answer to a submission or correction as acceptance only, to be read back', () => {
    for (const kind of ['submit', 'correct'] as const)
      for (const s of ['APPROVED', 'REJECTED', 'CORRECTION_REQUESTED'] as const)
        expect(provenBySending({ kind }, answer(s))).toMatchObject({
          caseNumber: 'SCJG20261201000001',
          status: 'ACCEPTED',
          result: [],
        });
  });

  it('takes a decision read back by a poll as the decision', () => {
    expect(provenBySending({ kind: 'poll' }, answer('APPROVED')).status).toBe('APPROVED');
  });
});

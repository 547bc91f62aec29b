import { describe, expect, it } from 'vitest';
import type { Acting } from '../acting/acting';
import { DRAFT_LIMITS, draftSizeProblems, savedBy } from './drafts';

const base = { bundleCode: 'HOUSE-TRANSFER', options: [], values: [], materials: [] };
const applicant = {
  idNumber: '110101199003074514',
  name: '李四',
  subject: 'x',
  role: 'applicant',
  enterprises: [],
};
const online: Acting = {
  applicant,
  channel: 'ONLINE',
  officer: null,
  identityCheck: null,
  agent: null,
  visitId: null,
  delegationId: null,
};

describe('drafts keep what was typed: only sizes are checked', () => {
  it('keeps wrong values as they are', () => {
    expect(
      draftSizeProblems({
        ...base,
        values: [
          { key: 'applicant.idNumber', value: 'not an id' },
          { key: 'no.such.field', value: '' },
        ],
      }),
    ).toEqual([]);
  });

  it('refuses only what passes the sizes, each problem at its place', () => {
    const problems = draftSizeProblems({
      ...base,
      values: [{ key: 'transaction.price', value: 'x'.repeat(DRAFT_LIMITS.valueChars + 1) }],
      options: Array.from({ length: DRAFT_LIMITS.options + 1 }, (_, i) => `o${i}`),
    });
    expect(problems.map((p) => [p.path, p.rule])).toEqual([
      ['transaction.price', 'draft.valueTooLong'],
      ['options', 'draft.tooManyOptions'],
    ]);
    for (const p of problems) expect(p.message.zh && p.message.en).toBeTruthy();
  });

  it('names who saved it: the agent, the window officer, or the applicant', () => {
    expect(savedBy(online)).toBe('李四');
    expect(
      savedBy({ ...online, channel: 'WINDOW', officer: { subject: 's', name: '王晓燕', centre: null } }),
    ).toBe('王晓燕');
    expect(savedBy({ ...online, agent: { idNumber: '1', name: '张三', delegationId: 'd' } })).toBe('张三');
  });
});

import { describe, expect, it } from 'vitest';
import { dispatchProblem } from './problem';

const STORED = 'DEPARTMENT_UNAVAILABLE: cannot reach http://127.0.0.1:4104 (ECONNREFUSED)';

describe('a part’s last dispatch problem', () => {
  it('gives applicants the code and a plain sentence, never the detail', () => {
    const p = dispatchProblem('DEPARTMENT_UNAVAILABLE', STORED, false)!;
    expect(p.code).toBe('DEPARTMENT_UNAVAILABLE');
    expect(p.detail).toBeNull();
    expect(JSON.stringify(p)).not.toMatch(/127\.0\.0\.1|http:/);
    expect(p.message.zh).toMatch(/自动重试/);
    expect(p.message.en).toMatch(/retried automatically/);
  });

  it('gives staff the detail; takes the code of older rows from the stored text', () => {
    expect(dispatchProblem(null, STORED, true)).toMatchObject({
      code: 'DEPARTMENT_UNAVAILABLE',
      detail: STORED,
    });
    expect(dispatchProblem(null, 'something odd', false)?.code).toBe('UNEXPECTED');
    expect(dispatchProblem(null, null, true)).toBeNull();
  });
});

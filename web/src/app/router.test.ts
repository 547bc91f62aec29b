import { describe, expect, it } from 'vitest';
import { materialsPath } from '../api/client';
import { onBehalfOfActing } from './acting';
import { parseRoute } from './router';

describe('the front desk’s routes', () => {
  it('reads a draft to resume, the intake, the delegations and acting for a principal from the hash', () => {
    expect(parseRoute('#/bundles/HOUSE-TRANSFER/drafts/d-1')).toEqual({
      name: 'bundle',
      code: 'HOUSE-TRANSFER',
      draftId: 'd-1',
    });
    expect(parseRoute('#/bundles/HOUSE-TRANSFER')).toEqual({ name: 'bundle', code: 'HOUSE-TRANSFER' });
    expect(parseRoute('#/intake')).toEqual({ name: 'intake' });
    expect(parseRoute('#/dashboard')).toEqual({ name: 'dashboard' });
    expect(parseRoute('#/dashboard?from=2026-01-01&by=DEPARTMENT')).toEqual({ name: 'dashboard' });
    expect(parseRoute('#/delegations')).toEqual({ name: 'delegations' });
    expect(parseRoute('#/for/g-7')).toEqual({ name: 'act-for', delegationId: 'g-7' });
    expect(parseRoute('#/for/g-7/bundles/HOUSE-TRANSFER')).toEqual({
      name: 'act-for-bundle',
      delegationId: 'g-7',
      code: 'HOUSE-TRANSFER',
    });
  });
});

describe('whom an upload is for', () => {
  it('names the visit or the delegation in the upload’s address, and nothing for oneself', () => {
    const applicant = { idNumber: '11010519491231002X', name: '张三' };
    expect(materialsPath(onBehalfOfActing({ kind: 'window', visitId: 'v 1', applicant }))).toBe(
      '/materials?visitId=v%201',
    );
    expect(materialsPath(onBehalfOfActing({ kind: 'agent', delegationId: 'g-7', applicant }))).toBe(
      '/materials?delegationId=g-7',
    );
    const agent = { idNumber: '110105194912310021', name: '李四' };
    expect(
      materialsPath(
        onBehalfOfActing({ kind: 'window-agent', visitId: 'v1', delegationId: 'g-7', applicant, agent }),
      ),
    ).toBe('/materials?visitId=v1&delegationId=g-7');
    expect(materialsPath(onBehalfOfActing(undefined))).toBe('/materials');
  });
});

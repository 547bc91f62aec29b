import { describe, expect, it } from 'vitest';
import type { DepartmentAdapter } from '../domain';
import { AdapterError } from '../errors';
import type { FeeAssessment } from '../fees';
import type { AdapterContractSpec, SystemUnderTest } from './types';

/** What the fee cases need of the suite around them. */
export interface FeeCaseEnv<A extends DepartmentAdapter> {
  system(): SystemUnderTest;
  adapter(): A;
  /** Requests the system received for an operation. */
  calls(op: string): Promise<number>;
  codeOf(promise: Promise<unknown>): Promise<string>;
}

/** An assessment in domain terms: integer fen, a rule with its citation on every line, the total their sum. */
function inDomainTerms(a: FeeAssessment, department: string, itemCodes: readonly string[]): void {
  expect(a.department).toBe(department);
  for (const code of itemCodes)
    expect(
      a.lines.some((l) => l.itemCode === code),
      code,
    ).toBe(true);
  for (const l of a.lines) {
    expect(itemCodes).toContain(l.itemCode);
    expect(Number.isSafeInteger(l.amountFen) && l.amountFen >= 0, `${l.itemCode} amountFen`).toBe(true);
    expect(l.name.zh && l.name.en && l.payee.zh && l.payee.en).toBeTruthy();
    expect(l.rule.zh && l.rule.en && l.rule.citation, `${l.itemCode} rule`).toBeTruthy();
    if (l.quantity !== undefined) expect(l.amountFen).toBe(l.quantity * l.unitFen!);
  }
  expect(a.totalFen).toBe(a.lines.reduce((s, l) => s + l.amountFen, 0));
}

/**
 * The fee contract: an assessment (a read of no one's personal data) answers every item asked about with
 * the rule of each amount; a department that computes through its system is called once, retried like
 * any read, and its failures typed; a department that charges nothing by rule answers without a call.
 */
export function describeFeeContract<A extends DepartmentAdapter, R>(
  spec: AdapterContractSpec<A, R>,
  env: FeeCaseEnv<A>,
): void {
  const { fees } = spec;
  describe('fee assessment', () => {
    it('assesses every item asked about, each amount with its rule, in exact fen', async () => {
      const a = await env.adapter().assessFees(fees.sample);
      inDomainTerms(a, spec.department, fees.sample.itemCodes);
      fees.check(a);
      if (fees.op) expect(await env.calls(fees.op)).toBe(1);
      else
        expect(Object.values((await env.system().control.counts()).byOp).reduce((s, n) => s + n, 0)).toBe(0);
    });

    if (fees.op) {
      const op = fees.op;
      it('retries a failed assessment, as a read', async () => {
        await env.system().control.setFaults({ failNext: 1, onlyOps: [op] });
        inDomainTerms(await env.adapter().assessFees(fees.sample), spec.department, fees.sample.itemCodes);
        expect(await env.calls(op)).toBe(2);
      });

      it('maps a system that is down to DEPARTMENT_UNAVAILABLE', async () => {
        await env.system().control.down();
        expect(await env.codeOf(env.adapter().assessFees(fees.sample))).toBe('DEPARTMENT_UNAVAILABLE');
      });

      it.each(['garbage', 'wrong-shape'] as const)('a %s assessment is MALFORMED_RESPONSE', async (kind) => {
        await env.system().control.setFaults({ malformedRate: 1, malformedKind: kind, onlyOps: [op] });
        expect(await env.codeOf(env.adapter().assessFees(fees.sample))).toBe('MALFORMED_RESPONSE');
      });
    } else {
      it('answers from its rule while the system is down: nothing to compute, nothing to call', async () => {
        await env.system().control.down();
        inDomainTerms(await env.adapter().assessFees(fees.sample), spec.department, fees.sample.itemCodes);
      });
    }

    if (fees.refused) {
      const refused = fees.refused;
      it('answers values its rules cannot assess with every problem named', async () => {
        const error = await env
          .adapter()
          .assessFees(refused)
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(error).toBeInstanceOf(AdapterError);
        expect(['INVALID_INPUT', 'DEPARTMENT_REJECTED']).toContain((error as AdapterError).code);
        expect((error as AdapterError).details.problems?.length ?? 0).toBeGreaterThan(0);
      });
    }
  });
}

import {
  type CaseRecord,
  type CaseRules,
  type CaseSubmission,
  type Decision,
  type PublishedItem,
  type SimClock,
  scheduleFromItems,
} from '@onething/legacy-kit';
import type { IssuedDocument, RegistryRecords } from './state';
import { addMonths, beijingDate } from './wire-format';

type Verdict = Pick<Decision, 'outcome' | 'reason' | 'correctionFields'>;

const rejected = (reason: string): Verdict => ({ outcome: 'rejected', reason });

/** The document an approval of each item issues (the item's result material) and its kind of number. */
const ISSUES: Readonly<Record<string, { materialId: string; kind: IssuedDocument }>> = {
  'RE-TRANSFER': { materialId: 'property-certificate', kind: 'ownership' },
  'RE-MORTGAGE': { materialId: 'registration-certificate', kind: 'proof' },
};

/**
 * The registry's rules. A decision depends on the book as it stands when the decision is made (登簿),
 * not at submission: in the house-transfer bundle the mortgage is submitted once the transfer is
 * approved, but two cases on one unit may also be open at once. So `decide` gives the decision the book
 * supports now, and `onPhase` checks it again when the decision phase comes due, replacing it in the
 * case's timeline (before any effect is applied) if the book has changed since. Decisions forced through
 * the admin port are never second-guessed.
 */
export function registryRules(deps: {
  readonly items: readonly PublishedItem[];
  readonly records: RegistryRecords;
  readonly clock: SimClock;
}): CaseRules {
  const { records, clock } = deps;
  const ours = new WeakSet<Decision>();

  function verdict(c: CaseSubmission): Verdict {
    const unitCode = String(c.fields['property.unitCode'] ?? '');
    const unit = records.unit(unitCode);
    if (!unit) return rejected('不动产单元未登记');
    switch (c.itemCode) {
      case 'RE-TRANSFER':
        if (!records.owns(String(c.fields['seller.idNumber'] ?? ''), unitCode)) {
          return rejected('出卖人不是登记的权利人');
        }
        if (c.fields['property.certificateNumber'] !== unit.certificateNumber) {
          return {
            outcome: 'correction_requested',
            reason: '不动产权证书号与登记簿记载不一致，请核对后补正',
            correctionFields: ['property.certificateNumber'],
          };
        }
        return { outcome: 'approved' };
      case 'RE-MORTGAGE':
        return records.owns(c.applicantId, unitCode) ? { outcome: 'approved' } : rejected('抵押人不是权利人');
      case 'RE-RECORD-QUERY':
        return records.owns(c.applicantId, unitCode)
          ? { outcome: 'approved' }
          : rejected('查询人不是该不动产的权利人');
      default:
        return rejected('未知的登记事项');
    }
  }

  /** What an approval of the case issues: the document's material id and its new number. */
  function issued(c: CaseSubmission, at: number): Record<string, string> {
    const doc = ISSUES[c.itemCode];
    if (!doc) return {};
    const unitCode = String(c.fields['property.unitCode']);
    return { [doc.materialId]: records.issueNumber(doc.kind, unitCode, beijingDate(at).slice(0, 4)) };
  }

  /** The decision of a verdict at `at`, with the number of the document an approval issues. */
  function decisionOf(c: CaseSubmission, v: Verdict, at: number): Decision {
    const result = v.outcome === 'approved' ? issued(c, at) : {};
    const decision: Decision = { ...v, ...(Object.keys(result).length > 0 ? { result } : {}) };
    ours.add(decision);
    return decision;
  }

  /** Writes an approval into the book, so later reads show it. */
  function register(record: CaseRecord, decision: Decision, at: number): void {
    const unitCode = String(record.fields['property.unitCode']);
    if (!records.unit(unitCode)) return;
    const on = beijingDate(at);
    if (record.itemCode === 'RE-TRANSFER') {
      const certificateNumber = decision.result!['property-certificate']!;
      records.transfer(unitCode, { owners: [record.applicantId], certificateNumber, on, at });
    } else if (record.itemCode === 'RE-MORTGAGE') {
      records.addMortgage(
        unitCode,
        {
          mortgagee: String(record.fields['mortgage.mortgagee']),
          amountFen: Number(record.fields['mortgage.amount']),
          registeredOn: on,
          endsOn: addMonths(on, Number(record.fields['mortgage.termMonths'])),
        },
        at,
      );
    }
  }

  return {
    decide: (submission) => decisionOf(submission, verdict(submission), clock.now()),
    schedule: scheduleFromItems(deps.items),
    caseNumber: (seq, _itemCode, at) => `BDC${beijingDate(at).slice(0, 4)}${String(seq).padStart(8, '0')}`,
    onPhase(record, phase) {
      let decision = phase.decision;
      if (!decision) return;
      if (ours.has(decision)) {
        const now = verdict(record);
        if (now.outcome !== decision.outcome || now.reason !== decision.reason) {
          decision = decisionOf(record, now, phase.at);
        }
        // Checked once: the phase is final now.
        ours.delete(decision);
      }
      const doc = ISSUES[record.itemCode];
      if (decision.outcome === 'approved' && doc && !decision.result?.[doc.materialId]) {
        // An approval forced through the admin port issues its document like any other, so what flows
        // to later items (the certificate number) is there however the case was decided.
        decision = { ...decision, result: { ...decision.result, ...issued(record, phase.at) } };
      }
      if (decision !== phase.decision) {
        record.phases[record.phases.indexOf(phase)] = { status: decision.outcome, at: phase.at, decision };
      }
      if (decision.outcome === 'approved') register(record, decision, phase.at);
    },
  };
}

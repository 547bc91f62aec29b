import {
  type CaseRecord,
  type CaseRules,
  type CaseSubmission,
  type Decision,
  type Phase,
  type SimClock,
  scheduleFromItems,
} from '@onething/legacy-kit';
import type { FormValues } from './form';
import type { MarketState } from './state';
import { beijingCompactDate, beijingDate } from './time';

const ESTABLISH = new Set(['MKT-ESTABLISH', 'MKT-ESTABLISH-INDIVIDUAL']);

/** Prefixes of the documents the registry issues (营业执照, 变更登记通知书, 准予注销登记通知书). */
export const DOCUMENT_PREFIXES = {
  'business-licence': 'YYZZ',
  'change-notice': 'BGTZ',
  'deregistration-notice': 'ZXTZ',
} as const;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Whether a business scope needs correcting: too short to mean anything, or left undecided (待定). */
export function scopeNeedsCorrection(scope: string): boolean {
  return scope.trim().length < 4 || scope.includes('待定');
}

/** What an approval of the application issues, decided once per application and kept. */
export function issuedFor(
  state: MarketState,
  clock: SimClock,
  sub: CaseSubmission,
): Readonly<Record<string, string>> {
  return state.issueOnce(sub.requestRef, () => {
    if (ESTABLISH.has(sub.itemCode)) {
      const kind = sub.itemCode === 'MKT-ESTABLISH' ? 'company' : 'individual';
      return {
        'enterprise.uscc': state.issuance.uscc(kind, sub.applicantId.slice(0, 6)),
        'business-licence': state.issuance.documentNumber(DOCUMENT_PREFIXES['business-licence'], clock.now()),
      };
    }
    const document = sub.itemCode === 'MKT-CHANGE' ? 'change-notice' : 'deregistration-notice';
    return { [document]: state.issuance.documentNumber(DOCUMENT_PREFIXES[document], clock.now()) };
  });
}

function decideEstablishment(state: MarketState, clock: SimClock, sub: CaseSubmission): Decision {
  const fields = sub.fields as FormValues;
  if (scopeNeedsCorrection(str(fields['enterprise.businessScope']))) {
    return {
      outcome: 'correction_requested',
      reason: '经营范围表述不规范（少于4个字或含“待定”），请按经营范围规范表述目录补正',
      correctionFields: ['enterprise.businessScope'],
    };
  }
  return { outcome: 'approved', reason: '准予设立登记', result: issuedFor(state, clock, sub) };
}

function applyApproval(state: MarketState, clock: SimClock, record: CaseRecord, phase: Phase): void {
  const fields = record.fields as FormValues;
  const { registry } = state;
  // An approval forced through the admin port may carry no result: the registry issues one anyway.
  const result = { ...issuedFor(state, clock, record), ...phase.decision?.result };
  if (ESTABLISH.has(record.itemCode)) {
    const uscc = result['enterprise.uscc'];
    if (!uscc || registry.has(uscc)) return;
    const company = record.itemCode === 'MKT-ESTABLISH';
    registry.register({
      uscc,
      name: str(fields['enterprise.name']),
      kind: company ? 'company' : 'individual',
      legalRepIdNumber: company ? str(fields['enterprise.legalRepIdNumber']) : record.applicantId,
      legalRepName: company ? str(fields['enterprise.legalRepName']) : str(fields['applicant.name']),
      registeredCapitalFen: Number(fields['enterprise.registeredCapital'] ?? 0),
      establishedOn: beijingDate(phase.at),
      address: str(fields['enterprise.address']),
      businessScope: str(fields['enterprise.businessScope']),
      status: 'active',
      updatedAt: phase.at,
    });
    return;
  }
  const enterprise = registry.get(str(fields['enterprise.uscc']));
  if (!enterprise) return;
  if (record.itemCode === 'MKT-CHANGE') {
    if (fields['enterprise.newName']) registry.rename(enterprise.uscc, str(fields['enterprise.newName']));
    if (fields['enterprise.newAddress']) enterprise.address = str(fields['enterprise.newAddress']);
  } else if (record.itemCode === 'MKT-DEREGISTER') {
    enterprise.status = 'deregistered';
  }
  enterprise.updatedAt = phase.at;
}

/** The name an application holds while it is in progress (a new enterprise's, or a changed name). */
export function nameHeldBy(itemCode: string, fields: FormValues): string | undefined {
  if (ESTABLISH.has(itemCode)) return str(fields['enterprise.name']) || undefined;
  if (itemCode === 'MKT-CHANGE') return str(fields['enterprise.newName']) || undefined;
  return undefined;
}

/**
 * The market registry's rules: establishment is approved unless the business scope needs correcting
 * (and is issued its USCC and licence number when decided); change and deregistration are approved.
 * Approval writes the registry, so later reads show the new enterprise, name, address or status.
 */
export function marketRules(state: MarketState, clock: SimClock): CaseRules {
  return {
    decide(sub) {
      if (ESTABLISH.has(sub.itemCode)) return decideEstablishment(state, clock, sub);
      if (sub.itemCode === 'MKT-CHANGE')
        return { outcome: 'approved', reason: '准予变更登记', result: issuedFor(state, clock, sub) };
      if (sub.itemCode === 'MKT-DEREGISTER')
        return { outcome: 'approved', reason: '准予注销登记', result: issuedFor(state, clock, sub) };
      return { outcome: 'rejected', reason: `未知事项 ${sub.itemCode}` };
    },
    schedule: scheduleFromItems(state.items),
    caseNumber: (seq, _itemCode, at) => `SCJG${beijingCompactDate(at)}${String(seq).padStart(6, '0')}`,
    onPhase(record, phase) {
      if (phase.status === 'approved') applyApproval(state, clock, record, phase);
      if (phase.status === 'rejected') {
        const name = nameHeldBy(record.itemCode, record.fields as FormValues);
        if (name) state.registry.releaseName(name, record.requestRef);
      }
    },
  };
}

import type { CaseState } from '@onething/adapter-core';
import type { CatalogueItem } from './catalogue';
import type { WireCase } from './records';

/**
 * A registry case in domain terms: correction fields by semantic key, results by semantic key or by the
 * material id of the document issued (`property-certificate`), mapped through the item's catalogue
 * entry (wire codes pass unchanged when the catalogue does not name them).
 */
export function caseState(w: WireCase, item: CatalogueItem | undefined): CaseState {
  const correction = w.correctionCodes.map((code) => item?.keyByCode.get(code) ?? code);
  const result = Object.entries(w.result).map(
    ([code, v]) => [item?.resultKeyByCode.get(code) ?? code, v] as const,
  );
  return {
    department: 'realestate',
    caseNumber: w.caseNumber,
    itemCode: w.itemCode,
    applicantIdNumber: w.applicantIdNumber,
    status: w.status,
    statusAt: w.statusAt,
    acceptedAt: w.acceptedAt,
    ...(w.reason ? { reason: w.reason } : {}),
    ...(w.status === 'CORRECTION_REQUESTED' && correction.length > 0 ? { correctionFields: correction } : {}),
    ...(result.length > 0 ? { result: Object.fromEntries(result) } : {}),
  };
}

/** Whether the registry received a correction after it last asked for one (the case has moved on since). */
export function correctionReceived(w: WireCase): boolean {
  if (w.status === 'CORRECTION_REQUESTED') return false;
  const lastAsked = w.history.map((h) => h.status).lastIndexOf('CORRECTION_REQUESTED');
  return lastAsked >= 0 && lastAsked < w.history.length - 1;
}

/** The case a reference stands for: the first the registry accepted under it for the item. */
export function firstOf(cases: readonly WireCase[], itemCode: string): WireCase | undefined {
  return cases
    .filter((c) => c.itemCode === itemCode)
    .sort((a, b) => a.acceptedAt.localeCompare(b.acceptedAt) || a.caseNumber.localeCompare(b.caseNumber))[0];
}

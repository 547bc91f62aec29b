import type { CaseState } from '@onething/adapter-core';
import type { CodeBook } from './catalogue';
import type { WireCase } from './records';
import { keyOfFieldCode } from './wire';

/** Whether reading this case needs the catalogue: only a result names codes a field code rule cannot read. */
export function needsCodeBook(c: WireCase): boolean {
  return c.status_code === 'APPROVED' && Object.keys(c.result).length > 0;
}

/**
 * A wire case in domain terms: the status, instants as ISO timestamps, correction fields as semantic keys
 * and the result keyed by semantic key or material id (through the catalogue's code book).
 */
export function caseState(c: WireCase, book?: CodeBook): CaseState {
  const nameOf = (code: string) => book?.nameOf(code) ?? keyOfFieldCode(code);
  return {
    department: 'tax',
    caseNumber: c.case_no,
    itemCode: c.item_code,
    applicantIdNumber: c.applicant_id_number,
    status: c.status_code,
    statusAt: c.status_time,
    acceptedAt: c.accepted_time,
    ...(c.reason !== null ? { reason: c.reason } : {}),
    ...(c.status_code === 'CORRECTION_REQUESTED'
      ? { correctionFields: c.correction_fields.map(keyOfFieldCode) }
      : {}),
    ...(c.status_code === 'APPROVED'
      ? { result: Object.fromEntries(Object.entries(c.result).map(([code, v]) => [nameOf(code), v])) }
      : {}),
  };
}

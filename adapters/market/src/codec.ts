import type { CaseState, CaseStatus } from '@onething/adapter-core';
import { fenToYuan, wanYuanToFen } from '@onething/schema';
import type { Enterprise, WireApplication, WireEnterprise, WireStatus } from './records';

/**
 * Conversions between the market wire and the domain: names, units (万元 and yuan ↔ fen), instants
 * (+08:00 ↔ UTC), statuses, and field codes ↔ semantic keys.
 */

/** The wire's field code of a semantic key: its camelCase (`enterprise.businessScope` → `enterpriseBusinessScope`). */
export function fieldCodeOf(key: string): string {
  return key.replace(/\.([a-zA-Z])/, (_, c: string) => c.toUpperCase());
}

/** The semantic key of a wire field code: the prefix is lower case, so the first capital marks the dot. */
export function semanticKeyOf(code: string): string {
  return code.replace(/^([a-z]+)([A-Z])/, (_, prefix: string, c: string) => `${prefix}.${c.toLowerCase()}`);
}

/** An instant of the wire (Beijing time) as an ISO timestamp in UTC. */
export function toIsoInstant(wire: string): string {
  return new Date(Date.parse(wire)).toISOString();
}

/** A yuan amount of the wire (a JSON number, at most two decimals) in fen; throws on more precision. */
export function yuanToFenExact(yuan: number): number {
  const fen = Math.round(yuan * 100);
  if (!Number.isSafeInteger(fen) || Math.abs(yuan * 100 - fen) > 1e-6)
    throw new Error(`${yuan} is not an amount of yuan with at most two decimals`);
  return fen;
}

/** Fen as the wire's yuan number (two decimals at most). */
export function fenToYuanNumber(fen: number): number {
  return Number(fenToYuan(fen));
}

/** An enterprise of the wire in domain terms. */
export function toEnterprise(w: WireEnterprise): Enterprise {
  return {
    uscc: w.uscc,
    name: w.name,
    kind: w.entityType,
    legalRepIdNumber: w.legalRepresentative.idNumber,
    legalRepName: w.legalRepresentative.name,
    registeredCapitalFen: wanYuanToFen(w.registeredCapital),
    establishedOn: w.establishedDate,
    address: w.address,
    businessScope: w.businessScope,
    status: w.status === 'EXISTING' ? 'ACTIVE' : 'DEREGISTERED',
    updatedAt: toIsoInstant(w.lastModified),
  };
}

export const CASE_STATUS: Record<WireStatus, CaseStatus> = {
  ACCEPTED: 'ACCEPTED',
  UNDER_REVIEW: 'IN_REVIEW',
  APPROVED: 'APPROVED',
  DENIED: 'REJECTED',
  SUPPLEMENT_REQUIRED: 'CORRECTION_REQUESTED',
};

/**
 * What an approval produced, keyed as the hall expects: values by semantic key (`enterprise.uscc`),
 * documents by material id (`business-licence`) with the document's number.
 */
export function toResult(outcome: NonNullable<WireApplication['outcome']>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [code, value] of Object.entries(outcome.values)) result[semanticKeyOf(code)] = value;
  for (const d of outcome.documents) result[d.materialId] = d.documentNo;
  return result;
}

/** An application of the wire as the case the hall follows. */
export function toCaseState(a: WireApplication): CaseState {
  const status = CASE_STATUS[a.status];
  return {
    department: 'market',
    caseNumber: a.applicationNo,
    itemCode: a.itemCode,
    applicantIdNumber: a.applicantIdNumber,
    status,
    statusAt: toIsoInstant(a.statusChangedAt),
    acceptedAt: toIsoInstant(a.acceptedAt),
    ...(a.remarks ? { reason: a.remarks } : {}),
    ...(status === 'CORRECTION_REQUESTED'
      ? { correctionFields: a.fieldsToSupplement.map(semanticKeyOf) }
      : {}),
    ...(status === 'APPROVED' && a.outcome ? { result: toResult(a.outcome) } : {}),
  };
}

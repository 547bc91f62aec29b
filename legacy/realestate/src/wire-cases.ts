import type { CaseView } from '@onething/legacy-kit';
import { el, optionalEl } from '@onething/runtime/xml';
import { wireCodeOf } from './catalogue';
import { WIRE_STATUS } from './codes';
import { wireInstant } from './wire-format';

/**
 * A case (业务件) as the registry reports it: statuses in its own terms, instants `yyyyMMddHHmmss`
 * Beijing time, correction fields by their form codes, and result values keyed by wire codes
 * (`PropertyCertificate` for the `property-certificate` the approval issues).
 */
export function applicationXml(view: CaseView): string {
  const d = view.decision;
  const correction = d?.correctionFields ?? [];
  const result = Object.entries(d?.result ?? {});
  return el('bdc:Application', [
    el('bdc:CaseNumber', view.caseNumber),
    el('bdc:ItemCode', view.itemCode),
    el('bdc:ExternalReference', view.requestRef),
    el('bdc:Applicant', [el('bdc:IdNumber', view.applicantId)]),
    el('bdc:Status', WIRE_STATUS[view.status]),
    el('bdc:StatusTime', wireInstant(view.statusAt)),
    el('bdc:AcceptedTime', wireInstant(view.submittedAt)),
    optionalEl('bdc:Reason', d?.reason),
    correction.length > 0
      ? el(
          'bdc:CorrectionFields',
          correction.map((key) => el('bdc:Field', undefined, { code: wireCodeOf(key) })),
        )
      : '',
    result.length > 0
      ? el(
          'bdc:Result',
          result.map(([key, value]) => el('bdc:Value', value, { key: wireCodeOf(key) })),
        )
      : '',
    el(
      'bdc:History',
      view.history.map((h) =>
        el('bdc:Step', [el('bdc:Status', WIRE_STATUS[h.status]), el('bdc:Time', wireInstant(h.at))]),
      ),
    ),
  ]);
}

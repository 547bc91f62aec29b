import type { AuditReader } from './audit-trail';

interface Localized {
  readonly zh: string;
  readonly en: string;
}

/** Who caused reads, as a trail shows them. */
export interface ReaderView {
  readonly id: string;
  readonly kind: 'YOU' | 'APPLICANT' | 'WINDOW_STAFF' | 'DEPARTMENT_STAFF' | 'SERVICE';
  readonly name: Localized;
}

/** Who looks at a trail: an applicant never learns another applicant's ID number; staff may. */
export interface Viewer {
  readonly subject: string;
  readonly staff: boolean;
}

/** A reader's id: the first place they read in the trail — stable (the trail is append-only), opaque. */
export const readerId = (firstSeq: number): string => `r:${firstSeq}`;

/** The place a reader id names, or undefined when it is not one. */
export function seqOfReaderId(id: string): number | undefined {
  const m = /^r:([1-9]\d{0,15})$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

/**
 * How a viewer sees a reader. Another applicant is "申请人 n" to an applicant, n counting the other
 * applicants in the order they first read this trail (`ordinal`, 1-based; absent: unnumbered); staff see
 * the actor's subject, as they see whose data it was.
 */
export function readerView(
  r: Pick<AuditReader, 'actorSubject' | 'actorRole' | 'firstSeq'>,
  viewer: Viewer,
  ordinal?: number,
): ReaderView {
  const id = readerId(r.firstSeq);
  if (r.actorSubject === viewer.subject) return { id, kind: 'YOU', name: { zh: '您本人', en: 'you' } };
  switch (r.actorRole) {
    case 'applicant':
      if (viewer.staff)
        return {
          id,
          kind: 'APPLICANT',
          name: { zh: `申请人 ${r.actorSubject}`, en: `applicant ${r.actorSubject}` },
        };
      return {
        id,
        kind: 'APPLICANT',
        name: ordinal
          ? { zh: `其他申请人 ${ordinal}`, en: `another applicant (${ordinal})` }
          : { zh: '其他申请人', en: 'another applicant' },
      };
    case 'window-staff':
      return {
        id,
        kind: 'WINDOW_STAFF',
        name: { zh: `窗口工作人员 ${r.actorSubject}`, en: `window staff ${r.actorSubject}` },
      };
    case 'department-staff':
      return {
        id,
        kind: 'DEPARTMENT_STAFF',
        name: { zh: `部门工作人员 ${r.actorSubject}`, en: `department staff ${r.actorSubject}` },
      };
    default:
      return { id, kind: 'SERVICE', name: { zh: '一件事服务大厅', en: 'the service hall' } };
  }
}

/**
 * The ordinal of each other applicant among a trail's readers, by first read: what `readerView` numbers
 * them with for an applicant.
 */
export function applicantOrdinals(readers: readonly AuditReader[], viewer: Viewer): Map<string, number> {
  const others = readers
    .filter((r) => r.actorRole === 'applicant' && r.actorSubject !== viewer.subject)
    .sort((a, b) => a.firstSeq - b.firstSeq);
  return new Map(others.map((r, i) => [r.actorSubject, i + 1]));
}

import type { Logger } from '@onething/runtime';
import type { DepartmentKey } from '@onething/schema';
import type { Application, Part } from '../applications/model';
import type { BundleCatalogue } from '../catalogue/bundle-catalogue';
import type { HallItem } from '../catalogue/items';
import { type DepartmentApi, DispatchError, type IssuedDocumentView } from '../dispatch/department-api';
import { BlobStore } from '../materials/blob-store';
import { sniffType } from '../materials/sniff';
import { jitteredBackoff } from '../outbox/backoff';
import { enqueue, type Job, type JobQueue } from '../outbox/jobs';
import type { Queryable, UnitOfWork } from '../platform/unit-of-work';
import { heldDocuments } from './reusable';
import type { Documents, NewDocument } from './store';

export interface DocumentDeskSettings {
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
}

/**
 * Brings in what departments issue (统一出件, 我的证照): once a part whose item issues documents is
 * approved, a `documents` job of the part (in the dispatcher's outbox, so a crash loses none) reads the
 * case's documents through the supergraph — each already checked by the department's adapter against the
 * department's signature — checks that each file is the one the department signed (its SHA-256) and is
 * what it says it is, stores the files by content and keeps the metadata with the signature, once per
 * document number. A department that cannot answer is asked again with backoff, up to the dispatch's
 * attempts.
 */
export class DocumentDesk {
  constructor(
    private readonly deps: {
      readonly documents: Documents;
      readonly blobs: BlobStore;
      readonly api: DepartmentApi;
      readonly jobs: JobQueue;
      readonly uow: UnitOfWork;
      readonly catalogue: BundleCatalogue;
      readonly settings: DocumentDeskSettings;
      readonly log: Logger;
    },
  ) {}

  /** Whether an approved part's item issues documents to bring in. */
  issues(part: Pick<Part, 'itemCode'>): boolean {
    return (this.deps.catalogue.items.get(part.itemCode)?.result.materials.length ?? 0) > 0;
  }

  /** What a part's case is sent with instead of uploads: documents held from earlier applications (免提交). */
  heldFor(item: HallItem, application: Application): Promise<Map<string, string>> {
    return heldDocuments(this.deps.documents, item, application);
  }

  /** Schedules bringing in the documents of a part just approved (in the transaction recording it). */
  async approved(tx: Queryable, part: Part, now: Date, traceParent: string | null): Promise<void> {
    if (this.issues(part)) await enqueue(tx, part.id, 'documents', now, {}, now, traceParent);
  }

  async run(
    job: Job,
    part: Part,
    application: Application,
  ): Promise<'recorded' | 'retry' | 'dead_lettered' | 'lease_lost' | 'stale'> {
    const { jobs, uow, api, blobs, documents, log } = this.deps;
    if (part.status !== 'APPROVED' || !part.caseNumber) {
      await uow((tx) => jobs.complete(tx, job.id));
      return 'stale';
    }
    const department = part.department as DepartmentKey;
    try {
      const issued = await api.documents(department, part.caseNumber, {
        idNumber: application.applicantIdNumber,
        enterprises: application.enterprises,
      });
      const kept: NewDocument[] = [];
      for (const d of issued) {
        const content = Buffer.from(d.content, 'base64');
        kept.push({
          ...this.checked(d, content, part),
          applicationId: application.id,
          partId: part.id,
          bundleCode: application.bundleCode,
          itemCode: part.itemCode,
          applicantIdNumber: application.applicantIdNumber,
        });
        await blobs.put(content);
      }
      const recorded = await uow(async (tx) => {
        if (!(await jobs.holds(tx, job.id))) return false;
        await documents.keep(tx, kept, new Date());
        await jobs.complete(tx, job.id);
        return true;
      });
      if (!recorded) return 'lease_lost';
      log.info(
        { application: application.id, part: part.id, documents: kept.map((d) => d.number) },
        'documents kept',
      );
      return 'recorded';
    } catch (e) {
      const err =
        e instanceof DispatchError ? e : new DispatchError(true, 'UNEXPECTED', (e as Error).message);
      const attempts = job.attempts + 1;
      const problem = `${err.code}: ${err.message}`;
      const giveUp = !err.retryable || attempts >= this.deps.settings.maxAttempts;
      log.warn({ application: application.id, part: part.id, code: err.code, attempts, giveUp }, err.message);
      return uow(async (tx) => {
        if (!(await jobs.holds(tx, job.id))) return 'lease_lost' as const;
        if (giveUp) {
          await jobs.fail(tx, job.id, problem);
          return 'dead_lettered' as const;
        }
        const { backoffBaseMs, backoffMaxMs } = this.deps.settings;
        await jobs.reschedule(
          tx,
          job.id,
          new Date(Date.now() + jitteredBackoff(attempts, backoffBaseMs, backoffMaxMs)),
          problem,
        );
        return 'retry' as const;
      });
    }
  }

  /**
   * A document as kept, once its file is shown to be the one its department signed for: the SHA-256 the
   * signed metadata names, and a file of the type it claims. A file damaged on the way is asked for again.
   */
  private checked(
    d: IssuedDocumentView,
    content: Buffer,
    part: Part,
  ): Omit<NewDocument, 'applicationId' | 'partId' | 'bundleCode' | 'itemCode' | 'applicantIdNumber'> {
    const sha256 = BlobStore.sha256(content);
    if (sha256 !== d.sha256.toLowerCase())
      throw new DispatchError(
        true,
        'DOCUMENT_DAMAGED',
        `document ${d.number} arrived with SHA-256 ${sha256}, not the ${d.sha256} its department signed`,
      );
    if (sniffType(content) !== d.contentType)
      throw new DispatchError(
        true,
        'DOCUMENT_DAMAGED',
        `document ${d.number} is said to be ${d.contentType} but its bytes are not`,
      );
    return {
      department: part.department,
      caseNumber: part.caseNumber!,
      number: d.number,
      materialId: d.materialId,
      name: { zh: d.name.zh, en: d.name.en },
      kind: d.kind,
      holderIdNumber: d.holderIdNumber,
      holderName: d.holderName,
      subject: d.subject ?? null,
      issuedAt: new Date(d.issuedAt),
      issuer: d.issuer,
      contentType: d.contentType,
      sha256,
      size: content.length,
      signature: { ...d.signature },
    };
  }
}

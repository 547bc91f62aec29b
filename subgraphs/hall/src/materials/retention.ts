import type { Logger } from '@onething/runtime';
import { Drafts } from '../drafts/drafts';
import type { Database } from '../platform/database';
import type { BlobStore } from './blob-store';
import { Uploads } from './uploads';

/** What the retention of uploads needs. */
export interface RetentionDeps {
  readonly db: Database;
  readonly blobs: BlobStore;
  /** Whether a file is held by another kind of record (a document a department issued): not deleted then. */
  readonly inUse?: (sha256: string) => Promise<boolean>;
  /** How long an upload never handed in is kept (UPLOAD_RETENTION_HOURS). */
  readonly retentionHours: number;
  readonly log: Logger;
}

/** How many expired uploads one sweep deletes at most; the next sweep takes the rest. */
const SWEEP_BATCH = 500;

/**
 * The retention of uploaded materials (上传材料的保存期限).
 *
 * - An upload handed in with an application is part of a government service record (办件材料): the hall
 *   keeps it, for the archive to take over under the Archives Law (《中华人民共和国档案法》, arts. 13–14)
 *   and DA/T 85-2019 《政务服务事项电子文件归档规范》; its keeping period is the archive's retention
 *   schedule, never the hall's to cut short.
 * - An upload never handed in is the applicant's personal information and nothing else: it is kept only as
 *   long as its purpose needs (《个人信息保护法》 art. 19) and deleted when that has passed (art. 47) —
 *   after UPLOAD_RETENTION_HOURS, or at once when its owner deletes it.
 *
 * A file is content-addressed and may be shared by several records: it is deleted with its last record.
 */
export class UploadRetention {
  private readonly uploads: Uploads;
  constructor(private readonly deps: RetentionDeps) {
    this.uploads = new Uploads(deps.db);
  }

  /** Deletes the uploads never handed in that are older than the retention; returns how many. */
  async sweep(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.deps.retentionHours * 3_600_000);
    // Expired drafts first: the uploads only they held expire with them.
    const drafts = await Drafts.purge(this.deps.db, now);
    if (drafts > 0) this.deps.log.info({ deleted: drafts }, 'expired drafts deleted');
    let total = 0;
    for (;;) {
      const gone = await this.uploads.deleteUnreferenced({ before, limit: SWEEP_BATCH });
      await this.dropFiles(gone.map((g) => g.sha256));
      total += gone.length;
      if (gone.length < SWEEP_BATCH) break;
    }
    if (total > 0)
      this.deps.log.info({ deleted: total, before: before.toISOString() }, 'expired uploads deleted');
    return total;
  }

  /** The owner deletes an upload of theirs that no application holds. */
  async remove(applicantIdNumber: string, id: string): Promise<'deleted' | 'handed-in' | 'not-found'> {
    const gone = await this.uploads.deleteUnreferenced({ ids: [id], applicantIdNumber });
    if (gone.length > 0) {
      await this.dropFiles(gone.map((g) => g.sha256));
      return 'deleted';
    }
    const [theirs] = await this.uploads.forApplicant(applicantIdNumber, [id]);
    return theirs ? 'handed-in' : 'not-found';
  }

  private async dropFiles(addresses: readonly string[]): Promise<void> {
    for (const sha256 of new Set(addresses))
      if (!(await this.uploads.shaInUse(sha256)) && !(await this.deps.inUse?.(sha256)))
        await this.deps.blobs.remove(sha256);
  }
}

/** Sweeps every `intervalMs` (UPLOAD_SWEEP_INTERVAL_MS), first right away; stop() ends it. */
export function startRetentionSweeps(retention: UploadRetention, intervalMs: number, log: Logger) {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = retention.sweep().catch((err: unknown) => log.warn({ err }, 'sweeping expired uploads failed'));
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

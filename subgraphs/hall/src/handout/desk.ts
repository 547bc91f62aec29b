import { isAdapterError } from '@onething/adapter-core';
import type { CourierAdapter, PostalParty } from '@onething/adapter-courier';
import type { Logger } from '@onething/runtime';
import type { Application, Part } from '../applications/model';
import type { Applications } from '../applications/store';
import type { BundleCatalogue } from '../catalogue/bundle-catalogue';
import type { NoticeParams } from '../notices/kinds';
import { Notices } from '../notices/store';
import { jitteredBackoff } from '../outbox/backoff';
import { enqueue, type Job, type JobQueue } from '../outbox/jobs';
import type { Queryable, UnitOfWork } from '../platform/unit-of-work';
import { type HandOut, type HandOutEvent, handOutTransition } from './model';
import type { HandOuts } from './store';

export interface HandOutDeskSettings {
  /** The centre as the sender of posted results (its window's address and landline). */
  readonly sender: PostalParty;
  /** How often a posted waybill is read back while not delivered (pushes make it sooner). */
  readonly trackIntervalMs: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
}

/**
 * The output window (综合窗口出件): once every part is approved, the results are ready to collect — the
 * applicant is told — or are posted through the courier, whose waybill is followed (its tracking pushes
 * prompt a read; a read is the truth) until it is signed for. Posting runs as a `post` job of the
 * application's first part, in the dispatcher's outbox; the courier keeps one waybill per application
 * number, so a crash makes no second one.
 */
export class HandOutDesk {
  constructor(
    private readonly deps: {
      readonly apps: Applications;
      readonly handOuts: HandOuts;
      readonly jobs: JobQueue;
      readonly uow: UnitOfWork;
      readonly catalogue: BundleCatalogue;
      readonly courier: CourierAdapter;
      readonly settings: HandOutDeskSettings;
      readonly log: Logger;
    },
  ) {}

  /** Applies an event in `tx` and carries out what follows; answers the refusal, if any. */
  async apply(
    tx: Queryable,
    h: HandOut,
    event: HandOutEvent,
    now: Date,
  ): Promise<{ handOut: HandOut } | { refusal: string }> {
    const t = handOutTransition(h, event);
    if (!t.ok) return { refusal: t.refusal };
    if (Object.keys(t.change).length === 0) return { handOut: h };
    const updated = await this.deps.handOuts.update(tx, h.applicationId, t.change, now);
    const application = t.next.some((n) => n !== 'post')
      ? await tx
          .selectFrom('applications')
          .select(['bundle_code', 'applicant_id_number', 'values'])
          .where('id', '=', h.applicationId)
          .executeTakeFirstOrThrow()
      : undefined;
    const tell = async (
      kind: 'READY_TO_COLLECT' | 'POSTED' | 'DELIVERED',
      extra: Partial<NoticeParams> = {},
    ) =>
      Notices.add(
        tx,
        {
          id: h.applicationId,
          applicantIdNumber: application!.applicant_id_number,
          values: application!.values,
        },
        kind,
        { ...this.deps.apps.noticeParams(h.applicationId, application!.bundle_code), ...extra },
        now,
      );
    if (t.next.includes('post')) {
      const [first] = await this.deps.apps.parts(h.applicationId, tx);
      await enqueue(tx, first!.id, 'post', now, {}, now);
    }
    if (t.next.includes('tellReady')) await tell('READY_TO_COLLECT');
    if (t.next.includes('tellPosted'))
      await tell('POSTED', { courier: 'EMS', waybill: updated.waybillNumber ?? '' });
    if (t.next.includes('tellDelivered')) await tell('DELIVERED');
    if (h.status !== updated.status) await this.deps.apps.refreshStatus(tx, h.applicationId, now);
    return { handOut: updated };
  }

  /** Every part approved (in the transaction that approved the last): ready, or off to the courier. */
  async completed(tx: Queryable, applicationId: string, now: Date): Promise<void> {
    const h = await this.deps.handOuts.lock(tx, applicationId);
    if (h) await this.apply(tx, h, { type: 'completed' }, now);
  }

  /** Under a change of hand-out (by its applicant, agent, or window staff): in one transaction. */
  async change(
    applicationId: string,
    event: HandOutEvent,
  ): Promise<{ handOut: HandOut } | { refusal: string }> {
    return this.deps.uow(async (tx) => {
      const h = await this.deps.handOuts.lock(tx, applicationId);
      if (!h) return { refusal: 'the application has no hand-out' };
      return this.apply(tx, h, event, new Date());
    });
  }

  /** Runs a `post` job: makes the waybill, then follows it until it is signed for. */
  async run(
    job: Job,
    _part: Part,
    application: Application,
  ): Promise<'recorded' | 'retry' | 'lease_lost' | 'stale'> {
    const { handOuts, jobs, uow, courier, settings, log } = this.deps;
    const record = (event: HandOutEvent) =>
      uow(async (tx) => {
        if (!(await jobs.holds(tx, job.id))) return undefined;
        const h = await handOuts.lock(tx, application.id);
        if (!h) return undefined;
        const r = await this.apply(tx, h, event, new Date());
        return 'handOut' in r ? r.handOut : h;
      });
    try {
      let h = await handOuts.get(application.id);
      if (h?.method !== 'POST' || h.status === 'WAITING' || h.status === 'DELIVERED') {
        await uow((tx) => jobs.complete(tx, job.id));
        return 'stale';
      }
      if (h.status === 'READY') {
        const bundle = this.deps.catalogue.bundle(application.bundleCode);
        const a = h.address!;
        const waybill = await courier.createWaybill({
          orderNumber: application.id,
          sender: settings.sender,
          recipient: { ...a },
          items: [{ name: `${bundle?.name.zh ?? application.bundleCode}办理结果`, quantity: 1 }],
          remark: '政务服务办理结果，请本人签收',
        });
        h = await record({
          type: 'waybill',
          waybillNumber: waybill.waybillNumber,
          waybillStatus: waybill.status,
        });
        if (!h) return 'lease_lost';
        log.info({ application: application.id, waybill: waybill.waybillNumber }, 'results posted');
      }
      if (h.status === 'POSTED' && h.waybillNumber) {
        const waybill = await courier.getWaybill(h.waybillNumber);
        if (waybill) {
          const signed = [...waybill.events].reverse().find((e) => e.status === 'DELIVERED');
          h = await record({
            type: 'tracked',
            waybillStatus: waybill.status,
            signer: signed?.signer ?? null,
            at: signed ? new Date(signed.at) : new Date(),
          });
          if (!h) return 'lease_lost';
        }
      }
      const done = h.status === 'DELIVERED';
      await uow(async (tx) => {
        if (!(await jobs.holds(tx, job.id))) return;
        if (done) await jobs.complete(tx, job.id);
        else await jobs.reschedule(tx, job.id, new Date(Date.now() + settings.trackIntervalMs));
      });
      return 'recorded';
    } catch (e) {
      const code = isAdapterError(e) ? e.code : 'UNEXPECTED';
      log.warn(
        { application: application.id, code, attempts: job.attempts + 1 },
        `posting failed: ${(e as Error).message}`,
      );
      await uow(async (tx) => {
        if (await jobs.holds(tx, job.id))
          await jobs.reschedule(
            tx,
            job.id,
            new Date(
              Date.now() + jitteredBackoff(job.attempts + 1, settings.backoffBaseMs, settings.backoffMaxMs),
            ),
            `${code}: ${(e as Error).message}`,
          );
      });
      return 'retry';
    }
  }

  /** A verified tracking push: the waybill's job reads it back soon (the push is a prompt). */
  async prompted(waybillNumber: string, coalesceMs: number): Promise<boolean> {
    const h = await this.deps.handOuts.byWaybill(waybillNumber);
    if (h?.status !== 'POSTED') return !!h;
    const [first] = await this.deps.apps.parts(h.applicationId);
    await this.deps.jobs.nudge(first!.id, coalesceMs, new Date(), 'post');
    return true;
  }
}

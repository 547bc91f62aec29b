import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { courierAdapterOptions, createCourierAdapter, PushVerifier } from '@onething/adapter-courier';
import { createSmsAdapter, DeliveryReportVerifier, smsAdapterOptions } from '@onething/adapter-sms';
import type { Logger } from '@onething/runtime';
import { hallSubgraphSdl } from '@onething/schema';
import { createSubgraphServer, type Subgraph, subgraphMetrics } from '@onething/subgraph-kit';
import { Counter } from 'prom-client';
import type { ActingDeps } from './acting/for-request';
import { resolveActing } from './acting/resolve-acting';
import { applicationEventsRoute, queueEventsRoute } from './applications/events-route';
import { LiveStreams } from './applications/live-streams';
import { applicationReads } from './applications/reads';
import { ApplicationService } from './applications/service';
import { Applications } from './applications/store';
import { beijingClock, type Clock } from './calendar/clock';
import { WorkingDayCalendar } from './calendar/working-days';
import { BundleCatalogue } from './catalogue/bundle-catalogue';
import { AuditTrail } from './consent/audit-trail';
import { Consents } from './consent/consents';
import { Prefills } from './consent/prefills';
import { DelegationService } from './delegations/service';
import { Delegations } from './delegations/store';
import { CallbackNonces } from './dispatch/callback-nonces';
import { CALLBACK_PATH, callbackRoute } from './dispatch/callback-route';
import { DepartmentApi } from './dispatch/department-api';
import { Dispatcher } from './dispatch/dispatcher';
import { DocumentDesk } from './documents/desk';
import { Documents } from './documents/store';
import { Drafts } from './drafts/drafts';
import { FormChecks } from './forms/form-checks';
import { formLimits } from './forms/form-limits';
import { courierCallbackRoute } from './handout/callback-route';
import { HandOutDesk } from './handout/desk';
import { HandOuts } from './handout/store';
import { materialRoutes, Uploads } from './materials';
import { BlobStore } from './materials/blob-store';
import { startRetentionSweeps, UploadRetention } from './materials/retention';
import { hallMetrics } from './metrics';
import { smsReportRoute } from './notices/report-route';
import { Notices } from './notices/store';
import { Texter } from './notices/texter';
import { JobQueue } from './outbox/jobs';
import { Papers } from './papers/papers';
import { paperRoutes } from './papers/routes';
import { StatusTokens } from './papers/status-tokens';
import { paymentCallbackRoute } from './payments/callback-route';
import { PaymentDesk } from './payments/desk';
import { Reconciliation } from './payments/reconcile';
import { Payments } from './payments/store';
import { Performance } from './performance/figures';
import { PerformanceRollup } from './performance/rollup';
import { openDatabase } from './platform/database';
import { RequestBatches } from './platform/request-batches';
import { SupergraphClient, serviceToken } from './platform/supergraph-client';
import { storeUnavailable } from './platform/unavailable';
import { unitOfWork } from './platform/unit-of-work';
import { RatingService } from './ratings/service';
import { Ratings } from './ratings/store';
import { hallResolvers } from './resolvers';
import { SaleConfirmations } from './sales/store';
import type { HallConfig } from './settings';
import { CalendarYears } from './supervision/calendar-years';
import { StaffNotices } from './supervision/staff-notices';
import { Urges } from './supervision/urges';
import { SupervisionWatch } from './supervision/watch';
import { StaffSeen } from './window/staff';
import { WindowVisits } from './window/visits';

/**
 * Builds the hall (without listening): its store (PGlite or PostgreSQL, migrated), its bundles checked
 * against the departments' items read through the supergraph, and its subgraph.
 */
export async function createHallSubgraph(
  config: HallConfig,
  log: Logger,
  options: HallOptions = {},
): Promise<HallSubgraph> {
  const clock = options.clock ?? beijingClock();
  const { db, engine } = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    pgliteSharedBuffers: config.pgliteSharedBuffers,
    onConnectionError: (err) =>
      log.warn({ err: err.message }, 'a database connection failed; the pool replaces it'),
  });
  log.info({ engine, where: config.databaseUrl ? 'DATABASE_URL' : config.dataDir }, 'hall store open');
  const client = new SupergraphClient(
    config.gatewayUrl,
    serviceToken({ tokenUrl: config.tokenUrl, clientId: config.clientId, clientSecret: config.clientSecret }),
  );
  let catalogue: BundleCatalogue;
  try {
    catalogue = await BundleCatalogue.load({
      bundlesDir: config.bundlesDir,
      client,
      waitMs: config.catalogueWaitMs,
      log,
    });
  } catch (e) {
    await db.destroy();
    throw e;
  }
  const audit = new AuditTrail(db);
  const prefills = new Prefills(db);
  const apps = new Applications(db);
  const jobs = new JobQueue(db, config.workerId ?? `${hostname()}:${process.pid}`);
  const uploads = new Uploads(db);
  const calendar = WorkingDayCalendar.official(undefined, log.child({ component: 'calendar' }));
  const metrics = subgraphMetrics('hall');
  // Its figures read when scraped; `service` (below) exists by then.
  const hall = hallMetrics(metrics.registry, {
    outbox: () => jobs.depth(),
    deadLettered: () => apps.deadLetteredCounts(),
    flags: (asOf) => service.flagCounts(asOf),
  });
  const uow = unitOfWork(db);
  apps.bundleNames = (code) => catalogue.bundle(code)?.name ?? { zh: code, en: code };
  const notices = new Notices(db);
  const sms = createSmsAdapter(
    smsAdapterOptions({
      url: config.smsUrl,
      accessKeyId: config.smsAccessKeyId,
      accessKeySecret: config.smsAccessKeySecret,
      signName: config.smsSignName,
      timeoutMs: config.smsTimeoutMs,
      retries: config.smsRetries,
    } as Parameters<typeof smsAdapterOptions>[0]),
  );
  const texted = new Counter({
    name: 'onething_hall_texts_total',
    help: 'Text messages of notices, by outcome (sent, retry, failed).',
    labelNames: ['outcome'],
    registers: [metrics.registry],
  });
  const texter = new Texter({
    notices,
    sms,
    settings: {
      intervalMs: config.textIntervalMs,
      leaseMs: config.dispatchLeaseMs,
      batch: 16,
      maxAttempts: config.textMaxAttempts,
      backoffBaseMs: config.dispatchBackoffMs,
      backoffMaxMs: config.dispatchBackoffMaxMs,
    },
    log: log.child({ component: 'texter' }),
    onOutcome: (outcome) => texted.inc({ outcome }),
  });
  const handOuts = new HandOuts(db);
  const courier = createCourierAdapter(
    courierAdapterOptions({
      url: config.courierUrl,
      appKey: config.courierAppKey,
      appSecret: config.courierAppSecret,
      timeoutMs: config.courierTimeoutMs,
      retries: config.courierRetries,
      pushMaxAgeMs: config.courierPushMaxAgeMs,
    } as Parameters<typeof courierAdapterOptions>[0]),
  );
  const handOutDesk = new HandOutDesk({
    apps,
    handOuts,
    jobs,
    uow,
    catalogue,
    courier,
    settings: {
      sender: config.centreSender,
      trackIntervalMs: config.trackIntervalMs,
      backoffBaseMs: config.dispatchBackoffMs,
      backoffMaxMs: config.dispatchBackoffMaxMs,
    },
    log: log.child({ component: 'hand-out' }),
  });
  apps.onCompleted = (tx, id, now) => handOutDesk.completed(tx, id, now);
  const pushes = new PushVerifier({
    appKey: config.courierAppKey,
    appSecret: config.courierAppSecret,
    maxAgeMs: config.courierPushMaxAgeMs,
    known: async (waybill, orderNumber) => (await handOuts.byWaybill(waybill))?.applicationId === orderNumber,
  });
  const payments = new Payments(db);
  const desk = new PaymentDesk({
    apps,
    payments,
    jobs,
    uow,
    catalogue,
    client,
    settings: {
      payees: config.paymentPayees,
      expiresInMinutes: config.paymentExpiresMinutes,
      pollIntervalMs: config.pollIntervalMs,
      backoffBaseMs: config.dispatchBackoffMs,
      backoffMaxMs: config.dispatchBackoffMaxMs,
    },
    log: log.child({ component: 'payments' }),
  });
  const reconciliation = new Reconciliation({
    db,
    payments,
    jobs,
    client,
    clock,
    log: log.child({ component: 'reconciliation' }),
  });
  const blobs = new BlobStore(config.materialsDir);
  const documents = new Documents(db);
  const documentDesk = new DocumentDesk({
    documents,
    blobs,
    api: new DepartmentApi(client),
    jobs,
    uow,
    catalogue,
    settings: {
      maxAttempts: config.dispatchMaxAttempts,
      backoffBaseMs: config.dispatchBackoffMs,
      backoffMaxMs: config.dispatchBackoffMaxMs,
    },
    log: log.child({ component: 'documents' }),
  });
  const dispatcher = new Dispatcher({
    apps,
    jobs,
    uow,
    hall: catalogue,
    api: new DepartmentApi(client),
    calendar,
    settings: {
      intervalMs: config.dispatchIntervalMs,
      concurrency: config.dispatchConcurrency,
      leaseMs: config.dispatchLeaseMs,
      maxAttempts: config.dispatchMaxAttempts,
      backoffBaseMs: config.dispatchBackoffMs,
      backoffMaxMs: config.dispatchBackoffMaxMs,
      uncertainWaitMs: config.dispatchUncertainWaitMs,
      pollIntervalMs: config.pollIntervalMs,
      pollMaxIntervalMs: config.pollMaxIntervalMs,
    },
    log: log.child({ component: 'dispatcher' }),
    onOutcome: (kind, outcome) => {
      hall.dispatched(kind, outcome);
      // A recorded answer may have notified the applicant: send its text now rather than at the next tick.
      if (outcome === 'recorded') texter.wake();
    },
    payments: { store: payments, desk },
    handOut: handOutDesk,
    documents: documentDesk,
  });
  const wake = () => dispatcher.wake();
  const limits = formLimits({
    checksPerMinute: config.formChecksPerMinute,
    prefillsPerMinute: config.prefillsPerMinute,
    lifted: config.limitsLifted,
    redisUrl: config.redisUrl,
    // Derived from the secret every hall process holds alike: the same keys in a shared Redis.
    secret: createHash('sha256')
      .update('onething hall rate-limit keys\n')
      .update(config.clientSecret)
      .digest(),
    log,
  });
  const retention = new UploadRetention({
    db,
    blobs,
    inUse: (sha256) => documents.shaInUse(sha256),
    retentionHours: config.uploadRetentionHours,
    log: log.child({ component: 'retention' }),
  });
  let sweeps: { stop(): Promise<void> } | undefined;
  const sales = new SaleConfirmations(db);
  const consents = new Consents(db);
  const forms = new FormChecks({ catalogue, client, audit, prefills, sales, clock });
  const drafts = new Drafts(db, config.draftTtlDays);
  const visits = new WindowVisits(db);
  const staff = new StaffSeen(db);
  // Delegations (代办): granted online or recorded in a window visit, and the lookup agents act under.
  const delegationService = new DelegationService({
    delegations: new Delegations(db),
    uploadsOf: async (idNumber, ids) => new Set((await uploads.forApplicant(idNumber, ids)).map((u) => u.id)),
    bundleCodes: () => new Set(catalogue.bundles.map((b) => b.code)),
    visits,
    clock,
  });
  const acting: ActingDeps = { visits, delegations: delegationService, staff, clock };
  const service = new ApplicationService({
    apps,
    jobs,
    uow,
    hall: catalogue,
    forms,
    uploads: async (idNumber, ids) => new Set((await uploads.forApplicant(idNumber, ids)).map((u) => u.id)),
    calendar,
    clock,
    wake,
    drafts,
  });
  // E-supervision: staff notices of parts going yellow and red, urges (催办), and the calendar's run-time years.
  const staffNotices = new StaffNotices(db);
  const urges = new Urges({ db, uow, apps, clock });
  const calendarYears = new CalendarYears({ db, uow, apps, calendar, clock });
  await calendarYears.refresh();
  // 好差评, 一事一评: ratings per part and of the window, and the follow-up of every bad one.
  const ratingService = new RatingService({
    apps,
    ratings: new Ratings(db),
    uow,
    calendar,
    catalogue,
    clock,
    days: { callBack: config.followUpCallBackDays, rectify: config.followUpRectifyDays },
  });
  const rollup = new PerformanceRollup(db, { settleMs: config.performanceSettleMs });
  const rollupLog = log.child({ component: 'performance' });
  const watch = new SupervisionWatch({
    db,
    uow,
    apps,
    service,
    calendarYears,
    clock,
    intervalMs: config.supervisionIntervalMs,
    log: log.child({ component: 'supervision' }),
    alsoWatch: [
      () => ratingService.flagOverdue(),
      // The performance figures' sums of past days (performance/rollup.ts): a failure is told and tried again
      // at the next sweep, and does not hold the notices up.
      async () => {
        await rollup
          .tick(clock.now())
          .catch((err: unknown) => rollupLog.error({ err }, 'summing the performance figures failed'));
        return 0;
      },
    ],
  });
  const papers = new Papers({
    apps,
    catalogue,
    calendar,
    tokens: new StatusTokens(db),
    publicBaseUrl: config.publicBaseUrl,
    centre: { zh: config.centreNameZh, en: config.centreNameEn },
  });
  const subgraph = createSubgraphServer({
    department: 'hall',
    sdl: hallSubgraphSdl(),
    resolvers: hallResolvers({
      catalogue,
      client,
      consents,
      audit,
      prefills,
      limits,
      sales,
      forms,
      service,
      apps,
      uploads,
      saleConfirmationDays: config.saleConfirmationDays,
      papers,
      acting,
      drafts,
      visits,
      staff,
      clock,
      delegationService,
      payments,
      desk,
      reconciliation,
      notices,
      handOuts,
      handOutDesk,
      calendar,
      staffNotices,
      urges,
      ratingService,
      calendarYears,
      documents,
      performance: new Performance(db),
      wake: () => dispatcher.wake(),
    }),
    identityKeys: config.identityKeys,
    loaders: () => {
      const batches = new RequestBatches();
      return { applications: applicationReads(apps, batches), batches };
    },
    log,
    host: config.host,
    port: config.port,
    metrics,
    routes: (app) => {
      // Every window officer calling the hall is recorded (name, centre): whom applications may be handed to.
      app.addHook('preHandler', async (req) => {
        if (req.identity?.role === 'window-staff')
          await staff
            .seen(req.identity)
            .catch((err: unknown) => req.log.warn({ err }, 'recording a window officer failed'));
      });
      app.register(materialRoutes, {
        db,
        dir: config.materialsDir,
        maxBytes: config.maxMaterialBytes,
        log,
        // The rule caseInput sends materials by: an upload goes with the case of every item asking for it.
        sentWith: (itemCode, materialId) =>
          catalogue.items.get(itemCode)?.materials.some((m) => m.id === materialId) ?? false,
        quota: config.limitsLifted
          ? undefined
          : { files: config.materialQuotaFiles, bytes: config.materialQuotaBytes },
        retentionHours: config.uploadRetentionHours,
        acting: { visits, delegations: acting.delegations, now: () => clock.now() },
        alsoReadableBy: (identity, upload) => delegationService.mayOpenPowerOfAttorney(identity, upload),
      });
      // Pages following live (an application, a staff member's queue): one set of streams, one cap.
      const live = new LiveStreams({
        intervalMs: config.liveIntervalMs,
        heartbeatMs: 15_000,
        maxStreams: config.liveMaxStreams,
        log,
      });
      live.closeWith(app);
      applicationEventsRoute({ db, service, live })(app);
      queueEventsRoute({ service, live })(app);
      app.register(paperRoutes, {
        papers,
        service,
        forms,
        limits,
        clock,
        log,
        documents,
        blobs,
        applicantFor: async (identity, onBehalfOf, bundleCode) =>
          (await resolveActing(identity, onBehalfOf, bundleCode, clock.now(), acting)).applicant,
      });
      callbackRoute({
        apps,
        jobs,
        nonces: new CallbackNonces(db),
        wake,
        log,
        settings: {
          secrets: config.callbackSecrets,
          maxAgeMs: config.callbackMaxAgeMs,
          coalesceMs: config.callbackCoalesceMs,
        },
      })(app);
      smsReportRoute({
        verifier: new DeliveryReportVerifier(
          { accessKeyId: config.smsAccessKeyId, accessKeySecret: config.smsAccessKeySecret },
          config.callbackMaxAgeMs,
        ),
        notices,
        log,
      })(app);
      courierCallbackRoute({
        verifier: pushes,
        desk: handOutDesk,
        coalesceMs: config.callbackCoalesceMs,
        log,
      })(app);
      paymentCallbackRoute({
        payments,
        jobs,
        nonces: new CallbackNonces(db),
        wake,
        log,
        settings: {
          secrets: new Map([['payment', config.paymentCallbackSecret]]),
          maxAgeMs: config.callbackMaxAgeMs,
          coalesceMs: config.callbackCoalesceMs,
        },
      })(app);
    },
    // Not /papers/status: the public status page is for anyone holding its address.
    identityPaths: [
      '/graphql',
      '/materials',
      '/papers/receipts',
      '/papers/documents',
      '/papers/one-time-notice',
      '/events',
    ],
    unavailable: storeUnavailable,
  });
  let closed = false;
  let reconciling: { stop(): void } | undefined;
  return {
    app: subgraph.app,
    get url() {
      return subgraph.url;
    },
    catalogue,
    dispatcher,
    jobs,
    watch,
    rollup,
    /** Listens, then starts dispatching (work left by a previous process included). */
    async listen() {
      const url = await subgraph.listen();
      dispatcher.start();
      texter.start();
      // Where the courier pushes tracking: subscribed at every start (the courier keeps the last URL).
      courier
        .subscribe(config.courierPushUrl)
        .catch((err: unknown) =>
          log.warn(
            { err: (err as Error).message },
            'the courier’s tracking pushes could not be subscribed; waybills are read back instead',
          ),
        );
      reconciling = reconciliation.start(config.reconcileIntervalMs);
      if (config.supervisionIntervalMs > 0) watch.start();
      if (config.uploadSweepIntervalMs > 0)
        sweeps = startRetentionSweeps(retention, config.uploadSweepIntervalMs, log);
      log.info({ worker: jobs.worker, callbacks: CALLBACK_PATH }, 'dispatcher started');
      return url;
    },
    /**
     * Stops taking requests and claiming work at once; closes the store once the requests and the
     * department calls in flight are done. Work accepted meanwhile waits in the outbox for the next start.
     */
    async close() {
      if (closed) return;
      closed = true;
      reconciling?.stop();
      // Together: a dispatcher still claiming while the requests drain would start new calls for as long
      // as work keeps coming, past the grace period of the shutdown.
      await Promise.all([subgraph.close(), dispatcher.stop(), texter.stop(), sweeps?.stop(), watch.stop()]);
      sms.close();
      courier.close();
      await limits.close();
      await db.destroy();
    },
  };
}

/** The hall subgraph with its dispatcher. */
export interface HallSubgraph extends Subgraph {
  readonly catalogue: BundleCatalogue;
  readonly dispatcher: Dispatcher;
  readonly jobs: JobQueue;
  /** E-supervision's sweep (tests run one at once rather than wait for the interval). */
  readonly watch: SupervisionWatch;
  /** The performance figures' sums of past days, which the sweep keeps. */
  readonly rollup: PerformanceRollup;
}

/** What a test may set of the hall beyond its settings. */
export interface HallOptions {
  /** The hall's one clock (default: the machine's, read as Beijing time). */
  readonly clock?: Clock;
}

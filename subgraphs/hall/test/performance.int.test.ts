import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Applications } from '../src/applications/store';
import {
  Performance,
  type PerformanceCut,
  type PerformanceFilter,
  type PerformanceRow,
} from '../src/performance/figures';
import { PerformanceRollup, rollupState } from '../src/performance/rollup';
import type { Database } from '../src/platform/database';
import { describeOnEngines, type TestDatabase, testDatabase } from './databases';

/**
 * The performance figures against an oracle: a known, seeded set of applications, parts, payments,
 * ratings and follow-ups written to the store, every figure counted again here in plain TypeScript from
 * the same records, and the database's answer compared for every cut — on PGlite and PostgreSQL alike.
 */

const PERIOD = { from: '2026-03-01', to: '2026-03-31' };
const at = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const DEPARTMENTS = ['tax', 'market', 'realestate', 'fund'];
const CENTRES = ['湖州市民之家', '南浔区行政服务中心', null];
const BUNDLES = ['HOUSE-TRANSFER', 'START-BUSINESS'];

/** A small deterministic generator (mulberry32), so the set is the same every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Rec {
  app: string;
  part: string;
  submitted: Date;
  completedApp: Date | null;
  centre: string | null;
  officer: string | null;
  bundle: string;
  department: string;
  item: string;
  status: string;
  promised: number;
  legal: number;
  accepted: Date | null;
  deadline: string | null;
  finished: Date | null;
  workingDays: number | null;
  onTime: boolean | null;
  corrections: number;
  deadLettered: Date | null;
  stoppedNow: boolean;
}
interface Pay {
  app: string;
  paid: Date | null;
  lines: { department: string; itemCode: string; amount: number }[];
}
interface Rate {
  app: string;
  part: string | null;
  department: string | null;
  item: string | null;
  officer: string | null;
  centre: string | null;
  level: number;
  rated: Date;
  followUp: { opened: Date; status: string; rectified: boolean } | null;
}

describeOnEngines('performance figures', (engine) => {
  let t: TestDatabase;
  let db: Database;
  const recs: Rec[] = [];
  const pays: Pay[] = [];
  const rates: Rate[] = [];

  beforeAll(async () => {
    t = await testDatabase(engine);
    db = await t.open();
    const apps = new Applications(db);
    const r = rng(20);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const day = (from: string, span: number) => {
      const d = new Date(`${from}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + Math.floor(r() * span));
      return d.toISOString().slice(0, 10);
    };
    for (let i = 0; i < 60; i++) {
      const centre = pick(CENTRES);
      const officer = centre ? pick([`officer-a-${centre}`, `officer-b-${centre}`]) : null;
      const bundle = pick(BUNDLES);
      const departments = DEPARTMENTS.filter(() => r() < 0.6);
      if (departments.length === 0) departments.push('tax');
      // Submitted from mid-February to mid-April: some before the period, some after.
      const submitted = at(day('2026-02-15', 60), 9);
      const { application: created } = await apps.create(
        {
          applicant: { idNumber: '11010519491231002X', name: '张三', subject: 's', enterprises: [] },
          enterpriseUscc: null,
          bundleCode: bundle,
          options: [],
          values: [],
          materials: [],
          parts: departments.map((d) => ({
            itemCode: `${d.toUpperCase()}-${pick(['A', 'B'])}`,
            department: d,
            after: [],
            promisedDays: pick([0, 3, 5, 10]),
            legalDays: 20,
          })),
          responsibleOfficer: officer
            ? { subject: officer, name: `窗口${officer.slice(8, 9)}`, centre }
            : null,
        },
        submitted,
      );
      const parts = await apps.parts(created.id);
      let allApproved = true;
      let lastFinish: Date | null = null;
      for (const p of parts) {
        const accepted = new Date(submitted.getTime() + 3_600_000);
        const deadline = day(submitted.toISOString().slice(0, 10), 14);
        const fate = r();
        const status =
          fate < 0.55
            ? 'APPROVED'
            : fate < 0.65
              ? 'REJECTED'
              : fate < 0.8
                ? 'IN_REVIEW'
                : 'CORRECTION_REQUESTED';
        const final = status === 'APPROVED' || status === 'REJECTED';
        const finished = final ? at(day(submitted.toISOString().slice(0, 10), 20), 15) : null;
        const finishedDay = finished?.toISOString().slice(0, 10) ?? null;
        const onTime = finished ? finishedDay! <= deadline : null;
        const workingDays = finished ? Math.floor(r() * 12) : null;
        const corrections = status === 'CORRECTION_REQUESTED' ? 0 : r() < 0.2 ? 1 : 0;
        const deadLettered = r() < 0.05 ? at(day('2026-02-20', 50), 11) : null;
        const stoppedNow = status === 'CORRECTION_REQUESTED' && r() < 0.5;
        if (status !== 'APPROVED') allApproved = false;
        if (finished && (!lastFinish || finished > lastFinish)) lastFinish = finished;
        const stops = stoppedNow
          ? [
              {
                reason: 'CORRECTION',
                from: deadline,
                until: null,
                declaredDays: null,
                by: { kind: 'department', department: p.department },
                note: null,
                at: accepted.toISOString(),
              },
            ]
          : [];
        await db
          .updateTable('parts')
          .set({
            status,
            accepted_at: accepted,
            deadline,
            finished_at: finished,
            working_days: workingDays,
            on_time: onTime,
            corrections,
            dead_lettered_at: deadLettered,
            clock_stops: JSON.stringify(stops),
          })
          .where('id', '=', p.id)
          .execute();
        recs.push({
          app: created.id,
          part: p.id,
          submitted,
          completedApp: null,
          centre,
          officer,
          bundle,
          department: p.department,
          item: p.itemCode,
          status,
          promised: p.promisedDays,
          legal: 20,
          accepted,
          deadline,
          finished,
          workingDays,
          onTime,
          corrections,
          deadLettered,
          stoppedNow,
        });
        if (final && r() < 0.5) {
          const level = 1 + Math.floor(r() * 5);
          const rated = new Date(finished!.getTime() + 86_400_000);
          const followUp =
            level <= 2
              ? {
                  opened: rated,
                  status: pick(['OPEN', 'CALLED_BACK', 'CLOSED', 'CLOSED']),
                  rectified: r() < 0.8,
                }
              : null;
          rates.push({
            app: created.id,
            part: p.id,
            department: p.department,
            item: p.itemCode,
            officer: null,
            centre,
            level,
            rated,
            followUp,
          });
        }
      }
      const completedApp = allApproved ? lastFinish : null;
      await db
        .updateTable('applications')
        .set({
          submitted_at: submitted,
          completed_at: completedApp,
          status: allApproved ? 'COMPLETED' : 'IN_PROGRESS',
        })
        .where('id', '=', created.id)
        .execute();
      for (const x of recs.filter((x) => x.app === created.id)) x.completedApp = completedApp;
      if (r() < 0.5) {
        const paid = r() < 0.8 ? at(day('2026-02-20', 50), 14) : null;
        const lines = parts.map((p) => ({
          department: p.department,
          itemCode: p.itemCode,
          amount: 100 * (1 + Math.floor(r() * 50)),
        }));
        pays.push({ app: created.id, paid, lines });
        await db
          .insertInto('payments')
          .values({
            application_id: created.id,
            anchor_part_id: parts[0]!.id,
            waits_for: '[]',
            holds: '[]',
            proof: 'fee-payment-voucher',
            status: paid ? 'PAID' : 'DUE',
            attempt: 1,
            lines: JSON.stringify(
              lines.map((l, k) => ({
                ...l,
                lineKey: `L${k}`,
                payee: 'x',
                item: 'x',
                basis: 'x',
                subOrderNumber: null,
              })),
            ),
            total_fen: lines.reduce((s, l) => s + l.amount, 0),
            orders: '[]',
            refunds: '[]',
            paid_at: paid,
            problem: null,
            order_numbers: '[]',
            created_at: submitted,
            updated_at: submitted,
          })
          .execute();
      }
      if (r() < 0.4) {
        const level = 1 + Math.floor(r() * 5);
        const rated = at(day('2026-02-25', 45), 16);
        rates.push({
          app: created.id,
          part: null,
          department: null,
          item: null,
          officer,
          centre,
          level,
          rated,
          followUp: level <= 2 ? { opened: rated, status: 'CLOSED', rectified: true } : null,
        });
      }
    }
    for (const x of rates) {
      const id = randomUUID();
      await sql`insert into ratings (id, application_id, part_id, target, department, item_code, officer_subject, centre, level, reasons, comment, channel, rated_at)
        values (${id}, ${x.app}, ${x.part}, ${x.part ? 'PART' : 'WINDOW'}, ${x.department}, ${x.item}, ${x.officer}, ${x.centre}, ${x.level}, '[]', null, 'ONLINE', ${x.rated})`.execute(
        db,
      );
      if (x.followUp)
        await sql`insert into rating_follow_ups (id, rating_id, department, centre, status, opened_at, call_back_due, rectify_due, rectified_at, closed_at)
          values (${randomUUID()}, ${id}, ${x.department ?? 'window'}, ${x.centre}, ${x.followUp.status}, ${x.followUp.opened}, ${x.followUp.opened}, ${x.followUp.opened},
            ${x.followUp.rectified ? x.followUp.opened : null}, ${x.followUp.status === 'CLOSED' ? x.followUp.opened : null})`.execute(
          db,
        );
    }
  });
  afterAll(async () => {
    await db?.destroy();
    await t?.drop();
  });

  const from = at(PERIOD.from, 0);
  const to = new Date(at(PERIOD.to, 0).getTime() + 86_400_000);
  const inPeriod = (d: Date | null) => d !== null && d >= from && d < to;

  /** The oracle: every figure counted from the records, for one key of a cut. */
  function expected(
    keyOfRec: (x: Rec) => string,
    keyOfPay: (p: Pay) => { key: string; fen: number }[],
    keyOfRate: (x: Rate) => string,
  ) {
    const out = new Map<string, Partial<Mutable<PerformanceRow>>>();
    const row = (k: string) => {
      if (!out.has(k)) out.set(k, {});
      return out.get(k)!;
    };
    const groups = new Map<string, Rec[]>();
    for (const x of recs) {
      const k = keyOfRec(x);
      groups.set(k, [...(groups.get(k) ?? []), x]);
    }
    for (const [k, xs] of groups) {
      const takenIn = xs.filter((x) => inPeriod(x.submitted));
      const completed = xs.filter((x) => inPeriod(x.finished));
      const onTime = completed.filter((x) => x.onTime);
      const overdue = xs.filter(
        (x) =>
          (inPeriod(x.finished) && !x.onTime) ||
          (x.finished === null &&
            x.status !== 'CANCELLED' &&
            x.accepted! < to &&
            x.deadline! < PERIOD.to &&
            !x.stoppedNow),
      );
      const instant = completed.filter(
        (x) => x.status === 'APPROVED' && (x.promised === 0 || x.workingDays === 0),
      );
      const corrections = takenIn.filter((x) => x.corrections > 0 || x.status === 'CORRECTION_REQUESTED');
      const any =
        takenIn.length +
        completed.length +
        overdue.length +
        xs.filter((x) => inPeriod(x.deadLettered)).length +
        xs.filter((x) => inPeriod(x.completedApp)).length;
      if (any === 0) continue;
      const days = completed.map((x) => x.workingDays!).sort((a, b) => a - b);
      const p90 =
        days.length === 0
          ? null
          : (() => {
              const pos = 0.9 * (days.length - 1);
              const lo = Math.floor(pos);
              return days[lo]! + (days[Math.min(lo + 1, days.length - 1)]! - days[lo]!) * (pos - lo);
            })();
      const timed = completed.filter((x) => x.promised > 0);
      Object.assign(row(k), {
        applicationsTakenIn: new Set(takenIn.map((x) => x.app)).size,
        applicationsCompleted: new Set(xs.filter((x) => inPeriod(x.completedApp)).map((x) => x.app)).size,
        partsTakenIn: takenIn.length,
        partsCompleted: completed.length,
        onTime: onTime.length,
        overdue: overdue.length,
        onTimeRate: completed.length ? onTime.length / completed.length : null,
        averageWorkingDays: days.length ? days.reduce((a, b) => a + b, 0) / days.length : null,
        p90WorkingDays: p90,
        promisedSpeedUp: completed.length
          ? 1 - completed.reduce((s, x) => s + x.promised, 0) / completed.reduce((s, x) => s + x.legal, 0)
          : null,
        actualSpeedUp: timed.length
          ? 1 - timed.reduce((s, x) => s + x.workingDays!, 0) / timed.reduce((s, x) => s + x.promised, 0)
          : null,
        instant: instant.length,
        corrections: corrections.length,
        refusals: completed.filter((x) => x.status === 'REJECTED').length,
        deadLetters: xs.filter((x) => inPeriod(x.deadLettered)).length,
      });
    }
    for (const p of pays.filter((p) => inPeriod(p.paid)))
      for (const { key, fen } of keyOfPay(p))
        row(key).paymentsCollectedFen = (row(key).paymentsCollectedFen ?? 0) + fen;
    for (const x of rates.filter((x) => inPeriod(x.rated))) {
      const o = row(keyOfRate(x));
      o.ratings = (o.ratings ?? 0) + 1;
      o.badRatings = (o.badRatings ?? 0) + (x.level <= 2 ? 1 : 0);
      (o as { levelSum?: number }).levelSum = ((o as { levelSum?: number }).levelSum ?? 0) + x.level;
    }
    for (const x of rates.filter((x) => x.followUp && inPeriod(x.followUp.opened))) {
      const o = row(keyOfRate(x));
      o.followUpsOpened = (o.followUpsOpened ?? 0) + 1;
      o.followUpsClosed =
        (o.followUpsClosed ?? 0) + (x.followUp!.status === 'CLOSED' && x.followUp!.rectified ? 1 : 0);
    }
    return out;
  }

  const cuts: {
    cut: PerformanceCut;
    rec: (x: Rec) => string;
    pay: (p: Pay) => { key: string; fen: number }[];
    rate: (x: Rate) => string;
  }[] = [
    {
      cut: 'TOTAL',
      rec: () => 'ALL',
      pay: (p) => [{ key: 'ALL', fen: p.lines.reduce((s, l) => s + l.amount, 0) }],
      rate: () => 'ALL',
    },
    {
      cut: 'DEPARTMENT',
      rec: (x) => x.department,
      pay: (p) => p.lines.map((l) => ({ key: l.department, fen: l.amount })),
      rate: (x) => x.department ?? 'window',
    },
    {
      cut: 'ITEM',
      rec: (x) => x.item,
      pay: (p) => p.lines.map((l) => ({ key: l.itemCode, fen: l.amount })),
      rate: (x) => x.item ?? 'window',
    },
    {
      cut: 'CENTRE',
      rec: (x) => x.centre ?? '',
      pay: (p) => [
        {
          key: recs.find((x) => x.app === p.app)!.centre ?? '',
          fen: p.lines.reduce((s, l) => s + l.amount, 0),
        },
      ],
      rate: (x) => x.centre ?? '',
    },
    {
      cut: 'BUNDLE',
      rec: (x) => x.bundle,
      pay: (p) => [
        { key: recs.find((x) => x.app === p.app)!.bundle, fen: p.lines.reduce((s, l) => s + l.amount, 0) },
      ],
      rate: (x) => recs.find((r) => r.app === x.app)!.bundle,
    },
    {
      cut: 'OFFICER',
      rec: (x) => x.officer ?? '',
      pay: (p) => [
        {
          key: recs.find((x) => x.app === p.app)!.officer ?? '',
          fen: p.lines.reduce((s, l) => s + l.amount, 0),
        },
      ],
      rate: (x) => x.officer ?? '',
    },
  ];

  async function countsAsTheOracle({ cut, rec, pay, rate }: (typeof cuts)[number]) {
    const got = await new Performance(db).figures({ period: PERIOD }, cut);
    const want = expected(rec, pay, rate);
    expect(got.map((g) => g.key).sort()).toEqual([...want.keys()].sort());
    for (const g of got) {
      const w = want.get(g.key)!;
      const close = (a: number | null | undefined, b: number | null | undefined, what: string) => {
        if (b === undefined || b === null) expect(a ?? null, `${g.key} ${what}`).toBeNull();
        else expect(a, `${g.key} ${what}`).toBeCloseTo(b, 6);
      };
      for (const k of [
        'applicationsTakenIn',
        'applicationsCompleted',
        'partsTakenIn',
        'partsCompleted',
        'onTime',
        'overdue',
        'instant',
        'corrections',
        'refusals',
        'deadLetters',
      ] as const)
        expect(g[k], `${g.key} ${k}`).toBe(w[k] ?? 0);
      for (const k of [
        'onTimeRate',
        'averageWorkingDays',
        'p90WorkingDays',
        'promisedSpeedUp',
        'actualSpeedUp',
      ] as const)
        close(g[k], w[k], k);
      expect(g.paymentsCollectedFen, `${g.key} payments`).toBe(w.paymentsCollectedFen ?? 0);
      expect(g.ratings, `${g.key} ratings`).toBe(w.ratings ?? 0);
      expect(g.badRatings, `${g.key} bad ratings`).toBe(w.badRatings ?? 0);
      close(
        g.averageRating,
        w.ratings ? (w as { levelSum: number }).levelSum / w.ratings : null,
        'averageRating',
      );
      expect(g.followUpsOpened, `${g.key} follow-ups`).toBe(w.followUpsOpened ?? 0);
      expect(g.followUpsClosed, `${g.key} follow-ups closed`).toBe(w.followUpsClosed ?? 0);
    }
    // Something of each kind happened: the oracle is not comparing empty sets.
    if (cut === 'TOTAL') {
      const all = got[0]!;
      for (const k of [
        'partsCompleted',
        'onTime',
        'overdue',
        'refusals',
        'corrections',
        'ratings',
        'badRatings',
        'followUpsOpened',
      ] as const)
        expect(all[k], k).toBeGreaterThan(0);
      expect(all.paymentsCollectedFen).toBeGreaterThan(0);
    }
  }

  async function restrictsAndLists() {
    const performance = new Performance(db);
    const filter: PerformanceFilter = { period: PERIOD, departments: ['tax'] };
    const [tax] = await performance.figures(filter, 'TOTAL');
    const taxRecs = recs.filter((x) => x.department === 'tax' && inPeriod(x.finished));
    expect(tax!.partsCompleted).toBe(taxRecs.length);
    const overdue = await performance.parts({ period: PERIOD }, 'OVERDUE', 500);
    const [total] = await performance.figures({ period: PERIOD }, 'TOTAL');
    expect(overdue.length).toBe(total!.overdue);
    const centre = '湖州市民之家';
    const [within] = await performance.figures({ period: PERIOD, within: centre }, 'TOTAL');
    expect(within!.partsTakenIn).toBe(
      recs.filter((x) => inPeriod(x.submitted) && (x.centre === centre || x.centre === null)).length,
    );
    const trend = await performance.trend({ period: { from: '2026-02-01', to: '2026-04-30' } }, 'MONTH');
    // Parts of the seeded set are decided in each of the three months.
    expect(trend.map((p) => p.start)).toEqual(['2026-02-01', '2026-03-01', '2026-04-01']);
    expect(trend.find((p) => p.start === '2026-03-01')!.completed).toBe(total!.partsCompleted);
    // A department's staff of two departments: an application with parts of both counts once.
    const [two] = await performance.figures({ period: PERIOD, departments: ['tax', 'fund'] }, 'TOTAL');
    expect(two!.applicationsTakenIn).toBe(
      new Set(
        recs
          .filter((x) => (x.department === 'tax' || x.department === 'fund') && inPeriod(x.submitted))
          .map((x) => x.app),
      ).size,
    );
  }

  /**
   * The same figures however the period is read: from the tables alone, half from the sums of past days
   * (rollup.ts), all from them, after changes to days already summed (read from the tables until summed
   * again), and summed again.
   */
  const rollup = () => new PerformanceRollup(db, { settleMs: 0, monthsPerTick: 24 });
  const dirtyDays = async () =>
    (
      await sql<{
        day: string;
      }>`select to_char(day, 'YYYY-MM-DD') as day from performance_dirty_days order by day`.execute(db)
    ).rows.map((r) => r.day);
  const phases: { name: string; before: () => Promise<void> }[] = [
    { name: 'from the tables alone', before: async () => {} },
    {
      name: 'with the days before 16 March summed',
      before: async () => {
        expect(await rollup().tick(at('2026-03-16', 12))).toBeGreaterThan(15);
        expect((await rollupState(db, PERIOD)).readyThrough).toBe('2026-03-15');
      },
    },
    {
      name: 'with every day summed',
      before: async () => {
        await rollup().tick(new Date());
        expect((await rollupState(db, PERIOD)).readyThrough).not.toBeNull();
        expect(await dirtyDays()).toEqual([]);
      },
    },
    {
      name: 'after days already summed changed',
      before: async () => {
        // A correction asked of a part taken in on a summed day, and an application handed to another officer.
        const corrected = recs.find(
          (x) => inPeriod(x.submitted) && x.corrections === 0 && x.status === 'IN_REVIEW',
        )!;
        await db.updateTable('parts').set({ corrections: 1 }).where('id', '=', corrected.part).execute();
        corrected.corrections = 1;
        const handed = recs.find((x) => x.officer !== null && inPeriod(x.finished))!;
        const other = handed.officer!.replace(
          /officer-(a|b)/,
          (_, ab) => `officer-${ab === 'a' ? 'b' : 'a'}`,
        );
        await db
          .updateTable('applications')
          .set({ responsible_subject: other })
          .where('id', '=', handed.app)
          .execute();
        for (const x of recs.filter((x) => x.app === handed.app)) x.officer = other;
        // A follow-up opened in March closed, rectified: its day's 回访整改率 changes.
        const open = rates.find(
          (x) => x.followUp && x.followUp.status !== 'CLOSED' && inPeriod(x.followUp.opened),
        )!;
        const [row] = (
          await sql<{ id: string }>`select f.id from rating_follow_ups f join ratings r on r.id = f.rating_id
            where r.application_id = ${open.app} and r.part_id is not distinct from ${open.part}`.execute(db)
        ).rows;
        await sql`update rating_follow_ups set status = 'CLOSED', rectified_at = ${open.followUp!.opened},
          closed_at = ${open.followUp!.opened} where id = ${row!.id}`.execute(db);
        open.followUp = { ...open.followUp!, status: 'CLOSED', rectified: true };
        expect((await dirtyDays()).length).toBeGreaterThan(0);
      },
    },
    {
      name: 'summed again',
      before: async () => {
        await rollup().tick(new Date());
        expect(await dirtyDays()).toEqual([]);
      },
    },
    {
      name: 'after a part taken in on a summed day is decided today',
      before: async () => {
        // Its day of taking in counts nothing a decision changes: no day is marked, and none needs to be.
        const decided = recs.find(
          (x) => inPeriod(x.submitted) && x.status === 'IN_REVIEW' && x.corrections === 0,
        )!;
        const now = new Date();
        await db
          .updateTable('parts')
          .set({ status: 'APPROVED', finished_at: now, working_days: 3, on_time: true })
          .where('id', '=', decided.part)
          .execute();
        Object.assign(decided, { status: 'APPROVED', finished: now, workingDays: 3, onTime: true });
        expect(await dirtyDays()).toEqual([]);
      },
    },
  ];
  for (const phase of phases)
    describe(phase.name, () => {
      beforeAll(phase.before);
      for (const c of cuts)
        it(`counts every figure as the oracle does, cut by ${c.cut}`, () => countsAsTheOracle(c));
      it('restricts to a department and to a supervisor’s centre, and lists the parts behind a figure', () =>
        restrictsAndLists());
    });
});

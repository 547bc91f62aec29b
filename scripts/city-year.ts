import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Part, PartClockStop } from '../subgraphs/hall/src/applications/model';
import { partClock } from '../subgraphs/hall/src/applications/part-clock';
import { beijingDate, WorkingDayCalendar } from '../subgraphs/hall/src/calendar/working-days';
import { readBundleFiles } from '../subgraphs/hall/src/catalogue/definition';
import { finishOf } from '../subgraphs/hall/src/performance/finish';
import { migrate } from '../subgraphs/hall/src/platform/migrations';

/**
 * A year of a city centre's service hall in PostgreSQL (issue 20, "At a city's scale"): applications of the
 * five bundles, their parts with the departments' decisions, the house transfers' payments, the ratings
 * and the follow-ups of the bad ones — everything the performance figures read, and nothing else.
 *
 * Every value comes from a PRNG seeded by (seed, application number), so one seed gives the same rows
 * whatever the batching; the working days are the hall's own calendar (its shipped State Council
 * schedules), the deadlines and finishes the hall's own functions (partClock, finishOf). Rows are streamed
 * with COPY into tables stripped of their indexes and constraints, which are put back after, then
 * VACUUM ANALYZE.
 *
 *   npx tsx scripts/city-year.ts [--url postgres://…] [--applications 1000000] [--seed 1] [--year 2026]
 *
 * Without --url it creates (afresh) the database onething_city_<seed>_<applications> on the server of
 * TEST_POSTGRES_URL (default: the machine's local server) and prints its URL.
 */

const ROOT = new URL('..', import.meta.url);
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface CityYearOptions {
  /** The database to fill (migrated first); it must hold no applications. */
  readonly url: string;
  readonly applications: number;
  readonly seed: number;
  readonly year: number;
  readonly say?: (line: string) => void;
}

export interface CityYearCounts {
  applications: number;
  parts: number;
  payments: number;
  ratings: number;
  follow_ups: number;
}

export interface CityYearResult {
  readonly counts: CityYearCounts;
  /** Seconds generating and copying the rows, building the indexes, and vacuuming and analysing. */
  readonly seconds: { load: number; indexes: number; analyse: number; total: number };
}

/** The tables the generator fills (the figures read these and the officers' names in staff_seen). */
export const CITY_TABLES = ['applications', 'parts', 'payments', 'ratings', 'rating_follow_ups'] as const;

// ——— randomness ———

/** mulberry32: a small, fast PRNG of 32-bit state. */
function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3's finaliser over (seed, n, stream): the seed of one application's own PRNG. */
function mix(seed: number, n: number, stream = 0): number {
  let h =
    Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n + 1, 0xc2b2ae35) ^ Math.imul(stream, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
/** One of the keys of `weights`, in proportion to its weight. */
function weighted<K extends string | number>(r: Rand, weights: readonly (readonly [K, number])[]): K {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let u = r() * total;
  for (const [k, w] of weights) {
    u -= w;
    if (u < 0) return k;
  }
  return weights.at(-1)![0];
}
const hex8 = (r: Rand) =>
  Math.floor(r() * 2 ** 32)
    .toString(16)
    .padStart(8, '0');
/** A version-4-shaped UUID from the PRNG. */
function uuid(r: Rand): string {
  const h = hex8(r) + hex8(r) + hex8(r) + hex8(r);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const KINDS = { application: 1, part: 2, rating: 3, followUp: 4 } as const;
/**
 * A UUID-shaped id of a row: its first digits hashed from (seed, application, kind, k) for spread, its last
 * twelve the application's number and the row's rank in it, so no two rows of a table share one.
 */
function rowId(seed: number, n: number, kind: keyof typeof KINDS, k: number): string {
  const h = (s: number) => (mix(seed, n, KINDS[kind] * 64 + k * 4 + s) >>> 0).toString(16).padStart(8, '0');
  const [a, b, c] = [h(0), h(1), h(2)];
  const tail = (n * 8 + k).toString(16).padStart(12, '0');
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${'89ab'[parseInt(c[0]!, 16) & 3]}${c.slice(1, 4)}-${tail}`;
}

// ——— the city ———

const CENTRES = [
  ['嘉兴市民中心（市政务服务中心）', 16],
  ['南湖区行政服务中心', 9],
  ['秀洲区行政服务中心', 9],
  ['经开区便民服务中心', 6],
] as const;
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢',
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬斌宇浩凯鹏晨雪梅琳慧颖',
];
const AREAS = ['330402', '330411', '330421', '330424', '330481', '330482', '330483'];

/** How often each bundle is handed in: house transfers most, then the businesses' errands. */
const BUNDLE_SHARE: readonly (readonly [string, number])[] = [
  ['HOUSE-TRANSFER', 34],
  ['SOLE-TRADER', 30],
  ['START-BUSINESS', 16],
  ['COMPANY-CHANGE', 14],
  ['COMPANY-DEREGISTRATION', 6],
];
/** House transfers with a provident fund loan (two more parts: the loan and the mortgage). */
const LOAN_SHARE = 0.2;
/** Submissions per month relative to the average (the Spring Festival in February, the year-end rush). */
const MONTH_FACTOR = [1.0, 0.82, 1.1, 1.05, 1.0, 1.05, 1.0, 0.95, 1.05, 0.92, 1.0, 1.1];
/** Monday to Friday relative to the average working day (Monday busiest). */
const WEEKDAY_FACTOR = [1.0, 1.15, 1.05, 1.0, 1.0, 0.85, 1.0];
/** A day off (weekend, holiday) takes online submissions only: this share of a working day's. */
const DAY_OFF_FACTOR = 0.1;
/** Applications handed in at a window (on working days); the rest online. */
const WINDOW_SHARE = 0.65;

/** Working days of running time a part takes, by its promised limit: mostly well under it. */
function workingDaysTaken(r: Rand, promised: number): number {
  if (promised === 0)
    return weighted(r, [
      [0, 0.985],
      [1, 0.012],
      [2, 0.003],
    ]);
  if (promised === 1)
    return weighted(r, [
      [0, 0.5],
      [1, 0.488],
      [2, 0.009],
      [3, 0.003],
    ]);
  // Longer limits (the fund's loan: 5 working days).
  const spread: [number, number][] = [
    [0, 0.04],
    [Math.round(promised * 0.2), 0.22],
    [Math.round(promised * 0.4), 0.3],
    [Math.round(promised * 0.6), 0.22],
    [Math.round(promised * 0.8), 0.12],
    [promised, 0.082],
    [promised + 1, 0.012],
    [promised + 2, 0.006],
  ];
  return weighted(r, spread);
}

/** A rating's level (5 very satisfied … 1 very dissatisfied): worse after a refusal or a late decision. */
function ratingLevel(r: Rand, unhappy: boolean): number {
  return unhappy
    ? weighted(r, [
        [5, 0.55],
        [4, 0.17],
        [3, 0.1],
        [2, 0.1],
        [1, 0.08],
      ])
    : weighted(r, [
        [5, 0.9],
        [4, 0.065],
        [3, 0.017],
        [2, 0.011],
        [1, 0.007],
      ]);
}

interface ItemLimits {
  readonly department: string;
  readonly promised: number;
  readonly legal: number;
}

function itemLimits(): Map<string, ItemLimits> {
  const out = new Map<string, ItemLimits>();
  for (const department of ['tax', 'market', 'realestate', 'fund']) {
    const items = JSON.parse(readFileSync(new URL(`legacy/${department}/data/items.json`, ROOT), 'utf8')) as {
      code: string;
      legalLimitDays: number;
      promisedLimitDays: number;
    }[];
    for (const i of items)
      out.set(i.code, { department, promised: i.promisedLimitDays, legal: i.legalLimitDays });
  }
  return out;
}

// ——— COPY text format ———

type Cell = string | number | boolean | Date | null;
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const cell = (v: Cell): string =>
  v === null
    ? '\\N'
    : v instanceof Date
      ? v.toISOString()
      : typeof v === 'string'
        ? !NEEDS_ESCAPE.test(v)
          ? v
          : v.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
        : String(v);
const line = (cells: readonly Cell[]) => `${cells.map(cell).join('\t')}\n`;

const COLUMNS = {
  applications: [
    'id',
    'applicant_id_number',
    'applicant_name',
    'applicant_subject',
    'enterprises',
    'enterprise_uscc',
    'bundle_code',
    'options',
    'values',
    'materials',
    'status',
    'submitted_at',
    'completed_at',
    'updated_at',
    'channel',
    'intake_officer',
    'identity_check',
    'responsible_officer',
    'responsible_subject',
    'centre',
  ],
  parts: [
    'id',
    'application_id',
    'seq',
    'item_code',
    'department',
    'after',
    'promised_days',
    'legal_days',
    'status',
    'case_number',
    'accepted_at',
    'status_at',
    'deadline',
    'reason',
    'correction_fields',
    'result',
    'attempts',
    'last_error',
    'last_error_code',
    'corrections',
    'dead_lettered_at',
    'updated_at',
    'clock_stops',
    'finished_at',
    'working_days',
    'on_time',
    'submitted_at',
  ],
  payments: [
    'application_id',
    'anchor_part_id',
    'waits_for',
    'holds',
    'proof',
    'status',
    'attempt',
    'lines',
    'total_fen',
    'orders',
    'refunds',
    'order_numbers',
    'paid_at',
    'problem',
    'created_at',
    'updated_at',
  ],
  ratings: [
    'id',
    'application_id',
    'part_id',
    'target',
    'department',
    'item_code',
    'officer_subject',
    'centre',
    'level',
    'reasons',
    'comment',
    'channel',
    'rated_at',
  ],
  rating_follow_ups: [
    'id',
    'rating_id',
    'department',
    'centre',
    'status',
    'opened_at',
    'call_back_due',
    'rectify_due',
    'called_back_at',
    'call_back_note',
    'rectified_at',
    'rectification',
    'applicant_view',
    'closed_at',
  ],
} as const satisfies Record<(typeof CITY_TABLES)[number], readonly string[]>;

// ——— one application ———

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** An instant on a Beijing date at hours (fractional) after midnight. */
const atBeijing = (date: string, hours: number) =>
  new Date(Date.parse(`${date}T00:00:00+08:00`) + Math.round(hours * HOUR));

interface Officer {
  readonly subject: string;
  readonly name: string;
  readonly centre: string;
}

export interface World {
  readonly seed: number;
  readonly calendar: WorkingDayCalendar;
  readonly bundles: Map<string, { code: string; after?: string[]; option?: string }[]>;
  readonly limits: Map<string, ItemLimits>;
  readonly officers: readonly Officer[];
  /** The end of the year (the midnight after its last day, Beijing time): what has not happened by then has not. */
  readonly now: Date;
}

/** The first working moment at or after `t`: working hours are 9:00 to 17:30 on working days. */
function nextWorkingMoment(w: World, t: Date, r: Rand): Date {
  const day = beijingDate(t);
  const hours = (t.getTime() - Date.parse(`${day}T00:00:00+08:00`)) / HOUR;
  if (w.calendar.isWorkingDay(day) && hours >= 9 && hours < 17.5) return t;
  const next = w.calendar.isWorkingDay(day) && hours < 9 ? day : w.calendar.addWorkingDays(day, 1);
  return atBeijing(next, 9 + r() * 1.5);
}

function personName(r: Rand): string {
  return pick(r, SURNAMES) + pick(r, GIVEN) + (r() < 0.7 ? pick(r, GIVEN) : '');
}

/** A resident identity number (GB 11643) with its check character. */
function idNumber(r: Rand): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + Math.floor(r() * 55 * 365.25) * 86_400_000);
  const body = `${pick(r, AREAS)}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (2 ** (17 - i) % 11);
  return body + '10X98765432'[sum % 11];
}

/** A unified social credit code (GB 32100) with its check character. */
function uscc(r: Rand): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = `9133040${pick(r, ['2', '1'])}MA`;
  while (body.length < 17) body += chars[Math.floor(r() * chars.length)];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += chars.indexOf(body[i]!) * (3 ** i % 31);
  return body + chars[(31 - (sum % 31)) % 31];
}

export interface Rows {
  applications: string[];
  parts: string[];
  payments: string[];
  ratings: string[];
  rating_follow_ups: string[];
}

interface PartState {
  readonly id: string;
  readonly code: string;
  status: string;
  /** When it was decided (approved or refused), if it was by the year's end. */
  finished: Date | null;
}

/** One application, its parts and whatever followed them, as rows. */
export function application(w: World, n: number, submittedDay: string, out: Rows): void {
  const r = mulberry32(mix(w.seed, n));
  const window = w.calendar.isWorkingDay(submittedDay) && r() < WINDOW_SHARE;
  const submitted = window
    ? atBeijing(submittedDay, 8.5 + (r() + r() + r()) * 3) // 8:30–17:30, most mid-day
    : atBeijing(submittedDay, 7 + Math.sqrt(r()) * 16.9); // online: 7:00 to midnight, more in the evening
  const officer = window ? pick(r, w.officers) : null;
  const bundle = weighted(r, BUNDLE_SHARE);
  const loan = bundle === 'HOUSE-TRANSFER' && r() < LOAN_SHARE;
  const items = w.bundles.get(bundle)!.filter((i) => !i.option || (i.option === 'loan' && loan));
  const appId = rowId(w.seed, n, 'application', 0);
  let ratings = 0;
  const ratingIds = (): [string, string] => {
    const k = ratings++;
    return [rowId(w.seed, n, 'rating', k), rowId(w.seed, n, 'followUp', k)];
  };
  const name = personName(r);
  const id = idNumber(r);
  const business = bundle !== 'HOUSE-TRANSFER';
  const enterprise = business && bundle !== 'SOLE-TRADER' ? uscc(r) : null;
  const price = 800_000 + Math.floor(r() * r() * 4_000_000); // yuan, for a house transfer

  // Parts in the bundle's order (each after the ones it waits for), decided one after another.
  const parts: PartState[] = [];
  let paidAt: Date | null = null;
  let paymentStatus = 'NOT_DUE';
  const deedTaxFen = Math.round(price * pick(r, [0.01, 0.01, 0.015, 0.03]) * 100);
  const dead = r() < 0.0002; // its first part's dispatch failed for good and is waiting for staff
  const onePart = (item: (typeof items)[number], seq: number) => {
    const limits = w.limits.get(item.code)!;
    const partId = rowId(w.seed, n, 'part', seq);
    const after = (item.after ?? []).filter((a) => items.some((i) => i.code === a));
    const preds = parts.filter((p) => after.includes(p.code));
    const state: PartState = { id: partId, code: item.code, status: 'WAITING', finished: null };
    parts.push(state);
    const row = {
      status: 'WAITING',
      caseNumber: null as string | null,
      accepted: null as Date | null,
      statusAt: null as Date | null,
      deadline: null as string | null,
      reason: null as string | null,
      attempts: 0,
      lastError: null as string | null,
      lastErrorCode: null as string | null,
      corrections: 0,
      deadLettered: null as Date | null,
      updated: submitted,
      stops: [] as PartClockStop[],
      finished: null as Date | null,
      workingDays: null as number | null,
      onTime: null as boolean | null,
    };
    const emit = (): void => {
      out.parts.push(
        line([
          partId,
          appId,
          seq,
          item.code,
          limits.department,
          JSON.stringify(after),
          limits.promised,
          limits.legal,
          row.status,
          row.caseNumber,
          row.accepted,
          row.statusAt,
          row.deadline,
          row.reason,
          '[]',
          row.status === 'APPROVED' ? JSON.stringify({ caseNumber: row.caseNumber }) : '{}',
          row.attempts,
          row.lastError,
          row.lastErrorCode,
          row.corrections,
          row.deadLettered,
          row.updated,
          JSON.stringify(row.stops),
          row.finished,
          row.workingDays,
          row.onTime,
          submitted,
        ]),
      );
    };
    // Waiting for an earlier part: refused (this one is cancelled) or not yet approved.
    if (preds.some((p) => p.status === 'REJECTED')) {
      row.status = state.status = 'CANCELLED';
      row.updated = preds.find((p) => p.status === 'REJECTED')!.finished!;
      return emit();
    }
    if (preds.some((p) => p.status !== 'APPROVED')) return emit();
    let ready = new Date(Math.max(submitted.getTime(), ...preds.map((p) => p.finished!.getTime())));
    // The transfer registration waits for the fees too (paid once, online, for every department).
    if (bundle === 'HOUSE-TRANSFER' && item.code === 'RE-TRANSFER') {
      if (paidAt === null) return emit();
      ready = new Date(Math.max(ready.getTime(), paidAt.getTime()));
    }
    const sent = new Date(ready.getTime() + (2 + r() * 10) * MINUTE);
    if (sent >= w.now) return emit();
    row.attempts = 1;
    if (seq === 0 && dead) {
      row.status = state.status = 'DEAD_LETTERED';
      row.attempts = 8;
      row.lastError = 'UNAVAILABLE: the department’s system did not answer';
      row.lastErrorCode = 'UNAVAILABLE';
      row.deadLettered = new Date(sent.getTime() + (2 + r() * 4) * HOUR);
      if (row.deadLettered >= w.now) row.deadLettered = new Date(w.now.getTime() - MINUTE);
      row.updated = row.deadLettered;
      return emit();
    }
    // Accepted by the department on its next working moment; its clock starts that day.
    const accepted = nextWorkingMoment(w, new Date(sent.getTime() + r() * 40 * MINUTE), r);
    if (accepted >= w.now) {
      row.status = state.status = 'DISPATCHING';
      return emit();
    }
    const acceptedDay = beijingDate(accepted);
    row.accepted = accepted;
    row.caseNumber = `${limits.department.toUpperCase()}${acceptedDay.replaceAll('-', '')}${String(n).padStart(7, '0')}${seq}`;
    row.status = state.status = 'ACCEPTED';
    row.statusAt = row.updated = accepted;
    const clocked = {
      acceptedAt: accepted,
      promisedDays: limits.promised,
      clockStops: row.stops,
      deadline: null,
    };
    row.deadline = partClock(w.calendar, clocked, acceptedDay).deadline;
    const taken = workingDaysTaken(r, limits.promised);
    // A correction (补正): the clock stops from the day asked until the day the applicant hands it in.
    if (limits.promised > 0 && r() < 0.04) {
      const from = w.calendar.addWorkingDays(acceptedDay, Math.floor(r() * (taken + 1)));
      const until = w.calendar.addWorkingDays(from, 1 + Math.floor(r() * r() * 6));
      const asked = atBeijing(from, 9.5 + r() * 7);
      row.corrections = 1;
      if (asked >= w.now) {
        // asked after the year's end: not yet
      } else if (atBeijing(until, 9) >= w.now) {
        row.stops = [
          {
            reason: 'CORRECTION',
            from,
            until: null,
            declaredDays: null,
            by: { kind: 'department', department: limits.department },
            note: null,
            at: asked,
          },
        ];
        row.status = state.status = 'CORRECTION_REQUESTED';
        row.statusAt = row.updated = asked;
        return emit();
      } else {
        row.stops = [
          {
            reason: 'CORRECTION',
            from,
            until,
            declaredDays: null,
            by: { kind: 'department', department: limits.department },
            note: null,
            at: asked,
          },
        ];
        row.deadline = partClock(w.calendar, { ...clocked, clockStops: row.stops }, until).deadline;
      }
    }
    // A few cases are left lying (the overdue ones still open at the year's end).
    if (r() < 0.0004) {
      row.status = state.status = 'IN_REVIEW';
      row.statusAt = row.updated = new Date(accepted.getTime() + HOUR);
      return emit();
    }
    const suspended = row.stops.length
      ? partClock(w.calendar, { ...clocked, clockStops: row.stops }, row.stops[0]!.until!)
          .suspendedWorkingDays
      : 0;
    const decidedDay = w.calendar.addWorkingDays(acceptedDay, taken + suspended);
    const decided =
      decidedDay === acceptedDay
        ? new Date(accepted.getTime() + (15 + r() * 150) * MINUTE)
        : atBeijing(decidedDay, 9 + r() * 8.5);
    if (decided >= w.now) {
      row.status = state.status = 'IN_REVIEW';
      return emit();
    }
    const refused = r() < (limits.department === 'market' ? 0.025 : 0.01);
    row.status = state.status = refused ? 'REJECTED' : 'APPROVED';
    row.reason = refused ? pick(r, ['材料不齐全', '不符合法定条件', '申请事项不属于受理范围']) : null;
    row.statusAt = row.updated = decided;
    const finish = finishOf(
      w.calendar,
      {
        acceptedAt: accepted,
        promisedDays: limits.promised,
        clockStops: row.stops,
        deadline: row.deadline,
        statusAt: decided,
      } as unknown as Part,
      decided,
    );
    row.finished = state.finished = finish.finishedAt;
    row.workingDays = finish.workingDays;
    row.onTime = finish.onTime;
    emit();

    // The house transfer's fees fall due once the deed tax is assessed, and are paid online.
    if (bundle === 'HOUSE-TRANSFER' && item.code === 'TAX-DEED-TAX') {
      if (refused) paymentStatus = 'CANCELLED';
      else {
        const paid = new Date(decided.getTime() + (0.1 + r() * r() * 48) * HOUR);
        const expired = r() < 0.01;
        paymentStatus = expired ? 'EXPIRED' : paid < w.now ? 'PAID' : 'UNPAID';
        paidAt = paymentStatus === 'PAID' ? paid : null;
      }
    }
    // Rated by its applicant (一事一评) about six times in ten, mostly within the day.
    if (r() < 0.6) {
      const rated = new Date(decided.getTime() + (5 + r() * r() * 4000) * MINUTE);
      if (rated < w.now)
        rate(
          w,
          r,
          out,
          ratingIds(),
          appId,
          partId,
          limits.department,
          item.code,
          null,
          officer?.centre ?? null,
          rated,
          refused || !finish.onTime,
        );
    }
  };
  for (const [seq, item] of items.entries()) onePart(item, seq);

  // The payment (house transfers): the deed tax, the registration fee and the certificate's.
  if (bundle === 'HOUSE-TRANSFER') {
    const anchor = parts.find((p) => p.code === 'RE-TRANSFER')!;
    const lines = [
      {
        department: 'tax',
        itemCode: 'TAX-DEED-TAX',
        amount: deedTaxFen,
        item: '契税',
        payee: '国家税务总局嘉兴市税务局',
      },
      {
        department: 'realestate',
        itemCode: 'RE-TRANSFER',
        amount: 8_000,
        item: '不动产登记费',
        payee: '嘉兴市不动产登记中心',
      },
      {
        department: 'realestate',
        itemCode: 'RE-TRANSFER',
        amount: 1_000,
        item: '证书工本费',
        payee: '嘉兴市不动产登记中心',
      },
    ];
    const due = paymentStatus !== 'NOT_DUE' && paymentStatus !== 'CANCELLED';
    const order = `PAY${submittedDay.replaceAll('-', '')}${String(n).padStart(8, '0')}`;
    out.payments.push(
      line([
        appId,
        anchor.id,
        '["TAX-DEED-TAX"]',
        '["RE-TRANSFER"]',
        'fee-payment-voucher',
        paymentStatus,
        1,
        due
          ? JSON.stringify(
              lines.map((l, k) => ({
                ...l,
                lineKey: `L${k + 1}`,
                basis: '按规定标准',
                subOrderNumber: `${order}-${k + 1}`,
              })),
            )
          : '[]',
        due ? lines.reduce((s, l) => s + l.amount, 0) : null,
        due ? JSON.stringify([{ orderNumber: order }]) : '[]',
        '[]',
        due ? JSON.stringify([order]) : '[]',
        paidAt,
        null,
        submitted,
        paidAt ?? submitted,
      ]),
    );
  }

  // The window's service rated too, when handed in at a window.
  if (officer && r() < 0.6) {
    const rated = new Date(submitted.getTime() + (5 + r() * 120) * MINUTE);
    if (rated < w.now)
      rate(w, r, out, ratingIds(), appId, null, null, null, officer.subject, officer.centre, rated, false);
  }

  const finals = parts.map((p) => p.status);
  const approved = finals.every((s) => s === 'APPROVED');
  const completed = approved ? new Date(Math.max(...parts.map((p) => p.finished!.getTime()))) : null;
  const status = approved
    ? completed!.getTime() + 3 * 86_400_000 < w.now.getTime() && r() < 0.9
      ? 'DELIVERED'
      : 'COMPLETED'
    : finals.includes('REJECTED')
      ? 'REJECTED'
      : finals.includes('CORRECTION_REQUESTED')
        ? 'CORRECTION_REQUESTED'
        : paymentStatus === 'UNPAID' || paymentStatus === 'EXPIRED'
          ? 'PAYMENT_DUE'
          : 'IN_PROGRESS';
  const staff = officer
    ? JSON.stringify({ subject: officer.subject, name: officer.name, centre: officer.centre })
    : null;
  const values = business
    ? [
        { key: 'applicant.name', value: name },
        { key: 'applicant.idNumber', value: id },
        { key: 'applicant.mobile', value: `13${String(Math.floor(r() * 1e9)).padStart(9, '0')}` },
        {
          key: 'enterprise.name',
          value: `嘉兴${personName(r)}${pick(r, ['商贸', '科技', '餐饮', '服饰', '建材'])}${bundle === 'SOLE-TRADER' ? '店' : '有限公司'}`,
        },
        {
          key: 'enterprise.address',
          value: `嘉兴市南湖区${pick(r, ['中山东路', '建国南路', '勤俭路', '禾兴路'])}${1 + Math.floor(r() * 900)}号`,
        },
        { key: 'enterprise.registeredCapital', value: String(10 * (1 + Math.floor(r() * 500))) },
      ]
    : [
        { key: 'buyer.name', value: name },
        { key: 'buyer.idNumber', value: id },
        { key: 'buyer.mobile', value: `13${String(Math.floor(r() * 1e9)).padStart(9, '0')}` },
        {
          key: 'unit.address',
          value: `嘉兴市南湖区${pick(r, ['东栅', '城南', '新兴', '解放'])}街道${1 + Math.floor(r() * 80)}幢${1 + Math.floor(r() * 30)}0${1 + Math.floor(r() * 4)}室`,
        },
        { key: 'sale.priceYuan', value: String(price) },
        { key: 'unit.areaSquareMetres', value: String(50 + Math.floor(r() * 120)) },
      ];
  out.applications.push(
    line([
      appId,
      id,
      name,
      `person-${id}`,
      enterprise ? JSON.stringify([enterprise]) : '[]',
      enterprise,
      bundle,
      loan ? '["loan"]' : '[]',
      JSON.stringify(values),
      JSON.stringify(
        Array.from({ length: business ? 2 : 3 }, (_, k) => ({ id: `m${k + 1}`, uploadId: uuid(r) })),
      ),
      status,
      submitted,
      completed,
      completed ?? submitted,
      window ? 'WINDOW' : 'ONLINE',
      staff,
      window ? 'ID_CARD_READER' : null,
      staff,
      officer?.subject ?? null,
      officer?.centre ?? null,
    ]),
  );
}

/** A rating, and the follow-up of a bad one (回访整改) in whatever state it reached by the year's end. */
function rate(
  w: World,
  r: Rand,
  out: Rows,
  [id, followUpId]: [string, string],
  appId: string,
  partId: string | null,
  department: string | null,
  itemCode: string | null,
  officer: string | null,
  centre: string | null,
  rated: Date,
  unhappy: boolean,
): void {
  const level = ratingLevel(r, unhappy);
  out.ratings.push(
    line([
      id,
      appId,
      partId,
      partId ? 'PART' : 'WINDOW',
      department,
      itemCode,
      officer,
      centre,
      level,
      level <= 2 ? JSON.stringify([pick(r, ['SLOW', 'UNCLEAR', 'ATTITUDE', 'REPEATED_MATERIALS'])]) : '[]',
      level <= 2 ? pick(r, ['办理太慢', '告知不清楚', '要求重复提交材料', '窗口态度不好']) : null,
      pick(r, ['ONLINE', 'ONLINE', 'SMS', 'PAD']),
      rated,
    ]),
  );
  if (level > 2) return;
  const opened = new Date(rated.getTime() + r() * 4 * HOUR);
  if (opened >= w.now) return;
  const callBackDue = new Date(opened.getTime() + 24 * HOUR);
  const rectifyDue = new Date(opened.getTime() + 7 * 24 * HOUR);
  const stalled = r() < 0.03;
  const calledBack = stalled ? null : new Date(opened.getTime() + (1 + r() * 30) * HOUR);
  const rectified = calledBack && r() < 0.97 ? new Date(calledBack.getTime() + (4 + r() * 140) * HOUR) : null;
  const closed = rectified ? new Date(rectified.getTime() + (2 + r() * 72) * HOUR) : null;
  const has = (t: Date | null): t is Date => t !== null && t < w.now;
  const status = has(closed)
    ? 'CLOSED'
    : has(rectified)
      ? 'RECTIFIED'
      : has(calledBack)
        ? 'CALLED_BACK'
        : 'OPEN';
  out.rating_follow_ups.push(
    line([
      followUpId,
      id,
      department ?? 'window',
      centre,
      status,
      opened,
      callBackDue,
      rectifyDue,
      has(calledBack) ? calledBack : null,
      has(calledBack) ? '已电话回访，说明情况' : null,
      has(rectified) ? rectified : null,
      has(rectified) ? '已整改：优化流程，专人跟进' : null,
      has(closed) ? pick(r, ['SATISFIED', 'SATISFIED', 'SATISFIED', 'ACCEPTED']) : null,
      has(closed) ? closed : null,
    ]),
  );
}

// ——— the days of the year ———

/** How many applications are handed in on each day of the year (in proportion to its weight; they sum to n). */
export function applicationsPerDay(
  calendar: WorkingDayCalendar,
  year: number,
  n: number,
): [string, number][] {
  const days: [string, number][] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const date = new Date(t);
    const iso = date.toISOString().slice(0, 10);
    const weight =
      (calendar.isWorkingDay(iso) ? WEEKDAY_FACTOR[date.getUTCDay()]! : DAY_OFF_FACTOR) *
      MONTH_FACTOR[date.getUTCMonth()]!;
    days.push([iso, weight]);
  }
  const total = days.reduce((s, [, x]) => s + x, 0);
  let cum = 0;
  let given = 0;
  return days.map(([iso, x]) => {
    cum += x;
    const upTo = Math.round((cum / total) * n);
    const count = upTo - given;
    given = upTo;
    return [iso, count];
  });
}

// ——— loading ———

/** Drops the tables' indexes and constraints (but NOT NULL), and gives back the statements that restore them. */
async function stripTables(client: pg.ClientBase, tables: readonly string[]): Promise<string[]> {
  const constraints = await client.query<{ tbl: string; name: string; def: string; contype: string }>(
    `select c.conrelid::regclass::text as tbl, c.conname as name, pg_get_constraintdef(c.oid) as def, c.contype
     from pg_constraint c
     where c.contype in ('p', 'u', 'f') and (c.conrelid::regclass::text = any($1) or c.confrelid::regclass::text = any($1))`,
    [tables],
  );
  const indexes = await client.query<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def from pg_indexes i
     where i.schemaname = 'public' and i.tablename = any($1)
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [tables],
  );
  const fks = constraints.rows.filter((c) => c.contype === 'f');
  const keys = constraints.rows.filter((c) => c.contype !== 'f');
  for (const c of fks) await client.query(`alter table ${c.tbl} drop constraint ${c.name}`);
  for (const c of keys) await client.query(`alter table ${c.tbl} drop constraint ${c.name}`);
  for (const i of indexes.rows) await client.query(`drop index ${i.name}`);
  return [
    ...keys.map((c) => `alter table ${c.tbl} add constraint ${c.name} ${c.def}`),
    ...indexes.rows.map((i) => i.def),
    ...fks.map((c) => `alter table ${c.tbl} add constraint ${c.name} ${c.def}`),
  ];
}

/** Runs statements on `connections` connections at once, in order of starting. */
async function runAll(pool: pg.Pool, statements: readonly string[], connections: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = await pool.connect();
      try {
        await c.query(`set maintenance_work_mem = '512MB'`);
        while (next < statements.length) await c.query(statements[next++]!);
      } finally {
        c.release();
      }
    }),
  );
}

/** The city a seed makes: its calendar, bundles, items' limits, centres and officers, and its year's end. */
export function cityWorld(seed: number, year: number): World {
  const calendar = WorkingDayCalendar.official();
  const { bundles, problems } = readBundleFiles(new URL('subgraphs/hall/bundles', ROOT).pathname);
  if (problems.length > 0) throw new Error(`the bundles do not read: ${problems.join('; ')}`);
  const r = mulberry32(mix(seed, -1));
  const officers: Officer[] = CENTRES.flatMap(([centre, count], c) =>
    Array.from({ length: count }, (_, k) => ({
      subject: `window-${c + 1}-${String(k + 1).padStart(2, '0')}`,
      name: personName(r),
      centre,
    })),
  );
  return {
    seed,
    calendar,
    bundles: new Map(
      bundles.map((b) => [b.code, b.items as { code: string; after?: string[]; option?: string }[]]),
    ),
    limits: itemLimits(),
    officers,
    now: new Date(Date.parse(`${year + 1}-01-01T00:00:00+08:00`)),
  };
}

/** Fills a migrated, empty database with a year of the city's centre. */
export async function cityYear(options: CityYearOptions): Promise<CityYearResult> {
  const say = options.say ?? (() => {});
  const started = performance.now();
  const pool = new pg.Pool({ connectionString: options.url, max: CITY_TABLES.length + 1 });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db);
    const admin = await pool.connect();
    let restore: string[];
    try {
      const held = await admin.query<{ n: string }>('select count(*) as n from applications');
      if (Number(held.rows[0]!.n) > 0)
        throw new Error('the database already holds applications: give an empty one');
      restore = await stripTables(admin, CITY_TABLES);
    } finally {
      admin.release();
    }

    const world = cityWorld(options.seed, options.year);
    const { calendar, officers } = world;
    await pool.query(
      `insert into staff_seen (subject, role, name, centre, last_seen_at)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
       on conflict (subject) do update set name = excluded.name, centre = excluded.centre`,
      [
        officers.map((o) => o.subject),
        officers.map(() => 'window-staff'),
        officers.map((o) => o.name),
        officers.map((o) => o.centre),
        officers.map(() => world.now),
      ],
    );

    // One COPY per table, each on its own connection, fed batch by batch as applications are made.
    const clients = await Promise.all(CITY_TABLES.map(() => pool.connect()));
    const streams = CITY_TABLES.map((t, k) => {
      const s = clients[k]!.query(
        copyFrom(`copy ${t} (${COLUMNS[t].map((c) => `"${c}"`).join(', ')}) from stdin`),
      );
      const done = new Promise<void>((resolve, reject) => {
        s.on('finish', resolve);
        s.on('error', reject);
      });
      return { table: t, s, done };
    });
    const counts: CityYearCounts = { applications: 0, parts: 0, payments: 0, ratings: 0, follow_ups: 0 };
    try {
      const flush = async (rows: Rows) => {
        counts.applications += rows.applications.length;
        counts.parts += rows.parts.length;
        counts.payments += rows.payments.length;
        counts.ratings += rows.ratings.length;
        counts.follow_ups += rows.rating_follow_ups.length;
        await Promise.all(
          streams.map(({ table, s }) =>
            s.write(rows[table].join(''))
              ? undefined
              : new Promise<void>((resolve) => s.once('drain', resolve)),
          ),
        );
      };
      const empty = (): Rows => ({
        applications: [],
        parts: [],
        payments: [],
        ratings: [],
        rating_follow_ups: [],
      });
      let rows = empty();
      let n = 0;
      let lastSaid = performance.now();
      for (const [day, count] of applicationsPerDay(calendar, options.year, options.applications)) {
        for (let k = 0; k < count; k++) {
          application(world, n++, day, rows);
          if (rows.applications.length >= 2_000) {
            await flush(rows);
            rows = empty();
          }
        }
        if (performance.now() - lastSaid > 10_000) {
          say(`  ${day}: ${n} applications`);
          lastSaid = performance.now();
        }
      }
      await flush(rows);
      for (const { s } of streams) s.end();
      await Promise.all(streams.map((x) => x.done));
    } finally {
      for (const c of clients) c.release();
    }
    const loaded = performance.now();
    say(`loaded in ${((loaded - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}; building indexes`);
    await runAll(pool, restore, 2);
    const indexed = performance.now();
    say(`indexes in ${((indexed - loaded) / 1000).toFixed(1)} s; vacuum analyse`);
    for (const t of [...CITY_TABLES, 'staff_seen']) await pool.query(`vacuum (analyze) ${t}`);
    const end = performance.now();
    const s = (ms: number) => Math.round(ms / 100) / 10;
    return {
      counts,
      seconds: {
        load: s(loaded - started),
        indexes: s(indexed - loaded),
        analyse: s(end - indexed),
        total: s(end - started),
      },
    };
  } finally {
    await db.destroy();
  }
}

/** The database a seed and size are kept in, on the server of TEST_POSTGRES_URL. */
export function cityDatabaseUrl(seed: number, applications: number): { name: string; url: string } {
  const name = `onething_city_${seed}_${applications}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** Creates the named database on the server of TEST_POSTGRES_URL, dropping one of that name first. */
export async function createDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      applications: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '1' },
      year: { type: 'string', default: '2026' },
    },
  });
  const applications = Number(values.applications);
  const seed = Number(values.seed);
  const year = Number(values.year);
  let url = values.url;
  if (!url) {
    const target = cityDatabaseUrl(seed, applications);
    await createDatabase(target.name);
    url = target.url;
  }
  const say = (s: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
  say(`a year (${year}) of ${applications} applications, seed ${seed}, into ${url}`);
  const result = await cityYear({ url, applications, seed, year, say });
  say(
    `done in ${result.seconds.total} s (${JSON.stringify(result.seconds)}): ${JSON.stringify(result.counts)}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  });
}

// A fresh name for callers that want a throwaway database.
export const freshCityName = () => `onething_city_tmp_${process.pid}_${randomBytes(3).toString('hex')}`;

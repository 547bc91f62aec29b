import { departmentNamed } from '@onething/schema/departments';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { type PerformanceRow, performanceCsv, performanceFileName } from '../api/csv';
import { BUNDLE_AND_ITEM_NAMES, DASHBOARD, PERFORMANCE_PARTS } from '../api/documents';
import { operationErrorText } from '../api/errors';
import type { DashboardQuery, PerformanceCut, PerformanceFigure } from '../api/generated/graphql';
import type { Department } from '../api/types';
import { useI18n } from '../app/i18n';
import type { MessageKey } from '../app/messages';
import {
  beijingDate,
  intervalFor,
  type Period,
  periodDays,
  pointStarts,
  QUICK_PICKS,
  quickPeriod,
} from '../app/period';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import { Chart, type ChartOption } from '../components/Chart';
import { DEPARTMENTS, useDepartmentName } from '../components/Department';
import { Notice, PageTitle } from '../components/Layout';
import { StatusBadge } from '../components/Status';

const CUTS: readonly PerformanceCut[] = ['TOTAL', 'CENTRE', 'DEPARTMENT', 'ITEM', 'BUNDLE', 'OFFICER'];
const MAX_DAYS = 3 * 366;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The page's choices, kept in the address after `#/dashboard?` so a view can be shared or reloaded. */
interface Choice {
  readonly from: string;
  readonly to: string;
  readonly by: PerformanceCut;
  readonly department: Department | '';
}

function choiceFromAddress(): Choice {
  const q = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  const month = quickPeriod('month', beijingDate());
  const by = q.get('by') as PerformanceCut | null;
  const department = q.get('department') as Department | null;
  return {
    from: DATE.test(q.get('from') ?? '') ? (q.get('from') as string) : month.from,
    to: DATE.test(q.get('to') ?? '') ? (q.get('to') as string) : month.to,
    by: by && CUTS.includes(by) ? by : 'DEPARTMENT',
    department: department && DEPARTMENTS.includes(department) ? department : '',
  };
}

/** What the parts table under the charts lists: a figure, for one department or all in the filter. */
interface Drill {
  readonly figure: PerformanceFigure;
  readonly department: Department | null;
}

type Row = DashboardQuery['total'][number];

/**
 * The supervisor's dashboard (统计分析, issue 20): the figures of a period and a cut as tiles and charts —
 * the trend of on-time completion, overdue parts by department, good and bad ratings — and a table of the
 * window officers; a figure or a department's bar lists the parts behind it; the cut's rows export as CSV.
 * Supervisors see their centre's figures, department staff their department's (the hall's scope).
 */
export function Dashboard() {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const departmentName = useDepartmentName();
  const [choice, setChoice] = useState<Choice>(choiceFromAddress);
  const [drill, setDrill] = useState<Drill | null>(null);
  const supervisor = session?.role === 'supervisor';
  const own: readonly Department[] =
    session?.role === 'department-staff'
      ? DEPARTMENTS.filter((d) => session.departments.includes(departmentNamed(d)?.key ?? ''))
      : DEPARTMENTS;

  useEffect(() => {
    const q = new URLSearchParams({ from: choice.from, to: choice.to, by: choice.by });
    if (choice.department) q.set('department', choice.department);
    window.history.replaceState(window.history.state, '', `#/dashboard?${q}`);
  }, [choice]);

  const period: Period = { from: choice.from, to: choice.to };
  const valid =
    DATE.test(choice.from) &&
    DATE.test(choice.to) &&
    choice.from <= choice.to &&
    periodDays(period) <= MAX_DAYS;
  const interval = intervalFor(period);
  const filter = useMemo(
    () => ({ from: choice.from, to: choice.to, department: choice.department || null }),
    [choice.from, choice.to, choice.department],
  );
  const [{ data, error, fetching }] = useQuery({
    query: DASHBOARD,
    // The window officers' figures are their centre's supervisor's: department staff are not asked them.
    variables: { filter, by: choice.by, interval, withOfficers: supervisor },
    pause: !valid,
  });
  const [names] = useQuery({
    query: BUNDLE_AND_ITEM_NAMES,
    pause: choice.by !== 'ITEM' && choice.by !== 'BUNDLE',
  });

  const set = (next: Partial<Choice>) => setChoice((c) => ({ ...c, ...next }));
  const total = data?.total[0];
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';

  const nameOf = (r: Pick<Row, 'key' | 'label'>, cut: PerformanceCut = choice.by): string => {
    switch (cut) {
      case 'TOTAL':
        return t('dash.cut.TOTAL');
      case 'CENTRE':
        return r.key || t('dash.centre.none');
      case 'DEPARTMENT':
        return r.key === 'window' ? t('dash.window') : departmentName(r.key);
      case 'ITEM': {
        if (r.key === 'window') return t('dash.window');
        const item = names.data?.bundles.flatMap((b) => b.items).find((i) => i.code === r.key);
        return item ? item.name[lang] : r.key;
      }
      case 'BUNDLE': {
        const bundle = names.data?.bundles.find((b) => b.code === r.key);
        return bundle ? bundle.name[lang] : r.key;
      }
      case 'OFFICER':
        return r.key ? (r.label ?? r.key) : t('dash.officer.none');
    }
  };

  const exportCsv = () => {
    if (!data) return;
    const csv = performanceCsv(data.cut, (r) => nameOf(r));
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = performanceFileName(choice.from, choice.to, choice.by);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <>
      <PageTitle>{t('dash.title')}</PageTitle>
      <p className="lead">{t('dash.intro')}</p>
      {session?.role === 'department-staff' && (
        <p className="muted">
          {t('dash.scope.department', { department: own.map(departmentName).join('、') })}
        </p>
      )}

      <fieldset className="dashboard__controls">
        <legend>{t('dash.controls')}</legend>
        <div className="dashboard__control">
          <label htmlFor="dash-from">{t('dash.from')}</label>
          <input
            id="dash-from"
            type="date"
            value={choice.from}
            max={choice.to || undefined}
            onChange={(e) => set({ from: e.target.value })}
          />
        </div>
        <div className="dashboard__control">
          <label htmlFor="dash-to">{t('dash.to')}</label>
          <input
            id="dash-to"
            type="date"
            value={choice.to}
            min={choice.from || undefined}
            onChange={(e) => set({ to: e.target.value })}
          />
        </div>
        <fieldset className="dashboard__quick">
          <legend className="visually-hidden">{t('dash.quick')}</legend>
          {QUICK_PICKS.map((pick) => {
            const p = quickPeriod(pick, beijingDate());
            const current = p.from === choice.from && p.to === choice.to;
            return (
              <button
                key={pick}
                type="button"
                className="button button--quiet"
                aria-pressed={current}
                data-quick={pick}
                onClick={() => set(p)}
              >
                {t(`dash.quick.${pick}` as MessageKey)}
              </button>
            );
          })}
        </fieldset>
        <div className="dashboard__control">
          <label htmlFor="dash-cut">{t('dash.cut')}</label>
          <select
            id="dash-cut"
            value={choice.by}
            onChange={(e) => set({ by: e.target.value as PerformanceCut })}
          >
            {CUTS.filter((c) => supervisor || c !== 'OFFICER').map((c) => (
              <option key={c} value={c}>
                {t(`dash.cut.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        {supervisor && (
          <div className="dashboard__control">
            <label htmlFor="dash-department">{t('dash.department')}</label>
            <select
              id="dash-department"
              value={choice.department}
              onChange={(e) => set({ department: e.target.value as Department | '' })}
            >
              <option value="">{t('dash.allDepartments')}</option>
              {DEPARTMENTS.map((d) => (
                <option key={d} value={d}>
                  {departmentName(d)}
                </option>
              ))}
            </select>
          </div>
        )}
        <button
          type="button"
          className="button button--primary dashboard__export"
          data-action="export-csv"
          disabled={!data || fetching}
          onClick={exportCsv}
        >
          {t('dash.export')}
        </button>
      </fieldset>

      {!valid && <Notice kind="warn">{t('dash.badPeriod')}</Notice>}
      {error && (
        <Notice kind="error">{t('common.loadFailed', { reason: operationErrorText(t, error) })}</Notice>
      )}
      {valid && fetching && !data && <p aria-live="polite">{t('common.loading')}</p>}

      {data && total !== undefined && (
        <div
          data-dashboard={`${choice.from}/${choice.to}/${choice.by}/${choice.department}`}
          aria-busy={fetching}
        >
          <p className="muted small">{t('dash.period', { from: choice.from, to: choice.to })}</p>
          <Tiles total={total} locale={locale} onDrill={(figure) => setDrill({ figure, department: null })} />
          <div className="dashboard__charts">
            <ChartCard title={t('dash.trend')} wide>
              <Trend points={data.performanceTrend} period={period} interval={interval} locale={locale} />
            </ChartCard>
            <ChartCard title={t('dash.overdue')}>
              <OverdueByDepartment
                rows={data.departments}
                departments={choice.department ? [choice.department] : own}
                onDrill={(department) => setDrill({ figure: 'OVERDUE', department })}
              />
            </ChartCard>
            <ChartCard title={t('dash.ratings')}>
              <Ratings
                rows={data.departments}
                departments={choice.department ? [choice.department] : own}
                withWindow={supervisor && !choice.department}
              />
            </ChartCard>
          </div>
          {drill && (
            <DrillDown
              key={`${drill.figure}/${drill.department ?? ''}`}
              drill={drill}
              filter={filter}
              onClose={() => setDrill(null)}
            />
          )}
          <CutRows rows={data.cut} cut={choice.by} nameOf={nameOf} locale={locale} />
          {data.officers && (
            <Officers rows={data.officers} nameOf={(r) => nameOf(r, 'OFFICER')} locale={locale} />
          )}
        </div>
      )}
    </>
  );
}

/** A chart's frame: its title as the heading the chart and its text are under. */
function ChartCard({ title, wide, children }: { title: string; wide?: boolean; children: ReactNode }) {
  return (
    <section className={`card dashboard__chart${wide ? ' dashboard__chart--wide' : ''}`}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

const pct = (rate: number | null | undefined, digits = 1): string =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)}%`;
const fixed = (n: number | null | undefined, digits: number): string =>
  n === null || n === undefined ? '—' : n.toFixed(digits);
const count = (n: number, locale: string) => n.toLocaleString(locale);

/** The headline figures, each a button where the parts behind it can be listed. */
function Tiles({
  total,
  locale,
  onDrill,
}: {
  total: Row;
  locale: string;
  onDrill: (figure: PerformanceFigure) => void;
}) {
  const { t } = useI18n();
  const tiles: {
    name: string;
    label: MessageKey;
    value: string;
    raw: string | number | null;
    note?: string;
    figure?: PerformanceFigure;
    tone?: 'bad' | 'ok';
  }[] = [
    {
      name: 'takenIn',
      label: 'dash.tile.takenIn',
      value: count(total.partsTakenIn, locale),
      raw: total.partsTakenIn,
      note: t('dash.tile.takenInNote', { n: total.applicationsTakenIn }),
      figure: 'TAKEN_IN',
    },
    {
      name: 'completed',
      label: 'dash.tile.completed',
      value: count(total.partsCompleted, locale),
      raw: total.partsCompleted,
      note: t('dash.tile.completedNote', { n: total.applicationsCompleted }),
      figure: 'COMPLETED',
    },
    {
      name: 'onTimeRate',
      label: 'dash.tile.onTimeRate',
      value: pct(total.onTimeRate),
      raw: total.onTimeRate,
      note: t('dash.tile.onTimeNote', { n: total.onTime }),
      figure: 'ON_TIME',
      tone: 'ok',
    },
    {
      name: 'overdue',
      label: 'dash.tile.overdue',
      value: count(total.overdue, locale),
      raw: total.overdue,
      note: t('dash.tile.overdueNote'),
      figure: 'OVERDUE',
      tone: total.overdue > 0 ? 'bad' : undefined,
    },
    {
      name: 'averageWorkingDays',
      label: 'dash.tile.days',
      value: fixed(total.averageWorkingDays, 1),
      raw: total.averageWorkingDays,
      note: t('dash.tile.daysNote', { p90: fixed(total.p90WorkingDays, 1) }),
    },
    {
      name: 'speedUp',
      label: 'dash.tile.speedUp',
      value: `${pct(total.promisedSpeedUp, 0)} / ${pct(total.actualSpeedUp, 0)}`,
      raw: `${total.promisedSpeedUp ?? ''}/${total.actualSpeedUp ?? ''}`,
      note: t('dash.tile.speedUpNote'),
    },
    {
      name: 'instant',
      label: 'dash.tile.instant',
      value: count(total.instant, locale),
      raw: total.instant,
      figure: 'INSTANT',
    },
    {
      name: 'corrections',
      label: 'dash.tile.corrections',
      value: count(total.corrections, locale),
      raw: total.corrections,
      figure: 'CORRECTIONS',
    },
    {
      name: 'refusals',
      label: 'dash.tile.refusals',
      value: count(total.refusals, locale),
      raw: total.refusals,
      figure: 'REFUSED',
    },
    {
      name: 'deadLetters',
      label: 'dash.tile.deadLetters',
      value: count(total.deadLetters, locale),
      raw: total.deadLetters,
      note: t('dash.tile.deadLettersNote'),
      figure: 'DEAD_LETTERS',
      tone: total.deadLetters > 0 ? 'bad' : undefined,
    },
    {
      name: 'paymentsCollected',
      label: 'dash.tile.payments',
      value: `¥${Number(total.paymentsCollected).toLocaleString(locale, { minimumFractionDigits: 2 })}`,
      raw: total.paymentsCollected,
      note: t('dash.tile.paymentsNote'),
    },
    {
      name: 'averageRating',
      label: 'dash.tile.rating',
      value: fixed(total.averageRating, 2),
      raw: total.averageRating,
      note: t('dash.tile.ratingNote', { n: total.ratings }),
    },
    {
      name: 'followUpRate',
      label: 'dash.tile.followUp',
      value: pct(total.followUpRate, 0),
      raw: total.followUpRate,
      note: t('dash.tile.followUpNote', { closed: total.followUpsClosed, opened: total.followUpsOpened }),
    },
  ];
  return (
    <section aria-labelledby="tiles-title">
      <h2 id="tiles-title" className="visually-hidden">
        {t('dash.tiles')}
      </h2>
      <ul className="tiles">
        {tiles.map((tile) => {
          const body = (
            <>
              <span className="tile__label">{t(tile.label)}</span>
              <span className="tile__value">{tile.value}</span>
              {tile.note && <span className="tile__note">{tile.note}</span>}
            </>
          );
          return (
            <li key={tile.name} data-tile={tile.name} data-value={tile.raw ?? ''}>
              {tile.figure ? (
                <button
                  type="button"
                  className={`tile tile--button${tile.tone ? ` tile--${tile.tone}` : ''}`}
                  data-figure={tile.figure}
                  title={t('dash.tile.drill')}
                  onClick={() => tile.figure && onDrill(tile.figure)}
                >
                  {body}
                </button>
              ) : (
                <div className={`tile${tile.tone ? ` tile--${tile.tone}` : ''}`}>{body}</div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

const AXIS_LABEL = { color: '#535c66' };
/** Department names on a category axis: every one shown, a long one broken over two lines. */
const CATEGORY_LABEL = { ...AXIS_LABEL, interval: 0, width: 72, overflow: 'break' as const };
const NONE_TEXT = (text: string): ChartOption['graphic'] => ({
  type: 'text',
  left: 'center',
  top: 'middle',
  style: { text, fill: '#535c66', fontSize: 14 },
});

/** The trend of on-time completion: completed parts as bars, the on-time rate as a line (right axis). */
function Trend({
  points,
  period,
  interval,
  locale,
}: {
  points: DashboardQuery['performanceTrend'];
  period: Period;
  interval: 'DAY' | 'WEEK' | 'MONTH';
  locale: string;
}) {
  const { t } = useI18n();
  const starts = pointStarts(period, interval);
  const byStart = new Map(points.map((p) => [p.start, p]));
  const rows = starts.map(
    (s) => byStart.get(s) ?? { start: s, completed: 0, onTime: 0, overdue: 0, onTimeRate: null },
  );
  const labelOf = (s: string) => (interval === 'MONTH' ? s.slice(0, 7) : s.slice(5));
  const completed = rows.reduce((a, r) => a + r.completed, 0);
  const onTime = rows.reduce((a, r) => a + r.onTime, 0);
  const option: ChartOption = {
    grid: { left: 48, right: 56, top: 40, bottom: 32 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('dash.trend.completed'), t('dash.trend.rate')] },
    xAxis: {
      type: 'category',
      data: rows.map((r) => labelOf(r.start)),
      axisLabel: { ...AXIS_LABEL, hideOverlap: true },
    },
    yAxis: [
      { type: 'value', minInterval: 1, name: t('dash.col.count'), axisLabel: AXIS_LABEL },
      {
        type: 'value',
        min: 0,
        max: 100,
        axisLabel: { ...AXIS_LABEL, formatter: '{value}%' },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        type: 'bar',
        name: t('dash.trend.completed'),
        data: rows.map((r) => r.completed),
        itemStyle: { color: '#9cc3ea' },
        barMaxWidth: 28,
      },
      {
        type: 'line',
        name: t('dash.trend.rate'),
        yAxisIndex: 1,
        data: rows.map((r) => (r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10)),
        connectNulls: true,
        symbolSize: 7,
        itemStyle: { color: '#1e6b35' },
        lineStyle: { width: 2.5 },
        tooltip: { valueFormatter: (v) => (v === null || v === undefined ? '—' : `${v}%`) },
      },
    ],
    ...(completed === 0 ? { graphic: NONE_TEXT(t('dash.noData')) } : {}),
  };
  return (
    <>
      <Chart name="trend" option={option} label={t('dash.trend')} describedBy="trend-data" />
      <div id="trend-data" className="visually-hidden">
        <p>
          {t('dash.trend.summary', {
            n: rows.length,
            completed: count(completed, locale),
            onTime: count(onTime, locale),
          })}
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('dash.trend.start')}</th>
              <th scope="col">{t('dash.trend.completed')}</th>
              <th scope="col">{t('dash.trend.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {rows
              .filter((r) => r.completed > 0)
              .map((r) => (
                <tr key={r.start}>
                  <td>{r.start}</td>
                  <td>{r.completed}</td>
                  <td>{pct(r.onTimeRate)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Overdue parts per department as bars; a bar, or its button under the chart, lists its parts. */
function OverdueByDepartment({
  rows,
  departments,
  onDrill,
}: {
  rows: DashboardQuery['departments'];
  departments: readonly Department[];
  onDrill: (department: Department) => void;
}) {
  const { t } = useI18n();
  const name = useDepartmentName();
  const overdueOf = (d: Department) =>
    rows.find((r) => departmentNamed(r.key)?.enumValue === d)?.overdue ?? 0;
  const values = departments.map(overdueOf);
  const option: ChartOption = {
    grid: { left: 40, right: 16, top: 24, bottom: 32 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: departments.map(name), axisLabel: CATEGORY_LABEL },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
    series: [
      {
        type: 'bar',
        name: t('dash.tile.overdue'),
        data: values,
        itemStyle: { color: '#c0392b' },
        barMaxWidth: 48,
        cursor: 'pointer',
        label: { show: true, position: 'top', color: '#1b1f24' },
      },
    ],
    ...(values.every((v) => v === 0) ? { graphic: NONE_TEXT(t('dash.overdue.none')) } : {}),
  };
  return (
    <>
      <Chart
        name="overdue"
        option={option}
        label={t('dash.overdue')}
        describedBy="overdue-data"
        height={260}
        onClick={(e) => {
          const d = departments[e.dataIndex];
          if (e.componentType === 'series' && d) onDrill(d);
        }}
      />
      <p className="muted small">{t('dash.overdue.hint')}</p>
      <ul className="chips dashboard__bars" id="overdue-data">
        {departments.map((d, i) => (
          <li key={d}>
            <button
              type="button"
              className="button button--quiet"
              data-drill-department={d}
              onClick={() => onDrill(d)}
              aria-label={t('dash.overdue.drill', { department: name(d) })}
            >
              {name(d)}：{values[i]}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Good and bad ratings per department (and the window's own), stacked. */
function Ratings({
  rows,
  departments,
  withWindow,
}: {
  rows: DashboardQuery['departments'];
  departments: readonly Department[];
  withWindow: boolean;
}) {
  const { t } = useI18n();
  const name = useDepartmentName();
  const keys: string[] = [
    ...departments.map((d) => departmentNamed(d)?.key ?? d),
    ...(withWindow ? ['window'] : []),
  ];
  const of = (k: string) => rows.find((r) => r.key === k) ?? { ratings: 0, badRatings: 0 };
  const labels = keys.map((k) => (k === 'window' ? t('dash.window') : name(k)));
  const good = keys.map((k) => of(k).ratings - of(k).badRatings);
  const bad = keys.map((k) => of(k).badRatings);
  const all = keys.reduce((a, k) => a + of(k).ratings, 0);
  const allBad = bad.reduce((a, b) => a + b, 0);
  const option: ChartOption = {
    grid: { left: 40, right: 16, top: 40, bottom: 32 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: [t('dash.ratings.good'), t('dash.ratings.bad')] },
    xAxis: { type: 'category', data: labels, axisLabel: CATEGORY_LABEL },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
    series: [
      {
        type: 'bar',
        stack: 'ratings',
        name: t('dash.ratings.good'),
        data: good,
        itemStyle: { color: '#2e8b57' },
        barMaxWidth: 48,
      },
      {
        type: 'bar',
        stack: 'ratings',
        name: t('dash.ratings.bad'),
        data: bad,
        itemStyle: { color: '#e67e22' },
        barMaxWidth: 48,
      },
    ],
    ...(all === 0 ? { graphic: NONE_TEXT(t('dash.noData')) } : {}),
  };
  return (
    <>
      <Chart
        name="ratings"
        option={option}
        label={t('dash.ratings')}
        describedBy="ratings-data"
        height={260}
      />
      <div id="ratings-data">
        <p className="muted small">{t('dash.ratings.summary', { n: all, bad: allBad })}</p>
        <table className="visually-hidden">
          <thead>
            <tr>
              <th scope="col">{t('dash.department')}</th>
              <th scope="col">{t('dash.ratings.good')}</th>
              <th scope="col">{t('dash.ratings.bad')}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k, i) => (
              <tr key={k}>
                <td>{labels[i]}</td>
                <td>{good[i]}</td>
                <td>{bad[i]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The parts behind a figure (drill-down), the heading focused when asked for. */
function DrillDown({
  drill,
  filter,
  onClose,
}: {
  drill: Drill;
  filter: { from: string; to: string; department: Department | null };
  onClose: () => void;
}) {
  const { t, l } = useI18n();
  const name = useDepartmentName();
  const heading = useRef<HTMLHeadingElement>(null);
  const [{ data, error, fetching }] = useQuery({
    query: PERFORMANCE_PARTS,
    variables: {
      filter: { ...filter, department: drill.department ?? filter.department },
      figure: drill.figure,
    },
  });
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    heading.current?.scrollIntoView({ block: 'start' });
  }, []);
  const parts = data?.performanceParts ?? [];
  const figure = t(`dash.figure.${drill.figure}` as MessageKey);
  return (
    <section
      className="card dashboard__drill"
      aria-labelledby="drill-title"
      data-drill={`${drill.figure}/${drill.department ?? ''}`}
      aria-busy={fetching}
    >
      <div className="dashboard__drill-head">
        <h2 id="drill-title" tabIndex={-1} ref={heading}>
          {drill.department
            ? t('dash.drill.titleOf', {
                figure,
                department: name(drill.department),
                n: data ? parts.length : '…',
              })
            : t('dash.drill.title', { figure, n: data ? parts.length : '…' })}
        </h2>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('dash.drill.close')}
        </button>
      </div>
      {error && (
        <Notice kind="error">{t('common.loadFailed', { reason: operationErrorText(t, error) })}</Notice>
      )}
      {fetching && !data && <p aria-live="polite">{t('common.loading')}</p>}
      {data && parts.length === 0 && <p className="muted">{t('dash.drill.none')}</p>}
      {parts.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('dash.drill.application')}</th>
                <th scope="col">{t('dash.drill.item')}</th>
                <th scope="col">{t('dash.drill.department')}</th>
                <th scope="col">{t('dash.drill.status')}</th>
                <th scope="col">{t('dash.drill.deadline')}</th>
                <th scope="col">{t('dash.drill.case')}</th>
              </tr>
            </thead>
            <tbody>
              {parts.map((p) => (
                <tr key={p.id} data-part={p.id}>
                  <td>
                    <Link to={`/applications/${p.application.id}`}>{p.application.applicantName}</Link>
                  </td>
                  <td>{l(p.name)}</td>
                  <td>{name(p.department)}</td>
                  <td>
                    <StatusBadge status={p.status} />
                  </td>
                  <td>{p.deadline ?? '—'}</td>
                  <td>{p.caseNumber ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {parts.length >= 100 && <p className="muted small">{t('dash.drill.more')}</p>}
    </section>
  );
}

/** The rows of the chosen cut, as exported. */
function CutRows({
  rows,
  cut,
  nameOf,
  locale,
}: {
  rows: readonly PerformanceRow[];
  cut: PerformanceCut;
  nameOf: (r: PerformanceRow) => string;
  locale: string;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="cut-title">
      <h2 id="cut-title">{t('dash.rows', { cut: t(`dash.cut.${cut}` as MessageKey) })}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('dash.noData')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--numbers" data-cut={cut}>
            <thead>
              <tr>
                <th scope="col">{t('dash.name')}</th>
                <th scope="col">{t('dash.col.takenIn')}</th>
                <th scope="col">{t('dash.col.completed')}</th>
                <th scope="col">{t('dash.col.onTimeRate')}</th>
                <th scope="col">{t('dash.col.overdue')}</th>
                <th scope="col">{t('dash.col.days')}</th>
                <th scope="col">{t('dash.col.refusals')}</th>
                <th scope="col">{t('dash.col.rating')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-cut-row={r.key}>
                  <th scope="row">{nameOf(r)}</th>
                  <td>{count(r.partsTakenIn, locale)}</td>
                  <td>{count(r.partsCompleted, locale)}</td>
                  <td>{pct(r.onTimeRate)}</td>
                  <td>{count(r.overdue, locale)}</td>
                  <td>{fixed(r.averageWorkingDays, 1)}</td>
                  <td>{count(r.refusals, locale)}</td>
                  <td>{fixed(r.averageRating, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type OfficerRow = NonNullable<DashboardQuery['officers']>[number];
type OfficerColumn =
  | 'name'
  | 'partsTakenIn'
  | 'partsCompleted'
  | 'onTimeRate'
  | 'averageWorkingDays'
  | 'averageRating';

/** The window officers' figures, sorted by any column (a heading's button; again for the other way). */
function Officers({
  rows,
  nameOf,
  locale,
}: {
  rows: readonly OfficerRow[];
  nameOf: (r: OfficerRow) => string;
  locale: string;
}) {
  const { t } = useI18n();
  const [sort, setSort] = useState<{ by: OfficerColumn; up: boolean }>({ by: 'partsTakenIn', up: false });
  const columns: { key: OfficerColumn; label: MessageKey }[] = [
    { key: 'name', label: 'dash.name' },
    { key: 'partsTakenIn', label: 'dash.col.takenIn' },
    { key: 'partsCompleted', label: 'dash.col.completed' },
    { key: 'onTimeRate', label: 'dash.col.onTimeRate' },
    { key: 'averageWorkingDays', label: 'dash.col.days' },
    { key: 'averageRating', label: 'dash.col.rating' },
  ];
  const cell = (r: OfficerRow, c: OfficerColumn) => (c === 'name' ? nameOf(r) : r[c]);
  const sorted = [...rows].sort((a, b) => {
    const x = cell(a, sort.by);
    const y = cell(b, sort.by);
    // Nothing to show sorts last either way.
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === 'string' ? x.localeCompare(String(y), locale) : x - (y as number);
    return sort.up ? order : -order;
  });
  return (
    <section aria-labelledby="officers-title">
      <h2 id="officers-title">{t('dash.officers')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('dash.noData')}</p>
      ) : (
        <>
          <p className="muted small">{t('dash.officers.sortHint')}</p>
          <div className="table-wrap">
            <table className="table table--numbers" data-officers="">
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th
                      key={c.key}
                      scope="col"
                      aria-sort={sort.by === c.key ? (sort.up ? 'ascending' : 'descending') : undefined}
                    >
                      <button
                        type="button"
                        className="sort"
                        data-sort={c.key}
                        onClick={() =>
                          setSort((s) => ({ by: c.key, up: s.by === c.key ? !s.up : c.key === 'name' }))
                        }
                      >
                        {t(c.label)}
                        <span aria-hidden="true">{sort.by === c.key ? (sort.up ? ' ▲' : ' ▼') : ''}</span>
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sorted.map((r) => (
                  <tr key={r.key} data-officer={r.key}>
                    <th scope="row">{nameOf(r)}</th>
                    <td>{count(r.partsTakenIn, locale)}</td>
                    <td>{count(r.partsCompleted, locale)}</td>
                    <td>{pct(r.onTimeRate)}</td>
                    <td>{fixed(r.averageWorkingDays, 1)}</td>
                    <td>{fixed(r.averageRating, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

import type { Identity } from '@onething/runtime/identity';
import { subgraphError } from '@onething/subgraph-kit';
import type { PerformanceFilter } from './figures';

/** The longest period the figures are asked for at once, in days (three years). */
export const MAX_PERIOD_DAYS = 3 * 366;

/** The filter as a client gives it (GraphQL's PerformanceFilter). */
export interface FilterArg {
  readonly from: string;
  readonly to: string;
  readonly centre?: string | null;
  readonly department?: string | null;
  readonly itemCode?: string | null;
  readonly bundleCode?: string | null;
  readonly officer?: string | null;
}

const DAY = 86_400_000;
const day = (d: string) => Date.parse(`${d}T00:00:00Z`);

/**
 * The filter a caller may have answered, with their scope on it: a supervisor sees their centre's figures
 * (its applications and those of no centre yet, as they see its queue), a department's staff — its head
 * among them — their department's only; anyone else is refused. A period backwards or longer than three
 * years is refused naming both dates.
 */
export function scopedFilter(
  identity: Identity,
  arg: FilterArg,
  cut: 'TOTAL' | 'CENTRE' | 'DEPARTMENT' | 'ITEM' | 'BUNDLE' | 'OFFICER' = 'TOTAL',
): PerformanceFilter {
  const problems: { path: string; rule: string; message: { zh: string; en: string } }[] = [];
  const span = (day(arg.to) - day(arg.from)) / DAY;
  if (span < 0)
    problems.push({
      path: 'filter.to',
      rule: 'period.order',
      message: { zh: '结束日期不能早于开始日期', en: 'the last day comes before the first' },
    });
  if (span >= MAX_PERIOD_DAYS)
    problems.push({
      path: 'filter.from',
      rule: 'period.length',
      message: { zh: '统计期间最长三年', en: `a period is at most three years (${MAX_PERIOD_DAYS} days)` },
    });
  if (problems.length > 0)
    throw subgraphError(
      'INVALID_INPUT',
      'hall',
      problems.map((p) => `${p.path}: ${p.message.en}`).join('; '),
      {
        problems,
      },
    );
  const department = arg.department?.toLowerCase() ?? null;
  const filter: PerformanceFilter = {
    period: { from: arg.from, to: arg.to },
    centre: arg.centre ?? null,
    department,
    itemCode: arg.itemCode ?? null,
    bundleCode: arg.bundleCode ?? null,
    officer: arg.officer ?? null,
  };
  if (identity.role === 'supervisor') {
    if (identity.centre && arg.centre && arg.centre !== identity.centre)
      throw subgraphError(
        'FORBIDDEN',
        'hall',
        `a supervisor sees their own centre's figures (${identity.centre})`,
      );
    return { ...filter, within: identity.centre ?? null };
  }
  if (identity.role === 'department-staff') {
    if (department && !identity.departments.includes(department))
      throw subgraphError('FORBIDDEN', 'hall', `department staff see their own department's figures`);
    // The window officers are the centres' staff, not the department's to judge: no cut by officer, no
    // officer's figures (their names and records would reach every department).
    if (cut === 'OFFICER' || arg.officer)
      throw subgraphError(
        'FORBIDDEN',
        'hall',
        'the window officers’ figures are for the supervisors of their centre, not for department staff',
      );
    return { ...filter, departments: identity.departments };
  }
  throw subgraphError(
    'FORBIDDEN',
    'hall',
    identity.role === 'anonymous'
      ? 'sign in as a supervisor or as department staff'
      : 'the figures are for supervisors and department staff',
  );
}

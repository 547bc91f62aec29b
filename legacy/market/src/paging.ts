import { type FieldProblem, validationFailed } from './errors';

/** Largest page the system serves. */
export const MAX_PAGE_SIZE = 50;

/** A page of a list, as every list of the wire answers. */
export interface WirePage<T> {
  readonly items: readonly T[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

/** Reads `page` (from 1, default 1) and `pageSize` (1..50, default 20); refuses both at once when bad. */
export function readPaging(query: { page?: string; pageSize?: string }, problems: FieldProblem[] = []) {
  const page = query.page === undefined ? 1 : Number(query.page);
  const pageSize = query.pageSize === undefined ? 20 : Number(query.pageSize);
  if (!Number.isInteger(page) || page < 1)
    problems.push({ field: 'page', rule: 'min', reason: 'page 应为从1开始的整数' });
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
    problems.push({ field: 'pageSize', rule: 'max', reason: `pageSize 应为1至${MAX_PAGE_SIZE}的整数` });
  if (problems.length > 0) throw validationFailed(problems);
  return { page, pageSize };
}

/** Cuts one page out of a whole list. */
export function pageOf<T>(all: readonly T[], page: number, pageSize: number): WirePage<T> {
  return { items: all.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: all.length };
}

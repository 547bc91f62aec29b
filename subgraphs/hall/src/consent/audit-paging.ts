import { listLimit, subgraphError } from '@onething/subgraph-kit';

/** Records per page of an audit connection, at most: a page is something a person reads. */
export const MAX_PAGE = 100;
/** Records at most of the deprecated lists (`whoReadMyData`, `auditRecords`). */
export const MAX_LIST = 1_000;

const invalid = (path: string, rule: string, en: string, zh: string) =>
  subgraphError('INVALID_INPUT', 'hall', en, { problems: [{ path, rule, message: { zh, en } }] });

/** A whole number in [1, max], or LIMIT_OUT_OF_RANGE naming the argument and the range. */
export function countArg(name: string, value: number, max: number): number {
  // One answer for every list limit of the hall: LIMIT_OUT_OF_RANGE naming the argument and its range.
  return listLimit('hall', name, value, { max });
}

/** A cursor: `c1:<seq>`, the place of the edge in the trail. */
export const cursorOf = (seq: number): string => `c1:${seq}`;

/** The place a cursor names, or INVALID_INPUT when it is not one this trail gave. */
export function afterArg(after: string | null | undefined): number | undefined {
  if (after === null || after === undefined) return undefined;
  const m = /^c1:([1-9]\d{0,15})$/.exec(after);
  if (!m)
    throw invalid(
      'after',
      'cursor.malformed',
      `after: ${JSON.stringify(after.slice(0, 40))} is not a cursor; pass an edge's \`cursor\` or \`pageInfo.endCursor\``,
      'after 不是有效的游标：请传入 edge 的 cursor 或 pageInfo.endCursor',
    );
  return Number(m[1]);
}

/** An unknown reader id: one not listed in the trail's `readers`. */
export const unknownReader = (id: string) =>
  invalid(
    'filter.reader',
    'reader.unknown',
    `filter.reader: no reader ${JSON.stringify(id.slice(0, 40))} in this trail; take an id from \`readers\``,
    'filter.reader：该记录中没有这个查看者，请使用 readers 中的 id',
  );

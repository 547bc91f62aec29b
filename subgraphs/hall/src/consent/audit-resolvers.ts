import { type SubgraphContext, subgraphError } from '@onething/subgraph-kit';
import { applicantOf } from '../applicant';
import type { Resolvers } from '../generated/resolvers-types';
import { afterArg, countArg, cursorOf, MAX_LIST, MAX_PAGE, unknownReader } from './audit-paging';
import { type PurposeKind, purposeEnum, purposeOfEnum, purposeText } from './audit-purposes';
import { applicantOrdinals, type ReaderView, readerView, seqOfReaderId, type Viewer } from './audit-readers';
import type { AuditFilter, AuditRecord, AuditScope, AuditTrail } from './audit-trail';

type Ctx = SubgraphContext<unknown>;

interface Localized {
  readonly zh: string;
  readonly en: string;
}

/** What the audit resolvers need to name things: bundles by name, fields as each bundle's form labels them. */
export interface AuditNames {
  bundleName(code: string): Localized | undefined;
  fieldLabel(bundleCode: string, key: string): Localized | undefined;
}

interface FilterArg {
  readonly reader?: string | null;
  readonly purpose?: string | null;
  readonly subjectIdNumber?: string | null;
}

interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly filter?: FilterArg | null;
}

/** Whose trail the caller may read, and how they see readers; FORBIDDEN otherwise. */
function applicantScope(ctx: Ctx): { scope: AuditScope; viewer: Viewer } {
  const me = applicantOf(
    ctx,
    'only an applicant can do this, for themselves; staff read the trail with auditTrail',
  );
  return {
    scope: { idNumber: me.idNumber, enterprises: me.enterprises },
    viewer: { subject: me.subject, staff: false },
  };
}

function staffScope(ctx: Ctx, subjectIdNumber: string | undefined): { scope: AuditScope; viewer: Viewer } {
  const { role, departments, subject } = ctx.identity;
  if (role !== 'window-staff' && role !== 'department-staff')
    throw subgraphError(
      'FORBIDDEN',
      'hall',
      'the audit trail is for staff; applicants see theirs in readsOfMyData',
    );
  return {
    scope: { subjectIdNumber, departments: role === 'department-staff' ? departments : undefined },
    viewer: { subject, staff: true },
  };
}

/**
 * The audit trail's queries (数据调用留痕): an applicant's own reads (`readsOfMyData`, and the deprecated
 * `whoReadMyData`) and the staff's (`auditTrail`, `auditRecords`), paged by cursor, filtered by reader
 * and purpose, with reads counted per reader.
 */
export function auditResolvers({ audit, names }: { audit: AuditTrail; names: AuditNames }): Resolvers {
  /** Readers of a scope named as the viewer sees them; ordinals only for an applicant's view. */
  const namer = async (scope: AuditScope, viewer: Viewer, records: readonly AuditRecord[]) => {
    const actors = [...new Set(records.map((r) => r.actorSubject))];
    if (viewer.staff) {
      const first = await audit.firstSeqs(scope, actors);
      return (r: AuditRecord) => readerView({ ...r, firstSeq: first.get(r.actorSubject) ?? r.seq }, viewer);
    }
    // Every reader of an applicant's trail, to number the other applicants by their first read.
    const all = await audit.readers(scope, 10_000);
    const ordinals = applicantOrdinals(all, viewer);
    const known = new Map(all.map((x) => [x.actorSubject, x.firstSeq]));
    const missing = await audit.firstSeqs(
      scope,
      actors.filter((a) => !known.has(a)),
    );
    return (r: AuditRecord) =>
      readerView(
        { ...r, firstSeq: known.get(r.actorSubject) ?? missing.get(r.actorSubject) ?? r.seq },
        viewer,
        ordinals.get(r.actorSubject),
      );
  };

  const shape = (r: AuditRecord, reader: ReaderView, viewer: Viewer) => {
    const bundleName = r.bundleCode ? names.bundleName(r.bundleCode) : undefined;
    const text = purposeText(r.purpose, bundleName);
    return {
      id: r.id,
      at: r.at.toISOString(),
      // To an applicant, another's subject (their ID number) is never shown: the reader's id stands for it.
      actor: viewer.staff || reader.kind === 'YOU' ? r.actorSubject : reader.id,
      actorRole: r.actorRole,
      subjectIdNumber: r.subjectIdNumber,
      subjectUscc: r.subjectUscc,
      department: r.department.toUpperCase(),
      fields: r.fields,
      fieldLabels: r.fields.map(
        (k) => (r.bundleCode && names.fieldLabel(r.bundleCode, k)) || { zh: k, en: k },
      ),
      bundleCode: r.bundleCode,
      applicationId: r.applicationId,
      purpose: `${text.zh} / ${text.en}`,
      why: {
        kind: purposeEnum(r.purpose.kind),
        bundleCode: r.bundleCode,
        bundleName: bundleName ?? null,
        about: r.purpose.about,
        text,
      },
      reader,
      officer: r.officer,
      agent: r.agent,
    };
  };

  const list = async (scope: AuditScope, viewer: Viewer, limit: number) => {
    const { records } = await audit.page(scope, {}, countArg('limit', limit, MAX_LIST));
    const readerOf = await namer(scope, viewer, records);
    return records.map((r) => shape(r, readerOf(r), viewer));
  };

  const filterOf = async (scope: AuditScope, filter: FilterArg | null | undefined): Promise<AuditFilter> => {
    let actorSubject: string | undefined;
    if (filter?.reader != null) {
      const seq = seqOfReaderId(filter.reader);
      actorSubject = seq === undefined ? undefined : await audit.actorAt(scope, seq);
      if (actorSubject === undefined) throw unknownReader(filter.reader);
    }
    let purpose: PurposeKind | undefined;
    if (filter?.purpose != null) purpose = purposeOfEnum(filter.purpose);
    return { actorSubject, purpose };
  };

  const connection = async (scope: AuditScope, viewer: Viewer, args: PageArgs) => {
    const first = countArg('first', args.first ?? 20, MAX_PAGE);
    const beforeSeq = afterArg(args.after);
    const filter = await filterOf(scope, args.filter);
    const page = await audit.page(scope, { ...filter, beforeSeq }, first);
    const readerOf = await namer(scope, viewer, page.records);
    const edges = page.records.map((r) => ({ cursor: cursorOf(r.seq), node: shape(r, readerOf(r), viewer) }));
    return {
      totalCount: page.total,
      pageInfo: {
        hasNextPage: page.hasMore,
        hasPreviousPage: beforeSeq !== undefined,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      edges,
      // Only when asked for (graphql-js calls a function it finds here).
      readers: async () => {
        const readers = await audit.readers(scope, viewer.staff ? MAX_PAGE : 10_000);
        const ordinals = viewer.staff ? new Map<string, number>() : applicantOrdinals(readers, viewer);
        return readers.slice(0, MAX_PAGE).map((r) => ({
          reader: readerView(r, viewer, ordinals.get(r.actorSubject)),
          count: r.count,
          lastReadAt: r.lastAt.toISOString(),
        }));
      },
    };
  };

  return {
    Query: {
      whoReadMyData: async (_: unknown, { limit }: { limit: number }, ctx: Ctx) => {
        const { scope, viewer } = applicantScope(ctx);
        return list(scope, viewer, limit);
      },
      auditRecords: async (
        _: unknown,
        args: { subjectIdNumber?: string | null; limit: number },
        ctx: Ctx,
      ) => {
        const { scope, viewer } = staffScope(ctx, args.subjectIdNumber ?? undefined);
        return list(scope, viewer, args.limit);
      },
      readsOfMyData: async (_: unknown, args: PageArgs, ctx: Ctx) => {
        const { scope, viewer } = applicantScope(ctx);
        if (args.filter?.subjectIdNumber != null)
          throw subgraphError(
            'INVALID_INPUT',
            'hall',
            'filter.subjectIdNumber is for staff: your trail is your own and your enterprises’',
            {
              problems: [
                {
                  path: 'filter.subjectIdNumber',
                  rule: 'filter.staffOnly',
                  message: {
                    zh: '只有工作人员可以按身份证号查询',
                    en: 'filter.subjectIdNumber is for staff',
                  },
                },
              ],
            },
          );
        return connection(scope, viewer, args);
      },
      auditTrail: async (_: unknown, args: PageArgs, ctx: Ctx) => {
        const { scope, viewer } = staffScope(ctx, args.filter?.subjectIdNumber ?? undefined);
        return connection(scope, viewer, args);
      },
    },
  };
}

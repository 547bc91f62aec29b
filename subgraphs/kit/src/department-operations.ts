import type { CaseState, DepartmentAdapter } from '@onething/adapter-core';
import type { Department } from '@onething/schema';
import type { CaseOperation } from './access';
import type { Catalogue } from './catalogue';
import type { SubgraphContext } from './context';
import { subgraphError } from './errors';
import { caseInputProblems, fieldValues } from './field-values';
import { caseShape, documentShape, itemShape } from './shapes';

interface CaseInput {
  itemCode: string;
  idempotencyKey: string;
  applicantIdNumber: string;
  applicantName: string;
  fields: { key: string; value: string }[];
  materials?: { id: string; reference: string }[] | null;
}

type Ctx = SubgraphContext<unknown>;

/**
 * The operations every department has, on its adapter: its items (public), its cases by number and by
 * idempotency key, submission and correction. Named for the department (`taxItems`, `submitTaxCase`…).
 */
export function departmentOperations(of: Department, adapter: DepartmentAdapter, catalogue: Catalogue) {
  const { key: department, typePrefix: Type, fieldPrefix: field } = of;

  const itemOrProblem = async (code: string, path: string) => {
    const item = await catalogue.item(code);
    if (item) return item;
    const known = (await catalogue.list()).map((i) => i.code).join(', ');
    throw subgraphError('INVALID_INPUT', department, `the ${department} department has no item ${code}`, {
      problems: [
        {
          path,
          rule: 'item.unknown',
          message: {
            zh: `${department} 部门没有事项 ${code}；可选：${known}`,
            en: `no item ${code} at ${department}; known: ${known}`,
          },
        },
      ],
    });
  };

  /** A case the department answered, once it is known to be this caller's to see (see Access.caseOf). */
  const shown = (state: CaseState | null, ctx: Ctx, what: CaseOperation = 'read') => {
    if (!state) return null;
    ctx.access.caseOf(state.applicantIdNumber, what);
    return caseShape(state);
  };

  const invalid = (problems: ReturnType<typeof fieldValues>['problems']) =>
    subgraphError(
      'INVALID_INPUT',
      department,
      `${problems.length} invalid value(s): ${problems.map((p) => p.message.en).join('; ')}`,
      { problems },
    );

  return {
    Query: {
      [`${field}Items`]: async () => (await catalogue.list()).map(itemShape),
      [`${field}Item`]: async (_: unknown, { code }: { code: string }) => {
        const item = await catalogue.item(code);
        return item ? itemShape(item) : null;
      },
      [`${field}Case`]: async (_: unknown, { caseNumber }: { caseNumber: string }, ctx: Ctx) => {
        ctx.access.cases();
        return shown(await adapter.getCase(caseNumber), ctx);
      },
      [`${field}CaseByKey`]: async (
        _: unknown,
        args: { itemCode: string; idempotencyKey: string },
        ctx: Ctx,
      ) => {
        ctx.access.cases();
        return shown(await adapter.findCase(args.itemCode, args.idempotencyKey), ctx);
      },
    },
    Mutation: {
      [`submit${Type}Case`]: async (_: unknown, { input }: { input: CaseInput }, ctx: Ctx) => {
        ctx.access.submitFor(input.applicantIdNumber);
        const item = await itemOrProblem(input.itemCode, 'input.itemCode');
        const { values, problems } = fieldValues(item, input.fields, 'input.fields');
        problems.push(...caseInputProblems(input));
        if (problems.length > 0) throw invalid(problems);
        const state = await adapter.submitCase({
          itemCode: input.itemCode,
          idempotencyKey: input.idempotencyKey,
          applicant: { idNumber: input.applicantIdNumber, name: input.applicantName },
          fields: values,
          materials: input.materials ?? [],
        });
        // A department may answer a reference it already has with the case made under it (the registry's
        // adapter looks one up before submitting): another applicant's case is refused, not shown.
        return shown(state, ctx, 'submit')!;
      },
      [`correct${Type}Case`]: async (
        _: unknown,
        args: { caseNumber: string; idempotencyKey: string; fields: { key: string; value: string }[] },
        ctx: Ctx,
      ) => {
        ctx.access.correct();
        const current = await adapter.getCase(args.caseNumber);
        if (!current)
          throw subgraphError(
            'NOT_FOUND',
            department,
            `the ${department} department has no case ${args.caseNumber}`,
          );
        ctx.access.caseOf(current.applicantIdNumber, 'correct');
        const item = await itemOrProblem(current.itemCode, 'caseNumber');
        const { values, problems } = fieldValues(item, args.fields);
        if (problems.length > 0) throw invalid(problems);
        return shown(
          await adapter.correctCase(args.caseNumber, values, args.idempotencyKey),
          ctx,
          'correct',
        )!;
      },
    },
    [`${Type}Item`]: {
      __resolveReference: async ({ code }: { code: string }) => {
        const item = await catalogue.item(code);
        return item ? itemShape(item) : null;
      },
    },
    [`${Type}Case`]: {
      __resolveReference: async ({ caseNumber }: { caseNumber: string }, ctx: Ctx) => {
        ctx.access.cases();
        return shown(await adapter.getCase(caseNumber), ctx);
      },
      // Only when selected, and only for an approved case: a status read never fetches files. The case
      // reached here through shown(), so the caller may see it.
      documents: async ({ caseNumber, status }: { caseNumber: string; status: string }) => {
        if (status !== 'APPROVED') return [];
        return ((await adapter.getDocuments(caseNumber)) ?? []).map(documentShape);
      },
    },
  };
}

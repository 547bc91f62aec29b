import { Problems, RegistryFault } from '../soap';
import { applicationXml } from '../wire-cases';
import { requiredText } from './params';
import type { Operation } from './types';

/** QueryApplication: a case by its number; BDC-3003 when the registry has none. */
export const queryApplication: Operation = (request, { ctx, keys }) => {
  const problems = new Problems();
  const caseNumber = requiredText(request, 'CaseNumber', problems, { max: 64 });
  problems.throwIfAny();
  keys.push(caseNumber);
  const record = ctx.cases.get(caseNumber);
  if (!record) throw new RegistryFault('BDC-3003', `业务件不存在：${caseNumber}`);
  return applicationXml(ctx.cases.view(record));
};

/**
 * QueryApplicationsByReference: every case submitted under an external reference, oldest first — none,
 * one, or several (the registry does not deduplicate submissions).
 */
export const queryApplicationsByReference: Operation = (request, { ctx, keys }) => {
  const problems = new Problems();
  const ref = requiredText(request, 'ExternalReference', problems);
  problems.throwIfAny();
  const records = ctx.cases.findByRef(ref);
  keys.push(...records.map((r) => r.caseNumber));
  return records.map((r) => applicationXml(ctx.cases.view(r))).join('');
};

import { CaseError } from '@onething/legacy-kit';
import { readForm } from '../form';
import { Problems, RegistryFault } from '../soap';
import { applicationXml } from '../wire-cases';
import { bdcChild, requiredText } from './params';
import type { Operation } from './types';

/**
 * SubmitCorrection (补正): the corrected fields of a case waiting for a correction; review starts again.
 * BDC-3003 for an unknown case, BDC-3004 when it is not waiting for one, BDC-1002 for bad fields.
 */
export const submitCorrection: Operation = (request, { ctx, catalogue, keys }) => {
  const problems = new Problems();
  const caseNumber = requiredText(request, 'CaseNumber', problems, { max: 64 });
  problems.throwIfAny();
  keys.push(caseNumber);
  const record = ctx.cases.get(caseNumber);
  if (!record) throw new RegistryFault('BDC-3003', `业务件不存在：${caseNumber}`);
  const status = ctx.cases.view(record).status;
  if (status !== 'correction_requested') {
    throw new RegistryFault('BDC-3004', `业务件${caseNumber}不处于需补正状态，不接受补正`);
  }
  const entry = catalogue.get(record.itemCode);
  if (!entry) throw new Error(`case ${caseNumber} has the unknown item ${record.itemCode}`);
  const fields = readForm(bdcChild(request, 'Form'), entry, 'correction', problems);
  problems.throwIfAny();
  try {
    return applicationXml(ctx.cases.view(ctx.cases.correct(caseNumber, fields)));
  } catch (e) {
    if (e instanceof CaseError) throw new RegistryFault('BDC-3004', e.message);
    throw e;
  }
};

import { Problems, RegistryFault } from '../soap';
import { certificateXml } from '../wire-certificates';
import { requiredText } from './params';
import type { Operation } from './types';

/**
 * GetCertificates: the certificates an approved case issued (电子证照), each signed with its file;
 * BDC-3003 when the registry has no such case, BDC-3005 when it is not approved (nothing issued yet).
 */
export const getCertificates: Operation = async (request, { ctx, keys }) => {
  const problems = new Problems();
  const caseNumber = requiredText(request, 'CaseNumber', problems, { max: 64 });
  problems.throwIfAny();
  keys.push(caseNumber);
  const docs = await ctx.documents.ofCase(caseNumber);
  if (docs === 'no-case') throw new RegistryFault('BDC-3003', `业务件不存在：${caseNumber}`);
  if (docs === 'not-issued') throw new RegistryFault('BDC-3005', `业务件未办结，尚未缮证：${caseNumber}`);
  return docs.map((d) => certificateXml(d, ctx.documents)).join('');
};

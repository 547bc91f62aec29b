import { childrenOf, el } from '@onething/runtime/xml';
import { validateResidentId } from '@onething/schema';
import { BDC_NS } from '../codes';
import { readForm } from '../form';
import { Problems, RegistryFault } from '../soap';
import { wireInstant } from '../wire-format';
import { bdcChild, requiredText } from './params';
import type { Operation } from './types';

/** Length of an external reference (外部编号), the caller's own number of the application. */
export const EXTERNAL_REFERENCE_LENGTH = { min: 8, max: 128 } as const;

/**
 * SubmitApplication: checks the application at once, as the registry's window does (unknown item →
 * BDC-3001; every missing or malformed parameter → one BDC-1002; unit not in the book → BDC-2001), then
 * accepts it as a new case. Never deduplicated: the same ExternalReference twice makes two cases.
 */
export const submitApplication: Operation = (request, { ctx, catalogue, records, keys }) => {
  const problems = new Problems();
  const itemCode = requiredText(request, 'ItemCode', problems);
  const entry = itemCode ? catalogue.get(itemCode) : undefined;
  if (itemCode && !entry) throw new RegistryFault('BDC-3001', `未知的登记事项：${itemCode}`);
  const ref = requiredText(request, 'ExternalReference', problems, EXTERNAL_REFERENCE_LENGTH);

  const applicant = bdcChild(request, 'Applicant');
  if (!applicant) problems.add('Applicant', 'required', 'Applicant为必填项');
  const idNumber = applicant ? requiredText(applicant, 'IdNumber', problems) : '';
  const name = applicant ? requiredText(applicant, 'Name', problems, { max: 50 }) : '';
  const id = validateResidentId(idNumber);
  if (idNumber && !id.ok) {
    problems.add('Applicant/IdNumber', id.problems[0]!.rule, id.problems.map((p) => p.message.zh).join('；'));
  }

  const fields = entry ? readForm(bdcChild(request, 'Form'), entry, 'submission', problems) : {};
  const applicantId = id.ok ? id.value : idNumber;
  if (fields['applicant.idNumber'] !== undefined && fields['applicant.idNumber'] !== applicantId) {
    problems.add('ApplicantIdNumber', 'mismatch', '表单中的申请人身份证号码与Applicant不一致');
  }
  if (fields['applicant.name'] !== undefined && fields['applicant.name'] !== name) {
    problems.add('ApplicantName', 'mismatch', '表单中的申请人姓名与Applicant不一致');
  }

  const materials: string[] = [];
  const materialsEl = bdcChild(request, 'Materials');
  for (const [i, m] of (materialsEl ? childrenOf(materialsEl, 'Material', BDC_NS) : []).entries()) {
    const mid = m.attrs['id'] ?? '';
    if (entry && !entry.item.materials.some((spec) => spec.id === mid)) {
      problems.add(`Material[${i + 1}]`, 'unknown', `事项${itemCode}不收取材料“${mid}”`);
    } else if (!m.attrs['ref']) {
      problems.add(`Material[${i + 1}]`, 'required', `材料${mid}缺少ref（材料存放编号）`);
    } else materials.push(mid);
  }
  problems.throwIfAny();

  const unitCode = String(fields['property.unitCode'] ?? '');
  keys.push(unitCode);
  if (!records.unit(unitCode)) {
    throw new RegistryFault('BDC-2001', `不动产单元未登记：${unitCode}`);
  }
  const record = ctx.cases.submit({ itemCode, requestRef: ref, applicantId, fields, materials });
  keys.push(record.caseNumber);
  return [
    el('bdc:CaseNumber', record.caseNumber),
    el('bdc:Status', 'YISHOULI'),
    el('bdc:AcceptedTime', wireInstant(record.submittedAt)),
  ].join('');
};

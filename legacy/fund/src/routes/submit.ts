import { validateResidentId } from '@onething/schema';
import type { FastifyInstance } from 'fastify';
import { FUND_CODES, invalidParams, missingParams, type ParamError, Refusal } from '../codes';
import { readForm } from '../form';
import { contentFingerprint } from '../idempotency';
import { admissionRefusal } from '../rules';
import { registerService } from '../service';
import { type FundRouteContext, SERIAL, wireCase } from './context';

/** Materials one submission may list at most. */
const MAX_MATERIALS = 50;

/** Reads `cl`, the materials handed in: a JSON array of `{clbm, wjid}` (材料编码, 文件标识). */
function readMaterials(raw: string | undefined, errors: ParamError[]): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    errors.push({ zd: 'cl', yy: '应为JSON数组' });
    return [];
  }
  if (!Array.isArray(list) || list.length > MAX_MATERIALS) {
    errors.push({ zd: 'cl', yy: `应为不超过${MAX_MATERIALS}项的JSON数组` });
    return [];
  }
  const ids: string[] = [];
  list.forEach((m: unknown, i) => {
    const { clbm, wjid } = (m ?? {}) as { clbm?: unknown; wjid?: unknown };
    const ok = (v: unknown, max: number) => typeof v === 'string' && v.length > 0 && v.length <= max;
    if (ok(clbm, 64) && ok(wjid, 256)) ids.push(clbm as string);
    else errors.push({ zd: 'cl', yy: `第${i + 1}项应为{clbm, wjid}，均为非空字符串` });
  });
  return ids;
}

/**
 * 业务受理 `ywsl`: checks a submission at once as the fund's window would (item, parameters, form,
 * admission rules) and accepts it as a case, decided later on the clock. The request serial number
 * makes it idempotent: the same serial and content answer the same case, other content E3005.
 */
export function registerSubmitService(app: FastifyInstance, f: FundRouteContext): void {
  const { ctx, state } = f;
  const isOpen = (caseNumber: string) => {
    const record = ctx.cases.get(caseNumber);
    const status = record ? ctx.cases.view(record).status : 'rejected';
    return status !== 'approved' && status !== 'rejected';
  };

  registerService(app, f.auth, 'ywsl', (p, req) => {
    const missing = ['qqlsh', 'sxbm', 'sqrzjhm', 'sqrxm'].filter((n) => !p[n]?.trim());
    if (missing.length > 0) throw missingParams(missing);
    const qqlsh = p.qqlsh!;
    if (!SERIAL.test(qqlsh)) throw invalidParams([{ zd: 'qqlsh', yy: '应为8至128位可见字符，不含空格' }]);
    req.logged?.keys.push(qqlsh);

    const fingerprint = contentFingerprint(p);
    const earlier = f.submissions.get(qqlsh);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        throw new Refusal('E3005', `${FUND_CODES.E3005}：${qqlsh}已受理为${earlier.caseNumber}`);
      }
      req.logged?.keys.push(earlier.caseNumber);
      return wireCase(f, ctx.cases.get(earlier.caseNumber)!);
    }

    const item = f.items.get(p.sxbm!);
    if (!item) throw new Refusal('E3001', `${FUND_CODES.E3001}：${p.sxbm}`);
    const errors: ParamError[] = [];
    const applicant = validateResidentId(p.sqrzjhm!);
    if (!applicant.ok) {
      errors.push({ zd: 'sqrzjhm', yy: applicant.problems.map((x) => x.message.zh).join('；') });
    }
    if (p.sqrxm!.trim().length > 50) errors.push({ zd: 'sqrxm', yy: '长度不得超过50' });
    const form = readForm(item, p);
    errors.push(...form.errors);
    const applicantId = applicant.ok ? applicant.value : p.sqrzjhm!;
    const formId = form.values['applicant.idNumber'];
    if (applicant.ok && typeof formId === 'string' && formId !== applicantId) {
      errors.push({ zd: 'bd_zjhm', yy: '与申请人证件号码sqrzjhm不一致' });
    }
    const materials = readMaterials(p.cl, errors);
    if (errors.length > 0) throw invalidParams(errors);

    const refusal = admissionRefusal(item.code, form.values, state, isOpen);
    if (refusal) throw new Refusal('E3002', `${FUND_CODES.E3002}：${refusal}`);

    const record = ctx.cases.submit({
      itemCode: item.code,
      requestRef: qqlsh,
      applicantId,
      fields: form.values,
      materials,
    });
    f.submissions.record(qqlsh, fingerprint, record.caseNumber);
    if (item.code === 'FUND-EMPLOYER-OPEN')
      state.openings.set(String(form.values['enterprise.uscc']), record.caseNumber);
    req.logged?.keys.push(applicantId, record.caseNumber);
    return wireCase(f, record);
  });
}

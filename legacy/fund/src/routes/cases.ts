import { CaseError } from '@onething/legacy-kit';
import type { FastifyInstance } from 'fastify';
import { FUND_CODES, invalidParams, missingParams, Refusal } from '../codes';
import { WIRE_CODES } from '../dictionary';
import { FORM_PREFIX, readForm } from '../form';
import { contentFingerprint } from '../idempotency';
import { registerService } from '../service';
import { type FundRouteContext, SERIAL, wireCase } from './context';

/**
 * 业务查询 `ywcx` (a case by its number, or the cases of a request serial number) and 补正受理 `bzsl`
 * (the applicant's correction while one is requested).
 */
export function registerCaseServices(app: FastifyInstance, f: FundRouteContext): void {
  const { ctx } = f;

  const caseOf = (slbh: string) => {
    const record = ctx.cases.get(slbh);
    if (!record) throw new Refusal('E3003', `${FUND_CODES.E3003}：${slbh}`);
    return record;
  };

  registerService(app, f.auth, 'ywcx', (p, req) => {
    if (p.slbh && p.qqlsh)
      throw invalidParams([{ zd: 'qqlsh', yy: '受理编号slbh与请求流水号qqlsh只能按其一查询' }]);
    if (p.slbh) {
      req.logged?.keys.push(p.slbh);
      return wireCase(f, caseOf(p.slbh));
    }
    if (!p.qqlsh) {
      throw new Refusal('E1005', `${FUND_CODES.E1005}：slbh或qqlsh`, {
        cwxx: [{ zd: 'slbh', yy: '受理编号slbh与请求流水号qqlsh须提供其一' }],
      });
    }
    req.logged?.keys.push(p.qqlsh);
    const records = ctx.cases.findByRef(p.qqlsh).filter((r) => !p.sxbm || r.itemCode === p.sxbm);
    return { list: records.map((r) => wireCase(f, r)) };
  });

  registerService(app, f.auth, 'bzsl', (p, req) => {
    if (!p.slbh) throw missingParams(['slbh']);
    req.logged?.keys.push(p.slbh);
    const record = caseOf(p.slbh);
    const serial = p.qqlsh;
    if (serial !== undefined && !SERIAL.test(serial)) {
      throw invalidParams([{ zd: 'qqlsh', yy: '应为8至128位可见字符，不含空格' }]);
    }
    const fingerprint = contentFingerprint(p);
    const earlier = serial ? f.corrections.get(`${p.slbh}\u0000${serial}`) : undefined;
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) throw new Refusal('E3005');
      return wireCase(f, record);
    }
    const view = ctx.cases.view(record);
    if (view.status !== 'correction_requested') {
      throw new Refusal(
        'E3004',
        `${FUND_CODES.E3004}：${p.slbh}当前状态为${view.status === 'approved' ? '已办结' : view.status === 'rejected' ? '不予受理' : '办理中'}`,
      );
    }
    const item = f.items.get(record.itemCode)!;
    const form = readForm(item, p, true);
    for (const key of view.decision?.correctionFields ?? []) {
      const name = `${FORM_PREFIX}${WIRE_CODES[key] ?? key}`;
      if (!(key in form.values) && !form.errors.some((e) => e.zd === name)) {
        form.errors.push({ zd: name, yy: '需补正的字段未提供' });
      }
    }
    if (form.errors.length > 0) throw invalidParams(form.errors);
    try {
      ctx.cases.correct(p.slbh, form.values);
    } catch (e) {
      if (e instanceof CaseError) throw new Refusal('E3004');
      throw e;
    }
    if (serial) f.corrections.record(`${p.slbh}\u0000${serial}`, fingerprint, p.slbh);
    return wireCase(f, record);
  });
}

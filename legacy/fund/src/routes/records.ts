import { validateResidentId, validateUnitCode, validateUscc } from '@onething/schema';
import type { FastifyInstance } from 'fastify';
import { invalidParams, missingParams, type ParamError, Refusal } from '../codes';
import { registerService } from '../service';
import { accountToWire, employerToWire, loanToWire } from '../wire-records';
import type { FundRouteContext } from './context';

/** Keys one query may ask for at most (每次最多30条). */
export const MAX_KEYS_PER_QUERY = 30;

type Validator = (
  key: string,
) => { ok: true; value: string } | { ok: false; problems: readonly { message: { zh: string } }[] };

/** Reads a comma list of 1–30 keys, every bad one reported at once; duplicates are read once. */
function keyList(params: Readonly<Record<string, string>>, name: string, validate: Validator): string[] {
  const keys = (params[name] ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (keys.length === 0) throw missingParams([name]);
  const errors: ParamError[] = [];
  if (keys.length > MAX_KEYS_PER_QUERY) {
    errors.push({ zd: name, yy: `每次最多查询${MAX_KEYS_PER_QUERY}个，收到${keys.length}个` });
  }
  const valid: string[] = [];
  keys.forEach((key, i) => {
    const v = validate(key);
    if (v.ok) valid.push(v.value);
    else
      errors.push({
        zd: name,
        yy: `第${i + 1}个“${key}”：${v.problems.map((p) => p.message.zh).join('；')}`,
      });
  });
  if (errors.length > 0) throw invalidParams(errors);
  return [...new Set(valid)];
}

/** The record services: personal accounts (grzhcx), employer accounts (dwzhcx) and loans (dkcx). */
export function registerRecordServices(app: FastifyInstance, f: FundRouteContext): void {
  registerService(app, f.auth, 'grzhcx', (p, req) => {
    const ids = keyList(p, 'zjhm', (k) => validateResidentId(k));
    req.logged?.keys.push(...ids);
    return {
      list: ids.flatMap((id) => (f.state.accounts.has(id) ? [accountToWire(f.state.accounts.get(id)!)] : [])),
    };
  });

  registerService(app, f.auth, 'dwzhcx', (p, req) => {
    const usccs = keyList(p, 'tyshxydm', validateUscc);
    req.logged?.keys.push(...usccs);
    return {
      list: usccs.flatMap((u) => {
        const e = f.state.employerOf(u);
        return e ? [employerToWire(e)] : [];
      }),
    };
  });

  registerService(app, f.auth, 'dkcx', (p, req) => {
    if (p.bdcdyh && p.zjhm) {
      throw invalidParams([{ zd: 'zjhm', yy: '不动产单元号bdcdyh与证件号码zjhm只能按其一查询' }]);
    }
    if (!p.bdcdyh && !p.zjhm) {
      throw new Refusal('E1005', '缺少必要参数：bdcdyh或zjhm', {
        cwxx: [{ zd: 'bdcdyh', yy: '不动产单元号bdcdyh与证件号码zjhm须提供其一' }],
      });
    }
    const byUnit = Boolean(p.bdcdyh);
    const keys = byUnit
      ? keyList(p, 'bdcdyh', validateUnitCode)
      : keyList(p, 'zjhm', (k) => validateResidentId(k));
    req.logged?.keys.push(...keys);
    return {
      list: keys.flatMap((k) => (byUnit ? f.state.loansOnUnit(k) : f.state.loansOf(k)).map(loanToWire)),
    };
  });
}

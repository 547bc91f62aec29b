import { childrenOf, el } from '@onething/runtime/xml';
import { validateResidentId, validateUnitCode } from '@onething/schema';
import { BDC_NS, MAX_UNITS_PER_QUERY } from '../codes';
import { Problems, RegistryFault } from '../soap';
import { unitXml } from '../wire-units';
import type { Operation } from './types';

/** QueryUnits: 1–20 unit codes → the registered ones; unknown codes are simply absent. */
export const queryUnits: Operation = (request, { records, keys }) => {
  const codes = childrenOf(request, 'UnitCode', BDC_NS).map((c) => c.text);
  if (codes.length > MAX_UNITS_PER_QUERY) {
    throw new RegistryFault(
      'BDC-1003',
      `一次查询的不动产单元号不得超过${MAX_UNITS_PER_QUERY}个，收到${codes.length}个`,
    );
  }
  const problems = new Problems();
  if (codes.length === 0) problems.add('UnitCode', 'required', '至少需要一个不动产单元号');
  const normalised = codes.map((code, i) => {
    const v = validateUnitCode(code);
    if (v.ok) return v.value;
    problems.add(`UnitCode[${i + 1}]`, v.problems[0]!.rule, v.problems.map((p) => p.message.zh).join('；'));
    return code;
  });
  problems.throwIfAny();
  const unique = [...new Set(normalised)];
  keys.push(...unique);
  return unique
    .map((code) => records.unit(code))
    .filter((u) => u !== undefined)
    .map(unitXml)
    .join('');
};

/** QueryUnitsByOwner: one ID number → the unit codes the person owns (alone or jointly). */
export const queryUnitsByOwner: Operation = (request, { records, keys }) => {
  const ids = childrenOf(request, 'IdNumber', BDC_NS).map((c) => c.text);
  const problems = new Problems();
  if (ids.length !== 1) problems.add('IdNumber', 'count', `应有且只有一个IdNumber，收到${ids.length}个`);
  const v = validateResidentId(ids[0] ?? '');
  if (ids.length === 1 && !v.ok) {
    problems.add('IdNumber', v.problems[0]!.rule, v.problems.map((p) => p.message.zh).join('；'));
  }
  problems.throwIfAny();
  const id = v.ok ? v.value : '';
  keys.push(id);
  return records
    .unitsOwnedBy(id)
    .map((code) => el('bdc:UnitCode', code))
    .join('');
};

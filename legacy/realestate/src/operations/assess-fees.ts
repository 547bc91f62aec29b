import { PLACES } from '@onething/legacy-kit';
import { childrenOf, el } from '@onething/runtime/xml';
import { type CatalogueField, type CatalogueItem, wireCodeOf } from '../catalogue';
import { BDC_NS } from '../codes';
import { MAX_CERTIFICATES, type RegistryFeeLine, registryFees } from '../fees/registration-fees';
import { readForm } from '../form';
import { Problems, RegistryFault } from '../soap';
import { wireMoney } from '../wire-format';
import { bdcChild } from './params';
import type { Operation } from './types';

/** Items one assessment takes at most. */
const MAX_ITEMS = 20;

/** The registry office of a unit's county, whose fee account is paid. */
function payeeOf(unitCode: string): { zh: string; en: string } {
  const place = PLACES.find((p) => p.divisionCode === unitCode.slice(0, 6));
  return {
    zh: place ? `${place.city}${place.county}不动产登记中心` : '不动产登记机构',
    en: 'the real-estate registration office (its fee account)',
  };
}

/** The fields of several items as one form to read (a code is the same field in every item). */
function merged(entries: readonly CatalogueItem[]): CatalogueItem {
  const byCode = new Map<string, CatalogueField>();
  for (const e of entries) for (const f of e.fields) if (!byCode.has(f.code)) byCode.set(f.code, f);
  return { item: entries[0]!.item, fields: [...byCode.values()], byCode };
}

const feeXml = (l: RegistryFeeLine, payee: { zh: string; en: string }) =>
  el('bdc:Fee', [
    el('bdc:ItemCode', l.itemCode),
    el('bdc:FeeCode', l.feeCode),
    el('bdc:Name', [el('bdc:Zh', l.name.zh), el('bdc:En', l.name.en)]),
    el('bdc:Payee', [el('bdc:Zh', payee.zh), el('bdc:En', payee.en)]),
    el('bdc:Quantity', String(l.quantity)),
    el('bdc:UnitYuan', wireMoney(l.unitFen)),
    el('bdc:AmountYuan', wireMoney(l.amountFen)),
    el('bdc:Rule', [el('bdc:Zh', l.rule.zh), el('bdc:En', l.rule.en), el('bdc:Citation', l.rule.citation)]),
  ]);

/**
 * AssessFees: what the registry charges for items given the form so far (a read: no case is made). A
 * transfer is assessed on the unit's use as the register records it, so it needs `PropertyUnitCode`
 * (BDC-2001 when the unit is not registered).
 */
export const assessFees: Operation = (request, { catalogue, records, keys }) => {
  const problems = new Problems();
  const codes = [...new Set(childrenOf(request, 'ItemCode', BDC_NS).map((c) => c.text))];
  if (codes.length === 0) problems.add('ItemCode', 'required', '至少需要一个事项编码');
  if (codes.length > MAX_ITEMS) problems.add('ItemCode', 'count', `事项编码不得超过${MAX_ITEMS}个`);
  const unknown = codes.filter((c) => !catalogue.get(c));
  if (unknown.length > 0) throw new RegistryFault('BDC-3001', `未知的登记事项：${unknown.join('、')}`);
  const entries = codes.map((c) => catalogue.get(c)!);
  const fields =
    entries.length > 0 ? readForm(bdcChild(request, 'Form'), merged(entries), 'assessment', problems) : {};
  const transfer = codes.includes('RE-TRANSFER');
  const unitCode = typeof fields['property.unitCode'] === 'string' ? fields['property.unitCode'] : '';
  if (transfer && !unitCode && !problems.list.some((p) => p.field === wireCodeOf('property.unitCode')))
    problems.add(wireCodeOf('property.unitCode'), 'required', '核定转移登记费需要不动产单元号');
  // The catalogue bounds the count (1 to MAX_CERTIFICATES); a catalogue that did not would be caught here.
  const count = fields['property.certificateCount'];
  if (count !== undefined && (typeof count !== 'number' || count < 1 || count > MAX_CERTIFICATES))
    problems.add(
      wireCodeOf('property.certificateCount'),
      typeof count === 'number' && count > MAX_CERTIFICATES ? 'max' : 'min',
      `证书本数应为1至${MAX_CERTIFICATES}本`,
    );
  problems.throwIfAny();

  keys.push(...codes);
  const unit = unitCode ? records.unit(unitCode) : undefined;
  if (unitCode) keys.push(unitCode);
  if (transfer && !unit) throw new RegistryFault('BDC-2001', `不动产单元未登记：${unitCode}`);
  const payee = payeeOf(unitCode);
  const lines = codes.flatMap((itemCode) =>
    registryFees({ itemCode, use: unit?.use, certificates: typeof count === 'number' ? count : undefined }),
  );
  return [
    ...lines.map((l) => feeXml(l, payee)),
    el('bdc:TotalYuan', wireMoney(lines.reduce((s, l) => s + l.amountFen, 0))),
  ].join('');
};

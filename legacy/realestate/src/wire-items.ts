import type { Bilingual } from '@onething/legacy-kit';
import { el, optionalEl } from '@onething/runtime/xml';
import { type CatalogueItem, wireCodeOf, wireEnum } from './catalogue';
import { wireDecimal, wireMoney } from './wire-format';

const bilingual = (qname: string, b: Bilingual) => el(qname, [el('bdc:Zh', b.zh), el('bdc:En', b.en)]);
const bool = (v: boolean) => (v ? 'true' : 'false');

/** A rule bound in the field's own unit: yuan for money, the number itself otherwise. */
function bound(type: string, value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  return type === 'money' ? wireMoney(value) : Number.isInteger(value) ? String(value) : wireDecimal(value);
}

/** One item of the catalogue (办事指南) in the registry's wire form: every element of its implementation list. */
export function itemXml({ item, fields }: CatalogueItem): string {
  const r = item.result;
  return el('bdc:Item', [
    el('bdc:ItemCode', item.code),
    bilingual('bdc:Name', item.name),
    el('bdc:ItemType', wireEnum(item.type)),
    el(
      'bdc:LegalBasis',
      item.legalBasis.map((b) => el('bdc:Basis', b)),
    ),
    el('bdc:LegalLimitDays', String(item.legalLimitDays)),
    el('bdc:PromisedLimitDays', String(item.promisedLimitDays)),
    el(
      'bdc:AcceptanceConditions',
      item.acceptanceConditions.map((c) => bilingual('bdc:Condition', c)),
    ),
    el('bdc:FeeYuan', wireMoney(item.feeFen)),
    el('bdc:Visits', String(item.visits)),
    el(
      'bdc:Fields',
      fields.map((f) =>
        el(
          'bdc:Field',
          [
            bilingual('bdc:Label', f.label),
            el('bdc:Type', wireEnum(f.type)),
            el('bdc:Required', bool(f.required)),
            el('bdc:Editable', bool(f.editable)),
            f.hint ? bilingual('bdc:Hint', f.hint) : '',
            optionalEl('bdc:MinLength', f.minLength?.toString()),
            optionalEl('bdc:MaxLength', f.maxLength?.toString()),
            optionalEl('bdc:Pattern', f.pattern),
            optionalEl('bdc:Min', bound(f.type, f.min)),
            optionalEl('bdc:Max', bound(f.type, f.max)),
            f.options
              ? el(
                  'bdc:Options',
                  f.options.map((o) =>
                    el('bdc:Option', [el('bdc:Value', o.value), bilingual('bdc:Label', o.label)]),
                  ),
                )
              : '',
          ],
          { code: f.code, key: f.key },
        ),
      ),
    ),
    el(
      'bdc:Materials',
      item.materials.map((m) =>
        el(
          'bdc:Material',
          [
            bilingual('bdc:Name', m.name),
            el('bdc:Required', bool(m.required)),
            el('bdc:Original', bool(m.original)),
            el('bdc:Copies', String(m.copies)),
            el(
              'bdc:HeldBy',
              (m.heldBy ?? []).map((d) => el('bdc:Department', d)),
            ),
            el(
              'bdc:Formats',
              (m.formats ?? []).map((f) => el('bdc:Format', f)),
            ),
          ],
          { id: m.id },
        ),
      ),
    ),
    el('bdc:Result', [
      bilingual('bdc:Name', r.name),
      el('bdc:Kind', wireEnum(r.kind)),
      el(
        'bdc:Documents',
        r.materials.map((id) => el('bdc:Document', undefined, { code: wireCodeOf(id), materialId: id })),
      ),
      el(
        'bdc:Values',
        r.values.map((key) => el('bdc:Value', undefined, { code: wireCodeOf(key), key })),
      ),
    ]),
  ]);
}

/** The items an applicant may apply for, in catalogue order. */
export function catalogueXml(items: readonly CatalogueItem[]): string {
  return items.map(itemXml).join('');
}

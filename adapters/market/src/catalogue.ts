import type { FieldSpec, FieldType, ItemSpec, ItemType } from '@onething/adapter-core';
import { yuanToFenExact } from './codec';
import type { WireFormField, WireItem } from './records';

const FIELD_TYPES: Record<WireFormField['dataType'], FieldType> = {
  TEXT: 'text',
  ID_NUMBER: 'idNumber',
  USCC: 'uscc',
  UNIT_CODE: 'unitCode',
  MONEY: 'money',
  DATE: 'date',
  PHONE: 'phone',
  INTEGER: 'integer',
  DECIMAL: 'decimal',
  ENUM: 'enum',
  BOOLEAN: 'boolean',
  BANK_ACCOUNT: 'bankAccount',
  FUND_ACCOUNT: 'fundAccount',
};

const ITEM_TYPES: Record<WireItem['itemType'], ItemType> = {
  ADMINISTRATIVE_LICENCE: 'administrative-licence',
  ADMINISTRATIVE_CONFIRMATION: 'administrative-confirmation',
  ADMINISTRATIVE_LEVY: 'administrative-levy',
  PUBLIC_SERVICE: 'public-service',
  OTHER_POWER: 'other-power',
};

function toField(f: WireFormField): FieldSpec {
  // Bounds of money fields are yuan on the wire, fen in the domain.
  const bound = (n: number | undefined) =>
    n === undefined ? undefined : f.dataType === 'MONEY' ? yuanToFenExact(n) : n;
  const min = bound(f.rules.min);
  const max = bound(f.rules.max);
  return {
    key: f.semanticKey,
    label: f.label,
    type: FIELD_TYPES[f.dataType],
    required: f.required,
    editable: f.editable,
    ...(f.hint ? { hint: f.hint } : {}),
    ...(f.rules.minLength !== undefined ? { minLength: f.rules.minLength } : {}),
    ...(f.rules.maxLength !== undefined ? { maxLength: f.rules.maxLength } : {}),
    ...(f.rules.pattern !== undefined ? { pattern: f.rules.pattern } : {}),
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    ...(f.options.length > 0 ? { options: f.options } : {}),
  };
}

/** An item of the wire's catalogue in domain terms. */
export function toItemSpec(w: WireItem): ItemSpec {
  return {
    department: 'market',
    code: w.itemCode,
    name: w.name,
    type: ITEM_TYPES[w.itemType],
    legalBasis: w.legalBasis,
    legalLimitDays: w.legalTimeLimitDays,
    promisedLimitDays: w.promisedTimeLimitDays,
    acceptanceConditions: w.acceptanceConditions,
    feeFen: yuanToFenExact(w.fee),
    visits: w.visitsRequired,
    fields: w.formFields.map(toField),
    materials: w.materials.map((m) => ({
      id: m.materialId,
      name: m.name,
      required: m.required,
      original: m.originalRequired,
      copies: m.copies,
      heldBy: m.heldBy,
      formats: m.acceptedFormats,
    })),
    result: {
      name: w.result.name,
      kind: w.result.kind.toLowerCase(),
      materials: w.result.documents,
      values: w.result.values.map((v) => v.semanticKey),
    },
  };
}

/**
 * The department's catalogue, kept for `ttlMs`: it tells the adapter each field's wire code and type,
 * which is how submissions are encoded. Concurrent askers share one fetch; when a refresh fails, the
 * last catalogue is used rather than failing submissions over a read of reference data.
 */
export class Catalogue {
  private cached: { at: number; items: readonly WireItem[] } | undefined;
  private inflight: Promise<readonly WireItem[]> | undefined;

  constructor(
    private readonly fetchAll: () => Promise<WireItem[]>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<readonly WireItem[]> {
    const cached = this.cached;
    if (cached && this.now() - cached.at < this.ttlMs) return cached.items;
    this.inflight ??= this.fetchAll()
      .then(
        (items) => {
          this.cached = { at: this.now(), items };
          return items;
        },
        (err: unknown) => {
          if (this.cached) return this.cached.items;
          throw err;
        },
      )
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }
}

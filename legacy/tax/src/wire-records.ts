import type { DeedTaxRecord } from '@onething/legacy-kit';
import type { TaxpayerRecord } from './state';
import { wireTimeOf } from './time';

/** A taxpayer on the wire of `taxpayers/batch-query`. */
export interface WireTaxpayer {
  readonly taxpayer_id: string;
  readonly taxpayer_name: string;
  /** `1` natural person, `2` enterprise. */
  readonly taxpayer_kind: '1' | '2';
  /** `03` normal, `05` abnormal (非正常户), `09` cancelled (注销). */
  readonly status_code: '03' | '05' | '09';
  /** `1` general, `2` small-scale; null for natural persons. */
  readonly taxpayer_type: '1' | '2' | null;
  readonly tax_authority: string;
  readonly registered_date: string;
  readonly arrears_fen: number;
  readonly updated_time: string;
}

/** A deed tax record on the wire of `deed-tax/batch-query`. */
export interface WireDeedTax {
  readonly record_no: string;
  readonly unit_code: string;
  readonly payer_id_number: string;
  readonly taxable_amount_fen: number;
  /** Per mille: 15 is 1.5 %. */
  readonly rate_permille: number;
  readonly tax_amount_fen: number;
  readonly paid_date: string;
  readonly updated_time: string;
}

const STATUS = { normal: '03', abnormal: '05', cancelled: '09' } as const;
const TYPE = { general: '1', 'small-scale': '2' } as const;

/** A taxpayer record in wire terms (codes for kind, status and type; Beijing time). */
export function taxpayerToWire(t: TaxpayerRecord): WireTaxpayer {
  return {
    taxpayer_id: t.taxpayerId,
    taxpayer_name: t.name,
    taxpayer_kind: t.kind === 'natural-person' ? '1' : '2',
    status_code: STATUS[t.status],
    taxpayer_type: t.taxpayerType ? TYPE[t.taxpayerType] : null,
    tax_authority: t.authority,
    registered_date: t.registeredOn,
    arrears_fen: t.arrearsFen,
    updated_time: wireTimeOf(t.updatedAt),
  };
}

/** A deed tax record in wire terms (rate per mille; Beijing time). */
export function deedTaxToWire(d: DeedTaxRecord): WireDeedTax {
  return {
    record_no: d.recordNumber,
    unit_code: d.unitCode,
    payer_id_number: d.payerIdNumber,
    taxable_amount_fen: d.taxableAmountFen,
    rate_permille: d.rateBp / 10,
    tax_amount_fen: d.amountFen,
    paid_date: d.paidOn,
    updated_time: wireTimeOf(d.updatedAt),
  };
}

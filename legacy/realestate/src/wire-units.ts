import { el } from '@onething/runtime/xml';
import type { RegisteredUnit } from './state';
import { wireDate, wireDecimal, wireInstant, wireMoney } from './wire-format';

/** Uses of a unit as the registry's book names them (房屋用途). */
export const WIRE_USE = { residential: '住宅', commercial: '商业' } as const;

/** A unit as QueryUnits answers it: areas in m² and money in yuan with two decimals, dates `yyyyMMdd`. */
export function unitXml(unit: RegisteredUnit): string {
  return el('bdc:Unit', [
    el('bdc:UnitCode', unit.unitCode),
    el('bdc:CertificateNumber', unit.certificateNumber),
    el('bdc:Address', unit.address),
    el('bdc:AreaM2', wireDecimal(unit.areaM2)),
    el('bdc:Use', WIRE_USE[unit.use]),
    el(
      'bdc:Owners',
      unit.ownerIdNumbers.map((id) => el('bdc:Owner', [el('bdc:IdNumber', id)])),
    ),
    el('bdc:RegisteredDate', wireDate(unit.registeredOn)),
    el(
      'bdc:Mortgages',
      unit.mortgages.map((m) =>
        el('bdc:Mortgage', [
          el('bdc:Mortgagee', m.mortgagee),
          el('bdc:AmountYuan', wireMoney(m.amountFen)),
          el('bdc:RegisteredDate', wireDate(m.registeredOn)),
          el('bdc:EndDate', wireDate(m.endsOn)),
        ]),
      ),
    ),
    el('bdc:Seized', unit.seized ? 'true' : 'false'),
    el('bdc:LastModified', wireInstant(unit.updatedAt)),
  ]);
}

import type { RegisteredEnterprise } from './registry';
import { beijingInstant } from './time';

/** An enterprise on the market wire (市场主体基本信息). */
export interface WireEnterprise {
  readonly uscc: string;
  readonly name: string;
  readonly entityType: 'COMPANY' | 'INDIVIDUAL';
  readonly legalRepresentative: { readonly idNumber: string; readonly name: string };
  /** In 万元 (ten thousand yuan), as registration declares capital. */
  readonly registeredCapital: number;
  readonly establishedDate: string;
  readonly address: string;
  readonly businessScope: string;
  /** 存续 or 注销. */
  readonly status: 'EXISTING' | 'DEREGISTERED';
  readonly lastModified: string;
}

/** Renders a registry record on the wire: capital in 万元, instants in Beijing time. */
export function wireEnterprise(e: RegisteredEnterprise): WireEnterprise {
  return {
    uscc: e.uscc,
    name: e.name,
    entityType: e.kind === 'company' ? 'COMPANY' : 'INDIVIDUAL',
    legalRepresentative: { idNumber: e.legalRepIdNumber, name: e.legalRepName },
    registeredCapital: e.registeredCapitalFen / 1_000_000,
    establishedDate: e.establishedOn,
    address: e.address,
    businessScope: e.businessScope,
    status: e.status === 'active' ? 'EXISTING' : 'DEREGISTERED',
    lastModified: beijingInstant(e.updatedAt),
  };
}

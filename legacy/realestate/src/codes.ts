import type { CaseStatus } from '@onething/legacy-kit';

/** Namespace of the SOAP 1.1 envelope. */
export const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** Namespace of the registry's messages (prefix `bdc`). */
export const BDC_NS = 'http://bdc.gov.cn/registry/v1';
/** Prefix of the SOAPAction of every operation: `"urn:bdc:registry:<Operation>"`. */
export const SOAP_ACTION_PREFIX = 'urn:bdc:registry:';
/** Path of the one endpoint. */
export const SERVICE_PATH = '/services/RegistryService';

/** The operations of the registry service, as named in their SOAPAction and body element. */
export const OPERATIONS = [
  'QueryUnits',
  'QueryUnitsByOwner',
  'ListItems',
  'SubmitApplication',
  'QueryApplication',
  'QueryApplicationsByReference',
  'SubmitCorrection',
  'AssessFees',
  'GetCertificates',
] as const;
export type OperationName = (typeof OPERATIONS)[number];

/** Most unit codes one QueryUnits takes. */
export const MAX_UNITS_PER_QUERY = 20;

/**
 * The registry's error codes (错误代码), each with the SOAP faultcode it travels under: `Client` for the
 * caller's mistakes, `Server` for the registry's own failures.
 */
export const BDC_ERRORS = {
  'BDC-1000': { side: 'Client', text: '报文格式错误：不是合法的XML或SOAP 1.1信封' },
  'BDC-1001': { side: 'Client', text: 'SOAPAction缺失或无法识别' },
  'BDC-1002': { side: 'Client', text: '请求参数无效' },
  'BDC-1003': { side: 'Client', text: `一次查询的不动产单元号不得超过${MAX_UNITS_PER_QUERY}个` },
  'BDC-2001': { side: 'Client', text: '不动产单元未登记' },
  'BDC-3001': { side: 'Client', text: '未知的登记事项' },
  'BDC-3003': { side: 'Client', text: '业务件不存在' },
  'BDC-3004': { side: 'Client', text: '业务件不处于需补正状态' },
  'BDC-3005': { side: 'Client', text: '业务件未办结，尚未缮证' },
  'BDC-9999': { side: 'Server', text: '系统繁忙，请稍后再试' },
} as const satisfies Record<string, { side: 'Client' | 'Server'; text: string }>;
export type BdcCode = keyof typeof BDC_ERRORS;

/** Case statuses as the registry names them (业务状态). */
export const WIRE_STATUS: Readonly<Record<CaseStatus, string>> = {
  accepted: 'YISHOULI', // 已受理
  in_review: 'SHENHEZHONG', // 审核中
  approved: 'YIDENGBU', // 已登簿
  rejected: 'BUYUDENGJI', // 不予登记
  correction_requested: 'XUBUZHENG', // 需补正
};

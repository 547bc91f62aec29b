import { AdapterError, type AdapterErrorDetails, type WireResponse } from '@onething/adapter-core';
import { childOf, childrenOf, el, parseXml, type XmlElement } from '@onething/runtime/xml';

/** Namespace of the SOAP 1.1 envelope. */
export const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** Namespace of the registry's messages. */
export const BDC_NS = 'http://bdc.gov.cn/registry/v1';
/** The registry's one endpoint. */
export const SERVICE_PATH = '/services/RegistryService';

/** The registry's operations the adapter calls. */
export type RegistryOperation =
  | 'QueryUnits'
  | 'QueryUnitsByOwner'
  | 'ListItems'
  | 'SubmitApplication'
  | 'QueryApplication'
  | 'QueryApplicationsByReference'
  | 'SubmitCorrection'
  | 'AssessFees'
  | 'GetCertificates';

/** Headers and envelope of one request, naming the calling system in `soap:Header`. */
export function soapRequest(
  op: RegistryOperation,
  content: readonly string[],
  caller: string,
): { headers: Record<string, string>; body: string } {
  return {
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"urn:bdc:registry:${op}"` },
    body:
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_NS}" xmlns:bdc="${BDC_NS}">` +
      `<soap:Header>${el('bdc:Caller', caller)}</soap:Header>` +
      `<soap:Body>${el(`bdc:${op}`, content)}</soap:Body></soap:Envelope>`,
  };
}

/** How the caller names the fields a Fault's problems point at (form codes → semantic keys). */
export type ProblemPath = (wireField: string) => string;

/** SOAP 1.1 faultcodes that say the request was at fault. */
const CALLER_FAULTS = new Set(['Client', 'VersionMismatch', 'MustUnderstand']);

function faultError(department: string, op: string, fault: XmlElement, status: number, pathOf: ProblemPath) {
  const faultcode = childOf(fault, 'faultcode')?.text ?? '';
  const side = faultcode.slice(faultcode.indexOf(':') + 1);
  const faultstring = childOf(fault, 'faultstring')?.text ?? '';
  const detail = childOf(fault, 'detail');
  const code = detail ? childOf(detail, 'ErrorCode', BDC_NS)?.text : undefined;
  const problems = (
    detail ? childrenOf(childOf(detail, 'Problems', BDC_NS) ?? detail, 'Problem', BDC_NS) : []
  ).map((p) => {
    const path = pathOf(p.attrs['field'] ?? '');
    const rule = p.attrs['rule'] ?? 'refused';
    return { path, rule, message: { zh: p.text, en: `The registry refused ${path} (${rule})` } };
  });
  const details: AdapterErrorDetails = {
    httpStatus: status,
    ...(code ? { departmentCode: code } : {}),
    ...(faultstring ? { departmentMessage: faultstring } : {}),
    ...(problems.length > 0 ? { problems } : {}),
  };
  const message = `${code ?? faultcode} ${faultstring}`;
  if (CALLER_FAULTS.has(side))
    return new AdapterError('DEPARTMENT_REJECTED', department, op, message, details);
  if (side === 'Server') return new AdapterError('DEPARTMENT_UNAVAILABLE', department, op, message, details);
  throw new Error(`a Fault with the unknown faultcode "${faultcode}"`);
}

/**
 * Reads the registry's answer to `op`: the `<bdc:{op}Response>` element, or the Fault as a typed error —
 * soap:Client (the registry's refusal) → DEPARTMENT_REJECTED with its BDC code, soap:Server →
 * DEPARTMENT_UNAVAILABLE. Anything else (not XML, hostile XML, not an envelope, another element) throws
 * a plain error, which the client reports as MALFORMED_RESPONSE.
 */
export function readAnswer(
  department: string,
  op: RegistryOperation,
  res: WireResponse,
  pathOf: ProblemPath = (f) => f,
): XmlElement {
  const root = parseXml(res.body.toString('utf8'));
  if (root.name !== 'Envelope' || root.ns !== SOAP_NS)
    throw new Error('the answer is not a SOAP 1.1 envelope');
  const body = childOf(root, 'Body', SOAP_NS);
  const answer = body?.children[0];
  if (!body || !answer || body.children.length > 1) throw new Error('soap:Body should hold one element');
  if (answer.name === 'Fault' && answer.ns === SOAP_NS)
    throw faultError(department, op, answer, res.status, pathOf);
  if (res.status !== 200) throw new Error(`HTTP ${res.status} without a SOAP Fault`);
  if (answer.name !== `${op}Response` || answer.ns !== BDC_NS) {
    throw new Error(`expected <bdc:${op}Response>, got <${answer.name}> in ${answer.ns ?? 'no namespace'}`);
  }
  return answer;
}

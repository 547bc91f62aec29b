import { childOf, el, parseXml, type XmlElement, XmlError } from '@onething/runtime/xml';
import { BDC_ERRORS, BDC_NS, type BdcCode, OPERATIONS, type OperationName, SOAP_NS } from './codes';

/** One problem of a request, as listed in a BDC-1002 fault (一次告知: all at once). */
export interface FaultProblem {
  /** The wire name of what is wrong: an element, a form field code, or `Element[index]`. */
  readonly field: string;
  /** A stable rule name, e.g. `required`, `format`, `GB11643.checkCharacter`. */
  readonly rule: string;
  /** What is wrong, in Chinese, as the registry says it. */
  readonly message: string;
}

/** A SOAP Fault the registry answers with; thrown by operations, rendered by the route. */
export class RegistryFault extends Error {
  override readonly name = 'RegistryFault';
  constructor(
    readonly code: BdcCode,
    message: string = BDC_ERRORS[code].text,
    readonly problems: readonly FaultProblem[] = [],
  ) {
    super(message);
  }

  get side(): 'Client' | 'Server' {
    return BDC_ERRORS[this.code].side;
  }
}

/** Collects the problems of a request so they are refused together with one BDC-1002. */
export class Problems {
  readonly list: FaultProblem[] = [];

  add(field: string, rule: string, message: string): void {
    this.list.push({ field, rule, message });
  }

  /** Throws BDC-1002 naming every problem, when there is any. */
  throwIfAny(): void {
    if (this.list.length === 0) return;
    throw new RegistryFault(
      'BDC-1002',
      `${BDC_ERRORS['BDC-1002'].text}：共${this.list.length}项问题（${this.list.map((p) => p.field).join('、')}）`,
      this.list,
    );
  }
}

const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>';

/** A SOAP 1.1 envelope around body markup. */
export function envelope(body: string): string {
  return `${XML_DECL}<soap:Envelope xmlns:soap="${SOAP_NS}" xmlns:bdc="${BDC_NS}"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

/** The SOAP 1.1 Fault envelope of a fault. */
export function faultEnvelope(fault: RegistryFault): string {
  const problems =
    fault.problems.length === 0
      ? []
      : [
          el(
            'bdc:Problems',
            fault.problems.map((p) => el('bdc:Problem', p.message, { field: p.field, rule: p.rule })),
          ),
        ];
  return envelope(
    el('soap:Fault', [
      el('faultcode', `soap:${fault.side}`),
      el('faultstring', fault.message, { 'xml:lang': 'zh-CN' }),
      el('detail', [el('bdc:ErrorCode', fault.code), ...problems]),
    ]),
  );
}

/** A request as the registry reads it from its envelope. */
export interface SoapRequest {
  /** The calling system named in `soap:Header/bdc:Caller`. */
  readonly caller: string | undefined;
  /** The operation element, the first child of `soap:Body`. */
  readonly operation: XmlElement;
}

/** Reads a SOAP 1.1 request envelope; anything else is refused with BDC-1000. */
export function readEnvelope(xml: string): SoapRequest {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) throw new RegistryFault('BDC-1000', `报文格式错误：${e.message}`);
    throw e;
  }
  if (root.name !== 'Envelope' || root.ns !== SOAP_NS) {
    throw new RegistryFault(
      'BDC-1000',
      `报文格式错误：根元素应为命名空间 ${SOAP_NS} 的 Envelope（SOAP 1.1），收到 ${root.name}（${root.ns ?? '无命名空间'}）`,
    );
  }
  const body = childOf(root, 'Body', SOAP_NS);
  const operation = body?.children[0];
  if (!body || !operation || body.children.length > 1) {
    throw new RegistryFault('BDC-1000', '报文格式错误：soap:Body 中应有且只有一个操作元素');
  }
  const header = childOf(root, 'Header', SOAP_NS);
  const caller = header ? childOf(header, 'Caller', BDC_NS)?.text || undefined : undefined;
  return { caller, operation };
}

/**
 * The operation a SOAPAction header names: `"urn:bdc:registry:QueryUnits"` (quoted, as SOAP 1.1 sends
 * it; unquoted is tolerated). Undefined when missing or not one of the registry's.
 */
export function operationOfAction(header: string | string[] | undefined): OperationName | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim().replace(/^"(.*)"$/, '$1');
  const m = /^urn:bdc:registry:([A-Za-z]+)$/.exec(value ?? '');
  return OPERATIONS.find((op) => op === m?.[1]);
}

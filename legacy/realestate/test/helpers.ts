import { type StandIn, StandInAdmin } from '@onething/legacy-kit';
import { createLogger } from '@onething/runtime';
import { childOf, childrenOf, parseXml, type XmlElement } from '@onething/runtime/xml';
import { BDC_NS, SERVICE_PATH, SOAP_NS } from '../src/codes';
import { createRealestateStandIn } from '../src/server';
import { realestateSettings } from '../src/settings';

/** A registry stand-in for tests: port 0, 2,000 persons, a stopped clock, no base latency. */
export async function startRegistry(): Promise<{ standIn: StandIn; admin: StandInAdmin }> {
  const config = realestateSettings.load({
    HOST: '127.0.0.1',
    PORT: '0',
    ADMIN_PORT: '0',
    SEED_PERSONS: '2000',
    CLOCK_SPEED: '0',
    BASE_LATENCY_MS: '0',
    BASE_JITTER_MS: '0',
    LOG_LEVEL: 'silent',
  });
  const standIn = createRealestateStandIn(config, createLogger('legacy-realestate-test', 'silent'));
  await standIn.listen();
  return { standIn, admin: new StandInAdmin(standIn.adminUrl) };
}

/** A SOAP 1.1 request envelope around operation markup, with a Caller header. */
export function requestEnvelope(body: string, caller = 'test-suite'): string {
  return `<?xml version="1.0" encoding="utf-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_NS}" xmlns:reg="${BDC_NS}"><soapenv:Header><reg:Caller>${caller}</reg:Caller></soapenv:Header><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

/** What the registry answered: HTTP status, raw text, and the Body's first element (answer or Fault). */
export interface SoapAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  readonly body: XmlElement;
}

/** Posts raw text to the service with the given headers. */
export async function postRaw(
  url: string,
  text: string,
  headers: Record<string, string>,
): Promise<SoapAnswer> {
  const res = await fetch(`${url}${SERVICE_PATH}`, { method: 'POST', headers, body: text });
  const answer = await res.text();
  const env = parseXml(answer);
  const body = childOf(env, 'Body', SOAP_NS)!.children[0]!;
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: answer, body };
}

/** Calls an operation the way a SOAP 1.1 client does. */
export function call(url: string, op: string, inner: string, caller?: string): Promise<SoapAnswer> {
  return postRaw(url, requestEnvelope(`<reg:${op}>${inner}</reg:${op}>`, caller), {
    'content-type': 'text/xml; charset=utf-8',
    soapaction: `"urn:bdc:registry:${op}"`,
  });
}

/** The fault's code and message, or undefined when the answer is not a Fault. */
export function faultOf(answer: SoapAnswer) {
  if (answer.body.name !== 'Fault') return undefined;
  const detail = childOf(answer.body, 'detail');
  return {
    faultcode: childOf(answer.body, 'faultcode')!.text,
    faultstring: childOf(answer.body, 'faultstring')!.text,
    code: detail ? childOf(detail, 'ErrorCode', BDC_NS)?.text : undefined,
    problems: detail
      ? childrenOf(childOf(detail, 'Problems', BDC_NS) ?? answer.body, 'Problem', BDC_NS).map((p) => ({
          field: p.attrs['field'],
          rule: p.attrs['rule'],
          message: p.text,
        }))
      : [],
  };
}

/** The text of a descendant found by a path of local names. */
export function textAt(el: XmlElement, ...path: string[]): string | undefined {
  let at: XmlElement | undefined = el;
  for (const name of path) at = at ? childOf(at, name) : undefined;
  return at?.text;
}

/** Markup of repeated `<reg:name>` elements, escaped by the caller where needed. */
export const many = (name: string, values: readonly string[]) =>
  values.map((v) => `<reg:${name}>${v}</reg:${name}>`).join('');

/** The markup of a SubmitApplication's content. */
export function applicationXml(a: {
  ref: string;
  itemCode: string;
  applicant: { idNumber: string; name: string };
  fields: Record<string, string>;
  materials?: Record<string, string>;
}): string {
  const fields = Object.entries(a.fields)
    .map(([code, v]) => `<reg:Field code="${code}">${v}</reg:Field>`)
    .join('');
  const materials = Object.entries(a.materials ?? {})
    .map(([id, ref]) => `<reg:Material id="${id}" ref="${ref}"/>`)
    .join('');
  return `<reg:ExternalReference>${a.ref}</reg:ExternalReference><reg:ItemCode>${a.itemCode}</reg:ItemCode><reg:Applicant><reg:IdNumber>${a.applicant.idNumber}</reg:IdNumber><reg:Name>${a.applicant.name}</reg:Name></reg:Applicant><reg:Form>${fields}</reg:Form><reg:Materials>${materials}</reg:Materials>`;
}

import type { StandIn, StandInAdmin } from '@onething/legacy-kit';
import { childOf, childrenOf, parseXml } from '@onething/runtime/xml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BDC_NS, SERVICE_PATH, SOAP_NS } from '../src/codes';
import { population } from './fixtures';
import { call, faultOf, many, postRaw, requestEnvelope, startRegistry } from './helpers';

const XML = { 'content-type': 'text/xml; charset=utf-8' };
const action = (op: string) => ({ ...XML, soapaction: `"urn:bdc:registry:${op}"` });
const units = (n: number) => population.properties.slice(0, n).map((p) => p.unitCode);

describe('the registry’s SOAP 1.1 protocol', () => {
  let s: StandIn;
  let admin: StandInAdmin;
  beforeAll(async () => ({ standIn: s, admin } = await startRegistry()));
  afterAll(() => s.close());
  beforeEach(() => admin.reset());

  it('counts each request under the operation its SOAPAction names, and records the caller', async () => {
    await call(s.url, 'QueryUnits', many('UnitCode', units(2)), 'hall-42');
    await call(s.url, 'ListItems', '', 'hall-42');
    await call(s.url, 'ListItems', '');
    expect((await admin.counts()).byOp).toEqual({ QueryUnits: 1, ListItems: 2 });
    const log = await admin.requestLog();
    expect(log.map((e) => [e.op, e.caller])).toEqual([
      ['QueryUnits', 'hall-42'],
      ['ListItems', 'hall-42'],
      ['ListItems', 'test-suite'],
    ]);
    expect(log[0]!.keys).toEqual(units(2));
  });

  it('answers in a SOAP 1.1 envelope, text/xml in UTF-8', async () => {
    const a = await call(s.url, 'QueryUnits', many('UnitCode', units(1)));
    expect(a.status).toBe(200);
    expect(a.contentType).toBe('text/xml; charset=utf-8');
    expect(a.body).toMatchObject({ name: 'QueryUnitsResponse', ns: BDC_NS });
  });

  describe('Faults for the caller’s mistakes (soap:Client, HTTP 500)', () => {
    it.each([
      ['malformed XML', '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'],
      ['a bare ampersand', requestEnvelope('<reg:ListItems>R&D</reg:ListItems>')],
      ['an undefined entity', requestEnvelope('<reg:ListItems>&nbsp;</reg:ListItems>')],
      ['a document that is not an envelope', '<QueryUnits/>'],
      [
        'a SOAP 1.2 envelope',
        '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><b:ListItems xmlns:b="http://bdc.gov.cn/registry/v1"/></env:Body></env:Envelope>',
      ],
      ['an envelope with an empty body', `<s:Envelope xmlns:s="${SOAP_NS}"><s:Body/></s:Envelope>`],
      [
        'a GBK-declared document',
        `<?xml version="1.0" encoding="GBK"?>${requestEnvelope('<reg:ListItems/>').slice(38)}`,
      ],
    ])('BDC-1000 for %s', async (_what, text) => {
      const a = await postRaw(s.url, text, action('ListItems'));
      expect(a.status).toBe(500);
      expect(faultOf(a)).toMatchObject({ faultcode: 'soap:Client', code: 'BDC-1000' });
    });

    it('BDC-1000 for a DOCTYPE with an external entity (XXE), without reading the file', async () => {
      const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${requestEnvelope('<reg:QueryUnitsByOwner><reg:IdNumber>&x;</reg:IdNumber></reg:QueryUnitsByOwner>').slice(38)}`;
      const a = await postRaw(s.url, xxe, action('QueryUnitsByOwner'));
      expect(faultOf(a)).toMatchObject({ faultcode: 'soap:Client', code: 'BDC-1000' });
      expect(faultOf(a)!.faultstring).toMatch(/DOCTYPE/);
      expect(a.text).not.toContain('root:');
    });

    it('BDC-1000 for a billion-laughs entity bomb, answered at once', async () => {
      const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>`;
      expect(faultOf(await postRaw(s.url, bomb, action('ListItems')))?.code).toBe('BDC-1000');
    });

    it.each([
      ['application/soap+xml (SOAP 1.2)', 'application/soap+xml; charset=utf-8', /SOAP 1\.2/],
      ['application/json', 'application/json', /text\/xml/],
      ['a charset other than UTF-8', 'text/xml; charset=gbk', /UTF-8/],
    ])('BDC-1000 for the content type %s', async (_what, contentType, why) => {
      const a = await postRaw(s.url, requestEnvelope('<reg:ListItems/>'), {
        'content-type': contentType,
        soapaction: '"urn:bdc:registry:ListItems"',
      });
      expect(faultOf(a)).toMatchObject({ code: 'BDC-1000', faultstring: expect.stringMatching(why) });
    });

    it('BDC-1001 for a missing SOAPAction, an unknown one, or one the body contradicts', async () => {
      const env = requestEnvelope('<reg:ListItems/>');
      expect(faultOf(await postRaw(s.url, env, XML))?.code).toBe('BDC-1001');
      expect(faultOf(await postRaw(s.url, env, action('DeleteEverything')))?.code).toBe('BDC-1001');
      expect(faultOf(await postRaw(s.url, env, { ...XML, soapaction: '"urn:other:ListItems"' }))?.code).toBe(
        'BDC-1001',
      );
      expect(faultOf(await postRaw(s.url, env, action('QueryUnits')))?.code).toBe('BDC-1001');
      // A request the registry cannot attribute to an operation is still counted.
      expect((await admin.counts()).byOp).toEqual({ UnknownOperation: 3, QueryUnits: 1 });
    });

    it('BDC-1001 for an operation element outside the registry’s namespace', async () => {
      const env = `<s:Envelope xmlns:s="${SOAP_NS}"><s:Body><ListItems/></s:Body></s:Envelope>`;
      expect(faultOf(await postRaw(s.url, env, action('ListItems')))?.code).toBe('BDC-1001');
    });

    it('BDC-1000 for a body over 1 MiB and for elements nested deeper than 100', async () => {
      const big = requestEnvelope(`<reg:ListItems>${'x'.repeat(1024 * 1024)}</reg:ListItems>`);
      expect(faultOf(await postRaw(s.url, big, action('ListItems')))).toMatchObject({ code: 'BDC-1000' });
      const deep = requestEnvelope(
        `<reg:ListItems>${'<a>'.repeat(150)}${'</a>'.repeat(150)}</reg:ListItems>`,
      );
      expect(faultOf(await postRaw(s.url, deep, action('ListItems')))).toMatchObject({ code: 'BDC-1000' });
    });

    it('marks refusals as refused in the request log, not as errors', async () => {
      await postRaw(s.url, 'not xml', action('ListItems'));
      expect((await admin.requestLog()).map((e) => e.outcome)).toEqual(['refused']);
    });
  });

  describe('injected faults, in the registry’s own format', () => {
    it('answers a soap:Server Fault BDC-9999 for its own failure', async () => {
      await admin.setFaults({ failNext: 1 });
      const a = await call(s.url, 'ListItems', '');
      expect(a.status).toBe(500);
      expect(faultOf(a)).toMatchObject({ faultcode: 'soap:Server', code: 'BDC-9999' });
      expect((await admin.requestLog()).map((e) => e.outcome)).toEqual(['fault']);
    });

    it('sends garbage that does not parse, and a wrong shape that does', async () => {
      await admin.setFaults({ malformedRate: 1, malformedKind: 'garbage' });
      const garbage = await fetch(`${s.url}${SERVICE_PATH}`, {
        method: 'POST',
        headers: action('ListItems'),
        body: requestEnvelope('<reg:ListItems/>'),
      });
      const text = await garbage.text();
      expect(text).toMatch(/^<\?xml/);
      expect(() => parseXml(text)).toThrow();
      await admin.setFaults({ malformedKind: 'wrong-shape' });
      const wrong = await call(s.url, 'QueryUnits', many('UnitCode', units(1)));
      expect(wrong.body.name).toBe('QueryUnitsResponse');
      expect(childrenOf(wrong.body, 'Unit')).toHaveLength(0);
      expect(childOf(wrong.body, 'Message')?.text).toBe('操作成功');
    });

    it('streams an endless list of units when told to answer huge', async () => {
      await admin.setFaults({ malformedRate: 1, malformedKind: 'huge' });
      const res = await fetch(`${s.url}${SERVICE_PATH}`, {
        method: 'POST',
        headers: action('ListItems'),
        body: requestEnvelope('<reg:ListItems/>'),
      });
      const reader = res.body!.getReader();
      let bytes = 0;
      let head = '';
      while (bytes < 4 * 1024 * 1024) {
        const chunk = (await reader.read()).value;
        if (!head && chunk) head = new TextDecoder().decode(chunk.slice(0, 200));
        bytes += chunk?.length ?? 0;
      }
      await reader.cancel();
      expect(head).toMatch(/^<bdc:Unit>/);
      expect(bytes).toBeGreaterThanOrEqual(4 * 1024 * 1024);
    });
  });

  describe('the WSDL', () => {
    it('describes every operation with its SOAPAction, at the address it was fetched from', async () => {
      const res = await fetch(`${s.url}${SERVICE_PATH}?wsdl`);
      expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
      const wsdl = parseXml(await res.text());
      const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
      const binding = childOf(wsdl, 'binding', WSDL_NS)!;
      const actions = childrenOf(binding, 'operation', WSDL_NS).map(
        (op) =>
          [op.attrs['name'], op.children.find((c) => c.name === 'operation')?.attrs['soapAction']] as const,
      );
      expect(Object.fromEntries(actions)).toEqual({
        QueryUnits: 'urn:bdc:registry:QueryUnits',
        QueryUnitsByOwner: 'urn:bdc:registry:QueryUnitsByOwner',
        ListItems: 'urn:bdc:registry:ListItems',
        SubmitApplication: 'urn:bdc:registry:SubmitApplication',
        QueryApplication: 'urn:bdc:registry:QueryApplication',
        QueryApplicationsByReference: 'urn:bdc:registry:QueryApplicationsByReference',
        SubmitCorrection: 'urn:bdc:registry:SubmitCorrection',
        AssessFees: 'urn:bdc:registry:AssessFees',
        GetCertificates: 'urn:bdc:registry:GetCertificates',
      });
      const port = childOf(childOf(wsdl, 'service', WSDL_NS)!, 'port', WSDL_NS)!;
      expect(port.children[0]!.attrs['location']).toBe(`${s.url}${SERVICE_PATH}`);
    });

    it('answers a GET without ?wsdl with 405, pointing at POST', async () => {
      const res = await fetch(`${s.url}${SERVICE_PATH}`);
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    });
  });
});

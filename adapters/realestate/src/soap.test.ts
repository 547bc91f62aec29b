import { AdapterError } from '@onething/adapter-core';
import { parseXml } from '@onething/runtime/xml';
import { describe, expect, it } from 'vitest';
import { readAnswer, soapRequest } from './soap';

const envelope = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:bdc="http://bdc.gov.cn/registry/v1"><soap:Body>${body}</soap:Body></soap:Envelope>`;
const res = (status: number, body: string) => ({ status, headers: {}, body: Buffer.from(body) });
const fault = (side: string, code: string) =>
  envelope(
    `<soap:Fault><faultcode>soap:${side}</faultcode><faultstring>不动产单元未登记</faultstring><detail><bdc:ErrorCode>${code}</bdc:ErrorCode><bdc:Problems><bdc:Problem field="PropertyUnitCode" rule="GBT37346.length">不动产单元代码应为28位</bdc:Problem></bdc:Problems></detail></soap:Fault>`,
  );
const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('readAnswer', () => {
  it('maps a soap:Client Fault to DEPARTMENT_REJECTED with the BDC code and each problem', () => {
    const err = errorOf(() =>
      readAnswer('realestate', 'SubmitApplication', res(500, fault('Client', 'BDC-2001')), (f) =>
        f === 'PropertyUnitCode' ? 'fields.property.unitCode' : f,
      ),
    ) as AdapterError;
    expect(err).toBeInstanceOf(AdapterError);
    expect(err.code).toBe('DEPARTMENT_REJECTED');
    expect(err.details).toMatchObject({
      departmentCode: 'BDC-2001',
      httpStatus: 500,
      problems: [
        {
          path: 'fields.property.unitCode',
          rule: 'GBT37346.length',
          message: { zh: '不动产单元代码应为28位' },
        },
      ],
    });
    expect(err.message).toContain('BDC-2001 不动产单元未登记');
  });

  it('maps a soap:Server Fault to DEPARTMENT_UNAVAILABLE', () => {
    const err = errorOf(() =>
      readAnswer('realestate', 'QueryUnits', res(500, fault('Server', 'BDC-9999'))),
    ) as AdapterError;
    expect([err.code, err.retryable, err.details.departmentCode]).toEqual([
      'DEPARTMENT_UNAVAILABLE',
      true,
      'BDC-9999',
    ]);
  });

  it.each([
    ['a Fault with an unknown faultcode', res(500, fault('Whatever', 'BDC-1'))],
    ['an answer to another operation', res(200, envelope('<bdc:ListItemsResponse/>'))],
    [
      'an answer that is not an envelope',
      res(200, '<bdc:QueryUnitsResponse xmlns:bdc="http://bdc.gov.cn/registry/v1"/>'),
    ],
    ['an error page', res(502, '<html><body>Bad gateway</body></html>')],
    ['a 500 that is not a Fault', res(500, envelope('<bdc:QueryUnitsResponse/>'))],
  ])('throws a plain error (MALFORMED_RESPONSE at the client) for %s', (_what, answer) => {
    const err = errorOf(() => readAnswer('realestate', 'QueryUnits', answer));
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(AdapterError);
  });

  it('returns the response element of the operation', () => {
    expect(readAnswer('realestate', 'QueryUnits', res(200, envelope('<bdc:QueryUnitsResponse/>'))).name).toBe(
      'QueryUnitsResponse',
    );
  });
});

describe('soapRequest', () => {
  it('quotes the SOAPAction and escapes what it carries', () => {
    const { headers, body } = soapRequest(
      'QueryApplicationsByReference',
      ['<bdc:ExternalReference>a&amp;b</bdc:ExternalReference>'],
      'hall <1>',
    );
    expect(headers.soapaction).toBe('"urn:bdc:registry:QueryApplicationsByReference"');
    const env = parseXml(body);
    expect(env.children.map((c) => c.name)).toEqual(['Header', 'Body']);
    expect(env.children[0]!.children[0]!.text).toBe('hall <1>');
    expect(env.children[1]!.children[0]!.children[0]!.text).toBe('a&b');
  });
});

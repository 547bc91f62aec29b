import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterFor, errorOf, person, population } from './fixtures';

describe('hostile answers', () => {
  let server: Server;
  let url: string;
  let answer = '';
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(answer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const envelope = (body: string, prolog = '') =>
    `<?xml version="1.0" encoding="utf-8"?>${prolog}<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:bdc="http://bdc.gov.cn/registry/v1"><soap:Body>${body}</soap:Body></soap:Envelope>`;

  it.each([
    [
      'an external entity (XXE)',
      envelope(
        '<bdc:QueryUnitsByOwnerResponse><bdc:UnitCode>&x;</bdc:UnitCode></bdc:QueryUnitsByOwnerResponse>',
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
      ),
    ],
    [
      'an undefined entity',
      envelope(
        '<bdc:QueryUnitsByOwnerResponse><bdc:UnitCode>&x;</bdc:UnitCode></bdc:QueryUnitsByOwnerResponse>',
      ),
    ],
    [
      'an element the protocol does not have',
      envelope('<bdc:QueryUnitsByOwnerResponse><bdc:Owner>x</bdc:Owner></bdc:QueryUnitsByOwnerResponse>'),
    ],
    ['another operation’s answer', envelope('<bdc:QueryUnitsResponse/>')],
    [
      'a unit code in a stranger’s namespace',
      envelope(
        '<bdc:QueryUnitsByOwnerResponse><x:UnitCode xmlns:x="urn:x">330502001002GB00012F00030012</x:UnitCode></bdc:QueryUnitsByOwnerResponse>',
      ),
    ],
  ])('refuses %s as MALFORMED_RESPONSE', async (_what, text) => {
    answer = text;
    const adapter = adapterFor(url, { retry: { retries: 0 } });
    const err = await errorOf(
      adapter.unitsOwnedBy(person(population.properties[0]!.ownerIdNumbers[0]!).idNumber),
    );
    adapter.close();
    expect(err.code).toBe('MALFORMED_RESPONSE');
  });

  it('reads the same answer, well formed, with any prefix', async () => {
    answer = envelope(
      '<r:QueryUnitsByOwnerResponse xmlns:r="http://bdc.gov.cn/registry/v1"><r:UnitCode>330502001002GB00012F00030012</r:UnitCode></r:QueryUnitsByOwnerResponse>',
    );
    const adapter = adapterFor(url);
    expect(await adapter.unitsOwnedBy(population.persons[0]!.idNumber)).toEqual([
      '330502001002GB00012F00030012',
    ]);
    adapter.close();
  });
});

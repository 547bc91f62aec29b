import type { Protocol } from '@onething/legacy-kit';
import { el } from '@onething/runtime/xml';
import { BDC_NS, SOAP_NS } from './codes';
import { envelope, faultEnvelope, RegistryFault } from './soap';

/**
 * How the registry fails, for injected faults: a soap:Server Fault BDC-9999 (HTTP 500), an answer cut
 * off by a database error, an answer of the wrong shape (an older "Code/Message" reply), and an endless
 * list of units.
 */
export const registryProtocol: Protocol = {
  contentType: 'text/xml; charset=utf-8',
  serverError: () => ({ status: 500, body: faultEnvelope(new RegistryFault('BDC-9999')) }),
  garbage: () =>
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_NS}" xmlns:bdc="${BDC_NS}"><soap:Body><bdc:Resp<<ORA-00933: SQL command not properly ended`,
  wrongShape: (op) =>
    envelope(el(`bdc:${op || 'Unknown'}Response`, [el('bdc:Code', '0'), el('bdc:Message', '操作成功')])),
  hugeChunk: () =>
    el('bdc:Unit', [
      el('bdc:UnitCode', '330502001002GB00012F00030012'),
      el('bdc:Address', '浙江省湖州市'.repeat(8)),
    ]),
};

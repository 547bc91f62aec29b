import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DeliveryReport, DeliveryReportVerifier } from '../src/index';
import { ACCOUNT } from './system';

/** A report as it arrived at the receiver, kept so a test can send it again (a replay). */
export interface Arrival {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly status: number;
}

/**
 * A callback receiving the gateway's delivery reports as the hall will: each verified by the adapter's
 * verifier (401 with the registry's code when it does not hold), applied once per report id.
 */
export async function startReceiver(path = '/callbacks/sms-report') {
  const verifier = new DeliveryReportVerifier(ACCOUNT);
  const arrivals: Arrival[] = [];
  const applied = new Map<string, DeliveryReport>();
  let answerWith: number | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verdict = verifier.verify({
        method: req.method ?? 'POST',
        path: req.url ?? '',
        headers: req.headers,
        body,
      });
      const status = answerWith ?? (verdict.ok ? 204 : verdict.code === 'INVALID_INPUT' ? 400 : 401);
      arrivals.push({ headers: req.headers, body, status });
      if (verdict.ok && status < 300 && !applied.has(verdict.report.reportId))
        applied.set(verdict.report.reportId, verdict.report);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(verdict.ok ? '' : JSON.stringify({ code: verdict.code }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return {
    url,
    arrivals,
    applied,
    /** Answer every report with this status (a callback that fails), or verify again (undefined). */
    answer(status: number | undefined) {
      answerWith = status;
    },
    /** Sends an arrival again exactly as it came: a replay. */
    async replay(a: Arrival): Promise<{ status: number; code?: string }> {
      const headers = Object.fromEntries(
        ['authorization', 'x-sms-timestamp', 'x-sms-nonce', 'content-type'].map((h) => [
          h,
          String(a.headers[h]),
        ]),
      );
      const res = await fetch(url, { method: 'POST', headers, body: a.body });
      const text = await res.text();
      return { status: res.status, ...(text ? { code: (JSON.parse(text) as { code: string }).code } : {}) };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

import { request } from 'node:http';
import { connect } from 'node:net';
import type { StackPorts } from '../../../scripts/stack';
import type { HostileCase, Target } from './case';

/** What came back for a case: the HTTP status and the body (JSON when it is). */
export interface Outcome {
  readonly status: number;
  readonly json: unknown;
  readonly text: string;
  /** The request could not be sent or no answer came (a connection reset, a timeout). */
  readonly failure?: string;
}

const portOf = (ports: StackPorts, to: Target): number =>
  to.service === 'gateway'
    ? ports.gateway
    : to.subgraph === 'hall'
      ? ports.hall
      : ports.subgraphs[to.subgraph];

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Raw bytes to a port; the answer read until the server closes, or `timeoutMs`. */
function sendRaw(port: number, bytes: string, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    let got = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    const done = (failure?: string) => {
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(got)?.[1] ?? 0);
      const text = got.slice(got.indexOf('\r\n\r\n') + 4);
      resolve({ status, json: parse(text), text, ...(status ? {} : { failure: failure ?? 'no answer' }) });
    };
    socket.setTimeout(timeoutMs, () => done('timed out'));
    socket.on('data', (d) => {
      got += d.toString();
    });
    socket.on('end', () => done());
    socket.on('error', (e) => done(e.message));
  });
}

/** The body of an HTTP/1.1 answer: de-chunked when it was sent chunked. */
function answerBody(head: string, rest: string): string {
  if (!/^transfer-encoding:\s*chunked/im.test(head)) return rest;
  let out = '';
  let at = 0;
  for (;;) {
    const eol = rest.indexOf('\r\n', at);
    const size = eol < 0 ? 0 : Number.parseInt(rest.slice(at, eol), 16);
    if (!size) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
}

/**
 * A large body written to the socket piece by piece while the answer is read, as curl does: a server that
 * refuses it early (413 before reading) and closes is heard, where Node's client would only see the reset.
 */
function sendStreaming(port: number, c: HostileCase, body: Buffer, timeoutMs: number): Promise<Outcome> {
  const chunked = /chunked/i.test(c.headers['transfer-encoding'] ?? '');
  const headers = { host: '127.0.0.1', ...c.headers };
  if (!chunked && !('content-length' in headers))
    Object.assign(headers, { 'content-length': String(body.length) });
  const head = `${c.method} ${c.path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
  return new Promise((resolve) => {
    let got = '';
    let answered = false;
    const socket = connect(port, '127.0.0.1');
    const done = (failure?: string) => {
      socket.destroy();
      const split = got.indexOf('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(got)?.[1] ?? 0);
      const text = split < 0 ? '' : answerBody(got.slice(0, split), got.slice(split + 4));
      resolve({ status, json: parse(text), text, ...(status ? {} : { failure: failure ?? 'no answer' }) });
    };
    const write = async () => {
      socket.write(head);
      for (let at = 0; at < body.length && !answered && !socket.destroyed; at += 65_536) {
        const piece = body.subarray(at, at + 65_536);
        const frame = chunked
          ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
          : piece;
        if (!socket.write(frame)) await new Promise((r) => socket.once('drain', r));
      }
      if (chunked && !answered && !socket.destroyed) socket.write('0\r\n\r\n');
    };
    socket.setTimeout(timeoutMs, () => done('timed out'));
    socket.on('connect', () => void write());
    socket.on('data', (d) => {
      answered = true;
      got += d.toString();
      // An answer with its whole body needs no more waiting for the server to close.
      const split = got.indexOf('\r\n\r\n');
      const length = Number(/^content-length:\s*(\d+)/im.exec(got.slice(0, split))?.[1] ?? Number.NaN);
      if (split >= 0 && Buffer.byteLength(got.slice(split + 4)) >= length) done();
    });
    socket.on('end', () => done());
    socket.on('close', () => done());
    // A reset after the answer came is the server closing on an upload it refused: the answer counts.
    socket.on('error', (e) => done(e.message));
  });
}

/** Bodies above this go through {@link sendStreaming}. */
const STREAMED = 1024 * 1024;

/**
 * Sends one case with node:http (fetch would refuse to send a wrong content-length, a chunked body or
 * some headers). A server that answers before reading a huge body and closes may reset the upload: the
 * answer, once it has come, is what counts.
 */
export function send(ports: StackPorts, c: HostileCase, timeoutMs = 30_000): Promise<Outcome> {
  const port = portOf(ports, c.to);
  if (c.raw !== undefined) return sendRaw(port, c.raw, timeoutMs);
  if (c.body !== undefined && Buffer.byteLength(c.body) > STREAMED)
    return sendStreaming(port, c, Buffer.from(c.body), timeoutMs);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (o: Outcome) => {
      if (settled) return;
      settled = true;
      resolve(o);
    };
    const req = request(
      { host: '127.0.0.1', port, method: c.method, path: c.path, headers: c.headers, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        const end = () => {
          const text = Buffer.concat(chunks).toString('utf8');
          finish({ status: res.statusCode ?? 0, json: parse(text), text });
        };
        res.on('end', end);
        res.on('error', end);
        res.on('close', end);
      },
    );
    req.on('timeout', () => {
      req.destroy();
      finish({ status: 0, json: undefined, text: '', failure: 'timed out' });
    });
    req.on('error', (e) => {
      // An early answer followed by a reset still resolves through the response's close above.
      setTimeout(() => finish({ status: 0, json: undefined, text: '', failure: e.message }), 200);
    });
    if (c.body !== undefined) req.end(c.body);
    else req.end();
  });
}

interface AnswerError {
  message?: unknown;
  extensions?: { code?: unknown; problems?: { rule?: unknown }[] };
}

/** Whether an outcome is the refusal a case expects, and if not, why not. */
export function judge(c: HostileCase, o: Outcome): { ok: boolean; why: string } {
  const got = () => `got HTTP ${o.status}${o.failure ? ` (${o.failure})` : ''}: ${o.text.slice(0, 300)}`;
  if (o.status !== c.expect.status) return { ok: false, why: `expected HTTP ${c.expect.status}; ${got()}` };
  const body = o.json as { errors?: AnswerError[]; data?: Record<string, unknown> | null } | undefined;
  if (!body || typeof body !== 'object') return { ok: false, why: `the answer is not JSON; ${got()}` };
  const errors = body.errors ?? [];
  // A clear error: every one has a message and a code, whatever else the case expects.
  const vague = errors.find(
    (e) => typeof e.message !== 'string' || e.message === '' || typeof e.extensions?.code !== 'string',
  );
  if (vague) return { ok: false, why: `an error without a message or code: ${JSON.stringify(vague)}` };
  if (errors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR'))
    return { ok: false, why: `an internal error; ${got()}` };
  if (c.expect.code) {
    const hit = errors.find((e) => e.extensions?.code === c.expect.code);
    if (!hit) return { ok: false, why: `no error coded ${c.expect.code}; ${got()}` };
    if (c.expect.rule && !hit.extensions?.problems?.some((p) => p.rule === c.expect.rule))
      return { ok: false, why: `${c.expect.code} without the problem ${c.expect.rule}; ${got()}` };
    return { ok: true, why: '' };
  }
  // A form answered with its problems (一次告知): nothing stored, the rule named at its field.
  const payload = Object.values(body.data ?? {})[0] as
    | {
        problems?: { field: string; code: string; message?: { zh?: string; en?: string } }[];
        application?: unknown;
      }
    | undefined;
  const problem = payload?.problems?.find(
    (p) => p.code === c.expect.rule && (c.expect.field === undefined || p.field === c.expect.field),
  );
  if (!problem) return { ok: false, why: `no problem ${c.expect.rule} at ${c.expect.field}; ${got()}` };
  if (!problem.message?.zh || !problem.message.en)
    return { ok: false, why: `the problem has no message in both languages: ${JSON.stringify(problem)}` };
  if (payload && 'application' in payload && payload.application !== null)
    return { ok: false, why: `an application was stored despite the problem; ${got()}` };
  return { ok: true, why: '' };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/stack';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Export {
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: {
    resourceSpans: {
      resource: { attributes: { key: string; value: { stringValue?: string } }[] };
      scopeSpans: {
        scope: { name: string };
        spans: { name: string; traceId: string; spanId: string; parentSpanId?: string; kind: number }[];
      }[];
    }[];
  };
}

/** An OTLP/HTTP collector that keeps what it is sent (JSON, as the exporter posts it). */
async function collector(): Promise<{ server: Server; url: string; exports: Export[] }> {
  const exports: Export[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      exports.push({
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, exports };
}

/**
 * Tracing as a deployment turns it on: a service started as `npm start` starts it, with the standard OTEL_*
 * variables, sends its spans to the collector they name, continuing the caller's trace, and sends what it
 * still holds when it is stopped.
 */
describe('a service with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
  let sink: Awaited<ReturnType<typeof collector>>;
  let child: ChildProcess;
  let port: number;
  let adminPort: number;

  beforeAll(async () => {
    sink = await collector();
    [port, adminPort] = [await freePort(), await freePort()];
    child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'legacy/tax/src/main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        ADMIN_PORT: String(adminPort),
        SEED_PERSONS: '200',
        LOG_LEVEL: 'warn',
        OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
        OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=key%201',
        OTEL_RESOURCE_ATTRIBUTES: 'service.instance.id=tax-1,deployment.environment.name=test',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let ready = false; !ready; ) {
      if (child.exitCode !== null) throw new Error(`the tax stand-in exited with ${child.exitCode}`);
      ready = await fetch(`http://127.0.0.1:${adminPort}/__admin/status`).then(
        (r) => r.ok,
        () => false,
      );
      if (!ready) await sleep(100);
    }
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    sink?.server.close();
  });

  it('posts its spans there, in the caller’s trace, named for its service, and flushes them as it stops', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/items`, {
      headers: { 'x-api-key': 'tax-dev-key', traceparent: `00-${traceId}-${callerSpan}-01` },
    });
    expect(res.status).toBe(200);
    // Stopped before the batch's delay: what it holds is sent as it shuts down.
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);

    expect(sink.exports.length).toBeGreaterThan(0);
    const sent = sink.exports[0]!;
    expect(sent.path).toBe('/v1/traces');
    expect(sent.headers['x-collector-key']).toBe('key 1');
    const [resourceSpans] = sent.body.resourceSpans;
    const resource = Object.fromEntries(
      resourceSpans!.resource.attributes.map((a) => [a.key, a.value.stringValue]),
    );
    expect(resource).toMatchObject({
      'service.name': 'legacy-tax',
      'service.instance.id': 'tax-1',
      'deployment.environment.name': 'test',
    });
    const spans = resourceSpans!.scopeSpans.flatMap((s) =>
      s.spans.map((span) => ({ ...span, scope: s.scope.name })),
    );
    expect(spans).toContainEqual(
      expect.objectContaining({
        scope: 'onething.legacy',
        name: 'GET /api/v1/items',
        traceId,
        parentSpanId: callerSpan,
      }),
    );
  });
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@onething/runtime';
import { verifyCallback } from '@onething/runtime/callbacks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StandInAdmin } from '../src/admin-client';
import { jsonProtocolBase } from '../src/protocol';
import { createStandIn, type StandIn } from '../src/server';

/** A minimal department on the kit: one read route, one submission route. */
function toyStandIn(callbackUrl?: string): StandIn {
  return createStandIn({
    department: 'toy',
    config: { host: '127.0.0.1', port: 0, adminPort: 0, seed: 1, persons: 50, clockSpeed: 0, callbackUrl },
    log: createLogger('toy', 'silent'),
    protocol: {
      ...jsonProtocolBase,
      serverError: () => ({ status: 500, body: '{"error":"internal"}' }),
      wrongShape: () => '{"unexpected":true}',
    },
    rules: () => ({
      decide: () => ({ outcome: 'approved' }),
      schedule: () => ({ reviewAfterMs: 1000, decideAfterMs: 2000 }),
      caseNumber: (seq) => `TOY${seq}`,
    }),
    routes(app, ctx) {
      app.get<{ Params: { id: string } }>(
        '/persons/:id',
        { config: { op: 'person.read' } },
        async (req, reply) => {
          req.logged?.keys.push(req.params.id);
          const p = ctx.population.persons.find((x) => x.idNumber === req.params.id);
          return p ? { idNumber: p.idNumber, name: p.name } : reply.code(404).send({ error: 'not found' });
        },
      );
      app.post<{ Body: { ref: string } }>('/cases', { config: { op: 'case.submit' } }, async (req) => {
        const c = ctx.cases.submit({
          itemCode: 'TOY',
          requestRef: req.body.ref,
          applicantId: 'a',
          fields: {},
          materials: [],
        });
        return { caseNumber: c.caseNumber };
      });
    },
  });
}

describe('stand-in harness', () => {
  let s: StandIn;
  let admin: StandInAdmin;
  let personId: string;

  beforeAll(async () => {
    s = toyStandIn();
    await s.listen();
    admin = new StandInAdmin(s.adminUrl);
    personId = s.ctx.population.persons[0]!.idNumber;
  });
  afterAll(() => s.close());
  beforeEach(() => admin.reset());

  it('counts requests per operation and logs the keys read', async () => {
    await fetch(`${s.url}/persons/${personId}`);
    await fetch(`${s.url}/persons/${personId}`);
    expect((await admin.counts()).byOp).toEqual({ 'person.read': 2 });
    const log = await admin.requestLog();
    expect(log.map((e) => [e.op, e.keys, e.outcome])).toEqual([
      ['person.read', [personId], 'ok'],
      ['person.read', [personId], 'ok'],
    ]);
  });

  it('answers injected errors in the system’s own format, deterministically with failNext', async () => {
    await admin.setFaults({ failNext: 2 });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await fetch(`${s.url}/persons/${personId}`)).status);
    expect(codes).toEqual([500, 500, 200]);
  });

  it('adds latency', async () => {
    await admin.setFaults({ latencyMs: 150 });
    const t = performance.now();
    await fetch(`${s.url}/persons/${personId}`);
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
  });

  it('limits faults to the operations named', async () => {
    await admin.setFaults({ errorRate: 1, onlyOps: ['case.submit'] });
    expect((await fetch(`${s.url}/persons/${personId}`)).status).toBe(200);
    const r = await fetch(`${s.url}/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"ref":"x"}',
    });
    expect(r.status).toBe(500);
  });

  it('sends malformed bodies: garbage, truncated, wrong shape and huge', async () => {
    await admin.setFaults({ malformedRate: 1, malformedKind: 'garbage' });
    await expect((await fetch(`${s.url}/persons/${personId}`)).json()).rejects.toThrow();
    await admin.setFaults({ malformedKind: 'truncated' });
    await expect((await fetch(`${s.url}/persons/${personId}`)).json()).rejects.toThrow();
    await admin.setFaults({ malformedKind: 'wrong-shape' });
    expect(await (await fetch(`${s.url}/persons/${personId}`)).json()).toEqual({ unexpected: true });
    await admin.setFaults({ malformedKind: 'huge' });
    const res = await fetch(`${s.url}/persons/${personId}`);
    const reader = res.body!.getReader();
    let bytes = 0;
    while (bytes < 8 * 1024 * 1024) bytes += (await reader.read()).value?.length ?? 0;
    await reader.cancel();
    expect(bytes).toBeGreaterThanOrEqual(8 * 1024 * 1024);
  });

  it('goes down (connection refused) and comes back up on the same port', async () => {
    await admin.down();
    const err = await fetch(`${s.url}/persons/${personId}`).catch((e: Error) => e);
    expect((err as Error & { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
    expect((await admin.status()).down).toBe(true);
    await admin.up();
    expect((await fetch(`${s.url}/persons/${personId}`)).status).toBe(200);
  });

  it('resets connections when told to', async () => {
    await admin.setFaults({ resetConnections: true });
    const err = await fetch(`${s.url}/persons/${personId}`).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
  });

  it('refuses a bad fault setting, naming every problem', async () => {
    const res = await fetch(`${s.adminUrl}/__admin/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 2, latency: 5 }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { problems: string[] };
    expect(body.problems.join('\n')).toMatch(/errorRate[\s\S]*latency/);
  });

  it('advances cases on the clock it is told to move', async () => {
    const r = await fetch(`${s.url}/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"ref":"r"}',
    });
    const { caseNumber } = (await r.json()) as { caseNumber: string };
    expect((await admin.case(caseNumber)).status).toBe('accepted');
    await admin.advanceClock({ advanceMs: 2000 });
    expect((await admin.case(caseNumber)).status).toBe('approved');
    expect(await admin.cases({ ref: 'r' })).toHaveLength(1);
  });
});

describe('notifying the hall of case changes', () => {
  it('posts { department, caseNumber, status } for each phase after acceptance, signed, as the clock moves', async () => {
    const received: unknown[] = [];
    const hall = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const signed = verifyCallback(
          req.headers,
          body,
          new Map([['toy', 'toy-callback-dev-secret']]),
          60_000,
        );
        received.push({
          path: req.url,
          type: req.headers['content-type'],
          body: JSON.parse(body),
          signedBy: signed.ok ? signed.department : signed.code,
        });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => hall.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(hall.address() as AddressInfo).port}/callbacks/case-status`;
    const s = toyStandIn(url);
    await s.listen();
    try {
      const { caseNumber } = (await (
        await fetch(`${s.url}/cases`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ref: 'r-1' }),
        })
      ).json()) as { caseNumber: string };
      await new Promise((r) => setTimeout(r, 300));
      expect(received).toEqual([]); // acceptance is the submitter's own answer
      await new StandInAdmin(s.adminUrl).advanceClock({ advanceMs: 5_000 });
      const deadline = Date.now() + 5_000;
      while (received.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(received).toEqual([
        {
          path: '/callbacks/case-status',
          type: 'application/json',
          body: { department: 'toy', caseNumber, status: 'in_review' },
          signedBy: 'toy',
        },
        {
          path: '/callbacks/case-status',
          type: 'application/json',
          body: { department: 'toy', caseNumber, status: 'approved' },
          signedBy: 'toy',
        },
      ]);
    } finally {
      await s.close();
      hall.close();
    }
  });
});

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePopulation } from '@onething/legacy-kit';
import { startTracing } from '@onething/runtime';
import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import type { HallSubgraph } from '@onething/subgraph-hall';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { prepareApplication, SUBMIT } from './bundle-applications';
import { type InProcessStack, startInProcessTestStack } from './in-process';

/**
 * One request followed across every hop by its spans: the whole stack in this process, its spans in the
 * SDK's in-memory exporter. A browser's `traceparent` starts the trace; the gateway, the subgraphs, the
 * adapters and the departments' systems carry it on; the hall's dispatch of a submission, a trace of its
 * own, is linked to the request that made it — after a restart of the hall too.
 */
const exporter = new InMemorySpanExporter();
const population = generatePopulation({ seed: 20261122, persons: 2000 });

const SPAN_KIND = { INTERNAL: 0, SERVER: 1, CLIENT: 2, CONSUMER: 4 } as const;

/** A `traceparent` as a browser sends it: a trace of its own, sampled. */
function browserTraceParent() {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, header: `00-${traceId}-${spanId}-01` };
}

const scopeOf = (span: ReadableSpan) => span.instrumentationLibrary.name;
const attr = (span: ReadableSpan, key: string) => span.attributes[key];
const spansOf = (traceId: string) =>
  exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
const childrenOf = (spans: readonly ReadableSpan[], parent: ReadableSpan) =>
  spans.filter((s) => s.parentSpanId === parent.spanContext().spanId);

/** The spans under `from`, depth first. */
function descendantsOf(spans: readonly ReadableSpan[], from: ReadableSpan): ReadableSpan[] {
  const out: ReadableSpan[] = [];
  for (const child of childrenOf(spans, from)) out.push(child, ...descendantsOf(spans, child));
  return out;
}

type Step = { readonly what: string; readonly child?: boolean; readonly is: (s: ReadableSpan) => boolean };

/**
 * Follows a path down the tree from `from`: each step a span under the one before (its child where the
 * step says so), as `what` describes it. Answers every span of the path, or fails naming the step missing.
 */
function path(spans: readonly ReadableSpan[], from: ReadableSpan, steps: readonly Step[]): ReadableSpan[] {
  const found = [from];
  let at = [from];
  for (const step of steps) {
    const next = at.flatMap((a) =>
      (step.child ? childrenOf(spans, a) : descendantsOf(spans, a)).filter(step.is),
    );
    expect(
      next.length,
      `no span "${step.what}" under "${found.at(-1)!.name}"; the trace: ${spans.map((s) => s.name).join(', ')}`,
    ).toBeGreaterThan(0);
    found.push(next[0]!);
    at = next;
  }
  return found;
}

const gatewayServer: Step = {
  what: 'the gateway’s POST /graphql',
  is: (s) => scopeOf(s) === 'onething.gateway' && s.kind === SPAN_KIND.SERVER && s.name === 'POST /graphql',
};
const gatewayFetch = (subgraph: string): Step => ({
  what: `gateway.fetch of ${subgraph}`,
  is: (s) => s.name === 'gateway.fetch' && attr(s, 'service') === subgraph,
});
const subgraphClient = (subgraph: string): Step => ({
  what: `the gateway’s request to ${subgraph}`,
  child: true,
  is: (s) => s.kind === SPAN_KIND.CLIENT && attr(s, 'onething.subgraph') === subgraph,
});
const subgraphServer = (subgraph: string): Step => ({
  what: `${subgraph}’s POST /graphql`,
  child: true,
  is: (s) =>
    scopeOf(s) === 'onething.subgraph' &&
    s.kind === SPAN_KIND.SERVER &&
    attr(s, 'onething.subgraph') === subgraph,
});
const resolver = (subgraph: string, field?: string): Step => ({
  what: `a resolver of ${subgraph}${field ? ` (${field})` : ''}`,
  is: (s) =>
    scopeOf(s) === 'onething.subgraph' &&
    s.kind === SPAN_KIND.INTERNAL &&
    attr(s, 'onething.subgraph') === subgraph &&
    (field === undefined || s.name === field),
});
const adapterCall = (department: string, kind: 'read' | 'write'): Step => ({
  what: `a ${kind} of the ${department} adapter`,
  is: (s) =>
    scopeOf(s) === 'onething.adapter' &&
    s.kind === SPAN_KIND.INTERNAL &&
    attr(s, 'onething.department') === department &&
    attr(s, 'onething.call.kind') === kind,
});
const adapterRequest: Step = {
  what: 'the adapter’s HTTP request',
  child: true,
  is: (s) => scopeOf(s) === 'onething.adapter' && s.kind === SPAN_KIND.CLIENT,
};
const legacyAnswer = (department: string): Step => ({
  what: `the ${department} system’s answer`,
  child: true,
  is: (s) =>
    scopeOf(s) === 'onething.legacy' &&
    s.kind === SPAN_KIND.SERVER &&
    attr(s, 'onething.department') === department,
});

/** What one call to a department's system says in its spans: which, what, how it went. */
function expectDepartmentCall(
  [call, request, answer]: ReadableSpan[],
  department: string,
  kind: 'read' | 'write',
) {
  expect(call!.attributes).toMatchObject({
    'onething.department': department,
    'onething.call.kind': kind,
    'onething.attempts': 1,
    'onething.retried': false,
    'onething.breaker.state': 'closed',
    'onething.breaker.state_after': 'closed',
  });
  expect(typeof attr(call!, 'onething.operation')).toBe('string');
  expect(request!.attributes).toMatchObject({
    'onething.department': department,
    'onething.operation': attr(call!, 'onething.operation'),
    'onething.attempt': 1,
    'onething.retry': false,
    'onething.breaker.state': 'closed',
    'onething.outcome': 'ok',
  });
  expect(attr(request!, 'http.response.status_code')).toBeLessThan(300);
  expect(answer!.attributes).toMatchObject({
    'onething.department': department,
    'onething.legacy.outcome': 'ok',
    'http.response.status_code': attr(request!, 'http.response.status_code'),
  });
  // No ID number in a span: the URL is masked as the logs are.
  expect(String(attr(request!, 'url.full'))).not.toMatch(/(?<!\d)\d{17}[\dX](?!\d)/);
}

describe('traces across every hop', () => {
  let s: InProcessStack;

  beforeAll(async () => {
    await startTracing('one-thing', {}, { exporter });
    s = await startInProcessTestStack({ logLevel: 'info' });
  });
  afterAll(() => s?.stop());

  it('follow a prefill from the browser through the gateway, the hall, the gateway again, each subgraph and adapter to each department’s answer', async () => {
    const citizen = await s.token('citizen');
    const consent = await s.gql(
      'mutation G($s: [String!]!) { grantConsent(bundleCode: "HOUSE-TRANSFER", scopes: $s) { id } }',
      { s: ['tax', 'realestate', 'fund', 'market'] },
      citizen,
    );
    expect(consent.errors).toBeUndefined();

    const browser = browserTraceParent();
    const r = await s.gql<{ prefillForm: { values: { department: string }[] } }>(
      'mutation Prefill { prefillForm(bundleCode: "HOUSE-TRANSFER") { values { key department } } }',
      {},
      citizen,
      { traceparent: browser.header },
    );
    expect(r.errors).toBeUndefined();
    expect(new Set(r.data!.prefillForm.values.map((v) => v.department)).size).toBe(4);

    // The gateway's span ends once the answer is sent: wait for it.
    const root = await vi.waitFor(() => {
      const found = spansOf(browser.traceId).find((x) => x.parentSpanId === browser.spanId);
      if (!found) throw new Error('the gateway’s span of the request has not ended yet');
      return found;
    });
    const spans = spansOf(browser.traceId);
    // The browser's request is the parent of the gateway's: the trace is the browser's.
    expect(root).toMatchObject({ name: 'POST /graphql', kind: SPAN_KIND.SERVER });
    expect(scopeOf(root)).toBe('onething.gateway');
    expect(root.attributes).toMatchObject({ 'http.route': '/graphql', 'http.response.status_code': 200 });

    // The gateway: the operation, its plan, a fetch per subgraph.
    const [, operation] = path(spans, root, [
      {
        what: 'gateway.request of the operation',
        is: (x) => x.name === 'gateway.request' && attr(x, 'graphql.operation.name') === 'Prefill',
      },
    ]);
    expect(attr(operation!, 'graphql.operation.type')).toBe('mutation');
    path(spans, operation!, [{ what: 'gateway.plan', is: (x) => x.name === 'gateway.plan' }]);
    const [, , , hallServer, prefill] = path(spans, operation!, [
      gatewayFetch('hall'),
      subgraphClient('hall'),
      subgraphServer('hall'),
      resolver('hall', 'Mutation.prefillForm'),
    ]);
    expect(hallServer!.attributes).toMatchObject({ 'http.response.status_code': 200 });

    // The hall reads each department through the supergraph, as any client: the gateway again, then the
    // department's subgraph, its adapter, and the department's own system.
    for (const department of DEPARTMENT_KEYS) {
      const found = path(spans, prefill!, [
        gatewayServer,
        gatewayFetch(department),
        subgraphClient(department),
        subgraphServer(department),
        resolver(department),
        adapterCall(department, 'read'),
        adapterRequest,
        legacyAnswer(department),
      ]);
      expectDepartmentCall(found.slice(-3), department, 'read');
    }
    // Nothing of the request escaped its trace: every span but the root has its parent in it.
    const ids = new Set(spans.map((x) => x.spanContext().spanId));
    for (const x of spans) if (x !== root) expect(ids.has(x.parentSpanId!), x.name).toBe(true);
  });

  it('link the dispatch of a submission’s part to the request that made it, even when another hall process sends it after a restart', async () => {
    const prepared = await prepareApplication(s, population, 'SOLE-TRADER', 0);
    // The hall takes the submission but does not dispatch it: it is restarted first.
    await s.service<HallSubgraph>('subgraph-hall').dispatcher.stop();
    const browser = browserTraceParent();
    const submitted = await s.gql<{ submitApplication: { application: { id: string } } }>(
      SUBMIT,
      { i: prepared.input },
      prepared.token,
      { traceparent: browser.header },
    );
    expect(submitted.errors).toBeUndefined();
    const applicationId = submitted.data!.submitApplication.application.id;
    const submit = await vi.waitFor(() => {
      const found = spansOf(browser.traceId).find((x) => x.name === 'Mutation.submitApplication');
      if (!found) throw new Error('the hall’s span of the submission has not ended yet');
      return found;
    });
    expect(attr(submit, 'onething.subgraph')).toBe('hall');

    await s.restart('subgraph-hall');

    // Dispatched by the new hall process: a trace of its own, linked to the submission's request.
    const dispatch = await vi.waitFor(
      () => {
        const found = exporter
          .getFinishedSpans()
          .find(
            (x) =>
              x.name === 'dispatch submit' &&
              attr(x, 'onething.application') === applicationId &&
              attr(x, 'onething.department') === 'market',
          );
        if (!found) throw new Error('the market part has not been dispatched yet');
        return found;
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(scopeOf(dispatch)).toBe('onething.hall');
    expect(dispatch.kind).toBe(SPAN_KIND.CONSUMER);
    expect(dispatch.parentSpanId).toBeUndefined();
    expect(dispatch.spanContext().traceId).not.toBe(browser.traceId);
    expect(dispatch.links.map((l) => l.context)).toEqual([
      expect.objectContaining({
        traceId: browser.traceId,
        spanId: submit.spanContext().spanId,
      }),
    ]);
    expect(dispatch.attributes).toMatchObject({
      'onething.job.kind': 'submit',
      'onething.job.attempt': 1,
      'onething.dispatch.outcome': 'recorded',
    });

    // The dispatch reaches the department as any request does: gateway, subgraph, adapter, its system.
    const spans = spansOf(dispatch.spanContext().traceId);
    const found = path(spans, dispatch, [
      gatewayServer,
      gatewayFetch('market'),
      subgraphClient('market'),
      subgraphServer('market'),
      resolver('market'),
      adapterCall('market', 'write'),
      adapterRequest,
      legacyAnswer('market'),
    ]);
    expectDepartmentCall(found.slice(-3), 'market', 'write');

    // The hall's log line of the dispatch carries the dispatch's trace and span.
    await vi.waitFor(() => {
      const lines = readFileSync(join(s.logDir, 'subgraph-hall.log'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toContainEqual(
        expect.objectContaining({
          msg: 'dispatched',
          application: applicationId,
          trace_id: dispatch.spanContext().traceId,
          span_id: dispatch.spanContext().spanId,
        }),
      );
    });
  });
});

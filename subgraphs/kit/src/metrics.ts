import type { AdapterHooks } from '@onething/adapter-core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of a subgraph: GraphQL requests, and every call to the department's system by
 * operation and outcome, with the circuit breaker's state.
 */
export function subgraphMetrics(subgraph: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service: `subgraph-${subgraph}` });
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: 'onething_subgraph_request_seconds',
    help: 'GraphQL requests served by the subgraph, by HTTP status.',
    labelNames: ['status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const calls = new Counter({
    name: 'onething_legacy_calls_total',
    help: "Calls (attempts) to the department's system, by operation and outcome code.",
    labelNames: ['department', 'op', 'outcome'],
    registers: [registry],
  });
  const callSeconds = new Histogram({
    name: 'onething_legacy_call_seconds',
    help: "Duration of calls to the department's system, by operation.",
    labelNames: ['department', 'op'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const breaker = new Gauge({
    name: 'onething_legacy_breaker_open',
    help: "Circuit breaker of the department's system: 0 closed, 0.5 half-open, 1 open.",
    labelNames: ['department'],
    registers: [registry],
  });
  const hooks: AdapterHooks = {
    onCall: (e) => {
      calls.inc({ department: e.department, op: e.op, outcome: e.outcome });
      callSeconds.observe({ department: e.department, op: e.op }, e.durationMs / 1000);
    },
    onBreaker: (e) =>
      breaker.set({ department: e.department }, e.state === 'open' ? 1 : e.state === 'half-open' ? 0.5 : 0),
  };
  return { registry, hooks, requests };
}

export type SubgraphMetrics = ReturnType<typeof subgraphMetrics>;

import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { GatewayContext } from '../context';

/** Prometheus metrics of the gateway: operations, their errors by code, and fetches to each subgraph. */
export function gatewayMetrics() {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'gateway' });
  collectDefaultMetrics({ register: registry });
  const operations = new Histogram({
    name: 'onething_gateway_operation_seconds',
    help: 'GraphQL operations served, by type and whether the answer carried errors.',
    labelNames: ['type', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'onething_gateway_errors_total',
    help: 'Errors in answers, by extensions.code.',
    labelNames: ['code'],
    registers: [registry],
  });
  const fetches = new Histogram({
    name: 'onething_gateway_subgraph_fetch_seconds',
    help: 'Fetches to subgraphs, by subgraph and outcome.',
    labelNames: ['subgraph', 'outcome'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const rateLimited = new Counter({
    name: 'onething_gateway_rate_limited_total',
    help: 'Requests refused with 429 RATE_LIMITED, by kind of caller (anonymous, account, service) and route.',
    labelNames: ['kind', 'route'] as const,
    registers: [registry],
  });

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, operation, errors: requestErrors }) {
          const list =
            response.body.kind === 'single'
              ? (response.body.singleResult.errors ?? [])
              : (requestErrors ?? []);
          for (const e of list) errors.inc({ code: String(e.extensions?.code ?? 'UNKNOWN') });
          operations.observe(
            { type: operation?.operation ?? 'invalid', outcome: list.length > 0 ? 'errors' : 'ok' },
            (performance.now() - started) / 1000,
          );
        },
      };
    },
  };
  return {
    registry,
    plugin,
    rateLimited,
    /** A request refused before Apollo Server saw it, counted with the errors of answers. */
    refused: (code: string) => errors.inc({ code }),
    observeFetch: (subgraph: string, seconds: number, outcome: 'ok' | 'error') =>
      fetches.observe({ subgraph, outcome }, seconds),
  };
}

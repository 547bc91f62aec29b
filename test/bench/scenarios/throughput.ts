import { isDeepStrictEqual } from 'node:util';
import type { TestStack } from '../../stack/support';
import { stackResidentMiB } from '../bench-stack';
import { type LoadResult, load } from '../load';
import { type KnownPerson, PREFILL_QUERY, prefillRequests } from '../persons';
import { cpuMs, sampleEvery } from '../processes';
import { median, round } from '../stats';

/** A load run with what the gateway process spent on it. */
export interface GatewayRun extends LoadResult {
  /** CPU time of the gateway process per request answered, in ms: its cost, whatever else the machine does. */
  readonly gatewayCpuMsPerRequest: number;
  /** CPU time per request answered of every other process of the stack (subgraphs, stand-ins…), in ms. */
  readonly stackCpuMsPerRequest: Record<string, number>;
}

export interface ThroughputFigures {
  readonly connections: number;
  readonly durationSeconds: number;
  readonly runs: number;
  readonly persons: number;
  readonly ours: GatewayRun[];
  readonly stock: GatewayRun[];
  readonly median: {
    readonly ours: Summary;
    readonly stock: Summary;
    readonly ratio: number;
  };
  /** Resident memory of the stack's processes while our gateway was under this load, in MiB. */
  readonly stackMiBUnderLoad: { readonly median: number; readonly max: number };
}

interface Summary {
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly gatewayCpuMsPerRequest: number;
  /** The rest of the stack's CPU per request, by process (median over the runs). */
  readonly stackCpuMsPerRequest: Record<string, number>;
}

/** Both gateways answer the same data, without errors, before either is measured. */
async function sameAnswers(gatewayUrl: string, stockUrl: string, persons: readonly KnownPerson[]) {
  for (const p of persons.slice(0, 5)) {
    const ask = (url: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
        body: JSON.stringify({ query: PREFILL_QUERY, variables: { id: p.idNumber } }),
      }).then((r) => r.json() as Promise<{ data?: unknown; errors?: unknown[] }>);
    const [ours, stock] = await Promise.all([ask(gatewayUrl), ask(stockUrl)]);
    if (ours.errors || stock.errors || !isDeepStrictEqual(ours.data, stock.data))
      throw new Error(
        `the gateways answer differently for ${p.idNumber}:\nours ${JSON.stringify(ours)}\nstock ${JSON.stringify(stock)}`,
      );
    const person = (ours.data as { person: Record<string, unknown> }).person;
    for (const field of ['taxpayer', 'representedEnterprises', 'properties', 'fundAccount'])
      if (!person[field] || (Array.isArray(person[field]) && (person[field] as unknown[]).length === 0))
        throw new Error(
          `the prefill query of ${p.idNumber} has no ${field}: it would not touch every department`,
        );
  }
}

/**
 * Scenario 1: the prefill query, a different person each request, through our gateway and through the
 * stock Apollo Gateway in front of the same subgraphs — alternating, so both see the same machine.
 */
export async function gatewayThroughput(
  s: TestStack,
  stock: { readonly url: string; readonly pid: number | undefined },
  persons: readonly KnownPerson[],
  options: { connections: number; durationSeconds: number; runs: number },
): Promise<ThroughputFigures> {
  const ourUrl = `${s.gatewayUrl}/graphql`;
  const ourPid = s.stack.services.get('gateway')?.process.pid;
  await sameAnswers(ourUrl, stock.url, persons);
  const requests = prefillRequests(persons);
  const others = [...s.stack.services.values()].filter(
    (x) => x.spec.name !== 'gateway' && x.spec.name !== 'idp',
  );
  const run = async (url: string, pid: number | undefined, durationSeconds = options.durationSeconds) => {
    const cpuBefore = cpuMs(pid);
    const othersBefore = others.map((x) => cpuMs(x.process.pid));
    const r = await load(url, requests, { connections: options.connections, durationSeconds });
    const per = (ms: number) => round(ms / Math.max(1, r.requests), 2);
    return {
      ...r,
      gatewayCpuMsPerRequest: per(cpuMs(pid) - cpuBefore),
      stackCpuMsPerRequest: Object.fromEntries(
        others.map((x, i) => [x.spec.name, per(cpuMs(x.process.pid) - othersBefore[i]!)]),
      ),
    };
  };
  // Warm both: query plans, token and header caches, JIT, connection pools.
  await run(ourUrl, ourPid, 3);
  await run(stock.url, stock.pid, 3);
  const ours: GatewayRun[] = [];
  const stockRuns: GatewayRun[] = [];
  const memory: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const order = i % 2 === 0 ? (['ours', 'stock'] as const) : (['stock', 'ours'] as const);
    for (const which of order) {
      if (which === 'ours') {
        const sampler = sampleEvery(500, () => stackResidentMiB(s.stack));
        ours.push(await run(ourUrl, ourPid));
        memory.push(...sampler.stop());
      } else stockRuns.push(await run(stock.url, stock.pid));
    }
  }
  const summary = (rs: GatewayRun[]): Summary => ({
    rps: round(median(rs.map((r) => r.requestsPerSecond))),
    p50Ms: round(median(rs.map((r) => r.p50Ms))),
    p99Ms: round(median(rs.map((r) => r.p99Ms))),
    gatewayCpuMsPerRequest: round(median(rs.map((r) => r.gatewayCpuMsPerRequest)), 2),
    stackCpuMsPerRequest: Object.fromEntries(
      Object.keys(rs[0]?.stackCpuMsPerRequest ?? {}).map((k) => [
        k,
        round(median(rs.map((r) => r.stackCpuMsPerRequest[k] ?? 0)), 2),
      ]),
    ),
  });
  const m = { ours: summary(ours), stock: summary(stockRuns) };
  return {
    ...options,
    persons: persons.length,
    ours,
    stock: stockRuns,
    median: { ...m, ratio: round(m.ours.rps / m.stock.rps, 2) },
    stackMiBUnderLoad: { median: round(median(memory)), max: round(Math.max(...memory)) },
  };
}

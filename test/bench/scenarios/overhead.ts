import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { type PlanNode, QueryPlanner } from '@apollo/query-planner';
import { type Identity, signIdentity } from '@onething/runtime/identity';
import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { parse, specifiedRules, validate } from 'graphql';
import { Agent, request } from 'undici';
import { queryLimits } from '../../../gateway/src/plugins/limits';
import { freePort, stackServices, startStack } from '../../../scripts/stack';
import type { TestStack } from '../../stack/support';
import { type KnownPerson, PREFILL_HASH, PREFILL_QUERY } from '../persons';
import { median, percentile, round, since } from '../stats';
import { LIMITS } from './worst-request';

const SUPERGRAPH = fileURLToPath(new URL('../../../schema/supergraph.graphql', import.meta.url));

/** The gateway's default token cap (gateway/src/settings.ts), which its parsing applies. */
const MAX_TOKENS = 3_000;

/** One subgraph request the gateway made, as it made it. */
interface Recorded {
  readonly subgraph: string;
  readonly body: string;
  readonly identity: Identity;
}

/** The plan's fetches in the order the gateway runs them: a sequence of stages, each run in parallel. */
type Step = { kind: 'fetch'; subgraph: string } | { kind: 'all' | 'seq'; steps: Step[] };

function stepsOf(node: PlanNode): Step {
  switch (node.kind) {
    case 'Fetch':
      return { kind: 'fetch', subgraph: node.serviceName };
    case 'Flatten':
      return stepsOf(node.node);
    case 'Sequence':
      return { kind: 'seq', steps: node.nodes.map(stepsOf) };
    case 'Parallel':
      return { kind: 'all', steps: node.nodes.map(stepsOf) };
    default:
      throw new Error(`the prefill query's plan has a ${node.kind} node, which this replay does not follow`);
  }
}

/** The prefill query's plan, from the supergraph the gateway serves. */
export function prefillPlan(): Step {
  const supergraph = Supergraph.build(readFileSync(SUPERGRAPH, 'utf8'));
  const operation = operationFromDocument(supergraph.schema, parse(PREFILL_QUERY), {
    operationName: 'Prefill',
  });
  const plan = new QueryPlanner(supergraph).buildQueryPlan(operation);
  if (!plan.node || plan.node.kind === 'Subscription') throw new Error('the prefill query plans no fetch');
  return stepsOf(plan.node);
}

const fetchesIn = (step: Step): string[] =>
  step.kind === 'fetch' ? [step.subgraph] : step.steps.flatMap(fetchesIn);

/** A proxy in front of each subgraph that records what the gateway sends through it. */
async function recordingProxies(targets: Record<string, string>, into: Recorded[]) {
  const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
  const servers: Server[] = [];
  const urls: Record<string, string> = {};
  for (const [subgraph, target] of Object.entries(targets)) {
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks).toString();
      const header = String(req.headers['x-onething-identity'] ?? '');
      const identity = JSON.parse(Buffer.from(header.split('.')[1] ?? '', 'base64url').toString()).idt;
      into.push({ subgraph, body, identity });
      const answer = await request(target, {
        method: 'POST',
        dispatcher,
        headers: { 'content-type': 'application/json', 'x-onething-identity': header },
        body,
      });
      res.writeHead(answer.statusCode, { 'content-type': 'application/json' });
      res.end(await answer.body.text());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    urls[subgraph] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }
  return {
    urls,
    async close() {
      for (const s of servers) await new Promise((r) => s.close(r));
      await dispatcher.close();
    },
  };
}

export interface OverheadFigures {
  readonly requests: number;
  readonly plan: string[];
  readonly gateway: { readonly p50Ms: number; readonly p99Ms: number };
  readonly direct: { readonly p50Ms: number; readonly p99Ms: number };
  /** The same query sent by its trusted document's hash alone (`extensions.persistedQuery`), in the same runs. */
  readonly trusted?: { readonly p50Ms: number; readonly p99Ms: number; readonly addedP50Ms: number };
  /**
   * What parsing and validating the query against the API schema costs once, in-process (the gateway's
   * rules: graphql's and its limits), which Apollo Server does only for a text its document store lacks.
   */
  readonly parseValidate?: { readonly parseMs: number; readonly validateMs: number };
  /** The stock Apollo Gateway on the same path, when it was measured beside ours. */
  readonly stock?: { readonly p50Ms: number; readonly p99Ms: number; readonly addedP50Ms: number };
  /** Median over the runs of each run's p50 through the gateway less its p50 straight to the subgraphs. */
  readonly addedP50Ms: number;
  readonly addedP50MsPerRun: number[];
  readonly runs: number;
}

/**
 * Scenario 2: the prefill query one at a time through the gateway, against the same subgraph requests
 * — those the gateway's plan makes, recorded once per person through a proxy — sent straight to the
 * subgraphs in the plan's order (parallel where it is). The difference is what the gateway adds.
 */
export async function gatewayOverhead(
  s: TestStack,
  persons: readonly KnownPerson[],
  options: { requests: number; runs: number },
  stockUrl?: string,
): Promise<OverheadFigures> {
  const plan = prefillPlan();
  const subgraphUrl = (name: string) =>
    `http://127.0.0.1:${name === 'hall' ? s.ports.hall : s.ports.subgraphs[name as (typeof DEPARTMENT_KEYS)[number]]}/graphql`;
  const recorded: Recorded[] = [];
  const targets = Object.fromEntries(
    [...DEPARTMENT_KEYS, 'hall'].map((name) => [name, subgraphUrl(name)]),
  ) as Record<string, string>;
  const proxies = await recordingProxies(targets, recorded);

  // A second gateway, like the stack's, reaching the subgraphs through the proxies: it records each
  // person's requests once. The measured gateway is the stack's own.
  const [spec] = stackServices(s.options).filter((x) => x.name === 'gateway');
  const port = await freePort();
  const recorder = await startStack({ logDir: s.logDir }, [
    {
      ...spec!,
      name: 'gateway-recording',
      env: {
        ...spec!.env,
        PORT: String(port),
        SUBGRAPH_URLS: Object.entries(proxies.urls)
          .map(([n, u]) => `${n}=${u}`)
          .join(','),
      },
      url: `http://127.0.0.1:${port}/graphql`,
      readyUrl: `http://127.0.0.1:${port}/health`,
    },
  ]);
  const fetches = fetchesIn(plan);
  const perPerson = new Map<string, Recorded[]>();
  try {
    for (const p of persons) {
      recorded.length = 0;
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
        body: JSON.stringify({
          query: PREFILL_QUERY,
          variables: { id: p.idNumber },
          operationName: 'Prefill',
        }),
      });
      const answer = (await res.json()) as { errors?: unknown };
      if (answer.errors) throw new Error(`recording ${p.idNumber}: ${JSON.stringify(answer.errors)}`);
      const names = recorded.map((r) => r.subgraph).sort();
      if (names.join() !== [...fetches].sort().join())
        throw new Error(`the gateway made ${names.join(', ')}; the plan says ${fetches.join(', ')}`);
      perPerson.set(p.idNumber, [...recorded]);
    }
  } finally {
    await recorder.stop();
    await proxies.close();
  }

  // Straight to the subgraphs, over keep-alive connections as the gateway does.
  const key = s.identityKeys.key;
  const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
  const headers = new Map<string, string>();
  const direct = async (p: KnownPerson) => {
    const reqs = perPerson.get(p.idNumber)!;
    const taken = new Map<string, number>();
    const take = (subgraph: string) => {
      const list = reqs.filter((r) => r.subgraph === subgraph);
      const i = taken.get(subgraph) ?? 0;
      taken.set(subgraph, i + 1);
      return list[i]!;
    };
    const run = async (step: Step): Promise<void> => {
      if (step.kind === 'seq') for (const x of step.steps) await run(x);
      else if (step.kind === 'all') await Promise.all(step.steps.map(run));
      else if (step.kind === 'fetch') {
        const r = take(step.subgraph);
        const res = await request(targets[r.subgraph]!, {
          method: 'POST',
          dispatcher,
          headers: { 'content-type': 'application/json', 'x-onething-identity': headers.get(p.idNumber)! },
          body: r.body,
        });
        const text = await res.body.text();
        if (res.statusCode !== 200 || text.includes('"errors"'))
          throw new Error(`direct ${r.subgraph} for ${p.idNumber}: ${res.statusCode} ${text.slice(0, 300)}`);
      }
    };
    await run(plan);
  };
  // The same HTTP client every way (undici over keep-alive connections), so only the gateway differs.
  const via = (url: string) => async (p: KnownPerson) => {
    const res = await request(url, {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
      body: JSON.stringify({ query: PREFILL_QUERY, variables: { id: p.idNumber }, operationName: 'Prefill' }),
    });
    const text = await res.body.text();
    if (res.statusCode !== 200 || text.includes('"errors"'))
      throw new Error(`${url} for ${p.idNumber}: ${res.statusCode} ${text.slice(0, 300)}`);
  };
  // By the trusted document's hash alone: no text to send, read or hash.
  const byHash = async (p: KnownPerson) => {
    const res = await request(`${s.gatewayUrl}/graphql`, {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
      body: JSON.stringify({
        variables: { id: p.idNumber },
        operationName: 'Prefill',
        extensions: { persistedQuery: { version: 1, sha256Hash: PREFILL_HASH } },
      }),
    });
    const text = await res.body.text();
    if (res.statusCode !== 200 || text.includes('"errors"'))
      throw new Error(`by hash for ${p.idNumber}: ${res.statusCode} ${text.slice(0, 300)}`);
  };
  const paths: Record<string, (p: KnownPerson) => Promise<void>> = {
    gateway: via(`${s.gatewayUrl}/graphql`),
    trusted: byHash,
    direct,
    ...(stockUrl ? { stock: via(stockUrl) } : {}),
  };
  const names = Object.keys(paths);
  // One signed header per person, renewed at half its life as the gateway does, so both paths meet the
  // subgraphs' verified-header cache alike.
  let signedAt = 0;
  const renew = async () => {
    if (Date.now() - signedAt < 30_000) return;
    for (const q of persons)
      headers.set(q.idNumber, await signIdentity(perPerson.get(q.idNumber)![0]!.identity, key, 60));
    signedAt = Date.now();
  };
  const blocks: Record<string, number[]>[] = [];
  try {
    // A warm-up round, then `runs` blocks of requests, each path taking its turn first.
    for (let run = 0; run <= options.runs; run++) {
      const block: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
      const n = run === 0 ? persons.length : options.requests;
      for (let i = 0; i < n; i++) {
        await renew();
        const p = persons[i % persons.length]!;
        for (let k = 0; k < names.length; k++) {
          const name = names[(i + k) % names.length]!;
          const t0 = performance.now();
          await paths[name]!(p);
          block[name]!.push(since(t0));
        }
      }
      if (run > 0) blocks.push(block);
    }
  } finally {
    await dispatcher.close();
  }
  const p50 = (b: Record<string, number[]>, name: string) => median(b[name]!);
  const figures = (name: string) => ({
    p50Ms: round(median(blocks.map((b) => p50(b, name))), 2),
    p99Ms: round(median(blocks.map((b) => percentile(b[name]!, 99))), 2),
  });
  const g = figures('gateway');
  const d = figures('direct');
  const added = (name: string) => blocks.map((b) => p50(b, name) - p50(b, 'direct'));
  return {
    requests: options.requests,
    runs: options.runs,
    plan: fetches,
    gateway: g,
    direct: d,
    addedP50Ms: round(median(added('gateway')), 2),
    addedP50MsPerRun: added('gateway').map((x) => round(x, 2)),
    trusted: { ...figures('trusted'), addedP50Ms: round(median(added('trusted')), 2) },
    parseValidate: parseAndValidate(options.requests, options.runs),
    ...(stockUrl ? { stock: { ...figures('stock'), addedP50Ms: round(median(added('stock')), 2) } } : {}),
  };
}

/**
 * Parsing and validating the prefill query against the API schema, in-process, as Apollo Server does for a
 * text its document store does not hold (graphql's rules and the gateway's limits): the median over `runs`
 * blocks of each block's median of `requests` rounds, after a warm-up block.
 */
export function parseAndValidate(requests: number, runs: number): { parseMs: number; validateMs: number } {
  const api = Supergraph.build(readFileSync(SUPERGRAPH, 'utf8')).apiSchema().toGraphQLJSSchema();
  const rules = [...specifiedRules, queryLimits(LIMITS)];
  const blocks: { parse: number[]; validate: number[] }[] = [];
  for (let run = 0; run <= runs; run++) {
    const block = { parse: [] as number[], validate: [] as number[] };
    for (let i = 0; i < requests; i++) {
      const t0 = performance.now();
      const document = parse(PREFILL_QUERY, { maxTokens: MAX_TOKENS });
      const t1 = performance.now();
      const errors = validate(api, document, rules);
      block.validate.push(since(t1));
      block.parse.push(t1 - t0);
      if (errors.length) throw new Error(`the prefill query does not validate: ${errors[0]!.message}`);
    }
    if (run > 0) blocks.push(block);
  }
  return {
    parseMs: round(median(blocks.map((b) => median(b.parse))), 3),
    validateMs: round(median(blocks.map((b) => median(b.validate))), 3),
  };
}

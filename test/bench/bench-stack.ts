import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { ensureServicesBuilt } from '../../scripts/service-build';
import { freePort, type RunningStack, type StackOptions, startStack } from '../../scripts/stack';
import { type Department, startTestStack, type TestStack } from '../stack/support';
import { BENCH_PERSONS, PREFILL_HASH, PREFILL_QUERY } from './persons';
import { residentMiB, totalResidentMiB } from './processes';

/**
 * The stand-ins' fixed latency on reads, in ms, as the legacy systems behind a service hall answer: the
 * registry's SOAP service slowest. No jitter, so runs compare.
 */
export const READ_LATENCY_MS: Record<Department, number> = { tax: 10, market: 10, realestate: 30, fund: 15 };

/**
 * What the bench changes from the defaults, and why: the departments' protections — the market system's
 * rate limit (500 requests a second) and the subgraphs' caps on single-key reads in flight (market 16,
 * registry owner look-ups 4) — are sized for real departments; against stand-ins answering in fixed time
 * they would cap every scenario at their own rate rather than measure the stack. And the registry's own
 * random slowness (40–120 ms a request) is off: every latency is the fixed one the scenario sets.
 */
export const BENCH_ENV = {
  BASE_LATENCY_MS: '0',
  BASE_JITTER_MS: '0',
  MARKET_RATE_LIMIT: '1000000',
  MARKET_CONCURRENCY: '64',
  REGISTRY_OWNER_LOOKUP_CONCURRENCY: '64',
} as const;

/** The web app's trusted documents, which the gateway loads by default. */
const WEB_TRUSTED_DOCUMENTS = fileURLToPath(
  new URL('../../web/src/api/generated/persisted-documents.json', import.meta.url),
);

/**
 * The gateway's manifests: the web app's, and the prefill query's (a manifest of the bench's own, written
 * now), so scenario 2 can send the prefill query by its hash alone as the web app sends its own.
 */
function benchTrustedDocuments(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'bench-trusted-')), 'persisted-documents.json');
  writeFileSync(file, JSON.stringify({ [PREFILL_HASH]: PREFILL_QUERY }));
  return `${WEB_TRUSTED_DOCUMENTS},${file}`;
}

/**
 * The whole stack as deployed — the production build (`npm run build`, brought up to date here first), every
 * service its own process run by plain `node`, `npm start`'s population — on free ports, for benchmarks:
 * logs at `warn`, the departments' protections lifted (`BENCH_ENV`). `built: false` runs the services'
 * TypeScript through tsx instead, as `npm start` does.
 */
export async function startBenchStack(options: StackOptions = {}): Promise<TestStack> {
  if (options.built !== false) await ensureServicesBuilt();
  return startTestStack({
    persons: BENCH_PERSONS,
    logLevel: 'warn',
    built: true,
    ...options,
    env: { ...BENCH_ENV, TRUSTED_DOCUMENTS_FILES: benchTrustedDocuments(), ...options.env },
  });
}

/** Every stand-in answers its reads after its fixed latency (`READ_LATENCY_MS`), and nothing else fails. */
export async function fixReadLatencies(s: TestStack): Promise<void> {
  for (const d of DEPARTMENT_KEYS) {
    await s.admin(d).clearFaults();
    await s.admin(d).setFaults({ latencyMs: READ_LATENCY_MS[d], jitterMs: 0 });
  }
}

/** The resident memory of every process of a stack, summed, in MiB. */
export const stackResidentMiB = (stack: RunningStack): number =>
  totalResidentMiB([...stack.services.values()].map((s) => s.process.pid));

/** The resident memory of each process of a stack, in MiB. */
export const residentByService = (stack: RunningStack): Record<string, number> =>
  Object.fromEntries(
    [...stack.services.values()].map((s) => [s.spec.name, Math.round(residentMiB(s.process.pid))]),
  );

const SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

/**
 * The stock Apollo Gateway (test/bench/stock-gateway.ts) as its own process, in front of the same
 * subgraphs as the stack's gateway.
 */
export async function startStockGateway(
  s: TestStack,
): Promise<{ url: string; pid: number | undefined; stack: RunningStack }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const { subgraphs, hall } = s.ports;
  const subgraphUrls = [
    ...DEPARTMENT_KEYS.map((d) => `${d}=http://127.0.0.1:${subgraphs[d]}/graphql`),
    `hall=http://127.0.0.1:${hall}/graphql`,
  ].join(',');
  const stack = await startStack({ logDir: s.logDir }, [
    {
      name: 'stock-gateway',
      title: 'stock Apollo Gateway (reference)',
      entry: 'test/bench/stock-gateway.ts',
      env: {
        PORT: String(port),
        SUPERGRAPH_FILE: SUPERGRAPH,
        SUBGRAPH_URLS: subgraphUrls,
        INTERNAL_IDENTITY_KEY_FILE: s.identityKeys.keyFile,
      },
      url,
      readyUrl: url,
      ready: async () =>
        (
          await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"query":"{ __typename }"}',
          })
        ).ok,
    },
  ]);
  return { url, pid: stack.services.get('stock-gateway')?.process.pid, stack };
}

import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { PLATFORM_KEYS } from '@onething/schema/platforms';
import { ensureServicesBuilt } from '../../../scripts/service-build';
import {
  freePort,
  type RunningService,
  type ServiceSpec,
  type StackOptions,
  stackServices,
  startStack,
} from '../../../scripts/stack';
import { stackClient, type TestStack, testStackOptions } from '../../stack/support';
import { type BalancedService, type Balancer, startBalancer } from './balancer';

/**
 * The system scaled out on one machine, as a deployment runs it: two gateways, two replicas of each
 * subgraph and two halls on one PostgreSQL, each from its build with plain node, all behind HAProxy.
 * Whatever calls a replicated service — a client, the hall (the gateway), the gateway (each subgraph), a
 * department's system (the hall's callbacks), the payment platform (the payment subgraph's notifications)
 * — is given the balancer's address for it, never a replica's. The identity provider and the stand-ins
 * (the departments' own systems) run once, as they are not ours to scale.
 */

/** The services run twice: the gateway, every subgraph, the hall. */
export const REPLICATED: readonly string[] = [
  'gateway',
  ...DEPARTMENT_KEYS.map((d) => `subgraph-${d}`),
  ...PLATFORM_KEYS.map((p) => `subgraph-${p}`),
  'subgraph-hall',
];

export const REPLICAS = 2;

export interface ScaleOutStack {
  /** The client of the whole: its gateway URL is the balancer's. */
  readonly s: TestStack;
  readonly balancer: Balancer;
  /** The replicas of each replicated service, by the service's name. */
  readonly replicas: ReadonlyMap<string, readonly RunningService[]>;
  stop(): Promise<void>;
}

/** A URL on another port. */
const onPort = (url: string, port: number) => {
  const u = new URL(url);
  u.port = String(port);
  return u.toString();
};

/** A replica of a service: its own name and port, the rest of its settings the service's. */
function replicaOf(spec: ServiceSpec, n: number, port: number): ServiceSpec {
  return {
    ...spec,
    name: `${spec.name}-${n}`,
    env: {
      ...spec.env,
      PORT: String(port),
      // The hall's dispatch leases name the process that holds them.
      ...(spec.name === 'subgraph-hall' ? { WORKER_ID: `hall-${n}` } : {}),
    },
    url: onPort(spec.url, port),
    readyUrl: onPort(spec.readyUrl, port),
  };
}

/**
 * Starts the scaled-out system: the balancer first (its listeners are every replicated service's
 * address), then every process, and resolves once the balancer sees every replica up.
 */
export async function startScaleOutStack(options: StackOptions): Promise<ScaleOutStack> {
  await ensureServicesBuilt();
  const merged = await testStackOptions({
    clockSpeed: 3600,
    built: true,
    ...options,
    env: { NODE_ENV: 'production', ...options.env },
  });
  const specs: ServiceSpec[] = [];
  const balanced: BalancedService[] = [];
  for (const spec of stackServices(merged)) {
    if (!REPLICATED.includes(spec.name)) {
      specs.push(spec);
      continue;
    }
    const replicas: ServiceSpec[] = [];
    for (let n = 1; n <= REPLICAS; n++) replicas.push(replicaOf(spec, n, await freePort()));
    specs.push(...replicas);
    balanced.push({
      name: spec.name,
      port: Number(spec.env.PORT),
      // The gateway answers 503 at /ready while it drains; every other service is ready when it serves.
      healthPath: spec.name === 'gateway' ? '/ready' : '/health',
      replicas: replicas.map((r) => ({ name: r.name, port: Number(r.env.PORT) })),
    });
  }
  const balancer = await startBalancer(balanced, merged.logDir!);
  let stack: Awaited<ReturnType<typeof startStack>>;
  try {
    stack = await startStack(merged, specs);
    await balancer.waitAllUp();
  } catch (e) {
    await balancer.stop();
    throw e;
  }
  const stop = async () => {
    await stack.stop();
    await balancer.stop();
  };
  const replicas = new Map(
    balanced.map((b) => [b.name, b.replicas.map((r) => stack.services.get(r.name)!)] as const),
  );
  return { s: { stack, ...stackClient(merged, stop) }, balancer, replicas, stop };
}

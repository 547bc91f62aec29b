import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDevIdp, devIdpSettings } from '@onething/dev-idp';
import { createGateway, gatewaySettings } from '@onething/gateway';
import { courierSettings, createCourierStandIn } from '@onething/legacy-courier';
import { createFundStandIn, fundSettings } from '@onething/legacy-fund';
import { createMarketStandIn, marketSettings } from '@onething/legacy-market';
import { createPaymentStandIn, paymentSettings } from '@onething/legacy-payment';
import { createRealestateStandIn, realestateSettings } from '@onething/legacy-realestate';
import { createSmsStandIn, smsSettings } from '@onething/legacy-sms';
import { createTaxStandIn, taxSettings } from '@onething/legacy-tax';
import { createLogger, type Logger } from '@onething/runtime';
import { createFundSubgraph, fundSubgraphSettings } from '@onething/subgraph-fund';
import { type Clock, createHallSubgraph, hallSettings } from '@onething/subgraph-hall';
import { createMarketSubgraph, marketSubgraphSettings } from '@onething/subgraph-market';
import { createPaymentSubgraph, paymentSubgraphSettings } from '@onething/subgraph-payment';
import { createRealestateSubgraph, realestateSubgraphSettings } from '@onething/subgraph-realestate';
import { createTaxSubgraph, taxSubgraphSettings } from '@onething/subgraph-tax';
import { type ServiceSpec, type StackOptions, stackServices } from '../../scripts/stack';
import { type StackClient, stackClient, testStackOptions } from './support';

/** A service built in this process: what its main.ts does with it. */
interface Built {
  listen(): Promise<unknown>;
  close(): Promise<void>;
  /** Resolves once it serves (the gateway: its supergraph loaded). */
  ready?(): Promise<void>;
}

/**
 * Each service of the stack as its main.ts builds it, from the same settings (`settings.load(env)`), by
 * its name in {@link stackServices}.
 */
const builders = (
  hallClock: Clock | undefined,
): Record<string, (env: NodeJS.ProcessEnv, log: Logger) => Built | Promise<Built>> => ({
  idp: (env, log) => createDevIdp(devIdpSettings.load(env), log),
  'legacy-tax': (env, log) => createTaxStandIn(taxSettings.load(env), log),
  'legacy-market': (env, log) => createMarketStandIn(marketSettings.load(env), log),
  'legacy-realestate': (env, log) => createRealestateStandIn(realestateSettings.load(env), log),
  'legacy-fund': (env, log) => createFundStandIn(fundSettings.load(env), log),
  'legacy-payment': (env, log) => createPaymentStandIn(paymentSettings.load(env), log),
  'legacy-courier': (env, log) => createCourierStandIn(courierSettings.load(env), log),
  'legacy-sms': (env, log) => createSmsStandIn(smsSettings.load(env), log),
  'subgraph-tax': (env, log) => createTaxSubgraph(taxSubgraphSettings.load(env), log),
  'subgraph-market': (env, log) => createMarketSubgraph(marketSubgraphSettings.load(env), log),
  'subgraph-realestate': (env, log) => createRealestateSubgraph(realestateSubgraphSettings.load(env), log),
  'subgraph-fund': (env, log) => createFundSubgraph(fundSubgraphSettings.load(env), log),
  'subgraph-payment': (env, log) => createPaymentSubgraph(paymentSubgraphSettings.load(env), log),
  gateway: (env, log) => createGateway(gatewaySettings.load(env), log),
  'subgraph-hall': (env, log) =>
    createHallSubgraph(hallSettings.load(env), log, hallClock ? { clock: hallClock } : {}),
});

/** The whole stack in this one process, with what tests need to drive it and to reach into it. */
export interface InProcessStack extends StackClient {
  /** A service as it was built (the hall, to stop its dispatcher). */
  service<T>(name: string): T;
  /** Closes a service and builds it again from the same settings, on the same port (a restart). */
  restart(name: string): Promise<void>;
}

/**
 * The stack `npm start` runs, every service built in this process from the settings it would be given
 * (ports, keys, state directories as {@link testStackOptions} makes them), talking to each other over
 * HTTP on those ports: for what a test must observe inside the services at once (the spans of one
 * request across all of them, in one tracer provider). Each service logs to its file in the log dir.
 */
export async function startInProcessTestStack(
  options: StackOptions = {},
  /** The hall's clock (default: the machine's), for a test that moves the hall's today. */
  hallClock?: Clock,
): Promise<InProcessStack> {
  const BUILDERS = builders(hallClock);
  const merged = await testStackOptions(options);
  mkdirSync(merged.logDir!, { recursive: true });
  const specs = new Map(stackServices(merged).map((s) => [s.name, s]));
  const running = new Map<string, Built>();
  const loggers = new Map<string, Logger>();
  const logOf = (name: string) => {
    let log = loggers.get(name);
    if (!log) {
      log = createLogger(
        name,
        merged.logLevel ?? 'warn',
        createWriteStream(join(merged.logDir!, `${name}.log`), { flags: 'a' }),
      );
      loggers.set(name, log);
    }
    return log;
  };
  const start = async (spec: ServiceSpec) => {
    const build = BUILDERS[spec.name];
    if (!build) throw new Error(`no in-process builder for ${spec.name}`);
    const built = await build({ ...process.env, ...spec.env }, logOf(spec.name));
    running.set(spec.name, built);
    await built.listen();
    await built.ready?.();
  };
  const stop = async () => {
    for (const [name, built] of [...running].reverse()) {
      running.delete(name);
      await built.close().catch(() => {});
    }
  };
  try {
    // In start order: the gateway serves before the hall, which reads its bundles' items through it.
    for (const spec of specs.values()) await start(spec);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    ...stackClient(merged, stop),
    service<T>(name: string): T {
      const built = running.get(name);
      if (!built) throw new Error(`${name} is not running`);
      return built as T;
    },
    async restart(name) {
      const spec = specs.get(name);
      if (!spec) throw new Error(`no service ${name}`);
      await running.get(name)?.close();
      running.delete(name);
      await start(spec);
    },
  };
}

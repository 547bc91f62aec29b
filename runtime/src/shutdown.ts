import type { Logger } from 'pino';
import { createLogger } from './logger';
import { startTracing, stopTracing, type TracingConfig } from './tracing';

/**
 * Closes a service gracefully on SIGINT/SIGTERM/SIGHUP (or when its launcher is gone, see
 * {@link EXIT_WITH_PARENT}): in-flight work finishes, then the process exits. A second
 * signal, or the grace period running out, exits at once.
 */
export function closeOnSignals(log: Logger, close: () => Promise<void>, graceMs = 10_000): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error({ graceMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, graceMs);
    timer.unref();
    // The spans still buffered are sent once the service is closed (its last requests' included).
    close()
      .then(() => stopTracing())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  if (process.env[EXIT_WITH_PARENT] === '1') exitWithParent(() => onSignal('SIGHUP'));
}

/**
 * Set by a launcher (`npm start`, the test stacks) that gives its services a pipe as standard input: the
 * pipe ends when the launcher is gone, however it went (a signal it could not pass on, SIGKILL, a crash),
 * and the service then shuts down as on a signal instead of running on as an orphan holding its port.
 */
export const EXIT_WITH_PARENT = 'ONETHING_EXIT_WITH_PARENT';

function exitWithParent(close: () => void): void {
  process.stdin.once('end', close);
  process.stdin.once('error', close);
  process.stdin.resume();
}

/** Runs a service's main function; a start that fails is logged once, clearly, and exits non-zero. */
export function runMain(log: Logger, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    if (err instanceof Error && err.name === 'ConfigError') log.fatal(err.message);
    else log.fatal({ err }, 'could not start');
    process.exit(1);
  });
}

/**
 * The whole start of a service process: settings are loaded inside the guard, so a bad setting ends in
 * one clear message naming every problem (not a stack trace); then tracing starts where the OTEL_*
 * settings ask for it ({@link startTracing}: nothing is loaded otherwise), and `main` runs with the config
 * and a logger at the configured level. In the development profile, the development conveniences in use
 * are named in a warning: production would refuse them.
 */
export function runService<C extends { logLevel: string; profile?: string } & TracingConfig>(
  name: string,
  settings: { load(): C; developmentConveniences?(): readonly string[] },
  main: (config: C, log: Logger) => Promise<void>,
): void {
  let config: C;
  try {
    config = settings.load();
  } catch (err) {
    const bootstrap = createLogger(name, 'info');
    if (err instanceof Error && err.name === 'ConfigError') bootstrap.fatal(err.message);
    else bootstrap.fatal({ err }, 'could not start');
    process.exit(1);
  }
  const log = createLogger(name, config.logLevel);
  const conveniences = config.profile === 'development' ? (settings.developmentConveniences?.() ?? []) : [];
  if (conveniences.length > 0)
    log.warn(
      { profile: config.profile, conveniences },
      `running with development conveniences that PROFILE=production refuses: ${conveniences.join(', ')}`,
    );
  runMain(log, async () => {
    await startTracing(name, config, { log });
    await main(config, log);
  });
}

import type { Logger } from 'pino';

/**
 * Closes a service gracefully on SIGINT/SIGTERM: in-flight work finishes, then the process exits. A second
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
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/** Runs a service's main function; a start that fails is logged once, clearly, and exits non-zero. */
export function runMain(log: Logger, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    log.fatal(
      err instanceof Error && err.name === 'ConfigError' ? { msg: err.message } : { err },
      'could not start',
    );
    process.exit(1);
  });
}

import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';
import { maskIdNumber, maskIdNumbersIn } from './id-mask';
import { traceIdsMixin } from './tracing';

export type { Logger } from 'pino';
export { maskIdNumber, maskIdNumbersIn };

/** Log options shared by every service: ID numbers masked, credentials removed. */
export function logOptions(service: string, level: string): LoggerOptions {
  return {
    name: service,
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers["x-onething-identity"]',
        '*.idNumber',
        '*.zjhm',
        '*.id_number',
      ],
      censor: (value: unknown) =>
        typeof value === 'string' && value.length === 18 ? maskIdNumber(value) : '[redacted]',
    },
    hooks: {
      // Every line as written: whatever an error or a library logs with it (an error's message and stack,
      // a query's parameters, a request's variables) is masked, not only the paths named above.
      streamWrite: maskIdNumbersIn,
      logMethod(args, method) {
        // Messages may quote a URL or an error text holding an ID number (e.g. `/persons/3305…`).
        const masked = args.map((a) => (typeof a === 'string' ? maskIdNumbersIn(a) : a)) as typeof args;
        method.apply(this, masked);
      },
    },
    // trace_id and span_id on every line written inside a span (nothing while tracing is off).
    ...traceIdsMixin,
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: maskIdNumbersIn(req.url) }),
    },
  };
}

/** The root logger of a service process; `destination` (default stdout) for tests that read the lines. */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  const options = logOptions(service, level);
  return destination ? pino(options, destination) : pino(options);
}

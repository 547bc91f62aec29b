import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger } from 'pino';

/** Masks a resident ID number for logs: region and check character stay, the birth date and sequence go. */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14, 16)}*${id.slice(17)}` : '***';
}

// Standing alone: no digit before (a letter may be: `\n` of an escaped line break), no digit or letter after.
const ID_NUMBER = /(?<!\d)(\d{6})\d{8}(\d{2})\d([\dXx])(?![\dA-Za-z])/g;

/** Masks every resident ID number found anywhere in a string. */
export function maskIdNumbersIn(text: string): string {
  return text.replace(ID_NUMBER, '$1********$2*$3');
}

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

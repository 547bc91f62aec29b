import { Readable } from 'node:stream';

/**
 * How a department's system speaks when things go wrong: its own server-error answer and its own kinds
 * of broken body. The kit uses it to inject faults that look like that system's faults.
 */
export interface Protocol {
  /** Content type of the system's answers. */
  readonly contentType: string;
  /** The system's own answer to an internal failure. */
  serverError(op: string): { readonly status: number; readonly body: string };
  /** A body of the system's content type that does not parse. */
  garbage(): string;
  /** A body that parses but is not what the operation answers. */
  wrongShape(op: string): string;
  /** The start of an endless valid-looking body, to repeat until the client gives up. */
  hugeChunk(): string;
}

/** Streams `chunk` repeated up to `totalBytes`: a hostile, huge answer that never fits in memory at once. */
export function hugeBody(chunk: string, totalBytes = 64 * 1024 * 1024): Readable {
  const buf = Buffer.from(chunk.repeat(Math.max(1, Math.floor(65_536 / chunk.length))));
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= totalBytes) return this.push(null);
      sent += buf.length;
      this.push(buf);
    },
  });
}

export const jsonProtocolBase = {
  contentType: 'application/json; charset=utf-8',
  garbage: () => '{"code":0,"data":[{"id":"\u0000\u0007<html>oops',
  hugeChunk: () => '{"padding":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"},',
} as const;

/**
 * A W3C trace context (`traceparent`) for one request from the browser: a new trace id and span id, both
 * random and never all zero, sampled. The gateway's span is its child, so one id follows the request from
 * the page through every hop to the department's system (docs/operations.md, "Traces"); the browser
 * records no spans of its own.
 */
export function newTraceparent(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const hex = (n: number) => {
    let out: string;
    do out = [...random(new Uint8Array(n))].map((b) => b.toString(16).padStart(2, '0')).join('');
    while (/^0+$/.test(out));
    return out;
  };
  return `00-${hex(16)}-${hex(8)}-01`;
}

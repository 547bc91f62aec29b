import { eventParser, type ServerEvent } from '../../web/src/api/live';
import { eventually } from './house-transfer';
import type { StackClient } from './support';

/** A live stream of the hall's, opened through the gateway and read event by event. */
export interface Followed {
  readonly res: Response;
  /** The events come so far. */
  readonly events: ServerEvent[];
  /** Waits until `n` events have come. */
  until(n: number, what: string): Promise<number>;
  close(): Promise<void>;
}

/** Opens `path` (`/events/…`) as `token`'s page would (with the last event's id seen, to resume). */
export async function follow(
  s: StackClient,
  path: string,
  token: string | undefined,
  lastEventId?: string,
): Promise<Followed> {
  const controller = new AbortController();
  const res = await fetch(`${s.gatewayUrl}${path}`, {
    headers: {
      accept: 'text/event-stream',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
    },
    signal: controller.signal,
  });
  const events: ServerEvent[] = [];
  const parse = eventParser();
  const reading =
    res.ok && res.body
      ? (async () => {
          const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
          try {
            for (;;) {
              const { value, done } = await reader.read();
              if (done) return;
              events.push(...parse(value));
            }
          } catch {
            // aborted by the test
          }
        })()
      : Promise.resolve();
  return {
    res,
    events,
    until: (n, what) =>
      eventually(
        async () => events.length,
        (k) => k >= n,
        what,
        30_000,
      ),
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

import { useEffect, useState } from 'react';
import { newTraceparent } from './trace';

/** How the page learns of changes: a live stream from the hall, or asking again every few seconds. */
export type LiveMode = 'stream' | 'polling';

/** One server-sent event: its id and name (`changed`); comments and the retry field are skipped. */
export interface ServerEvent {
  readonly id: string | null;
  readonly event: string;
}

/**
 * Splits a text/event-stream into events (the WHATWG grammar, as far as the hall writes it): fed chunks as
 * they arrive, it answers the events completed so far and keeps the rest for the next chunk.
 */
export function eventParser(): (chunk: string) => ServerEvent[] {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    const events: ServerEvent[] = [];
    let end = buffer.search(/\r?\n\r?\n/);
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      let id: string | null = null;
      let event = 'message';
      let data = false;
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') id = value;
        else if (field === 'event') event = value;
        else if (field === 'data') data = true;
      }
      if (data) events.push({ id, event });
      end = buffer.search(/\r?\n\r?\n/);
    }
    return events;
  };
}

/**
 * Follows a stream of the hall's (`GET /events/…`, through the gateway, with the session's token —
 * EventSource cannot send one, so fetch reads the stream): `changed` is called at each change; a dropped
 * stream is opened again a second later with the last event's id, so no change is missed. While there is
 * no stream (refused, not reachable, or `enabled` false), `changed` is called every `pollMs` instead: the
 * page never stops updating. Answers how it is following now.
 */
export function useLive(
  path: string,
  token: string | undefined,
  enabled: boolean,
  changed: () => void,
  pollMs: number,
): LiveMode {
  const [mode, setMode] = useState<LiveMode>('polling');
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let last: string | null = null;
    let poll: ReturnType<typeof setInterval> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const polling = () => {
      setMode('polling');
      poll ??= setInterval(changed, pollMs);
    };
    const connect = async () => {
      try {
        const res = await fetch(path, {
          headers: {
            accept: 'text/event-stream',
            traceparent: newTraceparent(),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(last ? { 'last-event-id': last } : {}),
          },
          signal: controller.signal,
        });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        clearInterval(poll);
        poll = undefined;
        setMode('stream');
        const parse = eventParser();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const e of parse(value)) {
            if (e.id) last = e.id;
            if (e.event === 'changed') changed();
          }
        }
        throw new Error('the stream ended');
      } catch {
        if (stopped) return;
        polling();
        retry = setTimeout(() => void connect(), 1_000);
      }
    };
    void connect();
    return () => {
      stopped = true;
      controller.abort();
      clearInterval(poll);
      clearTimeout(retry);
    };
  }, [path, token, enabled, changed, pollMs]);
  return mode;
}

/** Follows an application live (`GET /events/applications/:id`): its reader's page, see {@link useLive}. */
export const useLiveApplication = (
  id: string,
  token: string | undefined,
  enabled: boolean,
  changed: () => void,
  pollMs: number,
): LiveMode => useLive(`/events/applications/${encodeURIComponent(id)}`, token, enabled, changed, pollMs);

/**
 * Follows the signed-in staff member's queue live (`GET /events/queue`: an event whenever what their queue
 * shows changes, by their scope), see {@link useLive}.
 */
export const useLiveQueue = (
  token: string | undefined,
  enabled: boolean,
  changed: () => void,
  pollMs: number,
): LiveMode => useLive('/events/queue', token, enabled, changed, pollMs);

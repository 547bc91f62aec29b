import { IDENTITY_HEADER } from '@onething/runtime/identity';
import { z } from 'zod';

/**
 * What the gateway sends each subgraph beside the query: the signed internal identity header
 * (IDENTITY_SUBGRAPHS) and the client's own headers it was told to pass on (FORWARD_HEADERS). Our
 * subgraphs need the first and nothing else; a foreign subgraph may want the client's Authorization
 * instead.
 */

/** Subgraphs chosen by name: every one (`*`), none, or those named. */
export type SubgraphSelection = '*' | ReadonlySet<string>;

/** Whether a selection holds a subgraph. */
export const selects = (selection: SubgraphSelection, subgraph: string): boolean =>
  selection === '*' || selection.has(subgraph);

/** Whether a selection holds any subgraph at all. */
export const selectsAny = (selection: SubgraphSelection): boolean => selection === '*' || selection.size > 0;

const SUBGRAPH_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** `*` (every subgraph), `none`, or subgraph names as a comma list. */
export const subgraphSelection = (fallback: '*' | 'none') =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx): SubgraphSelection => {
      const value = text.trim();
      if (value === '*') return '*';
      if (value === 'none') return new Set();
      const names = value
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
      for (const name of names)
        if (!SUBGRAPH_NAME.test(name))
          ctx.addIssue({
            code: 'custom',
            message: `"${name}" is not a subgraph name: give *, none, or names as a comma list`,
          });
      return new Set(names);
    });

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * Headers never passed on: they describe the connection or the body of the gateway's own request to the
 * subgraph, or are the gateway's own word (the identity header, which a client must never set).
 */
export const UNFORWARDABLE = new Set([
  'connection',
  'content-length',
  'content-type',
  'host',
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  IDENTITY_HEADER,
]);

/** The client headers passed on, by subgraph name (`*`: to every subgraph). */
export type ForwardedHeaders = ReadonlyMap<string, readonly string[]>;

/** `subgraph=header` pairs as a comma list, `*` for every subgraph: `*=authorization,books=accept-language`. */
export const forwardedHeaders = () =>
  z
    .string()
    .default('')
    .transform((text, ctx): ForwardedHeaders => {
      const out = new Map<string, string[]>();
      for (const part of text
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)) {
        const eq = part.indexOf('=');
        const subgraph = part.slice(0, eq).trim();
        const header = part
          .slice(eq + 1)
          .trim()
          .toLowerCase();
        if (eq < 1 || (subgraph !== '*' && !SUBGRAPH_NAME.test(subgraph)) || !HEADER_NAME.test(header)) {
          ctx.addIssue({
            code: 'custom',
            message: `"${part}" is not subgraph=header (or *=header for every subgraph)`,
          });
          continue;
        }
        if (UNFORWARDABLE.has(header)) {
          ctx.addIssue({
            code: 'custom',
            message: `"${header}" is never passed on: it is the gateway's own (${[...UNFORWARDABLE].join(', ')})`,
          });
          continue;
        }
        const list = out.get(subgraph) ?? [];
        if (!list.includes(header)) list.push(header);
        out.set(subgraph, list);
      }
      return out;
    });

/** What one subgraph is sent beside the query. */
export interface SubgraphHeaders {
  /** Whether it gets the signed identity header. */
  readonly identity: boolean;
  /** The client's headers passed on to it, lower case. */
  readonly forward: readonly string[];
}

/** What each subgraph is sent, and which client headers a request must keep for any of them. */
export function subgraphHeaders(settings: {
  readonly identitySubgraphs: SubgraphSelection;
  readonly forwardHeaders: ForwardedHeaders;
}) {
  const every = settings.forwardHeaders.get('*') ?? [];
  return {
    /** Whether any subgraph gets the identity header: otherwise none is signed. */
    signsIdentity: selectsAny(settings.identitySubgraphs),
    /** Every client header passed on to some subgraph. */
    clientHeaders: [...new Set([...settings.forwardHeaders.values()].flat())],
    for(subgraph: string): SubgraphHeaders {
      return {
        identity: selects(settings.identitySubgraphs, subgraph),
        forward: [...new Set([...every, ...(settings.forwardHeaders.get(subgraph) ?? [])])],
      };
    },
  };
}

/** The named headers of a client's request, each as one value (repeated ones joined as HTTP joins them). */
export function pickHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  names: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeSupergraph } from '@onething/schema';
import { graphql, parse } from 'graphql';

/**
 * Two subgraphs that are not ours, as someone else would write them: @apollo/subgraph on plain node:http,
 * a concert venue whose `Concert` is an entity of both. One is named `hall`, as ours is, to show the
 * gateway's conveniences for our hall do not reach it. Each records every request it receives.
 */
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
export const HALL_SDL = `${link}
type Concert @key(fields: "id") { id: ID! title: String! }
type Query { concerts: [Concert!]! }`;
export const TICKETS_SDL = `${link}
type Concert @key(fields: "id") { id: ID! seatsLeft: Int! }
type Query { whoAmI: String }`;

const CONCERTS = [
  { id: 'c1', title: 'Goldberg Variations' },
  { id: 'c2', title: 'The Butterfly Lovers' },
];
const SEATS: Record<string, number> = { c1: 12, c2: 0 };

/** A request a foreign subgraph received. */
export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

type Context = { authorization: string | undefined };

const resolversOf = (name: 'hall' | 'tickets') =>
  name === 'hall'
    ? {
        Query: { concerts: () => CONCERTS },
        Concert: { __resolveReference: (r: { id: string }) => CONCERTS.find((c) => c.id === r.id) },
      }
    : {
        // The subgraph checks the client's own token itself: it answers who the token says it is.
        Query: { whoAmI: (_: unknown, __: unknown, ctx: Context) => ctx.authorization ?? null },
        Concert: { seatsLeft: (c: { id: string }) => SEATS[c.id] ?? 0 },
      };

/** Starts a foreign subgraph on a free port. */
export async function startForeignSubgraph(name: 'hall' | 'tickets') {
  const schema = buildSubgraphSchema({
    typeDefs: parse(name === 'hall' ? HALL_SDL : TICKETS_SDL),
    resolvers: resolversOf(name) as never,
  });
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    if (req.method !== 'POST' || req.url !== '/graphql') {
      res.writeHead(404).end();
      return;
    }
    let body = '';
    for await (const chunk of req) body += chunk;
    const { query, variables, operationName } = JSON.parse(body) as {
      query: string;
      variables?: Record<string, unknown>;
      operationName?: string;
    };
    const result = await graphql({
      schema,
      source: query,
      variableValues: variables,
      operationName,
      contextValue: { authorization: req.headers.authorization } satisfies Context,
    });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    name,
    url,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The supergraph of the two, composed by @apollo/composition (through the schema workspace's helper). */
export function foreignSupergraph(hallUrl: string, ticketsUrl: string): string {
  return composeSupergraph([
    { name: 'hall', typeDefs: HALL_SDL, url: hallUrl },
    { name: 'tickets', typeDefs: TICKETS_SDL, url: ticketsUrl },
  ]).supergraphSdl;
}

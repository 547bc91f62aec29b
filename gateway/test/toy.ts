import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeSupergraph } from '@onething/schema';
import Fastify from 'fastify';
import { parse } from 'graphql';
import mercurius from 'mercurius';

/**
 * A supergraph that is not ours: a bookshop of two subgraphs, to show the gateway serves any Federation 2
 * supergraph. The toy subgraphs record the identity header they receive.
 */
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
export const BOOKS = `${link}
type Book @key(fields: "isbn") { isbn: ID! title: String! }
type Query { books: [Book!]! }`;
export const REVIEWS = `${link}
type Book @key(fields: "isbn") { isbn: ID! reviews: [String!]! }
type Query { reviewCount: Int! }`;
export const REVIEWS_V2 = `${link}
type Book @key(fields: "isbn") { isbn: ID! reviews: [String!]! stars: Int! }
type Query { reviewCount: Int! }`;

const books = [
  { isbn: '9787020002207', title: '红楼梦' },
  { isbn: '9787532736553', title: '围城' },
];

export async function startToySubgraph(name: 'books' | 'reviews', sdl: string, delayMs = 0) {
  const seenHeaders: (string | undefined)[] = [];
  const resolvers =
    name === 'books'
      ? {
          Query: { books: () => books },
          Book: { __resolveReference: (r: { isbn: string }) => books.find((b) => b.isbn === r.isbn) },
        }
      : {
          Query: { reviewCount: () => 3 },
          Book: {
            reviews: (b: { isbn: string }) => (b.isbn.endsWith('7') ? ['经典', '百读不厌'] : ['妙语连珠']),
            stars: () => 5,
          },
        };
  const app = Fastify();
  app.addHook('onRequest', async (req) => {
    seenHeaders.push(req.headers['x-onething-identity'] as string | undefined);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
  });
  await app.register(mercurius, {
    schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never }),
    path: '/graphql',
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
  return { url, seenHeaders, close: () => app.close() };
}

export function toySupergraph(booksUrl: string, reviewsUrl: string, reviewsSdl = REVIEWS): string {
  return composeSupergraph([
    { name: 'books', typeDefs: BOOKS, url: booksUrl },
    { name: 'reviews', typeDefs: reviewsSdl, url: reviewsUrl },
  ]).supergraphSdl;
}

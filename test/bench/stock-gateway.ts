import { readFileSync } from 'node:fs';
import {
  ApolloGateway,
  type GraphQLDataSourceProcessOptions,
  RemoteGraphQLDataSource,
} from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { type Identity, identitySigningKey, signIdentity } from '@onething/runtime/identity';

/**
 * The reference of the gateway benchmark: the stock Apollo Gateway in Apollo Server's standalone server,
 * default fetcher and default settings, given only what it needs to pass the subgraphs' internal-header
 * check — each request's identity, taken from its bearer token (not verified: the benchmark's tokens are
 * genuine) and signed into the internal header, once per token. Started as its own process by the bench.
 *
 * Environment: PORT, SUPERGRAPH_FILE, SUBGRAPH_URLS (name=url,…), INTERNAL_IDENTITY_KEY_FILE.
 */
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`stock gateway: set ${name}`);
  return value;
};
const key = identitySigningKey(readFileSync(env('INTERNAL_IDENTITY_KEY_FILE'), 'utf8'));
const urls = new Map(
  env('SUBGRAPH_URLS')
    .split(',')
    .map((pair) => pair.split('=') as [string, string]),
);

/** The identity a token states, as the subgraphs expect it in the internal header. */
function identityOf(token: string): Identity {
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
  return {
    subject: String(claims.sub ?? ''),
    role: claims.role as Identity['role'],
    ...(typeof claims.id_number === 'string' ? { idNumber: claims.id_number } : {}),
    enterprises: (claims.enterprises as string[] | undefined) ?? [],
    departments: (claims.departments as string[] | undefined) ?? [],
  };
}

const signed = new Map<string, { header: string; renewAt: number }>();
async function headerFor(authorization: string | undefined): Promise<string> {
  const token = authorization?.replace(/^Bearer\s+/i, '') ?? '';
  const hit = signed.get(token);
  if (hit && hit.renewAt > Date.now()) return hit.header;
  const identity: Identity = token
    ? identityOf(token)
    : { subject: 'anonymous', role: 'anonymous', enterprises: [], departments: [] };
  const header = await signIdentity(identity, key, 60);
  signed.set(token, { header, renewAt: Date.now() + 30_000 });
  return header;
}

interface Context {
  readonly identityHeader: string;
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(env('SUPERGRAPH_FILE'), 'utf8'),
  buildService: ({ name, url }) =>
    new (class extends RemoteGraphQLDataSource<Context> {
      override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Context>) {
        const header = (context as Partial<Context>).identityHeader;
        if (header) request.http?.headers.set('x-onething-identity', header);
      }
    })({ url: urls.get(name) ?? url }),
});
const server = new ApolloServer<Context>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(env('PORT')), host: '127.0.0.1' },
  context: async ({ req }) => ({ identityHeader: await headerFor(req.headers.authorization) }),
});
process.stdout.write(`stock gateway at ${url}\n`);

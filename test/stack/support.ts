import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StandInAdmin } from '@onething/legacy-kit';
import {
  type DevelopmentIdentityKeys,
  developmentIdentityKeys,
  type Identity,
  signIdentity,
} from '@onething/runtime/identity';
import type { DepartmentKey } from '@onething/schema/departments';
import {
  freeStackPorts,
  type RunningStack,
  type StackOptions,
  type StackPorts,
  startStack,
} from '../../scripts/stack';

/** A GraphQL answer as the gateway sends it. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** A department's key, as the registry declares it (`tax`, `realestate`…). */
export type Department = DepartmentKey;

/** What tests drive a running stack with, however it runs (processes, or one process). */
export interface StackClient {
  /** The options the stack was started with (to start one more of its services alike). */
  readonly options: StackOptions;
  /** The stack's own key pair of the internal identity header: the gateway's key file, the subgraphs' JWKS. */
  readonly identityKeys: DevelopmentIdentityKeys;
  /** An internal identity header signed with the gateway's key, as only the gateway can make one. */
  internalHeader(identity: Identity): Promise<string>;
  /** Where the services' logs are. */
  readonly logDir: string;
  readonly ports: StackPorts;
  readonly gatewayUrl: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    /** More headers, e.g. `x-onething-acting-for` beside a service token, or a browser's `traceparent`. */
    headers?: Record<string, string>,
  ): Promise<Answer<T>>;
  token(persona: string): Promise<string>;
  /** The hall's service token: the identity provider's client-credentials grant for client `hall`. */
  serviceToken(): Promise<string>;
  customToken(claims: Record<string, unknown>): Promise<string>;
  admin(dept: Department): StandInAdmin;
  /** Sum of a metric's samples on a service's /metrics (e.g. requests served by a subgraph). */
  metric(url: string, name: string): Promise<number>;
  stop(): Promise<void>;
}

/** The whole stack on free ports, as `npm start` runs it, with what tests need to drive it. */
export interface TestStack extends StackClient {
  readonly stack: RunningStack;
}

/** The options of a test stack: free ports, its own directory for logs, state and keys; limits lifted. */
export async function testStackOptions(options: StackOptions = {}): Promise<StackOptions> {
  const ports = await freeStackPorts();
  const logDir = mkdtempSync(join(tmpdir(), 'onething-stack-'));
  // Each test stack keeps the hall's state in its own directory, and its own identity key pair.
  return {
    persons: 2000,
    clockSpeed: 0,
    logLevel: 'warn',
    logDir,
    ports,
    hallDataDir: join(logDir, 'hall-db'),
    hallMaterialsDir: join(logDir, 'materials'),
    identityDir: join(logDir, 'identity'),
    // Tests sign in as people no persona is (s.customToken); npm start keeps the grant closed.
    allowCustomTokens: true,
    // Payers pay every fee order at once, unless a test is about paying (autopayAfterMs: null).
    autopayAfterMs: 0,
    ...options,
    // Tests move the departments' clocks and wait for the decisions: a quiet case is read again within
    // 4 s at most, not hours, where a callback did not say (the backoff itself: poll-backoff.test.ts and
    // the idle-cases benchmark).
    hallEnv: { POLL_MAX_INTERVAL_MS: '4000', ...options.hallEnv },
    // Tests drive hundreds of requests from one address and one account: the rate limits and the upload
    // quota are lifted, except where a test asks for them (LIMITS_LIFTED: 'false').
    env: { LIMITS_LIFTED: 'true', ...options.env },
  };
}

export async function startTestStack(options: StackOptions = {}): Promise<TestStack> {
  const merged = await testStackOptions(options);
  const stack = await startStack(merged);
  return { stack, ...stackClient(merged, () => stack.stop()) };
}

/** The client of a stack started with `options` (from {@link testStackOptions}), however it runs. */
export function stackClient(options: StackOptions, stop: () => Promise<void>): StackClient {
  const ports = options.ports!;
  const identityKeys = developmentIdentityKeys(options.identityDir!);
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
  const idp = `http://127.0.0.1:${ports.idp}`;
  // The development grants (persona, custom) are the public client dev-tools'; the hall has its secret.
  const tokenFrom = async (body: Record<string, string>) => {
    const res = await fetch(`${idp}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(body),
    });
    const json = (await res.json()) as { access_token?: string };
    if (!json.access_token) throw new Error(`no token: ${JSON.stringify(json)}`);
    return json.access_token;
  };
  return {
    options,
    identityKeys,
    internalHeader: (identity) => signIdentity(identity, identityKeys.key),
    logDir: options.logDir!,
    ports,
    gatewayUrl,
    async gql(query, variables, token, headers) {
      const res = await fetch(`${gatewayUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    token: (persona) => tokenFrom({ grant_type: 'persona', persona, client_id: 'dev-tools' }),
    customToken: (claims) =>
      tokenFrom({ grant_type: 'custom', claims: JSON.stringify(claims), client_id: 'dev-tools' }),
    // The stack's identity provider knows the hall by its development credentials (SERVICE_CLIENTS).
    serviceToken: () =>
      tokenFrom({ grant_type: 'client_credentials', client_id: 'hall', client_secret: 'hall-dev-secret' }),
    admin: (dept) => new StandInAdmin(`http://127.0.0.1:${ports.legacy[dept].adminPort}`),
    async metric(url, name) {
      const text = await (await fetch(`${url}/metrics`)).text();
      return text
        .split('\n')
        .filter((l) => l.startsWith(name))
        .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    },
    stop,
  };
}

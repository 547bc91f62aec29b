import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLogger } from '@onething/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentFromArgs } from '../src/cli';
import { createGateway, type Gateway } from '../src/server';
import { gatewaySettings } from '../src/settings';
import { foreignSupergraph, startForeignSubgraph } from './foreign';
import { testIdentityKeys } from './keys';

/**
 * docs/integrators.md, "Run the gateway over your own subgraphs": the gateway started exactly as the
 * document says, from the configuration file it shows (gateway/generic.json), over two subgraphs that are
 * not ours.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const CONFIG = join(ROOT, 'gateway/generic.json');
const DOC = join(ROOT, 'docs/integrators.md');
const log = createLogger('gateway-test', process.env.TEST_LOG ?? 'silent');

type LogLine = { level: number; msg: string; url?: string };

const post = (url: string, query: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as { data?: any; errors?: any[] } }));

/** Starts the gateway's entry point as its own process, with nothing of the test's environment. */
async function startGatewayProcess(args: string[]) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'gateway/src/main.ts'), ...args],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: LogLine[] = [];
  let pending = '';
  let stderr = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const serving = new Promise<string>((resolveUrl, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      for (const line of complete.filter((l) => l.startsWith('{'))) {
        lines.push(JSON.parse(line) as LogLine);
        if (lines.at(-1)!.msg === 'supergraph loaded: serving') {
          const listening = lines.find((l) => l.msg === 'gateway listening');
          resolveUrl(listening!.url!.replace(/\/graphql$/, ''));
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    void exited.then((code) => reject(new Error(`the gateway exited (${code}): ${stderr}${pending}`)));
  });
  return {
    url: await serving,
    lines,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('the gateway over foreign subgraphs, configured as docs/integrators.md shows', () => {
  let hall: Awaited<ReturnType<typeof startForeignSubgraph>>;
  let tickets: Awaited<ReturnType<typeof startForeignSubgraph>>;
  let gateway: Awaited<ReturnType<typeof startGatewayProcess>>;

  beforeAll(async () => {
    [hall, tickets] = await Promise.all([startForeignSubgraph('hall'), startForeignSubgraph('tickets')]);
    const supergraph = join(mkdtempSync(join(tmpdir(), 'foreign-')), 'supergraph.graphql');
    writeFileSync(supergraph, foreignSupergraph(hall.url, tickets.url));
    // The command of the document, with a free port; no identity key, no JWKS, no web app build.
    gateway = await startGatewayProcess([
      '--config',
      CONFIG,
      '--supergraph',
      supergraph,
      '--host',
      '127.0.0.1',
      '--port',
      '0',
    ]);
  });
  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([hall?.close(), tickets?.close()]);
  });

  it('is the configuration the document shows, verbatim', () => {
    expect(readFileSync(DOC, 'utf8')).toContain(`\`\`\`json\n${readFileSync(CONFIG, 'utf8')}\`\`\``);
  });

  it('answers a query across both subgraphs, sending neither our identity header', async () => {
    const r = await post(gateway.url, '{ concerts { id title seatsLeft } }');
    expect(r).toEqual({
      status: 200,
      body: {
        data: {
          concerts: [
            { id: 'c1', title: 'Goldberg Variations', seatsLeft: 12 },
            { id: 'c2', title: 'The Butterfly Lovers', seatsLeft: 0 },
          ],
        },
      },
    });
    expect(hall.received.length).toBeGreaterThan(0);
    expect(tickets.received.length).toBeGreaterThan(0);
    for (const { headers } of [...hall.received, ...tickets.received])
      expect(headers['x-onething-identity']).toBeUndefined();
  });

  it('passes the client’s Authorization on to the subgraphs, verifying nothing itself (no JWKS)', async () => {
    const before = { hall: hall.received.length, tickets: tickets.received.length };
    const r = await post(gateway.url, '{ whoAmI concerts { title seatsLeft } }', {
      authorization: 'Bearer a-token-only-the-subgraphs-understand',
    });
    expect(r.status).toBe(200);
    expect(r.body.data.whoAmI).toBe('Bearer a-token-only-the-subgraphs-understand');
    for (const seen of [hall.received.slice(before.hall), tickets.received.slice(before.tickets)]) {
      expect(seen.length).toBeGreaterThan(0);
      for (const { headers } of seen) {
        expect(headers.authorization).toBe('Bearer a-token-only-the-subgraphs-understand');
        expect(headers['x-onething-identity']).toBeUndefined();
      }
    }
  });

  it('serves no web app: / and any page answer 404', async () => {
    for (const path of ['/', '/applications/1']) {
      const res = await fetch(`${gateway.url}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as any).errors[0].extensions.code, path).toBe('NOT_FOUND');
    }
  });

  it('passes no /materials on, not even to a subgraph named hall', async () => {
    const upload = await fetch(`${gateway.url}/materials`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/pdf' },
      body: '%PDF-1.4',
    });
    expect(upload.status).toBe(404);
    await upload.body?.cancel();
    const read = await fetch(`${gateway.url}/materials/m1`, { headers: { authorization: 'Bearer t' } });
    expect(read.status).toBe(404);
    await read.body?.cancel();
    expect(hall.received.filter((r) => r.path.startsWith('/materials'))).toEqual([]);
  });

  it('logs no warning from its start on', () => {
    expect(gateway.lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([]);
    expect(gateway.lines.map((l) => l.msg)).toContain('supergraph loaded: serving');
  });
});

describe('the identity header and client headers, per subgraph', () => {
  let hall: Awaited<ReturnType<typeof startForeignSubgraph>>;
  let tickets: Awaited<ReturnType<typeof startForeignSubgraph>>;
  let gateway: Gateway;

  beforeAll(async () => {
    [hall, tickets] = await Promise.all([startForeignSubgraph('hall'), startForeignSubgraph('tickets')]);
    const supergraph = join(mkdtempSync(join(tmpdir(), 'foreign-')), 'supergraph.graphql');
    writeFileSync(supergraph, foreignSupergraph(hall.url, tickets.url));
    const env = environmentFromArgs(['--config', CONFIG, '--supergraph', supergraph, '--port', '0'], {
      // The environment wins over the file: the identity header for tickets, Authorization for hall only.
      IDENTITY_SUBGRAPHS: 'tickets',
      FORWARD_HEADERS: 'hall=authorization,*=accept-language',
      INTERNAL_IDENTITY_KEY_FILE: testIdentityKeys().keyFile,
    });
    gateway = createGateway(gatewaySettings.load(env), log);
    await gateway.listen();
    await gateway.ready();
  });
  afterAll(async () => {
    await gateway?.close();
    await Promise.all([hall?.close(), tickets?.close()]);
  });

  it('sends each subgraph only what it is configured to get', async () => {
    const r = await post(gateway.url, '{ concerts { title seatsLeft } }', {
      authorization: 'Bearer abc',
      'accept-language': 'zh-CN',
      'x-other': 'kept back',
    });
    expect(r.status).toBe(200);
    const [toHall, toTickets] = [hall.received.at(-1)!.headers, tickets.received.at(-1)!.headers];
    expect(toHall.authorization).toBe('Bearer abc');
    expect(toHall['x-onething-identity']).toBeUndefined();
    expect(toTickets.authorization).toBeUndefined();
    expect(toTickets['x-onething-identity']).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    for (const headers of [toHall, toTickets]) {
      expect(headers['accept-language']).toBe('zh-CN');
      expect(headers['x-other']).toBeUndefined();
    }
  });
});

describe('the generic configuration’s settings', () => {
  const problemsOf = (env: NodeJS.ProcessEnv): string => {
    try {
      gatewaySettings.load(env);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected the start to be refused');
  };
  const file = (settings: Record<string, unknown>) => {
    const path = join(mkdtempSync(join(tmpdir(), 'gateway-config-')), 'gateway.json');
    writeFileSync(path, JSON.stringify(settings));
    return path;
  };

  it('starts from the file alone: no identity key, no JWKS, no web app, no materials', () => {
    const config = gatewaySettings.load(environmentFromArgs(['--config', CONFIG], {}));
    expect(config).toMatchObject({
      auth: 'off',
      identityKey: undefined,
      webApp: false,
      materialsProxy: false,
    });
    expect(config.forwardHeaders).toEqual(new Map([['*', ['authorization']]]));
    expect(config.identitySubgraphs).toEqual(new Set());
  });

  it('names every mistake of a file in one error, with where each came from', () => {
    const message = problemsOf(
      environmentFromArgs(
        [
          '--config',
          file({ AUTH: 'maybe', WEB_APP: 'no', FORWARD_HEADERS: '*=content-length', PORTT: 4000, PORT: {} }),
        ],
        {},
      ),
    );
    expect(message).toMatch(/AUTH="maybe" \(in .*gateway.json\): must be jwt or off/);
    expect(message).toMatch(/WEB_APP="no" \(in .*gateway.json\): must be true or false/);
    expect(message).toMatch(/FORWARD_HEADERS=.*"content-length" is never passed on/);
    expect(message).toMatch(/"PORTT" is not a setting of this service/);
    expect(message).toMatch(/"PORT" must be a string, a number or a boolean/);
  });

  it('requires the identity key while a subgraph gets the identity header, naming why', () => {
    expect(problemsOf(environmentFromArgs(['--config', CONFIG], { IDENTITY_SUBGRAPHS: 'tickets' }))).toMatch(
      /INTERNAL_IDENTITY_KEY_FILE=\(unset\): is required: .*IDENTITY_SUBGRAPHS sends the signed identity header/,
    );
    expect(
      problemsOf(environmentFromArgs(['--config', CONFIG], { REDIS_URL: 'redis://127.0.0.1:6379' })),
    ).toMatch(/INTERNAL_IDENTITY_KEY_FILE=\(unset\): is required: .*REDIS_URL/);
  });

  it('passes the production profile without a token issuer, and still refuses its development conveniences', () => {
    const production = environmentFromArgs(['--config', CONFIG], { PROFILE: 'production' });
    expect(gatewaySettings.load(production)).toMatchObject({
      profile: 'production',
      introspection: false,
      unregisteredOperations: 'refuse',
    });
    expect(gatewaySettings.developmentConveniences(environmentFromArgs(['--config', CONFIG], {}))).toEqual(
      [],
    );
    const message = problemsOf({
      ...production,
      DEV_IDP_URL: 'http://127.0.0.1:4010',
      LIMITS_LIFTED: 'true',
    });
    expect(message).toMatch(/DEV_IDP_URL=.*is a development convenience/);
    expect(message).toMatch(/LIMITS_LIFTED=.*is a development convenience/);
    expect(message).not.toMatch(/JWT_ISSUER/);
    // With tokens verified, the development issuer is refused as before.
    expect(problemsOf({ ...production, AUTH: 'jwt' })).toMatch(
      /JWT_ISSUER=\(unset\): would be the development value "onething-dev-idp"/,
    );
  });

  it('takes --host and --config beside --supergraph and --port', () => {
    expect(
      environmentFromArgs(['--host', '0.0.0.0', '--config=/etc/gateway.json', '--port', '4000'], {
        HOST: '127.0.0.1',
      }),
    ).toMatchObject({ HOST: '0.0.0.0', CONFIG_FILE: '/etc/gateway.json', PORT: '4000' });
  });
});

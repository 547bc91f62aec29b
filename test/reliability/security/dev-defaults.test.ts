import type { ChildProcess } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '@onething/runtime';
import { developmentIdentityKeys, generateIdentityKey, signIdentity } from '@onething/runtime/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../../gateway/src/server';
import { gatewaySettings } from '../../../gateway/src/settings';
import { createDevIdp } from '../../../idp/src/server';
import { devIdpSettings } from '../../../idp/src/settings';
import { freePort } from '../../../scripts/stack';
import { type FigureRow, recordSection, rounds } from '../figures';
import { eddsa, epoch, hs256, unsigned } from '../input/forge';
import { launch, problemsIn, productionEnv, refusedStarts, start } from './starts';

/**
 * The security findings about development defaults, replayed as a deployment would meet them: each
 * service started as its own process with PROFILE=production and one development convenience in turn
 * (it must refuse to start, naming it); internal identity headers forged every way a subgraph's operator
 * could, against a subgraph process running in production; near-miss queries at a production gateway,
 * which must suggest no name; and GraphiQL's asset paths that were a plain-object lookup.
 */
const dir = mkdtempSync(join(tmpdir(), 'security-profile-'));
const keys = developmentIdentityKeys(join(dir, 'identity'));
const rows: FigureRow[] = [];
const row = (finding: string, attack: string, answer: string) => rows.push({ finding, attack, answer });

const STARTS = refusedStarts(keys);
const { gateway: GATEWAY, subgraph: SUBGRAPH } = productionEnv(keys);

describe('security: development defaults and the production profile', () => {
  let subgraph: ChildProcess | undefined;
  let subgraphUrl = '';
  let production: Gateway;
  let development: Gateway;
  const log = createLogger('security-profile', 'silent');

  beforeAll(async () => {
    const port = await freePort();
    subgraphUrl = `http://127.0.0.1:${port}`;
    // The tax subgraph as deployed, its department's system out of reach (nothing here needs it).
    subgraph = launch('subgraphs/tax/src/main.ts', {
      ...SUBGRAPH,
      PORT: String(port),
      TAX_API_KEY: 'a-key-the-tax-bureau-issued',
      SYSTEM_URL: 'http://127.0.0.1:9',
      LOG_LEVEL: 'warn',
    });
    for (;;) {
      if (subgraph.exitCode !== null) throw new Error(`the tax subgraph exited with ${subgraph.exitCode}`);
      if (
        await fetch(`${subgraphUrl}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await sleep(100);
    }
    production = createGateway(gatewaySettings.load(GATEWAY), log);
    development = createGateway(
      gatewaySettings.load({ INTERNAL_IDENTITY_KEY_FILE: keys.keyFile, PORT: '0' }),
      log,
    );
    for (const g of [production, development]) {
      await g.listen();
      await g.ready();
    }
  });
  afterAll(async () => {
    subgraph?.kill('SIGTERM');
    await Promise.all([production?.close(), development?.close()]);
  });

  it('6: a service started in production with a development convenience refuses, naming it', async () => {
    // Three starts at a time: each is a Node process loading a service.
    for (let i = 0; i < STARTS.length; i += 3) {
      const batch = STARTS.slice(i, i + 3);
      const results = await Promise.all(batch.map((c) => start(c.entry, c.env)));
      batch.forEach((c, j) => {
        const { code, fatal } = results[j]!;
        const problems = problemsIn(fatal);
        const named = c.names.every((n) => problems.some((p) => p.startsWith(`  - ${n}=`)));
        row(
          '6 dev defaults start silently',
          `${c.service} with PROFILE=production and ${c.convenience}`,
          code === 1 && named && problems.length === c.names.length
            ? `refused at start (exit 1): one error naming ${c.names.join(' and ')}`
            : `NOT refused as expected: exit ${code}, ${problems.length} problems`,
        );
        expect(code, `${c.service}: ${c.convenience}`).toBe(1);
        expect(problems, `${c.service}: ${c.convenience}\n${fatal}`).toHaveLength(c.names.length);
        expect(named, `${c.service}: ${c.convenience}\n${fatal}`).toBe(true);
        // Every problem says how to fix it, and no secret value given is printed.
        for (const p of problems) expect(p).toMatch(/: (set|unset|it |point)|never runs in production/);
      });
    }
  }, 600_000);

  it('6: the development identity provider, as npm start runs it, signs no claims a caller makes up', async () => {
    // Its settings as npm start gives them: nothing about custom tokens.
    const { logLevel: _, profile: __, ...config } = devIdpSettings.load({ PORT: '0', SEED_PERSONS: '2000' });
    const idp = createDevIdp(config, log);
    const { url } = await idp.listen();
    try {
      for (const role of ['service', 'window-staff']) {
        // As the test stacks ask for one (a form, the public dev-tools client), but without the setting.
        const res = await fetch(`${url}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'custom',
            claims: JSON.stringify({ role, sub: 'attacker' }),
            client_id: 'dev-tools',
          }),
        });
        const body = (await res.json()) as { access_token?: string; error?: string };
        row(
          '6 dev defaults start silently',
          `a custom-claims token for role ${role} from the development identity provider`,
          body.access_token ? 'ISSUED' : `refused: HTTP ${res.status} ${body.error}`,
        );
        expect(body.access_token).toBeUndefined();
        // The grant does not exist unless ALLOW_CUSTOM_TOKENS=true (OAuth's answer for a grant not offered).
        expect([res.status, body.error]).toEqual([400, 'unsupported_grant_type']);
      }
    } finally {
      await idp.close();
    }
  });

  it('8: a subgraph refuses an identity forged by anyone but the gateway, or malformed', async () => {
    const call = async (header: string) =>
      (
        await fetch(`${subgraphUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-onething-identity': header },
          body: JSON.stringify({ query: '{ taxItems { code } }' }),
        })
      ).status;
    const staff = { subject: 'attacker', role: 'department-staff', enterprises: [], departments: ['tax'] };
    const claims = (idt: unknown) => ({
      iss: 'onething-gateway',
      aud: 'onething-subgraphs',
      iat: epoch(),
      exp: epoch(60),
      idt,
    });
    const kid = keys.key.kid;
    const publicX = String(createPublicKey(keys.key.privateKey).export({ format: 'jwk' }).x);
    for (let round = 0; round < rounds(10, 2); round++) {
      const other = generateIdentityKey().key;
      const forgeries: [string, string][] = [
        // What every operator of a subgraph held before: the shared HMAC secret.
        [
          'an HS256 header (a shared secret), naming the gateway’s kid',
          hs256(`secret-${round}`, claims(staff), { kid }),
        ],
        // Algorithm confusion: the public key every subgraph holds, used as an HMAC secret.
        ['an HS256 header keyed with the gateway’s public key', hs256(publicX, claims(staff), { kid })],
        [
          'an EdDSA header signed with another private key, naming the gateway’s kid',
          eddsa(other.privateKey, claims(staff), { kid }),
        ],
        ['an unsigned header (alg none)', unsigned(claims(staff))],
        [
          'a malformed identity (enterprises: "notalist") signed with the gateway’s key',
          eddsa(keys.key.privateKey, claims({ ...staff, enterprises: 'notalist' }), { kid }),
        ],
        [
          'a malformed identity (an ID number that is none) signed with the gateway’s key',
          eddsa(
            keys.key.privateKey,
            claims({ ...staff, role: 'applicant', idNumber: '110105194912310021' }),
            { kid },
          ),
        ],
      ];
      for (const [attack, header] of forgeries) {
        const status = await call(header);
        if (round === 0)
          row(
            '8 one shared internal secret',
            attack,
            status === 401 ? '401 UNAUTHENTICATED' : `HTTP ${status}`,
          );
        expect(status, attack).toBe(401);
      }
    }
    // The key itself works: a well-formed identity signed by the gateway passes (its department is down: 200 with its error).
    const genuine = await call(await signIdentity(staff as never, keys.key));
    row(
      '8 one shared internal secret',
      'control: a well-formed identity signed with the gateway’s key',
      `HTTP ${genuine} (accepted)`,
    );
    expect(genuine).toBe(200);
  });

  it('11: a production gateway suggests no name to a near-miss query', async () => {
    const probes: [string, string, Record<string, unknown>?][] = [
      ['a misspelt field (bundels)', '{ bundels { code } }'],
      [
        'a misspelt argument (enterpriseUsc)',
        'mutation { prefillForm(bundleCode: "X", enterpriseUsc: "x") { __typename } }',
      ],
      ['a misspelt type (IDD)', 'query ($c: IDD!) { bundle(code: $c) { code } }'],
      [
        'a misspelt input field in variables (materals)',
        'mutation ($input: ApplicationInput!) { submitApplication(input: $input) { __typename } }',
        { input: { bundleCode: 'X', values: [], materals: [] } },
      ],
      ['introspection', '{ __schema { types { name } } }'],
    ];
    for (let round = 0; round < rounds(5, 1); round++)
      for (const [what, query, variables] of probes) {
        const res = await fetch(`${production.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await res.json()) as { data?: unknown; errors?: { message: string }[] };
        const messages = (body.errors ?? []).map((e) => e.message).join(' ');
        const suggested = /Did you mean/.test(messages) || body.data !== undefined;
        if (round === 0)
          row(
            '11 field suggestions map the schema',
            what,
            suggested ? `SUGGESTED: ${messages}` : `refused without a suggestion: ${messages.slice(0, 90)}`,
          );
        expect(messages, what).not.toMatch(/Did you mean/);
        expect(body.data, what).toBeUndefined();
      }
  });

  it('12: GraphiQL answers Object.prototype’s names as unknown assets, hardened', async () => {
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf']) {
      const res = await fetch(`${development.url}/graphiql/assets/${name}`);
      await res.arrayBuffer();
      const hardened =
        (res.headers.get('content-security-policy') ?? '').includes("frame-ancestors 'none'") &&
        res.headers.get('x-content-type-options') === 'nosniff' &&
        res.headers.get('referrer-policy') === 'no-referrer';
      row(
        '12 GraphiQL asset lookup and headers',
        `GET /graphiql/assets/${name}`,
        `HTTP ${res.status}${hardened ? ', CSP frame-ancestors none, nosniff, no-referrer' : ', NOT hardened'}`,
      );
      expect(res.status, name).toBe(404);
      expect(hardened, name).toBe(true);
    }
    const page = await fetch(`${development.url}/graphiql`);
    await page.text();
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    recordSection({
      key: '34-security-profile',
      title: 'Security: development defaults and the production profile',
      about: [
        'Each service started as its own process with PROFILE=production and one development convenience in turn must refuse to',
        'start with one error naming it (and only it); identity headers forged every way the operator of a subgraph could must be',
        'refused by a tax subgraph running in production; near-miss queries at a production gateway must get no suggestion; and',
        'GraphiQL’s asset paths named like Object.prototype’s members must answer 404 with its security headers.',
      ].join(' '),
      command:
        'RELIABILITY=full npx vitest run --project reliability test/reliability/security/dev-defaults.test.ts',
      rows,
      notes: [
        'Defects found and fixed (7843cac): security issue 13, findings 6, 8, 11 and 12; each “Before:” below is what an attacker could do until then.',
        'Before: nothing told development from production. The development identity provider issued a `service` token with any claims asked for (ALLOW_CUSTOM_TOKENS defaulted to true), the gateway handed staff tokens out at /idp/token wherever DEV_IDP_URL was set, and the hall, tax and fund subgraphs started with their published `*-dev-*` credentials, all silently.',
        'Before: the gateway and every subgraph shared INTERNAL_IDENTITY_SECRET (HS256), so whoever ran one subgraph could sign an identity any other subgraph accepted; and the identity’s shape was not checked (`enterprises: "notalist"` was accepted). Now the gateway alone holds an Ed25519 private key; subgraphs hold its public keys and check the identity strictly.',
        'Before: with introspection off, “Did you mean …?” still named fields, arguments, types and input fields; /graphiql/assets/__proto__ answered 500 (a plain-object lookup), and /graphiql had no frame-ancestors, nosniff or referrer policy.',
        'The services are started with NODE_ENV=production and nothing else of the test runner’s environment, as deployed.',
      ],
    });
  });
});

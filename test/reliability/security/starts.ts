import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DevelopmentIdentityKeys } from '@onething/runtime/identity';
import { builtEntry } from '../../../scripts/service-build';

/**
 * Services started as a deployment starts them — each its own process, from its own entry point, with
 * nothing of the test runner's environment but NODE_ENV=production — and the starts that the production
 * profile must refuse, one development convenience at a time.
 */
export const ROOT = resolve(import.meta.dirname, '../../..');

/** A process's environment as deployed: only what is given. */
export const deployed = (env: Record<string, string>): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '/',
  NODE_ENV: 'production',
  ...env,
});

/**
 * Starts a service's entry point as its own process: its TypeScript through tsx, or, `built`, its build
 * (`npm run build`) with plain node, as an image runs it.
 */
export const launch = (
  entry: string,
  env: Record<string, string>,
  piped = false,
  built = false,
): ChildProcess =>
  spawn(process.execPath, built ? [join(ROOT, builtEntry(entry))] : ['--import', 'tsx', join(ROOT, entry)], {
    cwd: ROOT,
    env: deployed(env),
    stdio: ['ignore', piped ? 'pipe' : 'ignore', piped ? 'pipe' : 'ignore'],
  });

/** What a deployment sees of a start: the exit code (null: still running, so not refused) and its fatal log line. */
export async function start(
  entry: string,
  env: Record<string, string>,
  built = false,
): Promise<{ code: number | null; fatal: string }> {
  const child = launch(entry, env, true, built);
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  // A service that was not refused keeps running: it is stopped after a generous while (a guard, not a
  // measurement) and reported as started.
  const code = await Promise.race([exited, sleep(90_000).then(() => 'running' as const)]);
  if (code === 'running') {
    child.kill('SIGKILL');
    await exited;
    return { code: null, fatal: out };
  }
  const fatal = out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; msg: string })
    .find((l) => l.level === 60);
  return { code, fatal: fatal?.msg ?? out };
}

/** The problems a start error lists, one line each. */
export const problemsIn = (message: string) => message.split('\n').filter((l) => l.startsWith('  - '));

/** The settings with which a gateway and a subgraph start in production, for a key pair. */
export function productionEnv(keys: DevelopmentIdentityKeys) {
  const gateway: Record<string, string> = {
    PROFILE: 'production',
    INTERNAL_IDENTITY_KEY_FILE: keys.keyFile,
    JWT_ISSUER: 'https://idp.example.gov.cn',
    PORT: '0',
  };
  // A department's document public key as production mounts it (a department subgraph refuses to start
  // without one there): any Ed25519 key, nothing here verifies a document.
  const documentKey = join(dirname(keys.keyFile), 'document-public.pem');
  writeFileSync(
    documentKey,
    generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }) as string,
  );
  const subgraph: Record<string, string> = {
    PROFILE: 'production',
    INTERNAL_IDENTITY_JWKS_FILE: keys.jwksFile,
    DOCUMENT_PUBLIC_KEY_FILE: documentKey,
    PORT: '0',
  };
  return { gateway, subgraph };
}

/** A start production must refuse: the service, its one convenience, the settings its one error must name. */
export interface RefusedStart {
  readonly service: string;
  readonly entry: string;
  readonly convenience: string;
  readonly env: Record<string, string>;
  readonly names: readonly string[];
}

const without = (env: Record<string, string>, name: string) =>
  Object.fromEntries(Object.entries(env).filter(([k]) => k !== name));

/** Every development convenience of the gateway, hall, tax and fund subgraphs, the IdP and a stand-in, in turn. */
export function refusedStarts(keys: DevelopmentIdentityKeys): RefusedStart[] {
  const { gateway, subgraph } = productionEnv(keys);
  const devIdp = 'http://127.0.0.1:4010';
  const G = 'gateway/src/main.ts';
  // The hall's callback secrets as a deployment sets them (its other conveniences are tried in turn).
  const callbackSecrets =
    'tax=tax-s3cret-agreed-with-hall,market=market-s3cret-agreed,realestate=realestate-s3cret-agreed,fund=fund-s3cret-agreed-with-hall';
  const hallClient = 'a-secret-the-idp-issued';
  const paymentCallback = 'payment-relay-s3cret-agreed';
  const smsSecret = 'sms-s3cret-the-platform-issued';
  const courierSecret = 'courier-s3cret-the-courier-issued';
  // Where a deployment's receipts point (the development default is the local gateway).
  const publicBaseUrl = 'https://zwfw.example.gov.cn';
  // The hall's settings as a deployment sets them: each row below leaves one at its development value.
  const hallDeployed: Record<string, string> = {
    HALL_CLIENT_SECRET: hallClient,
    CALLBACK_SECRETS: callbackSecrets,
    PUBLIC_BASE_URL: publicBaseUrl,
    PAYMENT_CALLBACK_SECRET: paymentCallback,
    SMS_ACCESS_KEY_SECRET: smsSecret,
    COURIER_APP_SECRET: courierSecret,
  };
  const hallDevValues: Record<string, string> = {
    HALL_CLIENT_SECRET: 'hall-dev-secret',
    CALLBACK_SECRETS:
      'tax=tax-callback-dev-secret,market=market-callback-dev-secret,realestate=realestate-callback-dev-secret,fund=fund-callback-dev-secret',
    PUBLIC_BASE_URL: 'http://127.0.0.1:4000',
    PAYMENT_CALLBACK_SECRET: 'payment-callback-dev-secret',
    SMS_ACCESS_KEY_SECRET: 'sms-dev-secret-0001',
    COURIER_APP_SECRET: 'courier-dev-secret',
  };
  const subgraphs = [
    ...Object.entries(hallDevValues).map(
      ([name, devValue]) =>
        ['hall', 'subgraphs/hall/src/main.ts', name, devValue, without(hallDeployed, name)] as const,
    ),
    ['tax subgraph', 'subgraphs/tax/src/main.ts', 'TAX_API_KEY', 'tax-dev-key', {}],
    ['fund subgraph', 'subgraphs/fund/src/main.ts', 'FUND_APP_SECRET', 'fund-dev-secret', {}],
  ] as const;
  return [
    {
      service: 'dev IdP',
      entry: 'idp/src/main.ts',
      convenience: 'the development identity provider itself',
      env: { PROFILE: 'production', PORT: '0' },
      names: ['PROFILE'],
    },
    {
      service: 'tax stand-in',
      entry: 'legacy/tax/src/main.ts',
      convenience: 'a stand-in for a department’s system',
      env: { PROFILE: 'production', PORT: '0', ADMIN_PORT: '0' },
      names: ['PROFILE'],
    },
    {
      service: 'gateway',
      entry: G,
      convenience: 'DEV_IDP_URL (staff tokens at /idp/token)',
      env: { ...gateway, DEV_IDP_URL: devIdp },
      names: ['DEV_IDP_URL'],
    },
    {
      service: 'gateway',
      entry: G,
      convenience: 'JWT_ISSUER left to the development issuer',
      env: without(gateway, 'JWT_ISSUER'),
      names: ['JWT_ISSUER'],
    },
    {
      service: 'gateway',
      entry: G,
      convenience: 'JWT_ISSUER=onething-dev-idp given',
      env: { ...gateway, JWT_ISSUER: 'onething-dev-idp' },
      names: ['JWT_ISSUER'],
    },
    {
      service: 'gateway',
      entry: G,
      convenience: 'DEV_IDP_URL and the development issuer at once',
      env: { ...without(gateway, 'JWT_ISSUER'), DEV_IDP_URL: devIdp },
      names: ['JWT_ISSUER', 'DEV_IDP_URL'],
    },
    {
      service: 'gateway',
      entry: G,
      convenience: 'LIMITS_LIFTED (no rate limits)',
      env: { ...gateway, LIMITS_LIFTED: 'true' },
      names: ['LIMITS_LIFTED'],
    },
    {
      service: 'hall',
      entry: 'subgraphs/hall/src/main.ts',
      convenience: 'LIMITS_LIFTED (no rate limits, no upload quota)',
      env: { ...subgraph, ...hallDeployed, LIMITS_LIFTED: 'true' },
      names: ['LIMITS_LIFTED'],
    },
    ...subgraphs.flatMap(([service, entry, name, value, others]): RefusedStart[] => [
      {
        service,
        entry,
        convenience: `${name} left to ${value}`,
        env: { ...subgraph, ...others },
        names: [name],
      },
      {
        service,
        entry,
        convenience: `${name}=${value} given`,
        env: { ...subgraph, ...others, [name]: value },
        names: [name],
      },
    ]),
    {
      service: 'hall',
      entry: 'subgraphs/hall/src/main.ts',
      convenience: 'one department’s development callback secret among issued ones',
      env: {
        ...subgraph,
        ...hallDeployed,
        CALLBACK_SECRETS: callbackSecrets.replace('fund-s3cret-agreed-with-hall', 'fund-callback-dev-secret'),
      },
      names: ['CALLBACK_SECRETS'],
    },
  ];
}

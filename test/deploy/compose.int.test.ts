import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chainOf, dockerfileStages, effective, environmentOf, ROOT, SERVICE, SERVICES } from './services';

/**
 * deploy/compose.yaml, parsed as Compose reads it (YAML with its anchors and merge keys resolved) and
 * checked against the Dockerfile and the services' own settings (no Docker engine here to run it): every
 * service of the stack from its image target, every variable one that service reads, every address one
 * that names a service on its port, start order on health checks that exist, PostgreSQL migrated before
 * the hall, read-only file systems writing only where a volume or tmpfs is.
 */
interface ComposeService {
  build?: { context: string; dockerfile: string; target: string };
  image?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  read_only?: boolean;
  tmpfs?: string[];
  volumes?: string[];
  ports?: string[];
  network_mode?: string;
  user?: string;
}
const compose = parse(readFileSync(join(ROOT, 'deploy/compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};
const stages = dockerfileStages();
const ours = Object.entries(compose.services).filter(([name]) => SERVICE.has(name));
/** The environment a service runs with: its image's, then compose's. */
const environmentIn = (s: ComposeService) => ({
  ...environmentOf(chainOf(stages, s.build!.target)),
  ...s.environment,
});

describe('deploy/compose.yaml', () => {
  it('runs every service of the stack, and the hall’s migrations, from its own image target', () => {
    for (const service of SERVICES) {
      const s = compose.services[service.name];
      expect(s, `${service.name} is in the compose file`).toBeDefined();
      expect(s!.build?.target, service.name).toBe(service.name);
      expect(join(ROOT, 'deploy', s!.build!.context, s!.build!.dockerfile)).toBe(join(ROOT, 'Dockerfile'));
    }
    expect(compose.services.postgres?.image).toMatch(/^postgres:\d+\.\d+/);
  });

  it('gives each service only settings it reads, and addresses naming a service on its port', () => {
    for (const [name, s] of ours) {
      const service = SERVICE.get(name)!;
      for (const variable of Object.keys(s.environment ?? {}))
        expect(service.settings.has(variable), `${name} reads ${variable}`).toBe(true);
      for (const [variable, value] of Object.entries(s.environment ?? {}))
        for (const m of value.matchAll(/https?:\/\/([a-z0-9.-]+):(\d+)/g)) {
          const [, host, port] = m;
          // The host's own published ports, as a browser on it sees them.
          if (host === '127.0.0.1' || host === 'localhost') continue;
          const target = compose.services[host!];
          expect(target, `${name} ${variable} names ${host}`).toBeDefined();
          if (host === 'postgres') expect(port).toBe('5432');
          else {
            // The service listening there on that port (the IdP shares the gateway's network).
            const listening = Object.entries(compose.services).filter(
              ([n, x]) => (n === host || x.network_mode === `service:${host}`) && x.build,
            );
            const ports = listening.map(([, x]) => environmentIn(x).PORT);
            expect(ports, `${name} ${variable}: ${host}:${port}`).toContain(port);
          }
        }
    }
  });

  it('starts a service after what it needs, on health checks that exist, and migrates before the hall', () => {
    for (const [name, s] of Object.entries(compose.services))
      for (const [needed, { condition }] of Object.entries(s.depends_on ?? {})) {
        const other = compose.services[needed];
        expect(other, `${name} depends on ${needed}`).toBeDefined();
        if (condition === 'service_healthy') {
          const image = other!.build
            ? effective(chainOf(stages, other!.build.target), 'HEALTHCHECK')
            : undefined;
          const checked = other!.healthcheck ?? (image && !/^NONE/.test(image.getArgumentsContent() ?? ''));
          expect(checked, `${needed} has a health check for ${name} to wait on`).toBeTruthy();
        }
      }
    const hall = compose.services['subgraph-hall']!;
    expect(hall.depends_on?.['hall-migrate']?.condition).toBe('service_completed_successfully');
    expect(compose.services['hall-migrate']!.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(hall.environment?.DATABASE_URL).toBe(compose.services['hall-migrate']!.environment?.DATABASE_URL);
    expect(hall.environment?.DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
    // Every subgraph the gateway composes is there, healthy before it starts.
    const gateway = compose.services.gateway!;
    for (const entry of gateway.environment!.SUBGRAPH_URLS!.split(',')) {
      const host = new URL(entry.split('=')[1]!).hostname;
      if (host !== 'subgraph-hall')
        expect(gateway.depends_on?.[host]?.condition, host).toBe('service_healthy');
    }
  });

  it('runs every service on a read-only file system, writing only to tmpfs and volumes', () => {
    for (const [name, s] of ours) {
      expect(s.read_only, name).toBe(true);
      expect(s.tmpfs, name).toContain('/tmp');
      const env = environmentIn(s);
      const mounted = (s.volumes ?? []).map((v) => v.split(':')[1]);
      if (SERVICE.get(name)!.settings.has('MATERIALS_DIR') && name !== 'hall-migrate')
        expect(mounted, `${name}: uploads on a volume`).toContain(env.MATERIALS_DIR);
      for (const v of s.volumes ?? []) {
        const [volume, , mode] = v.split(':');
        expect(compose.volumes, `${name}: volume ${volume}`).toHaveProperty(volume!);
        if (volume === 'identity') expect(mode, `${name} reads the identity keys only`).toBe('ro');
      }
      for (const p of s.ports ?? [])
        expect(p, `${name} publishes on this host alone`).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('wires the payment platform and the SMS gateway as npm start does', () => {
    const payment = compose.services['subgraph-payment']!;
    const platform = compose.services['legacy-payment']!;
    const env = payment.environment!;
    // The keys: what the stand-in makes in its DATA_DIR at first start (the platform's pair, the hall's
    // caller pair), read by the subgraph from the same volume.
    const mountOf = (s: ComposeService, path: string) =>
      (s.volumes ?? []).map((v) => v.split(':')).find(([, at]) => path.startsWith(`${at}/`));
    const dataDir = environmentIn(platform).DATA_DIR!;
    const [made] = (platform.volumes ?? []).map((v) => v.split(':')).find(([, at]) => at === dataDir)!;
    for (const [variable, file] of [
      ['PAYMENT_CALLER_KEY_FILE', 'caller-onething-hall-private.pem'],
      ['PAYMENT_PLATFORM_PUBLIC_KEY_FILE', 'platform-public.pem'],
    ] as const) {
      const mount = mountOf(payment, env[variable]!);
      expect(mount?.[0], `${variable} is on the volume legacy-payment makes its keys in`).toBe(made);
      expect(env[variable]!.endsWith(`/${file}`), variable).toBe(true);
    }
    expect(payment.depends_on?.['legacy-payment']?.condition).toBe('service_healthy');
    // Notifications: the platform posts to the subgraph, which relays to the hall under the hall's secret.
    expect(new URL(env.PAYMENT_NOTIFY_URL!).host).toBe('subgraph-payment:4006');
    expect(env.PAYMENT_RELAY_URL).toBe('http://subgraph-hall:4001/callbacks/payment');
    const hall = compose.services['subgraph-hall']!.environment!;
    expect(env.PAYMENT_RELAY_SECRET, 'the relay signs with what the hall checks').toBe(
      hall.PAYMENT_CALLBACK_SECRET,
    );
    // The checkout page is for the browser on this host: the stand-in publishes it there.
    const checkout = new URL(env.PAYMENT_CHECKOUT_URL!);
    expect(platform.ports).toContain(`127.0.0.1:${checkout.port}:${environmentIn(platform).PORT}`);
    // The hall texts through the SMS gateway's stand-in.
    expect(hall.SMS_URL).toBe(`http://legacy-sms:${environmentIn(compose.services['legacy-sms']!).PORT}`);
  });
});

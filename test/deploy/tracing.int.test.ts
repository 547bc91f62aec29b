import { describe, expect, it } from 'vitest';
import { type K8sObject, kubectl, OVERLAYS, podsOf, render, renderWith, validate } from './kustomize';
import { allowed, type NetworkPolicy } from './network-policy';
import { SERVICE } from './services';

/**
 * Tracing in the manifests: off as they are (no OTEL_* variable anywhere, so no service loads the SDK);
 * the production overlay's tracing component turns it on for every service, with settings each one reads,
 * a collector its network policies let it reach, and the sampling decided once, at the gateway.
 */
interface EnvVar {
  name: string;
  value?: string;
}
const containersOf = (o: K8sObject) => [
  ...(o.spec.template.spec.initContainers ?? []),
  ...o.spec.template.spec.containers,
];
const workloads = (objects: readonly K8sObject[]) =>
  objects.filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind));
/** The collector the component posts to: `http://<service>.<namespace>:<port>`. */
const collectorOf = (endpoint: string) => {
  const url = new URL(endpoint);
  const [, namespace] = url.hostname.split('.');
  return { namespace: namespace!, port: Number(url.port) };
};

describe.skipIf(!kubectl)('tracing in deploy/k8s', () => {
  for (const overlay of OVERLAYS)
    it(`is off in ${overlay}: no OTEL_* variable on any container or in any ConfigMap`, () => {
      const objects = render(overlay);
      for (const o of workloads(objects))
        for (const c of containersOf(o)) {
          const names = (c.env ?? []).map((e: EnvVar) => e.name);
          expect(
            names.filter((n: string) => n.startsWith('OTEL_')),
            `${o.metadata.name}/${c.name}`,
          ).toEqual([]);
        }
      for (const m of objects.filter((o) => o.kind === 'ConfigMap'))
        expect(
          Object.keys(m.data ?? {}).filter((k) => k.startsWith('OTEL_')),
          m.metadata.name,
        ).toEqual([]);
    });

  describe('the production overlay with its tracing component', () => {
    const plain = render('production');
    const traced = renderWith('production', ['tracing']);
    const deployments = traced.filter((o) => o.kind === 'Deployment');
    const envOf = (d: K8sObject): EnvVar[] => d.spec.template.spec.containers[0].env;
    const variable = (d: K8sObject, name: string) => envOf(d).find((e) => e.name === name)?.value;

    it('renders the same objects, valid, with only the services’ environment added to', async () => {
      const names = (objects: readonly K8sObject[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);
      expect(names(traced).sort()).toEqual(names(plain).sort());
      for (const o of traced)
        await expect(validate(o), `${o.kind} ${o.metadata.name}`).resolves.toBeUndefined();
      // The migration (no service, no trace) is left as it was.
      const migration = (objects: readonly K8sObject[]) => objects.find((o) => o.kind === 'Job');
      expect(migration(traced)).toEqual(migration(plain));
    });

    it('sets on every service only settings it reads, a variable it leans on coming first', () => {
      expect(deployments.length).toBeGreaterThan(0);
      for (const d of deployments) {
        const service = SERVICE.get(d.metadata.name)!;
        const env = envOf(d);
        expect(variable(d, 'OTEL_EXPORTER_OTLP_ENDPOINT'), d.metadata.name).toMatch(/^https?:\/\//);
        env.forEach((e, i) => {
          // A helper for $(NAME) expansion (the pod's name) is read by no service, but by a variable after it.
          const expandedLater = env.slice(i + 1).some((later) => later.value?.includes(`$(${e.name})`));
          expect(service.settings.has(e.name) || expandedLater, `${d.metadata.name} reads ${e.name}`).toBe(
            true,
          );
          for (const m of (e.value ?? '').matchAll(/\$\((\w+)\)/g))
            expect(
              env.slice(0, i).map((x) => x.name),
              `${d.metadata.name}: ${e.name} uses $(${m[1]}), defined before it`,
            ).toContain(m[1]);
        });
        // Each replica is told apart by its pod's name.
        expect(variable(d, 'OTEL_RESOURCE_ATTRIBUTES'), d.metadata.name).toMatch(
          /(^|,)service\.instance\.id=\$\(\w+\)/,
        );
        expect(new Set(env.map((e) => e.name)).size, `${d.metadata.name}: no variable set twice`).toBe(
          env.length,
        );
      }
    });

    it('samples once, at the gateway, whatever a caller sends; the services behind it follow', () => {
      for (const d of deployments) {
        const sampler = variable(d, 'OTEL_TRACES_SAMPLER');
        if (d.metadata.name === 'gateway') {
          expect(sampler).toBe('traceidratio');
          const share = Number(variable(d, 'OTEL_TRACES_SAMPLER_ARG'));
          expect(share).toBeGreaterThan(0);
          expect(share).toBeLessThanOrEqual(1);
        } else expect(sampler, d.metadata.name).toMatch(/^parentbased_/);
      }
    });

    it('posts to a collector every service may reach, on the port the network policy opens, and no other', () => {
      const policies = traced.filter((o) => o.kind === 'NetworkPolicy') as unknown as NetworkPolicy[];
      const pods = podsOf(traced);
      for (const d of deployments) {
        const { namespace, port } = collectorOf(variable(d, 'OTEL_EXPORTER_OTLP_ENDPOINT')!);
        expect(port, 'OTLP/HTTP').toBe(4318);
        const collector = {
          pod: { name: 'otel-collector', labels: { app: 'otel-collector' }, ports: { otlp: port } },
          namespace: { 'kubernetes.io/metadata.name': namespace },
        };
        const from = { pod: pods.find((p) => p.name === d.metadata.name)! };
        expect(allowed(policies, from, collector, port), `${d.metadata.name} → the collector`).toBe(true);
        // Not any namespace's pods, nor an address outside, on that port.
        const elsewhere = { ...collector, namespace: { 'kubernetes.io/metadata.name': 'default' } };
        expect(allowed(policies, from, elsewhere, port), `${d.metadata.name} → default`).toBe(false);
        expect(allowed(policies, from, { ip: '203.0.113.9' }, port), `${d.metadata.name} → outside`).toBe(
          false,
        );
      }
    });
  });
});

import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { describe, expect, it } from 'vitest';
import { kubectl, OVERLAYS, podsOf, render, validate } from './kustomize';
import { allowed, type Endpoint, type NetworkPolicy } from './network-policy';
import { chainOf, dockerfileStages, environmentOf, SERVICE, SERVICES } from './services';

/**
 * deploy/k8s: each overlay rendered by kustomize and every object validated against the Kubernetes API's
 * JSON schemas (./kustomize.ts), then held to what a deployment needs: a Deployment per service from its
 * image target with readiness (/ready) and liveness probes and resources, autoscaling and disruption
 * budgets, the hall's settings and secrets from a ConfigMap and a Secret, its migration before it rolls
 * out, and network policies under which only the gateway reaches the subgraphs and only a department's
 * subgraph reaches its department's system.
 */
const PROBE_PATHS: Record<string, { readiness: string; liveness: string }> = {
  gateway: { readiness: '/ready', liveness: '/health' },
};

const stages = dockerfileStages();
const imageTarget = (image: string) => /^onething\/([a-z-]+)(?::[\w.-]+)?$/.exec(image)?.[1];

describe.skipIf(!kubectl)('deploy/k8s, rendered by kustomize', () => {
  it('has a dev and a production overlay', () => {
    expect(OVERLAYS.sort()).toEqual(['dev', 'production']);
  });

  for (const overlay of OVERLAYS)
    describe(overlay, () => {
      const objects = render(overlay);
      const of = (kind: string) => objects.filter((o) => o.kind === kind);
      const deployments = of('Deployment');
      const production = overlay === 'production';

      it('renders only objects valid against the Kubernetes API’s schemas', async () => {
        expect(objects.length).toBeGreaterThan(20);
        for (const o of objects)
          await expect(validate(o), `${o.kind} ${o.metadata.name}`).resolves.toBeUndefined();
        // One namespace for everything namespaced.
        const namespaces = new Set(
          objects.filter((o) => o.kind !== 'Namespace').map((o) => o.metadata.namespace),
        );
        expect(namespaces.size).toBe(1);
      });

      it('runs a Deployment per service, from its image target, probed on its ready route, with resources', () => {
        const expected = SERVICES.filter((s) => s.port !== undefined && !(production && s.developmentOnly));
        expect(deployments.map((d) => d.metadata.name).sort()).toEqual(expected.map((s) => s.name).sort());
        for (const d of deployments) {
          const service = SERVICE.get(d.metadata.name)!;
          const pod = d.spec.template.spec;
          expect(pod.securityContext.runAsNonRoot, d.metadata.name).toBe(true);
          expect(pod.automountServiceAccountToken, d.metadata.name).toBe(false);
          const [c] = pod.containers;
          const target = imageTarget(c.image)!;
          expect(target, `${d.metadata.name} runs its own image`).toBe(service.name);
          const image = environmentOf(chainOf(stages, target));
          const env = {
            ...image,
            ...Object.fromEntries(
              c.env
                .filter((e: { value?: string }) => e.value)
                .map((e: { name: string; value: string }) => [e.name, e.value]),
            ),
          };
          expect(Number(env.PORT), d.metadata.name).toBe(service.port);
          expect(c.ports.find((p: { name: string }) => p.name === 'http').containerPort).toBe(service.port);
          for (const e of c.env)
            expect(service.settings.has(e.name), `${d.metadata.name} reads ${e.name}`).toBe(true);
          const paths = PROBE_PATHS[service.name] ?? {
            readiness: service.readyPath!,
            liveness: service.readyPath!,
          };
          expect(c.readinessProbe.httpGet.path, d.metadata.name).toBe(paths.readiness);
          expect(c.livenessProbe.httpGet.path, d.metadata.name).toBe(paths.liveness);
          for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe]) {
            const port = c.ports.find((p: { name: string }) => p.name === probe.httpGet.port)?.containerPort;
            expect(port, `${d.metadata.name} probes a port it declares`).toBe(
              service.adminPort && probe.httpGet.path === '/__admin/status'
                ? service.adminPort
                : service.port,
            );
          }
          expect(c.resources.requests.cpu, d.metadata.name).toBeDefined();
          expect(c.resources.requests.memory, d.metadata.name).toBeDefined();
          expect(c.resources.limits.memory, d.metadata.name).toBeDefined();
          expect(c.securityContext).toMatchObject({
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
          });
          // Writing only where a volume is mounted.
          expect(c.volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toContain('/tmp');
        }
      });

      it('scales the gateway and every subgraph on CPU, never taking the last process of one away', () => {
        const serving = deployments.filter((d) => /^(gateway|subgraph-)/.test(d.metadata.name));
        expect(serving.map((d) => d.metadata.name).sort()).toEqual(
          SERVICES.filter((s) => s.port !== undefined && /^(gateway|subgraph-)/.test(s.name))
            .map((s) => s.name)
            .sort(),
        );
        for (const d of serving) {
          const hpa = of('HorizontalPodAutoscaler').find(
            (h) => h.spec.scaleTargetRef.name === d.metadata.name,
          );
          expect(hpa, `${d.metadata.name} has an autoscaler`).toBeDefined();
          expect(hpa!.spec.scaleTargetRef.kind).toBe('Deployment');
          expect(hpa!.spec.minReplicas).toBeGreaterThanOrEqual(2);
          expect(hpa!.spec.maxReplicas).toBeGreaterThan(hpa!.spec.minReplicas);
          const labels = d.spec.template.metadata.labels;
          const pdb = of('PodDisruptionBudget').find((p) =>
            Object.entries(p.spec.selector.matchLabels).every(([k, v]) => labels[k] === v),
          );
          expect(pdb, `${d.metadata.name} has a disruption budget`).toBeDefined();
          expect(pdb!.spec.minAvailable).toBeGreaterThanOrEqual(1);
          expect(pdb!.spec.minAvailable).toBeLessThan(hpa!.spec.minReplicas);
        }
      });

      it('gives the hall its settings from a ConfigMap and its secrets from a Secret, and migrates first', () => {
        const hall = deployments.find((d) => d.metadata.name === 'subgraph-hall')!.spec.template.spec;
        const [c] = hall.containers;
        const configMap = c.envFrom.find((e: { configMapRef?: unknown }) => e.configMapRef).configMapRef.name;
        const secret = c.envFrom.find((e: { secretRef?: unknown }) => e.secretRef).secretRef.name;
        const settings = of('ConfigMap').find((m) => m.metadata.name === configMap);
        expect(settings, `the ConfigMap ${configMap} is rendered`).toBeDefined();
        for (const key of Object.keys(settings!.data!))
          expect(SERVICE.get('subgraph-hall')!.settings.has(key), `the hall reads ${key}`).toBe(true);
        for (const key of ['GATEWAY_URL', 'TOKEN_URL', 'PUBLIC_BASE_URL'])
          expect(settings!.data).toHaveProperty(key);
        // No secret in a ConfigMap.
        for (const key of [
          'DATABASE_URL',
          'HALL_CLIENT_SECRET',
          'CALLBACK_SECRETS',
          'PAYMENT_CALLBACK_SECRET',
          'SMS_ACCESS_KEY_SECRET',
          'COURIER_APP_SECRET',
        ])
          expect(settings!.data, key).not.toHaveProperty(key);
        const generated = of('Secret').find((s) => s.metadata.name === secret);
        // Development generates its secrets (the published development values); production's come from
        // the operator's secret store, never from this repository.
        if (production) expect(of('Secret')).toEqual([]);
        else
          expect(Object.keys(generated!.data!).sort()).toEqual([
            'CALLBACK_SECRETS',
            'COURIER_APP_SECRET',
            'DATABASE_URL',
            'HALL_CLIENT_SECRET',
            'PAYMENT_CALLBACK_SECRET',
            'SMS_ACCESS_KEY_SECRET',
          ]);
        // The migration: a Job run before the rollout, and each hall pod's init container as a guard.
        const job = of('Job').find((j) => j.metadata.name === 'hall-migrate')!;
        const [m] = job.spec.template.spec.containers;
        expect(imageTarget(m.image)).toBe('hall-migrate');
        expect(m.envFrom).toEqual(c.envFrom);
        expect(job.spec.template.spec.restartPolicy).toBe('Never');
        expect(job.metadata).toHaveProperty(['annotations', 'argocd.argoproj.io/hook'], 'PreSync');
        expect(hall.initContainers.map((i: { image: string }) => imageTarget(i.image))).toEqual([
          'hall-migrate',
        ]);
        expect(imageTarget(m.image)).toBe(imageTarget(hall.initContainers[0].image));
        // The migrations' image tag is the hall's: the same release.
        expect(m.image.split(':')[1]).toBe(c.image.split(':')[1]);
      });

      it('wires the payment platform and the SMS gateway: keys from Secrets, notifications relayed to the hall', () => {
        const container = (name: string) =>
          deployments.find((d) => d.metadata.name === name)!.spec.template.spec.containers[0];
        const envOf = (name: string): Record<string, string> => {
          const c = container(name);
          const fromMaps = c.envFrom
            ?.filter((e: { configMapRef?: { name: string } }) => e.configMapRef)
            .flatMap((e: { configMapRef: { name: string } }) =>
              Object.entries(of('ConfigMap').find((m) => m.metadata.name === e.configMapRef.name)!.data!),
            );
          return {
            ...Object.fromEntries(fromMaps ?? []),
            ...Object.fromEntries(
              c.env
                .filter((e: { value?: string }) => e.value !== undefined)
                .map((e: { name: string; value: string }) => [e.name, e.value]),
            ),
          };
        };
        /** The Service a URL names (`http://<service>:<port>`), with the port it serves there. */
        const serviceAt = (url: string) => {
          const { hostname, port } = new URL(url);
          const service = of('Service').find((s) => s.metadata.name === hostname);
          expect(service, `${url} names a Service`).toBeDefined();
          expect(
            service!.spec.ports.map((p: { port: number }) => String(p.port)),
            `${url}: the Service ${hostname} serves that port`,
          ).toContain(port);
          return hostname;
        };
        /** A key file is in a Secret mounted whole (so a rotation reaches the pod without a restart). */
        const inSecret = (name: string, file: string) => {
          const pod = deployments.find((d) => d.metadata.name === name)!.spec.template.spec;
          const mount = container(name).volumeMounts.find(
            (m: { mountPath: string; subPath?: string }) => file.startsWith(`${m.mountPath}/`) && !m.subPath,
          );
          expect(mount, `${name}: ${file} is mounted`).toBeDefined();
          const volume = pod.volumes.find((v: { name: string }) => v.name === mount.name);
          expect(volume.secret?.secretName, `${name}: ${file} is from a Secret`).toBeDefined();
          return volume.secret.secretName as string;
        };

        const payment = envOf('subgraph-payment');
        expect(envOf('gateway').SUBGRAPH_URLS).toContain(`payment=http://subgraph-payment:4006/graphql`);
        expect(serviceAt('http://subgraph-payment:4006/graphql')).toBe('subgraph-payment');
        // The keys: the caller's private key and the platform's public key, from one Secret.
        expect(inSecret('subgraph-payment', payment.PAYMENT_CALLER_KEY_FILE!)).toBe('subgraph-payment-keys');
        expect(inSecret('subgraph-payment', payment.PAYMENT_PLATFORM_PUBLIC_KEY_FILE!)).toBe(
          'subgraph-payment-keys',
        );
        // Notifications go on to the hall's callback, signed with the hall's own secret (never a copy).
        expect(serviceAt(payment.PAYMENT_RELAY_URL!)).toBe('subgraph-hall');
        expect(new URL(payment.PAYMENT_RELAY_URL!).pathname).toBe('/callbacks/payment');
        const hallSecret = container('subgraph-hall').envFrom.find(
          (e: { secretRef?: unknown }) => e.secretRef,
        ).secretRef.name;
        const relaySecret = container('subgraph-payment').env.find(
          (e: { name: string }) => e.name === 'PAYMENT_RELAY_SECRET',
        );
        expect(relaySecret?.valueFrom?.secretKeyRef).toEqual({
          name: hallSecret,
          key: 'PAYMENT_CALLBACK_SECRET',
        });
        for (const url of [payment.SYSTEM_URL, payment.PAYMENT_NOTIFY_URL, payment.PAYMENT_CHECKOUT_URL])
          expect(url, 'set by the overlay').toBeDefined();
        expect(new URL(payment.PAYMENT_NOTIFY_URL!).pathname).toBe('/notifications/payment');
        const hall = envOf('subgraph-hall');
        expect(hall.SMS_URL, 'the hall texts through the overlay’s SMS gateway').toBeDefined();
        if (production) {
          for (const url of [payment.SYSTEM_URL, payment.PAYMENT_NOTIFY_URL, hall.SMS_URL])
            expect(url).toMatch(/^https:\/\//);
        } else {
          // The stand-ins: the platform at its Service, posting back to the subgraph's; the SMS gateway's.
          expect(serviceAt(payment.SYSTEM_URL!)).toBe('legacy-payment');
          expect(serviceAt(payment.PAYMENT_NOTIFY_URL!)).toBe('subgraph-payment');
          expect(serviceAt(hall.SMS_URL!)).toBe('legacy-sms');
          const platform = envOf('legacy-payment');
          expect(inSecret('legacy-payment', platform.PLATFORM_PRIVATE_KEY_FILE!)).toBe('legacy-payment-keys');
          const [callerId, callerKey] = platform.CALLERS!.split('=');
          expect(callerId).toBe('onething-hall');
          expect(inSecret('legacy-payment', callerKey!)).toBe('legacy-payment-keys');
        }
      });

      it('lets only the gateway reach the subgraphs, and each system only the service that calls it', () => {
        const policies = of('NetworkPolicy') as unknown as NetworkPolicy[];
        const pods = podsOf(objects);
        const pod = (name: string) => ({ pod: pods.find((p) => p.name === name)! });
        const portOf = (name: string, port = 'http') => pod(name).pod.ports[port]!;
        const settingsOf = (prefix: string) =>
          of('ConfigMap').find((m) => m.metadata.name.startsWith(`${prefix}-settings`))!.data!;
        // The systems outside: the stand-ins' pods in development, their addresses in production; each
        // reached by the one service that calls it.
        const systems: Record<string, Endpoint & { port: number; caller: string }> = {};
        const external = (url: string) => ({
          ip: new URL(url).hostname,
          port: Number(new URL(url).port || 443),
        });
        for (const key of [...DEPARTMENT_KEYS, 'payment'])
          systems[key] = {
            ...(production
              ? external(settingsOf(`subgraph-${key}`).SYSTEM_URL!)
              : { ...pod(`legacy-${key}`), port: portOf(`legacy-${key}`) }),
            caller: `subgraph-${key}`,
          };
        systems.sms = {
          ...(production
            ? external(settingsOf('hall').SMS_URL!)
            : { ...pod('legacy-sms'), port: portOf('legacy-sms') }),
          caller: 'subgraph-hall',
        };
        const departmentStandIns = DEPARTMENT_KEYS.map((d) => `legacy-${d}`);
        for (const from of pods) {
          for (const to of pods.filter((p) => p.labels['app.kubernetes.io/component'] === 'subgraph')) {
            const may = allowed(policies, { pod: from }, { pod: to }, to.ports.http!);
            // Besides the gateway: the departments call the hall back, the SMS gateway posts it its
            // delivery reports, the payment subgraph relays the platform's notifications to it, and the
            // platform posts them to the payment subgraph.
            const besides =
              (to.name === 'subgraph-hall' &&
                (departmentStandIns.includes(from.name) ||
                  from.name === 'legacy-sms' ||
                  from.name === 'subgraph-payment')) ||
              (to.name === 'subgraph-payment' && from.name === 'legacy-payment');
            expect(may, `${from.name} → ${to.name}`).toBe(from.name === 'gateway' || besides);
          }
          for (const [key, system] of Object.entries(systems)) {
            const may = allowed(policies, { pod: from }, system, system.port);
            expect(may, `${from.name} → the ${key} system`).toBe(from.name === system.caller);
          }
        }
        // Anyone may reach the gateway; the stand-ins' admin ports (faults) no one in the cluster, the
        // courier's (which nothing posts through yet) no port at all.
        for (const from of pods) {
          expect(
            allowed(policies, { pod: from }, pod('gateway'), portOf('gateway')),
            `${from.name} → gateway`,
          ).toBe(true);
          for (const to of pods.filter((p) => p.ports.admin))
            expect(
              allowed(policies, { pod: from }, { pod: to }, to.ports.admin!),
              `${from.name} → ${to.name} admin`,
            ).toBe(false);
          if (!production)
            expect(allowed(policies, { pod: from }, pod('legacy-courier'), portOf('legacy-courier'))).toBe(
              false,
            );
        }
        if (production) {
          // The departments' systems call the hall back, the payment platform the payment subgraph; the
          // gateway is not reached from them otherwise.
          expect(allowed(policies, systems.tax!, pod('subgraph-hall'), portOf('subgraph-hall'))).toBe(true);
          expect(allowed(policies, systems.tax!, pod('subgraph-tax'), portOf('subgraph-tax'))).toBe(false);
          expect(allowed(policies, systems.tax!, pod('subgraph-payment'), portOf('subgraph-payment'))).toBe(
            false,
          );
          expect(
            allowed(policies, systems.payment!, pod('subgraph-payment'), portOf('subgraph-payment')),
          ).toBe(true);
          expect(allowed(policies, systems.payment!, pod('subgraph-hall'), portOf('subgraph-hall'))).toBe(
            false,
          );
        }
      });
    });
});

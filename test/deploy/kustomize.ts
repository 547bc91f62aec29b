import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Pod } from './network-policy';
import { ROOT } from './services';

/**
 * deploy/k8s as the cluster receives it: an overlay rendered by kustomize (`kubectl kustomize`, as
 * `kubectl apply -k` renders it), with components added when asked, and each object validated against the
 * Kubernetes API's JSON schemas (kubernetes-models, which carries them compiled: nothing downloaded).
 */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // Manifests are checked field by field by the tests.
  spec?: any;
  data?: Record<string, string>;
}

export const OVERLAYS = readdirSync(join(ROOT, 'deploy/k8s/overlays'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/** Whether kubectl runs here; with REQUIRE_KUBECTL set, its absence is an error rather than a skip. */
export const kubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.REQUIRE_KUBECTL)
      throw new Error('kubectl is required (REQUIRE_KUBECTL=1) but cannot be run: apt-get install kubectl');
    return false;
  }
})();

const parse = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as K8sObject);

/** An overlay as kustomize renders it. */
export function render(overlay: string): K8sObject[] {
  return parse(
    execFileSync('kubectl', ['kustomize', join(ROOT, 'deploy/k8s/overlays', overlay)], { encoding: 'utf8' }),
  );
}

/**
 * An overlay with components added (paths relative to the overlay), as an operator's kustomization that
 * names the overlay and them would render it (kustomize takes only relative paths).
 */
export function renderWith(overlay: string, components: readonly string[]): K8sObject[] {
  const dir = mkdtempSync(join(tmpdir(), 'kustomize-'));
  try {
    const base = relative(dir, join(ROOT, 'deploy/k8s/overlays', overlay));
    writeFileSync(
      join(dir, 'kustomization.yaml'),
      JSON.stringify({
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: [base],
        components: components.map((c) => join(base, c)),
      }),
    );
    return parse(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Checks an object against its kind's schema (the model kubernetes-models lays out for it). */
export async function validate(o: K8sObject): Promise<void> {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : [undefined, o.apiVersion];
  const module = `kubernetes-models/${group ? `${group}/` : ''}${version}/${o.kind}`;
  const models = (await import(module)) as Record<string, new (data: unknown) => { validate(): void }>;
  // kustomize wraps a Secret's base64 at 70 columns; the API server's decoder (Go's) skips the line
  // breaks, the schema's "byte" format does not: the value is checked as the server reads it.
  const data =
    o.kind === 'Secret' && o.data
      ? Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, v.replace(/\s+/g, '')]))
      : o.data;
  new models[o.kind]!({ ...o, ...(data ? { data } : {}) }).validate();
}

/** The pods the workloads (Deployments, StatefulSets, Jobs) make: their labels and named ports. */
export function podsOf(objects: readonly K8sObject[]): Pod[] {
  return objects
    .filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind))
    .map((d) => {
      const template = d.spec.template;
      const ports = Object.fromEntries(
        template.spec.containers.flatMap((c: { ports?: { name: string; containerPort: number }[] }) =>
          (c.ports ?? []).map((p) => [p.name, p.containerPort]),
        ),
      );
      return { name: d.metadata.name, labels: template.metadata.labels, ports };
    });
}

/**
 * Kubernetes NetworkPolicy semantics (networking.k8s.io/v1), for the pods of one namespace, the pods of
 * others and addresses outside, as a conforming network plugin enforces them: a pod selected by no policy
 * of a direction is open in that direction; a pod selected by some is reachable, or reaches, only what one
 * of their rules allows (selectors by label, IP blocks, ports by number or name). The policies are the
 * namespace's own: they select its pods alone. Only what our manifests use: matchLabels, an empty
 * selector, namespaceSelector (with a podSelector or not), ipBlock with except.
 */
export interface Pod {
  readonly name: string;
  readonly labels: Record<string, string>;
  /** Container ports by name. */
  readonly ports: Record<string, number>;
}

export interface NetworkPolicy {
  readonly spec: {
    readonly podSelector: Selector;
    readonly policyTypes?: readonly ('Ingress' | 'Egress')[];
    readonly ingress?: readonly Rule[];
    readonly egress?: readonly Rule[];
  };
}
interface Selector {
  readonly matchLabels?: Record<string, string>;
}
interface Peer {
  readonly podSelector?: Selector;
  readonly namespaceSelector?: Selector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}
interface Rule {
  readonly from?: readonly Peer[];
  readonly to?: readonly Peer[];
  readonly ports?: readonly { readonly port?: number | string; readonly protocol?: string }[];
}

/**
 * One end of a connection: a pod of this namespace, a pod of another (with that namespace's labels, e.g.
 * `kubernetes.io/metadata.name`), or an address outside the cluster.
 */
export type Endpoint =
  | { readonly pod: Pod; readonly namespace?: Record<string, string> }
  | { readonly ip: string };

const selects = (selector: Selector, labels: Record<string, string>) =>
  Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);

const ipNumber = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipNumber(base!) / size) * size;
  return ipNumber(ip) >= start && ipNumber(ip) < start + size;
}

function peerMatches(peer: Peer, other: Endpoint): boolean {
  if (peer.ipBlock)
    return (
      'ip' in other &&
      inCidr(other.ip, peer.ipBlock.cidr) &&
      !(peer.ipBlock.except ?? []).some((c) => inCidr(other.ip, c))
    );
  if (!('pod' in other)) return false;
  // A namespaceSelector names pods of the namespaces it selects (ours is never labelled as one of them
  // here); a podSelector alone, pods of this namespace.
  if (peer.namespaceSelector)
    return (
      other.namespace !== undefined &&
      selects(peer.namespaceSelector, other.namespace) &&
      selects(peer.podSelector ?? {}, other.pod.labels)
    );
  return other.namespace === undefined && selects(peer.podSelector ?? {}, other.pod.labels);
}

function portMatches(rule: Rule, port: number, target: Pod | undefined): boolean {
  if (!rule.ports || rule.ports.length === 0) return true;
  return rule.ports.some((p) =>
    p.port === undefined
      ? true
      : typeof p.port === 'number'
        ? p.port === port
        : target?.ports[p.port] === port,
  );
}

const typesOf = (p: NetworkPolicy) =>
  p.spec.policyTypes ?? (p.spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);

/** Whether `from` may open a connection to `to` on `port`, under these policies. */
export function allowed(
  policies: readonly NetworkPolicy[],
  from: Endpoint,
  to: Endpoint,
  port: number,
): boolean {
  // A pod of another namespace is under that namespace's policies, which are not these.
  const ours = (e: Endpoint): e is { pod: Pod } => 'pod' in e && e.namespace === undefined;
  const egressOk = (() => {
    if (!ours(from)) return true;
    const applying = policies.filter(
      (p) => typesOf(p).includes('Egress') && selects(p.spec.podSelector, from.pod.labels),
    );
    if (applying.length === 0) return true;
    return applying.some((p) =>
      (p.spec.egress ?? []).some(
        (r) =>
          (!r.to || r.to.length === 0 || r.to.some((peer) => peerMatches(peer, to))) &&
          portMatches(r, port, 'pod' in to ? to.pod : undefined),
      ),
    );
  })();
  const ingressOk = (() => {
    if (!ours(to)) return true;
    const applying = policies.filter(
      (p) => typesOf(p).includes('Ingress') && selects(p.spec.podSelector, to.pod.labels),
    );
    if (applying.length === 0) return true;
    return applying.some((p) =>
      (p.spec.ingress ?? []).some(
        (r) =>
          (!r.from || r.from.length === 0 || r.from.some((peer) => peerMatches(peer, from))) &&
          portMatches(r, port, to.pod),
      ),
    );
  })();
  return egressOk && ingressOk;
}
